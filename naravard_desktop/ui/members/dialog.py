"""Add or edit one member; errors appear under the fields and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import Role
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.labels import MEMBER_PRINCIPALS, principal_label, role_label
from naravard_desktop.services.group.members import MemberInput, validate_member
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import DateLineEdit, FieldErrors

Submit = Callable[[MemberInput], None]


class MemberDialog(QDialog):
    """Calls `submit` with the form's value; stays open while it raises ValidationError."""

    def __init__(
        self,
        title: str,
        initial: MemberInput,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self.errors = FieldErrors()

        self.name = QLineEdit()
        self.name.setObjectName("member_name")
        self.organisation = QLineEdit()
        self.organisation.setObjectName("member_organisation")
        self.organisation.setPlaceholderText(_("e.g. Hälsocentralen Bergsjö"))
        self.principal = QComboBox()
        self.principal.setObjectName("member_principal")
        for principal in MEMBER_PRINCIPALS:
            self.principal.addItem(principal_label(principal), principal)
        self.role = QComboBox()
        self.role.setObjectName("member_role")
        for role in Role:
            self.role.addItem(role_label(role), role)
        self.email = QLineEdit()
        self.email.setObjectName("member_email")
        self.phone = QLineEdit()
        self.phone.setObjectName("member_phone")
        self.active_from = DateLineEdit()
        self.active_from.setObjectName("member_active_from")
        self.active_to = DateLineEdit()
        self.active_to.setObjectName("member_active_to")

        form = QFormLayout()
        self._row(form, _("&Name:"), "name", self.name)
        self._row(form, _("&Organisation:"), "organisation", self.organisation)
        self._row(form, _("&Principal:"), "principal", self.principal)
        self._row(form, _("Ro&le:"), "role", self.role)
        self._row(form, _("&E-mail:"), "email", self.email)
        self._row(form, _("P&hone:"), "phone", self.phone)
        self._row(form, _("Member &from:"), "active_from", self.active_from)
        self._row(form, _("Member &until:"), "active_to", self.active_to)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.set_value(initial)
        self.name.setFocus()

    def _row(self, form: QFormLayout, label: str, name: str, field: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(field)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(self.errors.label_for(name, field))
        form.addRow(caption, column)

    def set_value(self, data: MemberInput) -> None:
        self.name.setText(data.name)
        self.organisation.setText(data.organisation)
        self.principal.setCurrentIndex(max(0, self.principal.findData(data.principal)))
        self.role.setCurrentIndex(max(0, self.role.findData(data.role)))
        self.email.setText(data.email)
        self.phone.setText(data.phone)
        self.active_from.set_date(data.active_from)
        self.active_to.set_date(data.active_to)

    def value(self) -> tuple[MemberInput, dict[str, str]]:
        """The form's value and any dates that could not be read."""
        date_errors: dict[str, str] = {}
        active_from, problem = self.active_from.date_or_error()
        if problem:
            date_errors["active_from"] = problem
        active_to, problem = self.active_to.date_or_error()
        if problem:
            date_errors["active_to"] = problem
        data = MemberInput(
            name=self.name.text(),
            organisation=self.organisation.text(),
            principal=self.principal.currentData(),
            role=self.role.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
            active_from=active_from,
            active_to=active_to,
        )
        return data, date_errors

    def accept(self) -> None:
        data, date_errors = self.value()
        try:
            if date_errors:
                raise ValidationError({**_other_errors(data), **date_errors})
            self._submit(data)
        except ValidationError as error:
            for message in self.errors.show(error.fields):
                show_error(self, message)
            self.adjustSize()  # make room for the messages under the fields
            return
        except DomainError as error:
            show_error(self, error)
            return
        super().accept()


def _other_errors(data: MemberInput) -> dict[str, str]:
    """The service's findings, so unreadable dates do not hide the other problems."""
    try:
        validate_member(data)
    except ValidationError as error:
        return error.fields
    return {}
