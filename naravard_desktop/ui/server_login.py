"""The window's login to a database server: the password when the server asks for one that
.pgpass or the service file did not give, and what a login without any group is told.

The password goes from the field to the driver (services/system/database.open_database's
`password`); it is never put in the URL, a message, the settings or the log.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database, PasswordNeededError
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import buddy_label, named


class PasswordDialog(QDialog):
    """Asks for the role's password on the server named in the message."""

    def __init__(self, error: PasswordNeededError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Log in to the database server"))
        self.setMinimumWidth(460)
        message = named(QLabel, "login_message", error.message, wordWrap=True)
        role = named(QLineEdit, "login_role", error.role, readOnly=True)
        self.password = named(QLineEdit, "login_password", echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(buddy_label(_("&Role:"), role), role)
        form.addRow(buddy_label(_("&Password:"), self.password), self.password)
        buttons = ok_cancel_buttons(self, _("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("log_in")
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.password.setFocus()


def ask_password(parent: QWidget | None, error: PasswordNeededError) -> str | None:
    """The password typed, or None when the user cancelled."""
    dialog = PasswordDialog(error, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text()
    finally:
        dialog.password.clear()
        dialog.deleteLater()


def no_group_to_set_up(parent: QWidget | None, db: Database) -> bool:
    """On a server whose administrator alone creates groups, a login without any group is
    told to ask for access (True); False where the set-up dialog may create one."""
    if access.may_create_groups(db):
        return False
    QMessageBox.information(
        parent,
        _("No group to open"),
        _(
            "Your login {role} has no access to any group in the database {name}. Ask the "
            "database administrator to give it access to your group, then start the program "
            "again."
        ).format(role=access.login_name(db), name=db.display_name),
    )
    return True
