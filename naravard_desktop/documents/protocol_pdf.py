"""The protocol (protokoll) of a meeting as an archivable PDF/A-2b, laid out like a
municipality's own: header, facts and attendance, each § with Beslut and Åtgärder, and the
signature block for Sekreterare, Ordförande and Justerare."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from naravard_desktop import i18n
from naravard_desktop.documents import meeting_text as words
from naravard_desktop.documents.escaped_text import escaped_paragraph
from naravard_desktop.documents.meeting_facts import protocol_facts
from naravard_desktop.documents.meeting_pages import build_meeting_pdf
from naravard_desktop.documents.meeting_pdf import (
    CONTENT_WIDTH,
    INDENT,
    facts,
    header,
    keep_item,
    keep_item_with,
    markup,
    meeting_styles,
    notes,
    para,
    rule,
    table_style,
)
from naravard_desktop.documents.pdf import INK
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.protocol_model import ItemLine, ProtocolData

Styles = dict[str, Any]


def protocol_pdf(data: ProtocolData) -> bytes:
    """The protocol as PDF/A-2b bytes, in the protocol's language (data.language)."""
    with i18n.use_language(data.language):
        styles = meeting_styles()
        return build_meeting_pdf(
            data,
            [*_front(data, styles), *_items(data, styles)],
            title=words.protocol_document_title(data),
            subject=words.protocol_subject(data),
            keywords=_("protocol"),
            footer=words.protocol_footer(data),
            running=words.running_label(_("Protocol"), data),
            draft=words.draft_mark() if words.is_draft(data) else "",
        )


def _front(data: ProtocolData, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        header(data, _("Protocol"), words.meeting_label(data), styles),
        Spacer(1, 3 * mm),
    ]
    revision = words.revision_text(data)
    if revision:
        story += [para(revision, styles["revision"]), Spacer(1, 2 * mm)]
    story += [rule(thickness=1.2), facts(protocol_facts(data), styles), rule(thickness=1.2)]
    return story


def _heading(item: ItemLine, styles: Styles) -> Table:
    table = Table(
        [
            [
                para(f"§ {item.paragraph}", styles["item_number"]),
                para(item.title, styles["item_title"]),
            ]
        ],
        colWidths=[INDENT, CONTENT_WIDTH - INDENT],
        hAlign="LEFT",
    )
    table.setStyle(table_style(top=8, bottom=3))
    table.keepWithNext = True
    return table


def _bullets(lines: list[str], styles: Styles) -> list[Flowable]:
    style = styles["bullet"]
    return [escaped_paragraph(markup(line, style.fontName), style, "•") for line in lines]


def _item(item: ItemLine, data: ProtocolData, styles: Styles) -> list[Flowable]:
    """The flowables of one §: heading, presenter, notes, Beslut, Åtgärder, attachments."""
    body: list[Flowable] = []
    if item.presenter:
        body.append(para(words.presenter_text(item.presenter), styles["presenter"]))
    added = words.standard_item_text(item, data)
    if added:
        body.append(para(added, styles["text"]))
    body += notes(item.notes, styles["text"])
    if item.carried_actions:
        body.append(para(_("Open actions from earlier meetings"), styles["sublabel"]))
        body += _bullets([words.carried_text(a) for a in item.carried_actions], styles)
    if item.decision:
        body.append(para(_("Decision"), styles["sublabel"]))
        body += notes(item.decision, styles["text"])
    if item.actions:
        body.append(para(_("Actions"), styles["sublabel"]))
        body += _bullets([words.action_text(a) for a in item.actions], styles)
    if item.attachments:
        body.append(para(words.attachments_text(item.attachments), styles["note"]))
    return [_heading(item, styles), *body]


def _items(data: ProtocolData, styles: Styles) -> list[Flowable]:
    """Every §, then the signatures, kept with (the end of) the last § on its page."""
    story: list[Flowable] = []
    for item in data.items[:-1]:
        story += keep_item(_item(item, data, styles))
    last = _item(data.items[-1], data, styles) if data.items else []
    return story + keep_item_with(last, _signatures(data, styles))


def _signatures(data: ProtocolData, styles: Styles) -> list[Flowable]:
    """Underskrifter: a line per person, the role above it and the name below, two per row."""
    lines = words.signatures(data)
    column = (CONTENT_WIDTH - 12 * mm) / 2
    cells: list[list[Any]] = []
    for start in range(0, len(lines), 2):
        row: list[Any] = [
            [
                para(line.role_label, styles["sign_label"]),
                Spacer(1, 12 * mm),
                HRFlowable(width=column - 8 * mm, thickness=0.6, color=INK, hAlign="LEFT"),
                Spacer(1, 1.5 * mm),
                para(line.name or " ", styles["sign_name"]),
            ]
            for line in lines[start : start + 2]
        ]
        cells.append(row + [""] * (2 - len(row)))
    table = Table(cells, colWidths=[column + 12 * mm, column], hAlign="LEFT")
    table.setStyle(table_style(bottom=8 * mm))
    return [
        Spacer(1, 4 * mm),
        rule(thickness=1.2),
        para(_("Signatures"), styles["section"]),
        table,
        para(words.approval_text(data), styles["body"]),
    ]
