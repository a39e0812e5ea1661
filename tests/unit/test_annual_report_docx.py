"""Årsuppföljning as DOCX: the PDF's two charts (progress per area, the SIP trend) as pictures
at the text column's width and print resolution, each with a title and a description a screen
reader says, their bars as long as the figures say; and the PDF's page and footer, set up as
the protocol's DOCX is (tests/unit/test_protocol_docx.py)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import docx
import pytest
from PIL import Image
from reportlab.lib.units import mm

from naravard_desktop.documents import report_chart_png as charts
from naravard_desktop.documents import report_text as words
from naravard_desktop.documents.report_chart import BAR, ROW, TRACK
from naravard_desktop.documents.report_files import report_bytes
from naravard_desktop.documents.sip_chart import SERIES_COLOURS
from naravard_desktop.i18n import _, format_number, format_percent
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import Section
from naravard_desktop.services.system.database import Database
from tests.unit.test_protocol_docx import assert_the_pdfs_page_and_footer

TODAY = dt.date(2026, 11, 30)
YEAR = 2025  # last year: the demo's plan, follow-ups, SIP counts and meetings
TEXT_WIDTH_MM = 174  # A4 less the PDF's 18 mm margins


def _rgb(colour: Any) -> tuple[int, ...]:
    return tuple(round(part * 255) for part in colour.rgb())


def _near(pixel: Any, colour: tuple[int, ...]) -> bool:
    return sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 30


def _bar_shares(png: bytes, rows: int) -> list[float]:
    """Per row of the progress chart, the share of its track the bar covers, from the pixels
    along the middle of the row's bar."""
    image = Image.open(BytesIO(png)).convert("RGB")
    scale = charts.DPI / 72
    shares = []
    for number in range(rows):
        y = round((ROW * (number + 1) - 2.8 * mm) * scale)
        line = [image.getpixel((x, y)) for x in range(image.width)]
        bar = sum(_near(p, _rgb(BAR)) for p in line)
        track = sum(_near(p, _rgb(TRACK)) for p in line)
        shares.append(bar / (bar + track))
    return shares


def _pictures(document: Any) -> list[tuple[Any, bytes]]:
    """The document's inline pictures with their PNG bytes."""
    found = []
    for shape in document.inline_shapes:
        relation = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        found.append((shape, document.part.related_parts[relation].blob))
    return found


def test_a_bar_is_as_long_as_its_figure() -> None:
    rows = [("Hela", 100), ("Halva", 50), ("Ett område utan början", 0), ("Inget att mäta", None)]
    png = charts.progress_png(rows, TEXT_WIDTH_MM)
    image = Image.open(BytesIO(png))
    assert image.width == round(TEXT_WIDTH_MM / 25.4 * charts.DPI)  # the column at 220 dpi
    assert image.info["dpi"] == pytest.approx((charts.DPI, charts.DPI), abs=0.1)
    whole, half, nothing, unmeasured = _bar_shares(png, len(rows))
    assert whole == pytest.approx(1, abs=0.01) and half == pytest.approx(0.5, abs=0.01)
    assert nothing == unmeasured == 0


