"""Digital justering in the meeting window (issue 15, points 3 and 4): export for
e-signature writes the approved PDF with empty named fields, a portal-signed file is
imported, and signing in the app with a certificate file keeps a wrong password in the
dialog; the approval banner then says who has signed and who is still missing."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from naravard_desktop.documents import meeting_files
from naravard_desktop.services.meetings import pdf_signatures as pdfsig
from naravard_desktop.services.meetings import signing
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.signing_dialog import SignDialog
from tests.unit.throwaway_ca import ThrowawayCA

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs
    from tests.ui.meetings.conftest import MakeMeeting


@pytest.fixture(scope="module")
def ca() -> ThrowawayCA:
    return ThrowawayCA()


def test_export_import_and_sign_from_the_window(
    tmp_path: Path,
    db: Database,
    make_meeting: MakeMeeting,
    meetings_page: MeetingsPage,
    boxes: Boxes,
    dialogs: Dialogs,
    ca: ThrowawayCA,
) -> None:
    meeting = make_meeting()
    meeting_files.approve(db, meeting.id, "Anna Berg", meeting.held_on + dt.timedelta(days=3))
    meetings_page.open_meeting(meeting.id)
    editor = meetings_page.editor
    assert editor.signing.sign_action.isEnabled()
    assert "underskrivet" not in editor.banner.text()

    exported = tmp_path / "för underskrift.pdf"
    boxes.answer(str(exported))
    editor.signing.export_action.trigger()
    boxes.take("getSaveFileName")
    assert pdfsig.empty_fields(exported.read_bytes()) == [
        "Sekreterare",
        "Ordforande",
        "Justerare_1",
    ]

    erik = ca.person("Erik Lund")
    portal_signer = signers.SimpleSigner.load_pkcs12_data(
        erik.pkcs12("portal", ca.certificate), other_certs=(), passphrase=b"portal"
    )
    meta = signers.PdfSignatureMetadata(
        field_name="Justerare_1", subfilter=fields.SigSeedSubFilter.PADES
    )
    signed = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(exported.read_bytes())), meta, signer=portal_signer
    )
    returned = tmp_path / "underskrivet.pdf"
    returned.write_bytes(signed.getvalue())
    boxes.answer(str(returned))
    editor.signing.import_action.trigger()
    boxes.take("getOpenFileName")
    assert "Erik Lund" in boxes.take("information").text
    assert "Digitalt underskrivet av Erik Lund (Justerare)." in editor.banner.text()
    assert "Väntar på: Ordförande Anna Berg." in editor.banner.text()

    anna_file = tmp_path / "anna.p12"
    anna_file.write_bytes(ca.person("Anna Berg").pkcs12("rätt lösen", ca.certificate))

    def sign(dialog: SignDialog) -> None:
        assert [dialog.field.itemData(i) for i in range(dialog.field.count())] == [
            "Sekreterare",
            "Ordforande",
        ]
        dialog.field.setCurrentIndex(1)
        dialog.file_path.setText(str(anna_file))
        dialog.password.setText("fel")
        dialog.accept()
        assert dialog.isVisible() and "lösenordet är fel" in dialog.refusal.text()
        assert dialog.file_path.text() == str(anna_file)  # what was typed stays
        dialog.password.setText("rätt lösen")
        dialog.accept()
        assert not dialog.isVisible()

    dialogs.expect(sign)
    editor.signing.sign_action.trigger()
    dialogs.check()
    assert "Alla har skrivit under." in editor.banner.text()
    status = signing.status(db, meeting.id)
    assert status is not None and status.complete
    assert [s.signer for s in status.signatures] == ["Erik Lund", "Anna Berg"]
