"""Shared PDF building blocks: embedded fonts, Swedish text, page numbers, PDF/A-2b."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from naravard_desktop import __version__, i18n
from naravard_desktop.documents.files import write_atomically
from naravard_desktop.documents.pdf import (
    FONT,
    HeadedTable,
    PdfInfo,
    build_pdf,
    build_pdfa,
    stylesheet,
    to_pdfa,
)
from naravard_desktop.errors import DomainError

INFO = PdfInfo(
    title="Protokoll 17 maj 2024",
    author="Lokal samverkansgrupp Bergsjö",
    subject="Protokoll",
    language="sv",
)


def _three_pages() -> bytes:
    styles = stylesheet()
    story = [
        Paragraph("Åtgärder för ökad kontinuitet – § 12", styles["title"]),
        PageBreak(),
        Paragraph("Fast vårdkontakt é ü", styles["body"]),
        PageBreak(),
        Paragraph("Sista sidan", styles["body"]),
    ]
    return build_pdf(story, INFO, footer_left="Bergsjö · 17 maj 2024")


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_swedish_text_and_page_numbers_extract() -> None:
    pages = _text(_three_pages())
    assert len(pages) == 3
    assert "Åtgärder för ökad kontinuitet – § 12" in pages[0]
    assert "Fast vårdkontakt é ü" in pages[1]
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av 3" in text
        assert "Bergsjö · 17 maj 2024" in text


def test_page_numbers_follow_the_document_language() -> None:
    with i18n.use_language("en"):
        pages = _text(_three_pages())
    assert "Page 2 of 3" in pages[1]
    assert i18n.current_language() == "sv"


def test_every_font_is_embedded_and_metadata_is_set() -> None:
    data = _three_pages()
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded"
        assert str(pdf.docinfo["/Title"]) == INFO.title
        assert str(pdf.Root.Lang) == "sv"
    assert PdfReader(BytesIO(data)).metadata.author == INFO.author


def test_landscape_pages() -> None:
    data = build_pdf([Paragraph("Plan", stylesheet()["body"])], INFO, pagesize=landscape(A4))
    box = PdfReader(BytesIO(data)).pages[0].mediabox
    assert box.width > box.height


def test_pdfa_2b_conversion_validates_and_keeps_the_text() -> None:
    archived = to_pdfa(_three_pages(), INFO)
    with pikepdf.open(BytesIO(archived)) as pdf:
        report = pikepdf.pdfa.check(pdf, "2b")
        assert report.passed, report.summary
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["dc:title"] == INFO.title
    assert "Åtgärder för ökad kontinuitet" in _text(archived)[0]


def test_pdfa_records_when_and_with_what_the_document_was_made() -> None:
    made = dt.datetime(2026, 5, 17, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    archived = to_pdfa(_three_pages(), replace(INFO, created=made))
    with pikepdf.open(BytesIO(archived)) as pdf:
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"] == "2026-05-17T14:30:00+02:00"
        assert meta["xmp:CreatorTool"] == f"naravard-desktop {__version__}"
        assert meta["dc:creator"] == [INFO.author]
        assert meta["dc:description"] == INFO.subject
        assert "sv" in meta["dc:language"]
        assert str(pdf.docinfo["/Creator"]) == f"naravard-desktop {__version__}"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260517143000+02")


def test_pdfa_refuses_a_font_that_is_not_embedded() -> None:
    """A table cell with plain text is drawn in the cell style's font, ReportLab's Helvetica
    unless told otherwise: such a document is not archival and is not written."""
    bare = Table([["Aktivitet", "Ansvar"], ["Rutin", "Anna Berg"]])
    with pytest.raises(pikepdf.pdfa.PdfaError):
        build_pdfa([bare], INFO)
    dressed = Table([["Aktivitet", "Ansvar"], ["Rutin", "Anna Berg"]])
    dressed.setStyle([("FONT", (0, 0), (-1, -1), FONT, 9)])
    assert "Anna Berg" in _text(build_pdfa([dressed], INFO))[0]


def _rows(count: int) -> Table:
    styles = stylesheet()
    rows = [[Paragraph("Rubrik A", styles["cell_bold"]), Paragraph("Rubrik B", styles["cell"])]]
    rows += [
        [Paragraph(f"Rad {n}", styles["cell"]), Paragraph("x", styles["cell"])]
        for n in range(count)
    ]
    table = Table(rows, colWidths=[200, 200], repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), FONT, 9)])
    return table


def test_headed_table_starts_a_long_table_under_its_heading_and_repeats_the_header() -> None:
    styles = stylesheet()
    story = [
        Spacer(1, 500),
        HeadedTable(
            [Paragraph("Långt område", styles["heading"])],
            _rows(120),
            continued=lambda: [Paragraph("Långt område (forts.)", styles["label"])],
        ),
    ]
    pages = _text(build_pdf(story, INFO))
    assert len(pages) >= 3
    assert "Långt område" in pages[0] and "Rad 0" in pages[0]
    for page in pages[1:]:
        assert " ".join(page.split()).startswith("Långt område (forts.) Rubrik A Rubrik B")
    assert sum(page.count("Rad 119") for page in pages) == 1


def test_headed_table_moves_a_short_table_to_the_next_page_with_its_heading() -> None:
    styles = stylesheet()
    story = [
        Spacer(1, 640),
        HeadedTable([Paragraph("Kort område", styles["heading"])], _rows(8)),
    ]
    pages = _text(build_pdf(story, INFO))
    assert len(pages) == 2
    assert "Kort område" not in pages[0]
    assert "Kort område" in pages[1] and "Rad 0" in pages[1] and "Rad 7" in pages[1]


def test_write_atomically_replaces_whole_files_only(tmp_path: Path) -> None:
    target = tmp_path / "protokoll.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["protokoll.pdf"]
    # Exports follow the umask (issue 10): see test_export_file_modes.py.


def test_write_atomically_refuses_a_missing_folder_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="finns inte"):
        write_atomically(tmp_path / "saknas" / "x.pdf", b"data")
    assert list(tmp_path.iterdir()) == []
