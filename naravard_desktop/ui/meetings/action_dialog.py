"""Add or change one action item: what, who, due date, done, and the plan activity it
serves (optional)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.read_models import ActionInput
from naravard_desktop.services.plan.read_models import ActivityChoice
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import DateLineEdit
from naravard_desktop.ui.path_combo import PathComboBox


class ActionDialog(FormDialog):
    """Calls `submit` with the form's value; stays open while it raises ValidationError."""

    def __init__(
        self,
        title: str,
        initial: ActionInput,
        submit: Callable[[ActionInput], None],
        parent: QWidget | None = None,
        activities: Sequence[ActivityChoice] = (),
    ) -> None:
        super().__init__(title, submit, parent, ok_text=_("Save"), min_width=460)
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
        self.add_field(_("&What:"), self.what, "what")
        self.add_field(_("W&ho:"), self.who, "who")
        self.add_field(_("D&ue date:"), self.due_on, "due_on")
        self.add_field(_("&Plan activity:"), self.activity, "activity_id")
        self.form.addRow("", self.done_box)
        QWidget.setTabOrder(self.activity, self.done_box)
        QWidget.setTabOrder(self.done_box, self.buttons)
        self.what.setPlainText(initial.what)
        self.who.setText(initial.who)
        self.due_on.set_date(initial.due_on)
        self.done_box.setChecked(initial.done)

    def build(self) -> ActionInput:
        due_on, problem = self.due_on.date_or_error()
        if problem:
            raise ValidationError({"due_on": problem})
        return ActionInput(
            what=self.what.toPlainText(),
            who=self.who.text(),
            due_on=due_on,
            done=self.done_box.isChecked(),
            activity_id=self.activity.currentData(),
        )
