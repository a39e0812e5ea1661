"""The SIP report as PDF: the year's summary with the change against last year, the trend
chart and each period's table, with small numbers suppressed when asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from naravard_desktop.documents.pdf import (
    FONT,
    FONT_BOLD,
    RULE,
    HeadedTable,
    PdfInfo,
    build_pdfa,
    stylesheet,
)
from naravard_desktop.documents.sip_chart import TrendChart
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.i18n import _, current_language, format_date_in_text
from naravard_desktop.services.sip.read_models import ShownTable, YearReport

HEAD_BACKGROUND = colors.HexColor("#e8eef4")
TOTAL_BACKGROUND = colors.HexColor("#f1f1f1")
PAGE = landscape(A4)


def escape(text: str) -> str:
    """Paragraph markup for `text`, with no line break inside "30 november 2026"."""
    return xml_escape(keep_together(text))


def _table(table: ShownTable, width: float) -> Table:
    styles = stylesheet()
    name_style = ParagraphStyle("sip_name", styles["cell"], fontSize=8.5, leading=10.5)
    head_style = ParagraphStyle("sip_head", styles["cell_bold"], fontSize=8.5, leading=10.5)
    number_head = ParagraphStyle("sip_number_head", head_style, alignment=TA_RIGHT)
    name_width = 92 * mm
    column_width = (width - name_width) / max(1, len(table.columns))
    head = [Paragraph(escape(_("Indicator")), head_style)] + [
        Paragraph(escape(c).replace(" – ", "<br/>"), number_head) for c in table.columns
    ]
    parents = {indicator.id: indicator.parent_id for indicator, _texts in table.rows}
    body = []
    for indicator, texts in table.rows:
        depth, parent = 0, indicator.parent_id
        while parent is not None and depth < 4:
            depth, parent = depth + 1, parents.get(parent)
        # Indented by the style, so a wrapped second line stays indented too.
        style = ParagraphStyle(f"sip_name_{depth}", name_style, leftIndent=4 * mm * depth)
        body.append([Paragraph(escape(indicator.name), style), *texts])
    result = Table(
        [head, *body], colWidths=[name_width] + [column_width] * len(table.columns), repeatRows=1
    )
    result.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (-1, 1), (-1, -1), FONT_BOLD, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BACKGROUND),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return result


def _continued(title: str, style: ParagraphStyle) -> Callable[[], list[Flowable]]:
    text = escape(_("{area} (continued)").format(area=title))
    return lambda: [Paragraph(text, style)]


def sip_pdf(report: YearReport, today: dt.date) -> bytes:
    styles = stylesheet()
    width = PAGE[0] - 36 * mm
    title = _("SIP follow-up {year}").format(year=report.year)
    story: list[Flowable] = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(report.group.name), styles["subtitle"]),
        Paragraph(
            escape(
                _("Counts only: no information about individuals. Printed {date}.").format(
                    date=format_date_in_text(today)
                )
            ),
            styles["small"],
        ),
        Spacer(1, 4 * mm),
    ]
    note = report.note
    if note:
        story += [Paragraph(escape(note), styles["small"]), Spacer(1, 3 * mm)]
    if not report.period_tables:
        story.append(
            Paragraph(
                escape(_("No counts were recorded for {year}.").format(year=report.year)),
                styles["body"],
            )
        )
    if any(text for _indicator, texts in report.summary.rows for text in texts):
        summary_heading = ParagraphStyle("summary_heading", styles["heading"], spaceAfter=2 * mm)
        story.append(
            HeadedTable(
                [Paragraph(escape(report.summary.title), summary_heading)],
                _table(report.summary, width),
            )
        )
    if report.trend:
        labels = [label for label, _values in report.trend]
        series = [
            (indicator.name, [values[n] for _label, values in report.trend])
            for n, indicator in enumerate(report.trend_indicators)
        ]
        heading = Paragraph(escape(_("Trend, all units")), styles["heading"])
        story += [Spacer(1, 5 * mm), TrendChart(heading, labels, series)]
    for table in report.period_tables:
        heading = ParagraphStyle("period_heading", styles["heading"], spaceAfter=2 * mm)
        story += [
            Spacer(1, 5 * mm),
            HeadedTable(
                [Paragraph(escape(table.title), heading)],
                _table(table, width),
                continued=_continued(table.title, heading),
            ),
        ]
    info = PdfInfo(
        title=title,
        author=report.group.name,
        subject=_("SIP follow-up"),
        language=current_language(),
    )
    return build_pdfa(story, info, pagesize=PAGE, footer_left=f"{report.group.name} – {title}")
