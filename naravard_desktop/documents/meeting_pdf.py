"""ReportLab pieces shared by the kallelse and the protocol: header, fact table, safe text.

Typed text goes into Paragraph markup only through `markup()`, which escapes < > & and
replaces characters the embedded font cannot draw (most emoji), so no tofu boxes appear.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from io import BytesIO
from itertools import zip_longest
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, Image, Table
from reportlab.platypus.tables import TableStyle

from naravard_desktop.documents.escaped_text import escaped_paragraph
from naravard_desktop.documents.meeting_facts import FactRow
from naravard_desktop.documents.meeting_text import blocks, clean
from naravard_desktop.documents.pdf import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    MUTED,
    RULE,
    KeptTogether,
    Para,
    register_fonts,
    stylesheet,
)
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.services.meetings.protocol_model import ProtocolData

PAGE_WIDTH_MM = 210
# Side margins that put the text exactly 18 mm from the paper edge, where build_pdf draws the
# footer: ReportLab's frame keeps 6 pt of padding inside the margins.
FRAME_PADDING_MM = 6 / mm
MARGINS_MM = (18 - FRAME_PADDING_MM, 18 - FRAME_PADDING_MM, 18, 22)
CONTENT_WIDTH = (PAGE_WIDTH_MM - 36) * mm
FRAME_HEIGHT = (297 - 40) * mm - 12
LOGO_HEIGHT = 18 * mm
LOGO_MAX_WIDTH = 50 * mm
# A paragraph longer than this is cut at a sentence end: ReportLab re-wraps the rest of a
# paragraph on every page it splits over, which is quadratic for a 200 000-character note.
CHUNK = 4000
# Character classes dropped, not replaced, when the font lacks them: emoji and their
# modifiers, joiners and variation selectors, combining marks, unassigned and private use.
_DROP = {"So", "Sk", "Cf", "Cs", "Co", "Cn", "Mn", "Me"}
REPLACEMENT = "\ufffd"


INDENT = 16 * mm  # where the text of a § starts, right of "§ 12"


def meeting_styles() -> dict[str, ParagraphStyle]:
    """The shared stylesheet plus what meeting documents need."""
    base = stylesheet()
    body = base["body"]
    extra = {
        "group": ParagraphStyle("group", body, fontName=FONT_BOLD, fontSize=12.5, leading=15.5),
        "principals": ParagraphStyle("principals", body, fontSize=9.5, textColor=MUTED),
        "doc_kind": ParagraphStyle(
            "doc_kind", body, fontName=FONT_BOLD, fontSize=15, leading=19, alignment=TA_RIGHT
        ),
        "doc_number": ParagraphStyle("doc_number", body, alignment=TA_RIGHT, textColor=MUTED),
        "revision": ParagraphStyle(
            "revision", body, fontName=FONT_BOLD, textColor=colors.HexColor("#8b1f1f")
        ),
        "fact_label": ParagraphStyle("fact_label", body, fontName=FONT_BOLD),
        "fact_sublabel": ParagraphStyle("fact_sublabel", body, leftIndent=4 * mm),
        "fact": body,
        "item_number": ParagraphStyle("item_number", body, fontName=FONT_BOLD, fontSize=11),
        "item_title": ParagraphStyle(
            "item_title", body, fontName=FONT_BOLD, fontSize=11, leading=14
        ),
        "text": ParagraphStyle("text", body, leftIndent=INDENT, spaceAfter=4),
        "presenter": ParagraphStyle(
            "presenter", body, leftIndent=INDENT, fontName=FONT_ITALIC, spaceAfter=4, keepWithNext=1
        ),
        "sublabel": ParagraphStyle(
            "sublabel",
            body,
            leftIndent=INDENT,
            fontName=FONT_BOLD,
            spaceBefore=3,
            spaceAfter=1,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            body,
            leftIndent=INDENT + 4 * mm,
            bulletIndent=INDENT + 0.5 * mm,
            bulletFontName=FONT,  # the default, Helvetica, is not embedded (breaks PDF/A)
            spaceAfter=1.5,
        ),
        "note": ParagraphStyle("note", body, leftIndent=INDENT, fontSize=9, textColor=MUTED),
        "section": ParagraphStyle(
            "section",
            body,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "sign_label": ParagraphStyle("sign_label", body, fontSize=9, textColor=MUTED),
        "sign_name": body,
    }
    return {**base, **extra}


@cache
def _coverage(font_name: str) -> frozenset[str]:
    """The characters the font draws, and the line break."""
    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return frozenset(map(chr, face.charToGlyph)) | {"\n"}


def drawable(text: str, font_name: str = FONT) -> str:
    """`text` with every character the font has no glyph for dropped (emoji, symbols) or
    replaced by U+FFFD (letters of scripts the font lacks), and no control characters."""
    covered = _coverage(font_name)
    text = clean(text)
    if covered.issuperset(text):
        return text
    out: list[str] = []
    for char in text:
        if char in covered:
            out.append(char)
        elif unicodedata.category(char) not in _DROP:
            out.append(REPLACEMENT)
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", "".join(out))


def markup(text: str, font_name: str = FONT) -> str:
    """Escaped Paragraph markup for typed text; line breaks kept as <br/>, no line break
    inside "§ 5", "kl. 13.00" or "28 maj 2026" (typography.keep_together)."""
    safe = keep_together(drawable(text, font_name))
    safe = safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return safe.replace("\n", "<br/>")


def para(text: str, style: Any) -> Para:
    return escaped_paragraph(markup(text, style.fontName), style)


def _chunks(text: str) -> list[str]:
    """Split a very long paragraph after a sentence (or at a space) near every CHUNK chars."""
    pieces: list[str] = []
    while len(text) > CHUNK:
        window = text[: CHUNK + 1]
        cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < CHUNK // 2:
            cut = window.rfind(" ")
        if cut < CHUNK // 2:
            cut = CHUNK
        pieces.append(text[: cut + 1].rstrip())
        text = text[cut + 1 :].lstrip(" ")
    pieces.append(text)
    return pieces


def notes(text: str, style: Any) -> list[Flowable]:
    """Notes as paragraphs: blank lines separate paragraphs, single line breaks are kept."""
    result: list[Flowable] = []
    for lines in blocks(text):
        for piece in _chunks("\n".join(lines)):
            result.append(escaped_paragraph(markup(piece, style.fontName), style))
    return result


def logo(data: bytes | None) -> Flowable | None:
    """The group's logo, 18 mm high (narrower if very wide); None if absent or unreadable."""
    if not data:
        return None
    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a broken logo must not stop a protocol
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return Image(BytesIO(data), width=width * scale, height=height * scale)


