"""Digital justering (issue 15, points 3–5): the approved PDF exported with empty named
signature fields, signed by a portal outside the app (pyHanko used directly here) and taken
back; signed in the app with PKCS#12 files; `verify` reports each signature and rejects a
file whose later update changes content. Certificates from a throwaway CA made in the test."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import pikepdf
import pytest
from pyhanko.pdf_utils.generic import StreamObject, pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import Signer
from pypdf import PdfReader

from naravard_desktop.documents import meeting_files
from naravard_desktop.errors import DomainError
from naravard_desktop.services.meetings import approval, meetings, pdf_updates, signing
from naravard_desktop.services.meetings import pdf_signatures as pdfsig
from naravard_desktop.services.meetings.meeting_labels import state_label
from naravard_desktop.services.meetings.verification import verify_file
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import approved_meeting, make_group, raw
from tests.unit.throwaway_ca import Person, ThrowawayCA


@pytest.fixture(scope="session")
def ca() -> ThrowawayCA:
    return ThrowawayCA()


@pytest.fixture(scope="session")
def vera(ca: ThrowawayCA) -> Person:
    return ca.person("Vera Lindqvist")


@pytest.fixture(scope="session")
def olof(ca: ThrowawayCA) -> Person:
    return ca.person("Olof Brandt")


@pytest.fixture
def meeting_id(db: Database) -> Iterator[int]:
    group, people = make_group(db)
    yield approved_meeting(db, group, people)


def _p12(person: Person, ca: ThrowawayCA) -> Signer:
    return pdfsig.pkcs12_signer(person.pkcs12("lösen ord", ca.certificate), "lösen ord")


def _portal_sign(data: bytes, field: str, person: Person, ca: ThrowawayCA) -> bytes:
    """What a signing portal does: pyHanko's own defaults, nothing of ours."""
    signer = signers.SimpleSigner.load_pkcs12_data(
        person.pkcs12("portal", ca.certificate), other_certs=(), passphrase=b"portal"
    )
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(data)), meta, signer=signer)
    return bytes(out.getvalue())


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


def _pdfa_2b(data: bytes, stored: bytes) -> None:
    """PDF/A-2b after signing: the approved revision validates, the updates add only fields
    and signatures, and every widget prints with an appearance in embedded fonts."""
    assert data.startswith(stored)
    with pikepdf.open(BytesIO(stored)) as pdf:
        report = pikepdf.pdfa.check(pdf, "2b")
        assert report.passed, report.summary
    assert pdf_updates.only_forms_added(data, pdf_updates.revisions_in(stored))
    with pikepdf.open(BytesIO(data)) as pdf:
        assert str(pdf.Root.get("/Version", "/1.7")) < "/2"  # PDF/A-2 is PDF 1.7
        assert pdf.pdf_version < "2"
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                assert int(annot.F) & 4, "a widget that does not print"
                appearance = annot.AP.N
                for font in _fonts(appearance):
                    descriptor = (
                        font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    )
                    assert "/FontFile2" in descriptor, "a font that is not embedded"


def _fonts(xobject: pikepdf.Object) -> list[pikepdf.Object]:
    """The fonts of an appearance, its nested forms' included."""
    resources = xobject.get("/Resources", {})
    found = list(resources.get("/Font", {}).values())
    for inner in resources.get("/XObject", {}).values():
        found += _fonts(inner)
    return found


def test_export_for_e_signature_has_an_empty_named_field_per_signer(
    db: Database, meeting_id: int
) -> None:
    stored = approval.stored_pdf(db, meeting_id)
    assert stored is not None
    exported = signing.export_for_signing(db, meeting_id)
    assert exported.startswith(stored)  # an incremental update: the approved bytes stay
    assert pdfsig.empty_fields(exported) == [
        "Sekreterare",
        "Ordforande",
        "Justerare_1",
        "Justerare_2",
    ]
    assert _text(exported) == _text(stored)
    _pdfa_2b(exported, stored)
    status = signing.status(db, meeting_id)
    assert status is not None and not status.complete
    assert [f.person for f in status.missing] == [
        "Vera Lindqvist",
        "Olof Brandt",
        "Hedda Strömberg",
    ]


def test_a_portal_signed_file_is_imported_and_verified(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person, olof: Person
) -> None:
    exported = signing.export_for_signing(db, meeting_id)
    signed = _portal_sign(exported, "Ordforande", vera, ca)
    signed = _portal_sign(signed, "Justerare_1", olof, ca)

    checked = signing.import_signed(db, signed, apply=False)
    assert signing.status(db, meeting_id) is not None
    assert not signing.status(db, meeting_id).signatures  # type: ignore[union-attr]
    assert [s.signer for s in checked.status.signatures] == ["Vera Lindqvist", "Olof Brandt"]

    result = signing.import_signed(db, signed)
    assert result.meeting_id == meeting_id
    assert [f.person for f in result.status.missing] == ["Hedda Strömberg"]
    status = signing.status(db, meeting_id)
    assert status is not None and status.signed_fields == {"Ordforande", "Justerare_1"}

    verified = verify_file(db, signed)
    assert verified.ok, verified.lines
    text = "\n".join(verified.lines)
    assert "det justerade protokollet" in text and "tillagda underskrifter" in text
    assert "Vera Lindqvist" in text and "Olof Brandt" in text and "obruten" in text
    assert "utfärdaren är okänd här" in text
    # The plain approved PDF still verifies, and `check` is content.
    assert verify_file(db, approval.stored_pdf(db, meeting_id) or b"").ok
    assert maintenance.check_database(db).ok


