"""Digital justering in the meeting window: sign the approved protocol with a certificate
file (PKCS#12) or a smart card (PKCS#11, e.g. SITHS; the card software's module path is
remembered), export it for a signing portal, and take back the signed file. The work is in
services/meetings/signing.py; here only the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.documents.meeting_files import sign_protocol
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import pdf_signatures
from naravard_desktop.services.meetings.read_models import SignatureField
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.file_dialogs import open_file_name
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import ERROR_STYLE
from naravard_desktop.ui.meetings.view_tools import busy_cursor
from naravard_desktop.ui.settings import app_settings

MODULE_KEY = "signing/pkcs11_module"
CERTIFICATE_FILTER = "PKCS#12 (*.p12 *.pfx)"
# Where card software usually puts its PKCS#11 module; the first that exists is suggested.
KNOWN_MODULES = (
    "C:/Windows/System32/iidp11.dll",  # Net iD (SITHS)
    "/usr/lib/x86_64-linux-gnu/iidp11.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",
)


def suggested_module() -> str:
    remembered = str(app_settings().value(MODULE_KEY, "") or "")
    if remembered:
        return remembered
    return next((m for m in KNOWN_MODULES if Path(m).exists()), "")


class SignDialog(QDialog):
    """Choose the field (role) and the certificate, and sign; a refusal (wrong PIN or
    password, a card that cannot be opened) stays in the dialog with what was typed."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        fields: list[SignatureField],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign the protocol"))
        self.setMinimumWidth(520)
        self.db = db
        self.meeting_id = meeting_id
        intro = QLabel(
            _(
                "The signature is added to the approved PDF as a PAdES signature; the approved "
                "content stays as it is. Each signer signs in turn."
            )
        )
        intro.setWordWrap(True)
        self.field = QComboBox()
        self.field.setObjectName("signature_field")
        for field in fields:
            text = f"{field.role} – {field.person}" if field.person else field.role
            self.field.addItem(text, field.name)
        required = [i for i, f in enumerate(fields) if f.required]
        self.field.setCurrentIndex(required[0] if required else 0)
        self.use_file = QRadioButton(_("Certificate &file (PKCS#12: .p12, .pfx)"))
        self.use_file.setObjectName("use_certificate_file")
        self.use_card = QRadioButton(_("Smart &card (PKCS#11, e.g. SITHS)"))
        self.use_card.setObjectName("use_smart_card")
        self.file_path = QLineEdit()
        self.file_path.setObjectName("certificate_file")
        self.password = QLineEdit()
        self.password.setObjectName("certificate_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.module = QLineEdit(suggested_module())
        self.module.setObjectName("pkcs11_module")
        self.pin = QLineEdit()
        self.pin.setObjectName("card_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.use_file.setChecked(True)
        self.use_file.toggled.connect(self._show_source)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setStyleSheet(ERROR_STYLE)
        self.refusal.setWordWrap(True)
        self.refusal.setVisible(False)

        form = QFormLayout()
        form.addRow(self._caption(_("&Sign as:"), self.field), self.field)
        form.addRow(self.use_file)
        choose = QPushButton(_("C&hoose…"))
        choose.setObjectName("choose_certificate")
        choose.clicked.connect(self._choose_file)
        self.choose_button = choose
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(choose)
        form.addRow(self._caption(_("Certificate fi&le:"), self.file_path), file_row)
        form.addRow(self._caption(_("&Password:"), self.password), self.password)
        form.addRow(self.use_card)
        form.addRow(self._caption(_("Card &module:"), self.module), self.module)
        form.addRow(self._caption(_("P&IN:"), self.pin), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(ok_cancel_buttons(self, _("Sign")))
        self._show_source()
        self.field.setFocus()

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _show_source(self) -> None:
        card = self.use_card.isChecked()
        for widget in (self.module, self.pin):
            widget.setEnabled(card)
        file_widgets: tuple[QWidget, ...] = (self.file_path, self.password, self.choose_button)
        for file_widget in file_widgets:
            file_widget.setEnabled(not card)

    def _choose_file(self) -> None:
        name = open_file_name(self, _("Choose the certificate file"), CERTIFICATE_FILTER)
        if name:
            self.file_path.setText(name)
            self.password.setFocus()

    def _sign(self) -> None:
        field = str(self.field.currentData())
        if self.use_card.isChecked():
            module = self.module.text().strip()
            if not module:
                raise DomainError(_("Give the path of the card software's PKCS#11 module."))
            with pdf_signatures.pkcs11_signer(module, self.pin.text()) as signer:
                sign_protocol(self.db, self.meeting_id, field, signer)
            settings = app_settings()
            settings.setValue(MODULE_KEY, module)
            settings.sync()
            return
        path = Path(self.file_path.text().strip())
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DomainError(
                _("Cannot read the certificate file {path}. Choose the .p12 or .pfx file.").format(
                    path=path
                )
            ) from error
        signer = pdf_signatures.pkcs12_signer(data, self.password.text())
        sign_protocol(self.db, self.meeting_id, field, signer)

    def accept(self) -> None:
        self.refusal.setVisible(False)
        try:
            with busy_cursor():
                self._sign()
        except DomainError as error:
            self.refusal.setText(error.message)
            self.refusal.setVisible(True)
            return
        super().accept()


def run_sign_dialog(
    parent: QWidget, db: Database, meeting_id: int, fields: list[SignatureField]
) -> bool:
    return bool(SignDialog(db, meeting_id, fields, parent).exec())


SignRunner = Callable[[QWidget, Database, int, list[SignatureField]], bool]
