"""The one way a form dialog is built: a labelled field with its error label under it, and
the OK/Cancel buttons. A ValidationError's {field: message} then shows under the field it is
about, the first such field gets the focus, and the dialog stays open with what was typed.

    class AreaDialog(FormDialog):
        def __init__(self, submit: Callable[[AreaInput], None], parent: QWidget) -> None:
            super().__init__(_("New area"), submit, parent, ok_text=_("Add"))
            self.title = QLineEdit()
            self.add_field(_("&Title"), self.title, name="title")  # Alt+T, error "title"

        def build(self) -> AreaInput:  # None keeps the dialog open (errors already shown)
            return AreaInput(self.title.text())

`submit` saves the value and raises ValidationError, DomainError or BackToEditing to keep
the dialog open; Spara (or the dialog's own verb) and Enter call `accept()`, which submits.
Forms that are not dialogs (the group settings, the plan's side panel) use `add_form_row`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import FieldErrors, buddy_label
from naravard_desktop.ui.privacy import BackToEditing, save_guarded


def add_form_row(
    form: QFormLayout, label_text: str, field: QWidget, error: QLabel, buddy: QWidget | None = None
) -> QVBoxLayout:
    """`label_text` (its & the mnemonic, for `buddy` or the field) beside the field, with the
    error label right under the field. Returns the column, so a caller can add below it."""
    caption = buddy_label(label_text, buddy or field)
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    form.addRow(caption, column)
    return column


def ok_cancel_buttons(
    dialog: QDialog, ok_text: str | None = None, on_ok: Callable[[], object] | None = None
) -> QDialogButtonBox:
    """OK and Cancel (Avbryt) wired to the dialog's accept (or `on_ok`) and reject; `ok_text`
    says what OK does ('Spara', 'Skapa', 'Lägg till') rather than Qt's 'OK'."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _name_the_others(widget: QWidget, field: QWidget, label_text: str) -> None:
    """The label names `field` (its buddy); the other fields in `widget` (the time beside a
    date) are named by the label too unless they have a name of their own."""
    caption = label_text.replace("&", "").rstrip(" :")
    for other in widget.findChildren(QWidget):
        focusable = other.focusPolicy() != other.focusPolicy().NoFocus
        inner = isinstance(other.parentWidget(), (QComboBox, QAbstractSpinBox))
        if other is not field and focusable and not inner and not other.accessibleName():
            other.setAccessibleName(caption)


class FormDialog(QDialog):
    """A form of labelled fields above OK/Cancel; `build()` gives the value to submit.

    `self.body` is the dialog's layout (the form, then the buttons) for anything else the
    dialog shows; `self.form` takes rows that are not fields (a check box, a list)."""

    def __init__(
        self,
        title: str,
        submit: Callable[[Any], None],
        parent: QWidget | None,
        ok_text: str | None = None,
        min_width: int = 480,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self._submit = submit
        self.errors = FieldErrors()
        self._last_field: QWidget | None = None
        self.form = QFormLayout()
        self.buttons = ok_cancel_buttons(self, ok_text)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)

    def add_field(
        self, label_text: str, widget: QWidget, name: str, buddy: QWidget | None = None
    ) -> QVBoxLayout:
        """A labelled field whose errors are those the service reports under `name`. The first
        field has the focus when the dialog opens, and Tab goes through the fields in the order
        they were added, then to the buttons. `buddy` is the field in `widget` that takes the
        mnemonic and the focus when `widget` holds more than one. Returns the field's column."""
        field = buddy or widget
        _name_the_others(widget, field, label_text)
        error = self.errors.label_for(name, field)
        column = add_form_row(self.form, label_text, widget, error, buddy)
        if self._last_field is None:
            field.setFocus()
        else:
            QWidget.setTabOrder(self._last_field, field)
        QWidget.setTabOrder(field, self.buttons)
        self._last_field = field
        return column

    def showEvent(self, event: QShowEvent) -> None:
        """As it opens: its search fields and tabs named (ui/accessible_names)."""
        from naravard_desktop.ui.accessible_names import name_unnamed

        name_unnamed(self)
        super().showEvent(event)

    def build(self) -> Any:
        """The value to submit, or None when the form itself found a problem (shown already).
        It may raise ValidationError, which is shown under the fields as the service's is."""
        raise NotImplementedError

    def show_errors(self, fields: dict[str, str]) -> None:
        """The messages under their fields (the others in a message box); the dialog grows to
        show them."""
        for message in self.errors.show(fields):
            show_error(self, message)
        self.resize(self.size().expandedTo(self.sizeHint()))

    def accept(self) -> None:
        try:
            value = self.build()
            if value is None:
                return
            self._submit(value)
        except ValidationError as error:
            self.show_errors(error.fields)
            return
        except BackToEditing:  # an identity number to remove: it is selected in its field
            return
        except DomainError as error:
            show_error(self, error)
            return
        super().accept()


Value = TypeVar("Value")
Saved = TypeVar("Saved")


def saved_by_dialog(
    make: Callable[[Callable[[Value], None]], FormDialog],
    save: Callable[[Value, str | None], Saved],
    labels: Mapping[str, str],
) -> Saved | None:
    """Run the dialog `make(submit)` builds: its OK saves `save(value, reason)`, asking
    about an identity number in its fields that `labels` names (the dialog stays open on any
    refusal). The saved result, or None when the dialog was cancelled."""
    saved: list[Saved] = []
    dialog: FormDialog

    def submit(value: Value) -> None:
        saved.append(
            save_guarded(
                dialog,
                lambda reason: save(value, reason),
                fields=dialog.errors.fields_named(labels),
                labels=labels,
            )
        )

    dialog = make(submit)
    return saved[0] if dialog.exec() and saved else None