def header(data: ProtocolData, kind: str, number: str, styles: dict[str, ParagraphStyle]) -> Table:
    """[logo] group name / principals  …  KIND / Möte 2024:3, across the page."""
    image = logo(data.logo)
    right = [para(kind.upper(), styles["doc_kind"]), para(number, styles["doc_number"])]
    left = [para(data.group_name, styles["group"])]
    if data.principals_line:
        left.append(para(data.principals_line, styles["principals"]))
    right_width = 44 * mm
    if image is not None:
        image_width = image.drawWidth + 5 * mm
        cells = [[image, left, right]]
        widths = [image_width, CONTENT_WIDTH - image_width - right_width, right_width]
    else:
        cells = [[left, right]]
        widths = [CONTENT_WIDTH - right_width, right_width]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(table_style(valign="MIDDLE"))
    return table


LIST_BLOCK = 15  # a long list fills two columns this many rows deep, then starts anew


def facts(rows: list[FactRow], styles: dict[str, Any], label_width: float = 40 * mm) -> Table:
    """The label/value table under the header: Datum, Tid, Plats, Närvarande … . A list value
    is written one entry per line; a long list goes in two columns (down the left, then the
    right, in blocks of LIST_BLOCK rows), one table row per line, so that a list longer than
    a page goes on over the page."""
    cells: list[list[Any]] = []
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    value_width = CONTENT_WIDTH - label_width
    for label, value, indented in rows:
        label_cell: Any = para(label, styles["fact_sublabel" if indented else "fact_label"])
        row = len(cells)
        if isinstance(value, str):
            cells.append([label_cell, para(value, styles["fact"]) if value else "", ""])
            spans.append(("SPAN", (1, row), (2, row)))
        elif len(value) > 5:
            for start in range(0, len(value), 2 * LIST_BLOCK):
                block = value[start : start + 2 * LIST_BLOCK]
                half = (len(block) + 1) // 2
                for left, right in zip_longest(block[:half], block[half:], fillvalue=""):
                    cells.append(
                        [
                            label_cell,
                            para(left, styles["fact"]),
                            para(right, styles["fact"]) if right else "",
                        ]
                    )
                    label_cell = ""
        else:
            cells.append([label_cell, [para(v, styles["fact"]) for v in value], ""])
            spans.append(("SPAN", (1, row), (2, row)))
    table = Table(cells, colWidths=[label_width, value_width / 2, value_width / 2], hAlign="LEFT")
    table.setStyle(table_style(*spans, right=4, top=1.5, bottom=1.5))
    return table


