"""The meeting window's actions for digital justering: sign in the app, export for a signing
portal (PDF with empty named signature fields) and import the signed file; and the line the
approval banner adds about who has signed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import signing
from naravard_desktop.services.meetings.read_models import FieldsState, MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.file_dialogs import open_file_name
from naravard_desktop.ui.meetings import documents
from naravard_desktop.ui.meetings.signing_dialog import SignRunner, run_sign_dialog
from naravard_desktop.ui.meetings.view_tools import busy_cursor


def signing_line(state: FieldsState | None) -> str:
    """ "Underskrivet av Olof Brandt (Justerare). Väntar på: Ordförande Vera Lindqvist." """
    if state is None or not state.signed:
        return ""
    signed = ", ".join(
        f"{state.signed_by.get(f.name) or f.person or f.role} ({f.role})" for f in state.signed
    )
    text = _("Signed digitally by {names}.").format(names=signed)
    if state.missing:
        waiting = ", ".join(f"{f.role} {f.person}".strip() for f in state.missing)
        text += " " + _("Waiting for: {names}.").format(names=waiting)
    else:
        text += " " + _("Every signer has signed.")
    return text


class SigningActions:
    """Owns the three actions; `meeting()` gives the shown meeting, `done()` redraws."""

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        meeting: Callable[[], MeetingData | None],
        done: Callable[[str], None],
        run_dialog: SignRunner = run_sign_dialog,
    ) -> None:
        self.parent = parent
        self.db = db
        self.meeting = meeting
        self.done = done
        self.run_dialog = run_dialog
        self.sign_action = QAction(_("&Sign digitally…"), parent)
        self.sign_action.setObjectName("sign_protocol")
        self.sign_action.triggered.connect(lambda _checked=False: self.sign())
        self.export_action = QAction(_("Export for e-signature…"), parent)
        self.export_action.setObjectName("export_for_signing")
        self.export_action.triggered.connect(lambda _checked=False: self.export())
        self.import_action = QAction(_("Import signed protocol…"), parent)
        self.import_action.setObjectName("import_signed")
        self.import_action.triggered.connect(lambda _checked=False: self.import_signed())
        for action in self.actions():
            parent.addAction(action)

    def actions(self) -> list[QAction]:
        return [self.sign_action, self.export_action, self.import_action]

    def enable(self, approved: bool) -> None:
        for action in self.actions():
            action.setEnabled(approved)

    def sign(self) -> None:
        meeting = self.meeting()
        if meeting is None:
            return
        state = signing.fields_state(self.db, meeting.id)
        if state is None:
            return
        if not state.open_fields:
            show_error(
                self.parent,
                _("Every signature field of this protocol is signed. Nothing is left to sign."),
            )
            return
        if self.run_dialog(self.parent, self.db, meeting.id, list(state.open_fields)):
            self.done(_("The protocol is signed."))

    def export(self) -> None:
        meeting = self.meeting()
        if meeting is None:
            return
        path = documents.save_document(
            self.parent,
            _("Save the protocol for e-signature"),
            documents.suggested_name(_("Protocol for signing"), meeting, ".pdf"),
            documents.PDF_FILTER,
            ".pdf",
            lambda: signing.export_for_signing(self.db, meeting.id),
        )
        if path is not None:
            self.done(_("Saved {path}").format(path=path))

    def import_signed(self) -> None:
        name = open_file_name(self.parent, _("Import signed protocol"), documents.PDF_FILTER)
        if not name:
            return
        try:
            data = Path(name).read_bytes()
        except OSError:
            show_error(
                self.parent, _("Cannot read {path}. Choose the file again.").format(path=name)
            )
            return
        try:
            with busy_cursor():
                result = signing.import_signed(self.db, data)
        except DomainError as error:
            show_error(self.parent, error, _("The signed protocol was not imported"))
            return
        names = ", ".join(s.signer or s.subject for s in result.status.signatures)
        QMessageBox.information(
            self.parent,
            _("Import signed protocol"),
            _("The signed protocol is stored. Signed by: {names}.").format(names=names),
        )
        self.done(_("The signed protocol is stored."))