@pytest.mark.demo(TODAY)
def test_last_years_docx_has_the_pdfs_charts_as_described_pictures(
    db: Database, demo_group: GroupData
) -> None:
    report = annual_report(db, demo_group.id, YEAR, today=TODAY)
    document = docx.Document(BytesIO(report_bytes(db, demo_group.id, YEAR, ".docx", today=TODAY)))
    (progress, progress_png), (trend, trend_png) = _pictures(document)
    for shape, png in ((progress, progress_png), (trend, trend_png)):
        assert shape.width.mm == pytest.approx(TEXT_WIDTH_MM, abs=0.1)  # the text column
        assert 25 < shape.height.mm < 90  # readable, and less than a third of the page
        pixels = Image.open(BytesIO(png)).width
        assert pixels / (shape.width.mm / 25.4) >= 200  # sharp in print

    # The bars: every area of the year's plans, each bar as long as its mean progress.
    description = progress._inline.docPr.get("descr")
    progress_title = _("Progress per area (mean of the activities)")  # the PDF's heading
    assert progress._inline.docPr.get("title") == progress_title
    assert description.startswith("Stapeldiagram över genomfört per område: ")
    assert report.areas and all(area.progress is not None for _plan, area in report.areas)
    for _plan, area in report.areas:
        assert f"{area.label} {format_percent(area.progress or 0)}" in description
    shares = _bar_shares(progress_png, len(report.areas))
    assert shares == pytest.approx([(a.progress or 0) / 100 for _p, a in report.areas], abs=0.01)
    # … instead of the table of percentages the PDF does not have.
    heads = [[c.text for c in table.rows[0].cells] for table in document.tables]
    assert ["Område", "Genomfört"] not in heads

    # The trend: every indicator's line, and the counts of every period in the description.
    sip = report.sip
    assert sip is not None and sip.trend
    description = trend._inline.docPr.get("descr")
    trend_title = words.trend_heading()
    assert trend._inline.docPr.get("title") == trend_title
    assert description.startswith("Linjediagram över SIP-antalen för alla enheter per period: ")
    for number, indicator in enumerate(sip.trend_indicators):
        counts = [values[number] for _label, values in sip.trend]
        shown = ", ".join(
            f"{label} {format_number(count) if count is not None else 'visas inte'}"
            for (label, _values), count in zip(sip.trend, counts, strict=True)
        )
        assert f"{indicator.name}: {shown}." in description
    assert any(values[n] is None for _label, values in sip.trend for n in range(len(values)))
    drawn = Image.open(BytesIO(trend_png)).convert("RGB").getcolors(1 << 24) or []
    for number in range(len(sip.trend_indicators)):
        colour = _rgb(SERIES_COLOURS[number % len(SERIES_COLOURS)])
        assert sum(count for count, pixel in drawn if _near(pixel, colour)) > 500  # line, legend

    # Each chart under its heading, as in the PDF.
    texts = [p.text for p in document.paragraphs]
    for shape, heading in ((progress, progress_title), (trend, trend_title)):
        at = next(n for n, p in enumerate(document.paragraphs) if shape._inline in p._p.iter())
        assert texts[at - 1] == heading


@pytest.mark.demo(TODAY)
def test_the_page_and_footer_are_the_pdfs_and_the_protocols(
    db: Database, demo_group: GroupData
) -> None:
    for language, label, pages in (
        ("sv", "Årsuppföljning 2025 – UTKAST – ej fastställd", "Sida 1 av 1"),
        ("en", "Annual follow-up 2025 – DRAFT – not adopted", "Page 1 of 1"),
    ):
        data = report_bytes(db, demo_group.id, YEAR, ".docx", language=language, today=TODAY)
        document = docx.Document(BytesIO(data))
        assert_the_pdfs_page_and_footer(document, f"{demo_group.name} – {label}", pages)
        if language == "en":
            first, second = (s._inline.docPr.get("descr") for s in document.inline_shapes)
            assert first.startswith("Bar chart of the progress per area: ")
            assert second.startswith("Line chart of the SIP counts of all units per period: ")


@pytest.mark.demo(TODAY)
def test_a_section_with_figures_starts_a_page_and_an_empty_one_follows_on(
    db: Database, demo_group: GroupData
) -> None:
    plan, sip, meetings = (section_title(s) for s in (Section.PLAN, Section.SIP, Section.MEETINGS))
    for year, starting, pictures in ((2023, {sip}, 1), (YEAR, {plan, sip, meetings}, 2)):
        data = report_bytes(db, demo_group.id, year, ".docx", today=TODAY)
        document = docx.Document(BytesIO(data))
        headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
        assert {h.text for h in headings if h.paragraph_format.page_break_before} == starting
        assert 'w:type="page"' not in document.element.xml  # no page left all but blank
        assert len(document.inline_shapes) == pictures  # 2023 had no plan: no bars to draw