KEEP_WHOLE = 50 * mm  # a § up to this tall is never split
MIN_START = 30 * mm  # room needed to start a longer § (its title and first lines)


def _height(flowables: list[Flowable]) -> float:
    height = 0.0
    for flowable in flowables:
        height += flowable.wrap(CONTENT_WIDTH, FRAME_HEIGHT)[1]
        height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return height


def keep_item(flowables: list[Flowable]) -> list[Flowable]:
    """Keep a short § on one page; start a longer one where its title and first lines fit and
    let it go on over the page (labels such as Beslut stay with their first line)."""
    if _height(flowables) > KEEP_WHOLE:
        return [CondPageBreak(MIN_START), *flowables]
    return [KeptTogether(flowables)]


TAIL = 25 * mm  # at least this much of the last § goes with the signatures


def unsplittable(flowables: list[Flowable]) -> Table:
    """`flowables` as one block that is never split over pages (a KeepTogether inside a
    KeepTogether would always move the outer one to a new page)."""
    table = Table([[flowables]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(table_style())
    return table


def keep_item_with(flowables: list[Flowable], block: list[Flowable]) -> list[Flowable]:
    """The last § followed by `block` (the signatures), which never stands alone on a page:
    a short § goes with it as a whole, a longer one with its last lines."""
    ending = unsplittable(block)
    if not flowables:
        return [KeptTogether([ending])]
    if _height(flowables) <= KEEP_WHOLE:
        return [KeptTogether([*flowables, ending])]
    split = len(flowables) - 1
    while split > 0 and _height(flowables[split:]) < TAIL:
        split -= 1
    while split > 0 and getattr(flowables[split - 1], "keepWithNext", False):
        split -= 1  # a heading or label stays with what follows it
    return [
        CondPageBreak(MIN_START),
        *flowables[:split],
        KeptTogether([*flowables[split:], ending]),
    ]


def table_style(
    *commands: Any,
    valign: str = "TOP",
    left: float = 0,
    right: float = 0,
    top: float = 0,
    bottom: float = 0,
) -> TableStyle:
    """A TableStyle with the embedded font (a Table otherwise selects Helvetica, not embedded,
    which breaks PDF/A, for every cell, even when the cells hold Paragraphs), every cell
    aligned by `valign` and padded by `left` … `bottom` points, then `commands`."""
    every = ((0, 0), (-1, -1))
    return TableStyle(
        [
            ("FONTNAME", *every, FONT),
            ("VALIGN", *every, valign),
            ("LEFTPADDING", *every, left),
            ("RIGHTPADDING", *every, right),
            ("TOPPADDING", *every, top),
            ("BOTTOMPADDING", *every, bottom),
            *commands,
        ]
    )


def rule(width: float = CONTENT_WIDTH, thickness: float = 0.8) -> Flowable:
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width=width, thickness=thickness, color=RULE, spaceBefore=4, spaceAfter=6)
