"""First start: create the group before anything else can be done."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.group.form import GroupForm


class SetupDialog(QDialog):
    """Asks for the group's name, municipality, region and an optional logo."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.created: GroupData | None = None
        self.setWindowTitle(_("Set up your collaboration group"))
        self.setMinimumWidth(520)

        intro = QLabel(
            _(
                "Welcome! Start by describing your local collaboration group. The name and logo "
                "appear at the top of every protocol. You can change all of this later."
            )
        )
        intro.setWordWrap(True)
        self.form = GroupForm()
        self.buttons = ok_cancel_buttons(self, _("Create group"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("create_group")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.form.name.setFocus()

    def accept(self) -> None:
        try:
            self.created = groups.create_group(self.db, self.form.value())
        except ValidationError as error:
            for message in self.form.errors.show(error.fields):
                show_error(self, message)
            self.adjustSize()
            return
        except DomainError as error:
            show_error(self, error)
            return
        super().accept()
