"""The protocol as a Word document (DOCX) for groups that must edit it in Word or LibreOffice:
the same content as the PDF, with Heading styles per §, tables for facts, attendance and
signatures, and "Sida X av Y" as PAGE/NUMPAGES fields in the footer."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

from naravard_desktop import i18n
from naravard_desktop.export import meeting_text as words
from naravard_desktop.i18n import _
from naravard_desktop.services.protocol_model import ItemLine, ProtocolData

FONT = "Calibri"
INDENT_MM = 16  # the text of a § starts right of "§ 12", as in the PDF
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
MUTED = "5A5A5A"
HEADING = "1F3F5B"
_LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def protocol_docx(data: ProtocolData) -> bytes:
    """The protocol as DOCX bytes, in the protocol's language (data.language)."""
    import docx  # python-docx is imported only when a DOCX is written (start-up time)

    with i18n.use_language(data.language):
        document = docx.Document()
        _set_up(document, data)
        _front(document, data)
        for item in data.items:
            _item(document, item)
        _signatures(document, data)
        _footer(document, data)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


# --- document set-up --------------------------------------------------------------------


def _set_up(document: Any, data: ProtocolData) -> None:
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    section.footer_distance = Mm(8)
    language = _LANGUAGE_TAGS.get(i18n.current_language(), "sv-SE")
    normal = document.styles["Normal"]
    _style_font(normal, size=Pt(10.5), language=language)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 12), ("Heading 2", 11)):
        style = document.styles[name]
        _style_font(style, size=Pt(size), language=language)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(HEADING)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(3)
    heading = document.styles["Heading 2"].paragraph_format
    heading.left_indent = Mm(INDENT_MM)
    heading.first_line_indent = -Mm(INDENT_MM)
    heading.tab_stops.add_tab_stop(Mm(INDENT_MM))
    properties = document.core_properties
    properties.title = words.protocol_title(data)
    properties.author = words.clean(data.group_name)
    properties.last_modified_by = words.clean(data.group_name)
    properties.subject = words.protocol_subject(data)
    properties.language = language
    properties.keywords = _("protocol")
    properties.comments = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = max(1, data.revision)


