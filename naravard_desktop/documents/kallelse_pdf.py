"""The notice of a meeting with its agenda (kallelse med dagordning) as a PDF/A-2b: who is
invited, the agenda with planned times, attachments, and open action items to follow up."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from naravard_desktop import i18n
from naravard_desktop.documents import meeting_text as words
from naravard_desktop.documents.meeting_facts import kallelse_facts
from naravard_desktop.documents.meeting_pages import build_meeting_pdf
from naravard_desktop.documents.meeting_pdf import (
    CONTENT_WIDTH,
    facts,
    header,
    meeting_styles,
    para,
    rule,
    table_style,
)
from naravard_desktop.documents.pdf import RULE
from naravard_desktop.i18n import _, format_iso_date, format_time
from naravard_desktop.services.meetings.protocol_model import ProtocolData

Styles = dict[str, Any]
SHADE = "#eef2f5"


def kallelse_pdf(data: ProtocolData) -> bytes:
    """The kallelse as PDF/A-2b bytes, in the meeting's language (data.language)."""
    with i18n.use_language(data.language):
        return build_meeting_pdf(
            data,
            _story(data, meeting_styles()),
            title=words.kallelse_title(data),
            subject=_("Notice of meeting with agenda"),
            keywords=_("notice of meeting"),
            footer=words.kallelse_footer(data),
            running=words.running_label(_("Notice of meeting"), data),
        )


def _story(data: ProtocolData, styles: Styles) -> list[Flowable]:
    return [
        header(data, _("Notice"), words.meeting_label(data), styles),
        Spacer(1, 3 * mm),
        rule(thickness=1.2),
        para(
            _("You are invited to a meeting of {group}.").format(group=data.group_name),
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        facts(kallelse_facts(data), styles),
        rule(thickness=1.2),
        *_agenda(data, styles),
        *_actions_and_closing(data, styles),
    ]


def _shaded_table(rows: list[list[Any]], widths: list[float]) -> Table:
    """A table of the kallelse: its heading row shaded (and repeated on a new page), a thin
    rule under every row."""
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            left=3,
            right=3,
            top=3,
            bottom=4,
        )
    )
    return table


def _agenda(data: ProtocolData, styles: Styles) -> list[Flowable]:
    cell, bold, small = styles["cell"], styles["cell_bold"], styles["small"]
    rows: list[list[Any]] = [
        [
            para("§", bold),
            para(_("Item"), bold),
            para(_("Presenter"), bold),
            para(_("Time"), bold),
            para(_("Min."), bold),
        ]
    ]
    # Without any planned minutes every item "starts" at the meeting's start: no times then.
    timed = any(item.planned_minutes is not None for item in data.items)
    for item in data.items:
        title: list[Flowable] = [para(item.title, cell)]
        if item.attachments:
            title.append(para(words.attachments_text(item.attachments), small))
        if item.carried_actions:
            title.append(
                para(
                    _("Open actions to follow up: {count}").format(count=len(item.carried_actions)),
                    small,
                )
            )
        rows.append(
            [
                para(f"§ {item.paragraph}", cell),
                title,
                para(item.presenter, cell),
                para(format_time(item.planned_start) if timed and item.planned_start else "", cell),
                para(str(item.planned_minutes) if item.planned_minutes is not None else "", cell),
            ]
        )
    # The same end as in the heading: the end time set for the meeting, else the agenda's.
    end = words.planned_end(data)
    if end is not None and data.items:
        label = _("Meeting ends") if data.ends_at else _("Planned end")
        rows.append(["", para(label, small), "", para(format_time(end), small), ""])
    widths = [14 * mm, 0.0, 38 * mm, 16 * mm, 12 * mm]
    widths[1] = CONTENT_WIDTH - sum(widths)
    return [para(_("Agenda"), styles["section"]), _shaded_table(rows, widths)]


def _open_actions(data: ProtocolData, styles: Styles) -> list[Flowable]:
    carried = [(item, action) for item in data.items for action in item.carried_actions]
    if not carried:
        return []
    cell, bold = styles["cell"], styles["cell_bold"]
    rows: list[list[Any]] = [
        [
            para(_("Action"), bold),
            para(_("Responsible person"), bold),
            para(_("Due"), bold),
            para(_("Decided at"), bold),
            para(_("Taken up under"), bold),
        ]
    ]
    for item, action in carried:
        decided = words.long_date(action.from_meeting_on) if action.from_meeting_on else ""
        if action.from_paragraph is not None:
            decided = f"{decided}, § {action.from_paragraph}".lstrip(", ")
        rows.append(
            [
                para(action.what, cell),
                para(action.who, cell),
                para(format_iso_date(action.due_on), cell),
                para(decided, cell),
                para(f"§ {item.paragraph}", cell),
            ]
        )
    # "Beslutad vid" holds "28 september 2026," on one line (a date never breaks).
    widths = [0.0, 30 * mm, 24 * mm, 37 * mm, 20 * mm]
    widths[0] = CONTENT_WIDTH - sum(widths)
    heading = para(_("Open actions to follow up"), styles["section"])
    heading.keepWithNext = True
    return [heading, _shaded_table(rows, widths)]


def _actions_and_closing(data: ProtocolData, styles: Styles) -> list[Flowable]:
    """The open actions go on with the sign-off, so it never stands alone on a page."""
    open_actions = _open_actions(data, styles)
    if not open_actions:
        return _closing(data, styles)
    return [KeepTogether([*open_actions, *_closing(data, styles)])]


def _closing(data: ProtocolData, styles: Styles) -> list[Flowable]:
    """Whom to tell of an absence and how, and the sign-off, together on one page."""
    story: list[Flowable] = [Spacer(1, 6 * mm)]
    contact = words.absence_contact(data)
    if contact:
        story.append(para(contact, styles["body"]))
    if data.chair or data.secretary:
        story.append(Spacer(1, 4 * mm))
        if data.chair:
            story.append(para(", ".join((data.chair, _("chair"))), styles["body"]))
        if data.secretary:
            story.append(para(", ".join((data.secretary, _("secretary"))), styles["body"]))
    return [KeepTogether(story)]
