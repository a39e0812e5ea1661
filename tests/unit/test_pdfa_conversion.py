"""documents/pdfa.to_pdfa: what ReportLab draws for us becomes PDF/A-2b with pikepdf alone;
a document with anything more (here a link, an annotation PDF/A wants printable) goes
through pikepdf's PDF/A preparation, so it is archival too. Validated by pikepdf's
validator, as every kind of document is in test_pdfa_documents."""

from __future__ import annotations

import datetime as dt
import gc
import io
from dataclasses import replace
from types import SimpleNamespace

import pikepdf
import pikepdf.pdfa
from reportlab.platypus import Paragraph

from naravard_desktop.documents.pdf import PdfInfo, build_pdf, stylesheet
from naravard_desktop.documents.pdfa import to_pdfa
from naravard_desktop.services.meetings.pdf_updates import _still_pdfa

INFO = PdfInfo(title="Protokoll", author="Lokal samverkansgrupp Bergsjö", keywords="protokoll")


def _valid(data: bytes) -> bool:
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    return bool(report.passed)


def test_plain_text_becomes_pdfa_with_its_metadata() -> None:
    body = stylesheet()["body"]
    archived = to_pdfa(build_pdf([Paragraph("Mötets öppnande § 12", body)], INFO), INFO)
    assert _valid(archived)
    with pikepdf.open(io.BytesIO(archived)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["pdf:Keywords"] == "protokoll"
        assert str(pdf.docinfo["/Keywords"]) == "protokoll"
        [intent] = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "sRGB"


def test_a_link_is_made_printable_as_pdfa_asks() -> None:
    body = stylesheet()["body"]
    link = Paragraph('Se <a href="https://example.org/rutin">rutinen</a>.', body)
    drawn = build_pdf([link], INFO)
    with pikepdf.open(io.BytesIO(drawn)) as pdf:
        [annotation] = pdf.pages[0].Annots
        assert not int(annotation.get("/F", 0)) & 4  # not printable as ReportLab draws it
    archived = to_pdfa(drawn, INFO)
    assert _valid(archived)
    with pikepdf.open(io.BytesIO(archived)) as pdf:
        [annotation] = pdf.pages[0].Annots
        assert int(annotation.F) & 4


def test_the_metadata_agree_and_keep_the_shape_a_signers_rewrite_is_checked_for() -> None:
    """The XMP and the document info give the same title, dates and tool, control
    characters left out; the PDF/A identification reads as services/meetings/pdf_updates
    expects of a metadata stream a signing tool rewrote."""
    made = dt.datetime(2026, 5, 17, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    info = replace(INFO, title="Protokoll\x07 <utkast> & bilagor", created=made)
    body = stylesheet()["body"]
    archived = to_pdfa(build_pdf([Paragraph("Text", body)], info), info)
    assert _valid(archived)
    with pikepdf.open(io.BytesIO(archived)) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(pdf.docinfo["/Title"]) == "Protokoll <utkast> & bilagor"
        assert meta["xmp:CreateDate"] == "2026-05-17T14:30:00+02:00"
        assert str(pdf.docinfo["/CreationDate"]) == "D:20260517143000+02'00"
        assert _still_pdfa(SimpleNamespace(data=pdf.Root.Metadata.read_bytes()))


def test_collection_paused_for_a_worker_stays_paused() -> None:
    """The window renders on a worker thread with cyclic garbage collection paused
    (ui/background.py); the full PDF/A path (here for a link) leaves it paused."""
    body = stylesheet()["body"]
    drawn = build_pdf([Paragraph('<a href="https://example.org">rutinen</a>', body)], INFO)
    gc.disable()
    try:
        assert _valid(to_pdfa(drawn, INFO))
        assert not gc.isenabled()
    finally:
        gc.enable()
