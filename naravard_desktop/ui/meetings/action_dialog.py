"""Add or change one action item: what, who, due date, done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.actions import ActionInput
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import DateLineEdit, FieldErrors


class ActionDialog(QDialog):
    """Calls `submit` with the form's value; stays open while it raises ValidationError."""

    def __init__(
        self,
        title: str,
        initial: ActionInput,
        submit: Callable[[ActionInput], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self._activity_id = initial.activity_id
        self.errors = FieldErrors()
        self.what = QPlainTextEdit()
        self.what.setObjectName("action_what")
        self.what.setTabChangesFocus(True)
        self.what.setFixedHeight(70)
        self.who = QLineEdit()
        self.who.setObjectName("action_who")
        self.due_on = DateLineEdit()
        self.due_on.setObjectName("action_due")
        self.done_box = QCheckBox(_("D&one"))
        self.done_box.setObjectName("action_done")
        form = QFormLayout()
        for label, name, field in (
            (_("&What:"), "what", self.what),
            (_("W&ho:"), "who", self.who),
            (_("D&ue date:"), "due_on", self.due_on),
        ):
            caption = QLabel(label)
            caption.setBuddy(field)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(self.errors.label_for(name, field))
            form.addRow(caption, column)
        form.addRow("", self.done_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.what.setPlainText(initial.what)
        self.who.setText(initial.who)
        self.due_on.set_date(initial.due_on)
        self.done_box.setChecked(initial.done)
        self.what.setFocus()

    def accept(self) -> None:
        due_on, problem = self.due_on.date_or_error()
        data = ActionInput(
            what=self.what.toPlainText(),
            who=self.who.text(),
            due_on=due_on,
            done=self.done_box.isChecked(),
            activity_id=self._activity_id,
        )
        try:
            if problem:
                raise ValidationError({"due_on": problem})
            self._submit(data)
        except ValidationError as error:
            for message in self.errors.show(error.fields):
                show_error(self, message)
            self.adjustSize()
            return
        except DomainError as error:
            show_error(self, error)
            return
        super().accept()