def _style_font(style: Any, *, size: Any, language: str) -> None:
    """Calibri for every script (also complex scripts: Arabic, Hebrew), no theme fonts, and the
    document language so Word and LibreOffice check the spelling in Swedish."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    style.font.size = size
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), FONT)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


# --- text helpers -----------------------------------------------------------------------


def _text(paragraph: Any, text: str, **formatting: Any) -> Any:
    """Add `text` as runs, its line breaks as real line breaks; returns the last run."""
    run = None
    for number, line in enumerate(words.clean(text).split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)
        _format(run, **formatting)
    return run


def _format(run: Any, **formatting: Any) -> None:
    from docx.shared import RGBColor

    for name, value in formatting.items():
        if name == "color":
            run.font.color.rgb = RGBColor.from_string(value)
        elif name == "size":
            run.font.size = value
        else:
            setattr(run, name, value)


def _indented(document: Any, text: str = "", style: str | None = None, **formatting: Any) -> Any:
    from docx.shared import Mm

    paragraph = document.add_paragraph(style=style)
    paragraph.paragraph_format.left_indent = Mm(INDENT_MM)
    if text:
        _text(paragraph, text, **formatting)
    return paragraph


def _bullet(document: Any, text: str) -> None:
    """A bullet line under the text of a § (the list style alone would start at the margin)."""
    from docx.shared import Mm

    paragraph = _indented(document, text, style="List Bullet")
    paragraph.paragraph_format.left_indent = Mm(INDENT_MM + 5)
    paragraph.paragraph_format.first_line_indent = -Mm(5)
    paragraph.paragraph_format.space_after = 0


def _borderless(table: Any, widths_mm: list[float]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


# --- content ------------------------------------------------------------------------------


def _front(document: Any, data: ProtocolData) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    header = document.add_table(rows=1, cols=3)
    _borderless(header, [40, TEXT_WIDTH_MM - 40 - 40, 40])
    logo_cell, name_cell, kind_cell = header.rows[0].cells
    _logo(logo_cell.paragraphs[0], data.logo)
    _text(name_cell.paragraphs[0], data.group_name, bold=True, size=Pt(13))
    if data.principals_line:
        _text(name_cell.add_paragraph(), data.principals_line, color=MUTED, size=Pt(9.5))
    kind = kind_cell.paragraphs[0]
    kind.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _text(kind, _("Protocol").upper(), bold=True, size=Pt(15))
    number = kind_cell.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _text(number, words.meeting_label(data), color=MUTED)
    if not data.logo:
        logo_cell.merge(name_cell)
    revision = words.revision_text(data)
    if revision:
        _text(document.add_paragraph(), revision, bold=True, color="8B1F1F")
    rows = _fact_rows(data)
    table = document.add_table(rows=len(rows), cols=2)
    _borderless(table, [42, TEXT_WIDTH_MM - 42])
    for row, (label, value, indented) in zip(table.rows, rows, strict=True):
        label_paragraph = row.cells[0].paragraphs[0]
        if indented:
            label_paragraph.paragraph_format.left_indent = Mm(4)
        _text(label_paragraph, label, bold=not indented)
        _text(row.cells[1].paragraphs[0], value)
    _bottom_border(document.add_paragraph())


def _logo(paragraph: Any, data: bytes | None) -> None:
    from docx.shared import Mm

    if not data:
        return
    try:
        picture = paragraph.add_run().add_picture(BytesIO(data), height=Mm(18))
    except Exception:  # an unreadable logo must not stop the protocol
        return
    if picture.width > Mm(42):
        ratio = Mm(42) / picture.width
        picture.width, picture.height = Mm(42), int(picture.height * ratio)


def _fact_rows(data: ProtocolData) -> list[tuple[str, str, bool]]:
    people = words.attendance(data)
    rows = [(_("Date"), words.long_date(data.held_on), False)]
    when = words.time_range(data)
    if when:
        rows.append((_("Time"), when, False))
    rows.append((_("Place"), data.place, False))
    rows.append((_("Present"), "", False))
    rows.append((_("Members"), "\n".join(people.members) or "–", True))
    if people.substitutes:
        rows.append((_("Substitutes"), "\n".join(people.substitutes), True))
    if people.others:
        rows.append((_("Others present"), "\n".join(people.others), True))
    if people.absent:
        rows.append((_("Absent"), "\n".join(people.absent), False))
    if data.adjusters:
        rows.append((_("Adjusters"), words.names_and(list(data.adjusters)), False))
    paragraphs = words.paragraph_range(data)
    if paragraphs:
        rows.append((_("Paragraphs"), paragraphs, False))
    return rows


def _item(document: Any, item: ItemLine) -> None:
    from docx.shared import Pt

    heading = document.add_heading(level=2)
    heading.add_run(f"§ {item.paragraph}").add_tab()
    _text(heading, item.title)
    if item.presenter:
        _indented(document, words.presenter_text(item.presenter), italic=True)
    for lines in words.blocks(item.notes):
        _indented(document, "\n".join(lines))
    if item.carried_actions:
        _indented(document, _("Open actions from earlier meetings"), bold=True)
        for action in item.carried_actions:
            _bullet(document, words.carried_text(action))
    if item.decision:
        label = _indented(document, _("Decision"), bold=True)
        label.paragraph_format.keep_with_next = True
        for lines in words.blocks(item.decision):
            _indented(document, "\n".join(lines))
    if item.actions:
        label = _indented(document, _("Actions"), bold=True)
        label.paragraph_format.keep_with_next = True
        for action in item.actions:
            _bullet(document, words.action_text(action))
    if item.attachments:
        _indented(document, words.attachments_text(item.attachments), color=MUTED, size=Pt(9.5))


def _signatures(document: Any, data: ProtocolData) -> None:
    from docx.shared import Pt

    document.add_heading(_("Signatures"), level=1)
    lines = words.signatures(data)
    rows = (len(lines) + 1) // 2
    table = document.add_table(rows=rows, cols=2)
    half = TEXT_WIDTH_MM / 2
    _borderless(table, [half, half])
    for index, line in enumerate(lines):
        cell = table.cell(index // 2, index % 2)
        if index >= 2:
            cell.paragraphs[0].paragraph_format.space_before = Pt(14)
        _text(cell.paragraphs[0], line.role_label, color=MUTED, size=Pt(9))
        signature = cell.add_paragraph()
        signature.paragraph_format.space_before = Pt(26)
        signature.paragraph_format.right_indent = Pt(24)
        _bottom_border(signature)
        _text(cell.add_paragraph(), line.name or " ")
    approval, approved_by = words.approval_text(data)
    document.add_paragraph()
    _text(document.add_paragraph(), approval)
    if approved_by:
        _text(document.add_paragraph(), approved_by)


def _bottom_border(paragraph: Any) -> None:
    """The signature line: a bottom border under an empty paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "1A1A1A")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _footer(document: Any, data: ProtocolData) -> None:
    """ "<group> · Protokoll 17 maj 2024" left, "Sida X av Y" right, as live fields."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Normal"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    _text(paragraph, words.protocol_footer(data), size=Pt(8), color=MUTED).add_tab()
    # "Sida {page} av {pages}": the words from the catalog, the numbers as fields.
    for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if piece == "{page}":
            _field(paragraph, "PAGE")
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif piece:
            _format(paragraph.add_run(piece), size=Pt(8), color=MUTED)


def _field(paragraph: Any, instruction: str) -> None:
    """A complex field (begin, instruction, separate, shown value "1", end), one run each:
    Word and LibreOffice compute the number when they lay the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def element(tag: str, **attributes: str) -> Any:
        made = OxmlElement(tag)
        for key, value in attributes.items():
            made.set(qn(key), value)
        return made

    code = element("w:instrText", **{"xml:space": "preserve"})
    code.text = f" {instruction} "
    shown = element("w:t")
    shown.text = "1"
    for part in (
        element("w:fldChar", **{"w:fldCharType": "begin"}),
        code,
        element("w:fldChar", **{"w:fldCharType": "separate"}),
        shown,
        element("w:fldChar", **{"w:fldCharType": "end"}),
    ):
        run = paragraph.add_run()
        _format(run, size=Pt(8), color=MUTED)
        run._r.append(part)
