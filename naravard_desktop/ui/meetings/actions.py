"""Action items (åtgärder): a table per agenda item (what, who, due date, plan activity,
done) with add, edit, remove and undo; the same table lists the open items carried from
earlier meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, format_date, format_iso_date
from naravard_desktop.services.meetings.read_models import ActionData
from naravard_desktop.services.plan.read_models import SEPARATOR
from naravard_desktop.ui.table_model import ROW_ROLE, ColumnSpec, Index, RowTableModel

__all__ = ["ROW_ROLE", "ActionsModel", "Column"]

LATE_COLOUR = QColor("#b00020")


class Column(IntEnum):
    ORIGIN = 0  # only shown for carried items
    WHAT = 1
    WHO = 2
    DUE = 3
    ACTIVITY = 4  # "Plan › område › aktivitet" when linked
    DONE = 5


def _origin(row: ActionData) -> str:
    return _("§ {paragraph}, {date}").format(
        paragraph=row.paragraph, date=format_date(row.meeting_on)
    )


class ActionsModel(RowTableModel[ActionData]):
    """Rows of services.actions; the Done column is a check box that asks for a change."""

    done_toggled = QtSignal(int, bool)  # action id, done

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[ColumnSpec[ActionData]] = [
            ColumnSpec(lambda: _("From"), _origin),
            ColumnSpec(
                lambda: _("What"), lambda r: " ".join(r.what.split()), tooltip=lambda r: r.what
            ),
            ColumnSpec(lambda: _("Who"), lambda r: r.who),
            ColumnSpec(
                lambda: _("Due"), lambda r: format_iso_date(r.due_on), foreground=self._late
            ),
            # The activity itself; the plan and area are in the tooltip (a narrow column
            # showed only the plan's name, the same on every row).
            ColumnSpec(
                lambda: _("Plan activity"),
                lambda r: self.activity_label(r).rpartition(SEPARATOR)[2],
                tooltip=lambda r: self.activity_label(r) or None,
            ),
            ColumnSpec(
                lambda: _("Done"),
                lambda r: format_iso_date(r.done_on) if r.done else "",
                checked=lambda r: r.done,
            ),
        ]
        super().__init__(columns, lambda r: r.id, parent)
        self._activities: dict[int, str] = {}
        self.locked = False  # text can not change; marking done still can
        self.today = dt.date.today()

    def set_rows(
        self, rows: Sequence[ActionData], activities: dict[int, str] | None = None
    ) -> None:
        """`activities`: the label of each linked plan activity, by id."""
        self._activities = dict(activities or {})
        self.today = dt.date.today()
        super().set_rows(rows)

    def activity_label(self, row: ActionData) -> str:
        if row.activity_id is None:
            return ""
        return self._activities.get(row.activity_id, "")

    def _late(self, row: ActionData) -> QColor | None:
        late = row.due_on is not None and row.due_on < self.today and not row.done
        return LATE_COLOUR if late else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.DONE:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if done != row.done:
            self.done_toggled.emit(row.id, done)
        return False  # the panel saves and reloads
