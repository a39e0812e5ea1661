"""The side panel's form for an area (number, title, description), saved as it is typed
like the activity's (panel_saving.py); an empty title is kept unsaved with its message, and
so is a title or description holding a personal identity number (asked about on Ctrl+Return
or when the area is left)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_items import (
    AreaInput,
    AreaRow,
    area_privacy_labels,
    validate_area,
)
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import add_form_row
from naravard_desktop.ui.forms import text_box
from naravard_desktop.ui.plan.panel_saving import AutosaveForm
from naravard_desktop.ui.privacy import BackToEditing, ask_privacy


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
        self.submit: Callable[[AreaRow, AreaInput, str | None], AreaRow] | None = None
        self.number = QLineEdit()
        self.number.setObjectName("area_number")
        self.number.setPlaceholderText(_("As written: 1, 1 a, b)"))
        self.title = QLineEdit()
        self.title.setObjectName("area_title")
        self.description = text_box(5)
        self.description.setObjectName("area_description")
        form = QFormLayout()
        for text, field, name in (
            (_("N&umber"), self.number, "number"),
            (_("&Title"), self.title, "title"),
            (_("&Description"), self.description, "description"),
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
        self.watch("number", self.number, self.number.textChanged)
        self.watch("title", self.title, self.title.textChanged)
        self.watch("description", self.description, self.description.textChanged)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.flush(interactive=True))

    def raw(self) -> dict[str, object]:
        return {
            "number": self.number.text(),
            "title": self.title.text(),
            "description": self.description.toPlainText(),
        }

    def raw_of(self, row: AreaRow | AreaInput) -> dict[str, object]:
        return {"number": row.number, "title": row.title, "description": row.description}

    def set_raw(self, name: str, value: object) -> None:
        if name == "description":
            self.description.setPlainText(str(value))
        else:
            (self.number if name == "number" else self.title).setText(str(value))

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
            if not same_area(data, before.as_input()) and self.submit is not None:
                self.row = self._submit(before, data, interactive, errors)
        except BackToEditing:
            self.show_errors(errors)
            return False
        except DomainError as error:
            show_error(self, error)
            return False
        self.show_errors(errors)
        return not errors

    def _submit(
        self, before: AreaRow, data: AreaInput, interactive: bool, held: dict[str, str]
    ) -> AreaRow:
        """Save; an identity number is asked about when the user saves on purpose, and held
        back while typing (its message under the field, the other fields saved)."""
        assert self.submit is not None
        try:
            return self.submit(before, data, None)
        except PrivacyWarning as warning:
            if interactive:
                reason = ask_privacy(
                    self,
                    warning,
                    fields={"title": self.title, "description": self.description},
                    labels=area_privacy_labels(),
                )
                if reason is None:
                    held.update({name: warning.message for name in warning.matches})
                    raise BackToEditing from warning
                return self.submit(before, data, reason)
            held.update({name: warning.message for name in warning.matches})
            kept = replace(data, **{name: getattr(before, name) for name in warning.matches})
            if same_area(kept, before.as_input()):
                return before
            return self.submit(before, kept, None)
