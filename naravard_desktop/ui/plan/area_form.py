"""The side panel's form for an area (number, title, description), saved as it is typed
like the activity's (panel_saving.py); an empty title is kept unsaved with its message, and
so is a title or description holding a personal identity number (asked about on Ctrl+Return
or when the area is left)."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_items import area_privacy_labels, validate_area
from naravard_desktop.services.plan.read_models import AreaInput, AreaRow
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import add_form_row
from naravard_desktop.ui.forms import named, text_box
from naravard_desktop.ui.plan.panel_saving import AutosaveForm, set_text, text_of
from naravard_desktop.ui.privacy import BackToEditing


def same_area(one: AreaInput, other: AreaInput) -> bool:
    try:
        return validate_area(one) == validate_area(other)
    except ValidationError:
        return one == other


class AreaForm(AutosaveForm):
    """Edits one area, saved as it is typed; `submit(before, data, reason)` returns the stored
    row (it raises PrivacyWarning while no reason to keep an identity number is given)."""

    record = "plan_area"
    text_fields = ("number", "title", "description")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = named(QLineEdit, "area_number", placeholderText=_("As written: 1, 1 a, b)"))
        self.title = named(QLineEdit, "area_title")
        self.description = text_box(5, objectName="area_description")
        self.texts = {"number": self.number, "title": self.title, "description": self.description}
        form = QFormLayout()
        for (name, field), text in zip(
            self.texts.items(), (_("N&umber"), _("&Title"), _("&Description")), strict=True
        ):
            add_form_row(form, text, field, self.error_label(name, field))
        self.state_label.setToolTip(
            _("Changes are saved as you type; Ctrl+Return saves at once. Undo with Ctrl+Z.")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        for name, field in self.texts.items():
            self.watch(name, field, field.textChanged)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.flush(interactive=True))

    def raw(self) -> dict[str, object]:
        return {name: text_of(field) for name, field in self.texts.items()}

    def raw_of(self, row: AreaRow | AreaInput) -> dict[str, object]:
        return {name: getattr(row, name) for name in self.texts}

    def set_raw(self, name: str, value: object) -> None:
        set_text(self.texts[name], str(value))

    def privacy_labels(self) -> dict[str, str]:
        return area_privacy_labels()

    def same(self, one: AreaInput, other: AreaInput) -> bool:
        return same_area(one, other)

    def _save(self, interactive: bool) -> bool:
        before: AreaRow = self.row
        data = AreaInput(
            title=self.title.text(),
            number=self.number.text(),
            description=self.description.toPlainText(),
        )
        errors: dict[str, str] = {}
        try:
            validate_area(data)
        except ValidationError as error:
            errors = dict(error.fields)
            data = replace(data, **{f: getattr(before, f) for f in errors if hasattr(before, f)})
        try:
            if not same_area(data, before.as_input()):
                self.row = self.submit_or_hold(before, data, interactive, errors)
        except BackToEditing:
            self.show_errors(errors)
            return False
        except DomainError as error:
            show_error(self, error)
            return False
        self._show_kept(data, errors)
        self.show_errors(errors)
        return not errors

    def _show_kept(self, sent: AreaInput, held: dict[str, str]) -> None:
        """Changes made elsewhere and kept (the question about a stale edit), or the stored
        area when this edit was discarded: shown in the fields that differ."""
        with contextlib.suppress(ValidationError):  # its bad fields are held
            sent = validate_area(sent)
        came = self.raw_of(self.row)
        typed = self.raw_of(sent)
        self._loading = True
        try:
            for name, value in came.items():
                if value != typed[name] and name not in held:
                    self.set_raw(name, value)
        finally:
            self._loading = False
