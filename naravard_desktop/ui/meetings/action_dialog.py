"""Add or change one action item: what, who, due date, done, and the plan activity it
serves (optional)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from naravard_desktop.services.meetings.actions import ActionInput
from naravard_desktop.services.plan.plan_links import ActivityChoice
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import DateLineEdit, FieldErrors
from naravard_desktop.ui.path_combo import PathComboBox
from naravard_desktop.ui.privacy import BackToEditing


class ActionDialog(QDialog):
    """Calls `submit` with the form's value; stays open while it raises ValidationError."""

    def __init__(
        self,
        title: str,
        initial: ActionInput,
        submit: Callable[[ActionInput], None],
        parent: QWidget | None = None,
        activities: Sequence[ActivityChoice] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self.errors = FieldErrors()
        self.what = QPlainTextEdit()
        self.what.setObjectName("action_what")
        self.what.setTabChangesFocus(True)
        self.what.setFixedHeight(70)
        self.who = QLineEdit()
        self.who.setObjectName("action_who")
        self.due_on = DateLineEdit()
        self.due_on.setObjectName("action_due")
        self.activity = PathComboBox()
        self.activity.setObjectName("action_activity")
        self.activity.addItem(_("None"), None)
        for choice in activities:
            self.activity.addItem(choice.label, choice.id)
            self.activity.setItemData(
                self.activity.count() - 1, choice.label, Qt.ItemDataRole.ToolTipRole
            )
        if initial.activity_id is not None and self.activity.findData(initial.activity_id) < 0:
            self.activity.addItem(_("An activity of another plan"), initial.activity_id)
        self.activity.setCurrentIndex(max(0, self.activity.findData(initial.activity_id)))
        self.activity.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.activity.setMinimumContentsLength(30)
        self.done_box = QCheckBox(_("D&one"))
        self.done_box.setObjectName("action_done")
        form = QFormLayout()
        for label, name, field in (
            (_("&What:"), "what", self.what),
            (_("W&ho:"), "who", self.who),
            (_("D&ue date:"), "due_on", self.due_on),
            (_("&Plan activity:"), "activity_id", self.activity),
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
            activity_id=self.activity.currentData(),
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
        except BackToEditing:  # an identity number to remove: it is selected in its field
            return
        except DomainError as error:
            show_error(self, error)
            return
        super().accept()
