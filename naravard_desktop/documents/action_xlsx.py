"""The action register as an Excel workbook: one sheet of the action items the filters let
through, in the order the window shows them (what, who, due, done, status, meeting, §, plan
activity), dates as dates and § as
numbers so Excel sorts and filters them, the group and the day above the table and the
filters in words below it. Every text cell goes through documents/cell_safety (an action
item typed as "=…" stays text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from naravard_desktop.documents.spreadsheets import Table, xlsx_bytes
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.meetings.action_register import described, status_label
from naravard_desktop.services.meetings.read_models import (
    ActionData,
    ActionFilter,
    ActionRegister,
)
from naravard_desktop.services.system.spreadsheets import CellValue

# The widest each column may be (in characters) before its text wraps.
_WIDTHS = {0: 60, 1: 25, 7: 45}
_PARAGRAPH = 6


def action_table(
    register: ActionRegister,
    rows: Sequence[ActionData],
    chosen: ActionFilter,
    *,
    group: str,
    today: dt.date,
) -> Table:
    """`rows` of `register`, the ones `chosen` lets through, as a sheet."""
    header: list[CellValue] = [
        _("What"),
        _("Who"),
        _("Due"),
        _("Done"),
        _("Status"),
        _("Meeting"),
        "§",
        _("Plan activity"),
    ]
    body: list[list[CellValue]] = [
        [
            row.what,
            row.who or None,
            row.due_on,
            row.done_on if row.done else None,
            status_label(row, today),
            row.meeting_on,
            row.paragraph or None,
            register.activity(row) or None,
        ]
        for row in rows
    ]
    title = _("Action items of {group}, {date}").format(group=group, date=format_iso_date(today))
    return Table(
        _("Action items"),
        header,
        body,
        above=[[title]],
        below=[_("Chosen: {filters}.").format(filters=described(chosen))],
        max_widths=_WIDTHS,
        right_aligned=(_PARAGRAPH,),
    )


def actions_xlsx(
    register: ActionRegister,
    rows: Sequence[ActionData],
    chosen: ActionFilter,
    *,
    group: str,
    today: dt.date,
) -> bytes:
    table = action_table(register, rows, chosen, group=group, today=today)
    return xlsx_bytes([table], title=str(table.above[0][0]))
