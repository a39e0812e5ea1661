"""The notice of a meeting with its agenda (kallelse med dagordning) as a PDF/A-2b: who is
invited, the agenda with planned times, attachments, and open action items to follow up."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from naravard_desktop import i18n
from naravard_desktop.documents import meeting_text as words
from naravard_desktop.documents.meeting_pdf import (
    CONTENT_WIDTH,
    MARGINS_MM,
    drawable,
    facts,
    header,
    meeting_styles,
    para,
    rule,
    running_header,
    table_style,
)
from naravard_desktop.documents.pdf import RULE, PdfInfo, build_pdf, to_pdfa
from naravard_desktop.i18n import _, format_iso_date, format_time
from naravard_desktop.services.meetings.protocol_model import ProtocolData

Styles = dict[str, Any]
SHADE = "#eef2f5"


def kallelse_pdf(data: ProtocolData) -> bytes:
    """The kallelse as PDF/A-2b bytes, in the meeting's language (data.language)."""
    with i18n.use_language(data.language):
        styles = meeting_styles()
        info = PdfInfo(
            title=words.kallelse_title(data),
            author=data.group_name,
            subject=_("Notice of meeting with agenda"),
            language=i18n.current_language(),
            keywords=_("notice of meeting"),
        )
        story: list[Flowable] = [
            header(data, _("Notice"), words.meeting_label(data), styles),
            Spacer(1, 3 * mm),
            rule(thickness=1.2),
            para(
                _("You are invited to a meeting of {group}.").format(group=data.group_name),
                styles["body"],
            ),
            Spacer(1, 2 * mm),
            facts(_fact_rows(data), styles),
            rule(thickness=1.2),
            *_agenda(data, styles),
            *_actions_and_closing(data, styles),
        ]
        pdf = build_pdf(
            story,
            info,
            margins_mm=MARGINS_MM,
            footer_left=drawable(words.kallelse_footer(data)),
            on_page=running_header(
                " · ".join(
                    (
                        _("Notice of meeting"),
                        words.meeting_label(data),
                        words.long_date(data.held_on),
                    )
                )
            ),
        )
        return to_pdfa(pdf, info)


def _fact_rows(data: ProtocolData) -> list[words.FactRow]:
    people = words.invited(data)
    rows: list[words.FactRow] = [(_("Date"), words.long_date(data.held_on), False)]
    when = words.time_range(data, planned=True)
    if when:
        rows.append((_("Time"), when, False))
    rows.append((_("Place"), data.place, False))
    rows.append((_("Invited"), "", False))
    rows.append((_("Members"), people.members or "–", True))
    if people.substitutes:
        rows.append((_("Substitutes"), people.substitutes, True))
    if people.others:
        rows.append((_("Others"), people.others, True))
    return rows


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
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return [para(_("Agenda"), styles["section"]), table]


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
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    heading = para(_("Open actions to follow up"), styles["section"])
    heading.keepWithNext = True
    return [heading, table]


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
