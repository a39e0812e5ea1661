"""The protocol as a Word document (DOCX) for groups that must edit it in Word or LibreOffice:
the same content and look as the PDF, with Heading styles per §, tables for facts, attendance
and signatures, a running header (with "UTKAST – ej justerat" on every page of a draft, and
in the title) and "Sida X av Y" as PAGE/NUMPAGES fields in the footer. ISO dates carry
non-breaking hyphens; the document properties are ours, not python-docx's template's
(documents/docx_parts.py)."""

from __future__ import annotations

import datetime as dt
import math
from io import BytesIO
from typing import Any

from naravard_desktop import i18n
from naravard_desktop.documents import docx_parts as parts
from naravard_desktop.documents import meeting_text as words
from naravard_desktop.documents.meeting_facts import FactRow, protocol_facts
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.protocol_model import ItemLine, ProtocolData

FONT = "Calibri"
INDENT_MM = 16  # the text of a § starts right of "§ 12", as in the PDF
TEXT_WIDTH_MM = parts.TEXT_WIDTH_MM
LABEL_WIDTH_MM = 40  # the label column of the facts, as in the PDF
LOGO_MAX_WIDTH_MM = 50
KIND_WIDTH_MM = 44  # "PROTOKOLL / Möte 2024:3" at the right of the header
TWO_COLUMNS_FROM = 6  # a fact list this long goes in two columns, as in the PDF
KEEP_WHOLE_LINES = 10  # a § this short is kept on one page (the PDF's 50 mm)
LINE_CHARACTERS = 95  # about as many characters fit on a line of a §'s text
INK = "1A1A1A"
MUTED, RULE = parts.MUTED, parts.RULE
RED = "8B1F1F"
WATERMARK = "E4E4E4"  # the PDF's


def protocol_docx(data: ProtocolData) -> bytes:
    """The protocol as DOCX bytes, in the protocol's language (data.language)."""
    import docx  # python-docx is imported only when a DOCX is written (start-up time)

    from naravard_desktop import APP_NAME

    with i18n.use_language(data.language):
        document = docx.Document()
        _set_up(document, data)
        _front(document, data)
        for number, item in enumerate(data.items, start=1):
            _item(document, item, data, last=number == len(data.items))
        _signatures(document, data)
        _headers_and_footers(document, data)
        parts.clean_package(document, APP_NAME)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


# --- document set-up --------------------------------------------------------------------


def _set_up(document: Any, data: ProtocolData) -> None:
    from docx.shared import Mm, Pt, RGBColor

    language = parts.set_up_page(document, FONT)
    normal = document.styles["Normal"]
    normal.font.color.rgb = RGBColor.from_string(INK)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Heading 1", 12), ("Heading 2", 11)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(INK)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(3)
        parts.set_fonts_and_language(style.element.get_or_add_rPr(), FONT, language)
    heading = document.styles["Heading 2"].paragraph_format
    heading.left_indent = Mm(INDENT_MM)
    heading.first_line_indent = -Mm(INDENT_MM)
    heading.tab_stops.add_tab_stop(Mm(INDENT_MM))
    _properties(document, data, language)


def _properties(document: Any, data: ProtocolData, language: str) -> None:
    """The core properties (docProps/core.xml), every one of the template's replaced."""
    properties = document.core_properties
    properties.title = words.protocol_document_title(data)
    properties.subject = words.protocol_subject(data)
    properties.author = properties.last_modified_by = words.clean(data.group_name)
    properties.language = language
    properties.keywords = _("protocol")
    properties.content_status = words.draft_mark() if words.is_draft(data) else ""
    properties.comments = properties.category = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = max(1, data.revision)


# --- paragraphs of a § ---------------------------------------------------------------------


def _indented(document: Any, text: str = "", style: str | None = None, **formatting: Any) -> Any:
    from docx.shared import Mm

    paragraph = document.add_paragraph(style=style)
    paragraph.paragraph_format.left_indent = Mm(INDENT_MM)
    if text:
        parts.text(paragraph, text, **formatting)
    return paragraph


def _notes(document: Any, text: str) -> list[Any]:
    """Typed notes as indented paragraphs: one a block, its line breaks kept (as in the PDF)."""
    return [_indented(document, "\n".join(lines)) for lines in words.blocks(text)]


def _bullet(document: Any, text: str) -> Any:
    """A bullet line under the text of a § (the list style alone would start at the margin)."""
    from docx.shared import Mm, Pt

    paragraph = _indented(document, text, style="List Bullet")
    paragraph.paragraph_format.left_indent = Mm(INDENT_MM + 5)
    paragraph.paragraph_format.first_line_indent = -Mm(5)
    paragraph.paragraph_format.space_after = Pt(1.5)
    return paragraph