def test_a_signed_file_with_a_later_content_change_is_refused_and_rejected(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person
) -> None:
    signed = _portal_sign(signing.export_for_signing(db, meeting_id), "Ordforande", vera, ca)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    forged = b"BT /F1 12 Tf 72 72 Td (Beslutet upphavs) Tj ET"
    page[pdf_name("/Contents")] = writer.add_object(StreamObject(stream_data=forged))
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    tampered = out.getvalue()

    with pytest.raises(DomainError, match="ändrar"):
        signing.import_signed(db, tampered)
    assert signing.status(db, meeting_id).signatures == ()  # type: ignore[union-attr]
    verified = verify_file(db, tampered)
    assert not verified.ok
    assert any("ändrar" in line for line in verified.lines)


def test_a_signed_file_whose_approved_bytes_were_changed_is_refused(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person
) -> None:
    signed = _portal_sign(signing.export_for_signing(db, meeting_id), "Ordforande", vera, ca)
    stored = approval.stored_pdf(db, meeting_id) or b""
    spot = stored.rindex(b"stream\n") - 400  # inside the compressed page content
    tampered = signed[:spot] + bytes([signed[spot] ^ 0x01]) + signed[spot + 1 :]
    with pytest.raises(DomainError, match="inte en underskriven kopia"):
        signing.import_signed(db, tampered)
    verified = verify_file(db, tampered)
    assert not verified.ok
    assert any("BRUTEN" in line for line in verified.lines)
    assert any("INTE" in line for line in verified.lines)


def test_two_signers_sign_in_the_app_in_turn_and_it_stays_pdfa(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person, olof: Person
) -> None:
    stored = approval.stored_pdf(db, meeting_id) or b""
    group_id = meetings.get_meeting(db, meeting_id).group_id
    (row,) = meetings.list_meetings(db, group_id)
    assert state_label(row.state, row.awaiting_signatures) == "justerat"  # nobody began
    meeting_files.sign_protocol(db, meeting_id, "Ordforande", _p12(vera, ca))
    (row,) = meetings.list_meetings(db, group_id)
    assert state_label(row.state, row.awaiting_signatures) == "justerat, väntar på underskrifter"
    with pytest.raises(DomainError, match="redan"):
        meeting_files.sign_protocol(db, meeting_id, "Ordforande", _p12(olof, ca))
    meeting_files.sign_protocol(db, meeting_id, "Justerare_1", _p12(olof, ca))
    status = meeting_files.sign_protocol(db, meeting_id, "Justerare_2", _p12(olof, ca))
    assert status.complete
    assert not meetings.list_meetings(db, group_id)[0].awaiting_signatures
    signed = signing.stored_signed_pdf(db, meeting_id)
    assert signed is not None
    _pdfa_2b(signed, stored)
    verified = verify_file(db, signed)
    assert verified.ok, verified.lines
    assert sum("obruten" in line for line in verified.lines) == 3
    assert maintenance.check_database(db).ok


def test_check_reports_a_stored_signed_pdf_that_was_changed(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person
) -> None:
    meeting_files.sign_protocol(db, meeting_id, "Ordforande", _p12(vera, ca))
    signed = signing.stored_signed_pdf(db, meeting_id) or b""
    spot = len(signed) - 3000  # inside the signed appearance or signature dictionary
    raw(
        db,
        "UPDATE protocol_revisions SET signed_pdf = :pdf",
        pdf=signed[:spot] + bytes([signed[spot] ^ 0x01]) + signed[spot + 1 :],
    )
    problems = maintenance.check_database(db).problems
    assert any("underskrivna PDF" in p for p in problems), problems


def test_a_signed_file_of_a_forged_approval_is_rejected(
    db: Database, meeting_id: int, ca: ThrowawayCA, vera: Person
) -> None:
    meeting_files.sign_protocol(db, meeting_id, "Ordforande", _p12(vera, ca))
    signed = signing.stored_signed_pdf(db, meeting_id) or b""
    raw(db, "UPDATE protocol_revisions SET approved_by = 'Någon annan'")
    verified = verify_file(db, signed)
    assert not verified.ok
    assert any("justeringsposten" in line for line in verified.lines)
    with pytest.raises(DomainError, match="stämmer inte längre"):
        meeting_files.sign_protocol(db, meeting_id, "Justerare_1", _p12(vera, ca))


def test_a_draft_cannot_be_signed(db: Database, meeting_id: int) -> None:
    approval.start_correction(db, meeting_id, "Fel i närvaron")
    with pytest.raises(DomainError, match="justerat protokoll"):
        signing.export_for_signing(db, meeting_id)
    assert signing.status(db, meeting_id) is None
