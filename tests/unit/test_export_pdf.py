"""Shared PDF building blocks: embedded fonts, Swedish text, page numbers, PDF/A-2b."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import PageBreak, Paragraph

from naravard_desktop import i18n
from naravard_desktop.errors import DomainError
from naravard_desktop.export.files import write_atomically
from naravard_desktop.export.pdf import PdfInfo, build_pdf, stylesheet, to_pdfa

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


def test_write_atomically_replaces_whole_files_only(tmp_path: Path) -> None:
    target = tmp_path / "protokoll.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["protokoll.pdf"]
    assert target.stat().st_mode & 0o077 == 0


def test_write_atomically_refuses_a_missing_folder_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="finns inte"):
        write_atomically(tmp_path / "saknas" / "x.pdf", b"data")
    assert list(tmp_path.iterdir()) == []