# --- content ------------------------------------------------------------------------------


def _front(document: Any, data: ProtocolData) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    header = document.add_table(rows=1, cols=3)
    logo_cell, name_cell, kind_cell = header.rows[0].cells
    logo_width = _logo(parts.tight(logo_cell.paragraphs[0]), data.logo)
    logo_column = logo_width + 5 if logo_width else 10
    name_column = TEXT_WIDTH_MM - logo_column - KIND_WIDTH_MM
    parts.borderless(header, [logo_column, name_column, KIND_WIDTH_MM])
    parts.text(parts.tight(name_cell.paragraphs[0]), data.group_name, bold=True, size=Pt(13))
    if data.principals_line:
        principals = parts.tight(name_cell.add_paragraph())
        parts.text(principals, data.principals_line, color=MUTED, size=Pt(9.5))
    kind = parts.tight(kind_cell.paragraphs[0])
    kind.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    parts.text(kind, _("Protocol").upper(), bold=True, size=Pt(15))
    number = parts.tight(kind_cell.add_paragraph())
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    parts.text(number, words.meeting_label(data), color=MUTED)
    if not logo_width:  # no logo, or one that could not be read
        name_cell = logo_cell.merge(name_cell)
    for cell in (logo_cell, name_cell, kind_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    revision = words.revision_text(data)
    if revision:
        paragraph = parts.tight(document.add_paragraph(), after=3)
        paragraph.paragraph_format.space_before = Pt(6)
        parts.text(paragraph, revision, bold=True, color=RED)
    parts.rule(document, RULE, space_before=4)
    _facts(document, protocol_facts(data))
    parts.rule(document, RULE, space_after=6)


def _logo(paragraph: Any, data: bytes | None) -> float:
    """The group's logo, 18 mm high (narrower if very wide, as in the PDF); its width in mm,
    0 when there is none or it cannot be read."""
    from docx.shared import Mm

    if not data:
        return 0
    try:
        picture = paragraph.add_run().add_picture(BytesIO(data), height=Mm(18))
    except Exception:  # an unreadable logo must not stop the protocol
        return 0
    if picture.width > Mm(LOGO_MAX_WIDTH_MM):
        ratio = Mm(LOGO_MAX_WIDTH_MM) / picture.width
        picture.width, picture.height = Mm(LOGO_MAX_WIDTH_MM), int(picture.height * ratio)
    return float(picture.width.mm)


def _facts(document: Any, rows: list[FactRow]) -> None:
    """Label and value(s) per row; a long list in two columns, one entry per paragraph."""
    from docx.shared import Mm

    table = document.add_table(rows=len(rows), cols=3)
    half = (TEXT_WIDTH_MM - LABEL_WIDTH_MM) / 2
    parts.borderless(table, [LABEL_WIDTH_MM, half, half])
    for row, (label, value, indented) in zip(table.rows, rows, strict=True):
        label_paragraph = parts.tight(row.cells[0].paragraphs[0], after=2)
        if indented:
            label_paragraph.paragraph_format.left_indent = Mm(4)
        parts.text(label_paragraph, label, bold=not indented)
        entries = [value] if isinstance(value, str) else value
        if len(entries) >= TWO_COLUMNS_FROM:
            middle = (len(entries) + 1) // 2
            columns = [(row.cells[1], entries[:middle]), (row.cells[2], entries[middle:])]
        else:
            columns = [(row.cells[1].merge(row.cells[2]), entries)]
        for cell, lines in columns:
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                parts.text(parts.tight(paragraph, after=2 if index == len(lines) - 1 else 0), line)


def _item(document: Any, item: ItemLine, data: ProtocolData, *, last: bool = False) -> None:
    from docx.shared import Pt

    heading = document.add_heading(level=2)
    heading.add_run(f"§ {item.paragraph}").add_tab()
    parts.text(heading, item.title)
    body: list[Any] = []
    if item.presenter:
        body.append(_indented(document, words.presenter_text(item.presenter), italic=True))
    added = words.standard_item_text(item, data)  # "Inga övriga frågor.", the next meeting
    if added:
        body.append(_indented(document, added))
    body += _notes(document, item.notes)
    if item.carried_actions:
        carried = [words.carried_text(action) for action in item.carried_actions]
        body += _bullets(document, _("Open actions from earlier meetings"), carried)
    if item.decision:
        body.append(_label(document, _("Decision")))
        body += _notes(document, item.decision)
    if item.actions:
        actions = [words.action_text(action) for action in item.actions]
        body += _bullets(document, _("Actions"), actions)
    if item.attachments:
        note = words.attachments_text(item.attachments)
        body.append(_indented(document, note, color=MUTED, size=Pt(9.5)))
    if last:
        # the signature block never stands alone: a short last § goes with it, a long one
        # sends at least its last paragraph along.
        for paragraph in body if len(body) <= 4 else body[-1:]:
            paragraph.paragraph_format.keep_with_next = True
    elif not body:
        # a § with only its title has nothing to keep with: the heading style's "keep with
        # next" would chain it to the next § (several empty ones moved to the next page)
        heading.paragraph_format.keep_with_next = False
    elif _lines(body) <= KEEP_WHOLE_LINES:
        for paragraph in body[:-1]:  # a short § is not split over two pages (as in the PDF)
            paragraph.paragraph_format.keep_with_next = True


def _lines(paragraphs: list[Any]) -> int:
    """About how many lines `paragraphs` take in the text column of a §."""
    return sum(
        -(-len(line) // LINE_CHARACTERS) or 1
        for paragraph in paragraphs
        for line in paragraph.text.split("\n")
    )


def _label(document: Any, text: str) -> Any:
    """ "Beslut", "Åtgärder": bold, kept with what follows."""
    from docx.shared import Pt

    label = _indented(document, text, bold=True)
    label.paragraph_format.space_before = Pt(3)
    label.paragraph_format.space_after = Pt(1)
    label.paragraph_format.keep_with_next = True
    return label


def _bullets(document: Any, label: str, lines: list[str]) -> list[Any]:
    """ "Åtgärder" and a bullet a line under it."""
    return [_label(document, label), *(_bullet(document, line) for line in lines)]


def _signatures(document: Any, data: ProtocolData) -> None:
    """Underskrifter under a rule: role above the line, name below, two per row, then the
    approval; kept together on one page."""
    from docx.shared import Mm, Pt

    heading = document.add_heading(_("Signatures"), level=1)
    heading.paragraph_format.space_before = Pt(16)
    heading.paragraph_format.space_after = Pt(6)
    parts.border(heading, "top", eighths=10, color=RULE, space=8)
    lines = words.signatures(data)
    table = document.add_table(rows=(len(lines) + 1) // 2, cols=2)
    column = (TEXT_WIDTH_MM - 12) / 2  # the PDF's: two equal lines, 12 mm apart
    widths = [column + 12, column]
    parts.borderless(table, widths)
    for index, line in enumerate(lines):
        cell = table.cell(index // 2, index % 2)
        role = parts.tight(cell.paragraphs[0])
        parts.text(role, line.role_label, color=MUTED, size=Pt(9))
        signature = parts.tight(cell.add_paragraph())
        signature.paragraph_format.space_before = Pt(30)
        signature.paragraph_format.right_indent = Mm(widths[index % 2] - (column - 8))
        parts.border(signature, "bottom", eighths=5, color=INK)
        parts.text(parts.tight(cell.add_paragraph(), after=20), line.name or " ")
    for row in table.rows:
        parts.cant_split(row)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    parts.text(document.add_paragraph(), words.approval_text(data))


# --- running header and footer ---------------------------------------------------------------


def _headers_and_footers(document: Any, data: ProtocolData) -> None:
    """Like the PDF: the first page has no running header, the others "Protokoll · Möte
    2024:3 · 17 maj 2024" over a rule; a draft has "UTKAST – ej justerat" in the header of
    every page, the first included. The footer is the same on every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    draft = words.draft_mark() if words.is_draft(data) else ""
    running = words.running_label(_("Protocol"), data)
    _header(document, section.first_page_header, draft, "")
    _header(document, section.header, draft, running)
    if draft:  # and a light diagonal watermark on every page, as in the PDF
        for number, header in enumerate((section.first_page_header, section.header), 1):
            parts.watermark(
                header.paragraphs[0],
                draft,
                font=FONT,
                color=WATERMARK,
                number=number,
                angle=math.degrees(math.atan2(297, 210)),
            )
    for footer in (section.first_page_footer, section.footer):
        parts.page_footer(document, footer, words.protocol_footer(data))


def _header(document: Any, header: Any, draft: str, running: str) -> None:
    from docx.shared import Pt

    paragraph = parts.margin_paragraph(document, header)
    if draft:
        parts.text(paragraph, draft, bold=True, color=RED, size=Pt(9))
    if running:
        paragraph.add_run().add_tab()
        parts.text(paragraph, running, color=MUTED, size=Pt(8))
        parts.border(paragraph, "bottom", eighths=4, color=RULE, space=2)
