"""Add or edit one member; errors appear under the fields and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from naravard_desktop.db.enums import Role
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.labels import MEMBER_PRINCIPALS, principal_label, role_label
from naravard_desktop.services.group.members import validate_member
from naravard_desktop.services.group.read_models import MemberInput
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import DateLineEdit, combo_box, named, read_dates, select_data

Submit = Callable[[MemberInput], None]


class MemberDialog(FormDialog):
    """Calls `submit` with the form's value; stays open while it raises ValidationError."""

    def __init__(
        self,
        title: str,
        initial: MemberInput,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, submit, parent, _("Save"), min_width=460)
        self.name = named(QLineEdit, "member_name")
        self.organisation = named(
            QLineEdit, "member_organisation", placeholderText=_("e.g. Hälsocentralen Bergsjö")
        )
        self.principal = combo_box(
            [(principal_label(p), p) for p in MEMBER_PRINCIPALS], objectName="member_principal"
        )
        self.role = combo_box([(role_label(r), r) for r in Role], objectName="member_role")
        self.email = named(QLineEdit, "member_email")
        self.phone = named(QLineEdit, "member_phone")
        self.active_from = named(DateLineEdit, "member_active_from")
        self.active_to = named(DateLineEdit, "member_active_to")

        self.add_field(_("&Name:"), self.name, "name")
        self.add_field(_("&Organisation:"), self.organisation, "organisation")
        self.add_field(_("&Principal:"), self.principal, "principal")
        self.add_field(_("Ro&le:"), self.role, "role")
        self.add_field(_("&E-mail:"), self.email, "email")
        self.add_field(_("P&hone:"), self.phone, "phone")
        self.add_field(_("Member &from:"), self.active_from, "active_from")
        self.add_field(_("Member &until:"), self.active_to, "active_to")
        self.set_value(initial)

    def set_value(self, data: MemberInput) -> None:
        self.name.setText(data.name)
        self.organisation.setText(data.organisation)
        select_data(self.principal, data.principal)
        select_data(self.role, data.role)
        self.email.setText(data.email)
        self.phone.setText(data.phone)
        self.active_from.set_date(data.active_from)
        self.active_to.set_date(data.active_to)

    def value(self) -> tuple[MemberInput, dict[str, str]]:
        """The form's value and any dates that could not be read."""
        dates, date_errors = read_dates(
            {"active_from": self.active_from, "active_to": self.active_to}
        )
        data = MemberInput(
            name=self.name.text(),
            organisation=self.organisation.text(),
            principal=self.principal.currentData(),
            role=self.role.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
            active_from=dates["active_from"],
            active_to=dates["active_to"],
        )
        return data, date_errors

    def build(self) -> MemberInput:
        data, date_errors = self.value()
        if date_errors:
            raise ValidationError({**_other_errors(data), **date_errors})
        return data


def _other_errors(data: MemberInput) -> dict[str, str]:
    """The service's findings, so unreadable dates do not hide the other problems."""
    try:
        validate_member(data)
    except ValidationError as error:
        return error.fields
    return {}
