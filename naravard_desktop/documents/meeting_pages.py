"""The frame of every page of a kallelse and a protocol PDF: the running header from the
second page on, a draft's mark and watermark on every page, the footer, and the PDF/A-2b
wrapping, so that both documents are built the same way."""

from __future__ import annotations

import math
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from naravard_desktop import i18n
from naravard_desktop.documents.meeting_pdf import MARGINS_MM, drawable
from naravard_desktop.documents.pdf import FONT, FONT_BOLD, MUTED, RULE, PdfInfo, build_pdfa
from naravard_desktop.services.meetings.protocol_model import ProtocolData


def build_meeting_pdf(
    data: ProtocolData,
    story: list[Flowable],
    *,
    title: str,
    subject: str,
    keywords: str,
    footer: str,
    running: str,
    draft: str = "",
) -> bytes:
    """`story` as PDF/A-2b bytes with the group as author, `footer` left of "Sida X av Y" and
    `running` atop every page after the first (see `running_header` for `draft`). Call it
    inside `i18n.use_language(data.language)`: the language goes into the metadata."""
    info = PdfInfo(
        title=title,
        author=data.group_name,
        subject=subject,
        language=i18n.current_language(),
        keywords=keywords,
    )
    return build_pdfa(
        story,
        info,
        margins_mm=MARGINS_MM,
        footer_left=drawable(footer),
        on_page=running_header(running, draft=draft),
    )


DRAFT_INK = colors.HexColor("#8b1f1f")
WATERMARK = colors.HexColor("#e4e4e4")


def _watermark(canvas: Canvas, text: str) -> None:
    """`text` large, light grey and diagonal across the page, under what the page shows."""
    width, height = canvas._pagesize
    angle = math.degrees(math.atan2(height, width))
    length = 0.7 * math.hypot(width, height)
    size = min(96.0, length / max(pdfmetrics.stringWidth(text, FONT_BOLD, 1), 1.0))
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont(FONT_BOLD, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


def running_header(label: str, draft: str = "") -> Any:
    """On pages after the first: the group and document in small type at the top. With
    `draft` (a protocol not yet approved): that mark on every page, the first one too, at the
    top left and as a light diagonal watermark."""

    def draw(canvas: Canvas, doc: Any) -> None:
        first = canvas.getPageNumber() == 1
        if first and not draft:
            return
        width, height = canvas._pagesize
        if draft:
            _watermark(canvas, drawable(draft, FONT_BOLD))
        canvas.saveState()
        if draft:
            canvas.setFont(FONT_BOLD, 8.5)
            canvas.setFillColor(DRAFT_INK)
            canvas.drawString(18 * mm, height - 12 * mm, drawable(draft, FONT_BOLD))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        if not first:
            canvas.drawRightString(width - 18 * mm, height - 12 * mm, drawable(label))
            canvas.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
        canvas.restoreState()

    return draw
