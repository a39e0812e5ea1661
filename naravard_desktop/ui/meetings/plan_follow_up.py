"""'Uppföljning av lokal plan' in the agenda item editor: the plan activities this item
followed up, the item's action items linked to a plan activity, and a dialog that logs a
follow-up of an activity at this item (dated the meeting's day). The follow-up is the plan's
own (services/plan/follow_ups.py): it shows in the activity's timeline and sets its status and
progress. Undo removes it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import actions, meetings
from naravard_desktop.services.meetings.read_models import ActionData, ItemData
from naravard_desktop.services.plan import follow_ups, plan_items, plan_links
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.plan.read_models import ActivityChoice, FollowUpInput, FollowUpRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import DateLineEdit, status_combo, text_box
from naravard_desktop.ui.path_combo import PathComboBox
from naravard_desktop.ui.privacy import RESTORED_REASON, save_guarded
from naravard_desktop.ui.undo import IdMap, SavedChangeCommand, as_written, meeting_lock

FOLLOW_UP_ROLE = Qt.ItemDataRole.UserRole + 5
ACTION_ROLE = Qt.ItemDataRole.UserRole + 6


class PlanFollowUpDialog(FormDialog):
    """Activity, date, status, progress and note; status and progress start from what the
    chosen activity last reported."""

    def __init__(
        self,
        activities: Sequence[ActivityChoice],
        day: dt.date,
        submit: Callable[[tuple[int, FollowUpInput]], None],
        parent: QWidget,
    ) -> None:
        super().__init__(_("Follow up a plan activity"), submit, parent, _("Save"))
        self.setMinimumWidth(640)
        self._choices = {choice.id: choice for choice in activities}
        self.activity = PathComboBox()
        self.activity.setObjectName("follow_up_activity")
        self.activity.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.activity.setMinimumContentsLength(40)
        for choice in activities:
            self.activity.addItem(choice.label, choice.id)
            index = self.activity.count() - 1
            self.activity.setItemData(index, choice.label, Qt.ItemDataRole.ToolTipRole)
        self.on = DateLineEdit()
        self.on.setObjectName("follow_up_date")
        self.on.set_date(day)
        self.status = status_combo()
        self.status.setObjectName("follow_up_status")
        self.progress = QSpinBox()
        self.progress.setObjectName("follow_up_progress")
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.note = text_box(4)
        self.note.setObjectName("follow_up_note")
        self.add_field(_("A&ctivity"), self.activity, "activity")
        self.add_field(_("&Date"), self.on, "followed_up_on")
        self.add_field(_("S&tatus"), self.status, "status")
        self.add_field(_("Pro&gress"), self.progress, "progress")
        self.add_field(_("&Note"), self.note, "note")
        self.activity.currentIndexChanged.connect(self._show_current)
        self._show_current()

    def _show_current(self) -> None:
        choice = self._choices.get(self.activity.currentData())
        if choice is not None:
            self.status.setCurrentIndex(self.status.findData(choice.status.value))
            self.progress.setValue(choice.progress)

    def build(self) -> tuple[int, FollowUpInput] | None:
        activity_id = self.activity.currentData()
        day, problem = self.on.date_or_error()
        if activity_id is None:
            self.errors.show({"activity": _("Choose the activity that was followed up.")})
            return None
        if problem or day is None:
            self.errors.show({"followed_up_on": problem or _("Give the date of the follow-up.")})
            return None
        return int(activity_id), FollowUpInput(
            followed_up_on=day,
            status=ActivityStatus(self.status.currentData()),
            progress=self.progress.value(),
            note=self.note.toPlainText(),
        )


class PlanFollowUpPanel(QWidget):
    """The follow-ups made at the shown agenda item and its action items linked to a plan
    activity, and 'Följ upp aktivitet…'. Every change on the undo stack (an action item
    added, linked, undone …) redraws it."""

    def __init__(
        self, db: Database, undo_stack: QUndoStack, item_ids: IdMap, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.item_ids = item_ids
        self.item: ItemData | None = None
        self.locked = False
        self.caption = QLabel("<b>{}</b>".format(_("Follow-up of the local plan")))
        self.follow_up_button = QPushButton(_("Follo&w up activity…"))
        self.follow_up_button.setObjectName("follow_up_activity_button")
        self.follow_up_button.clicked.connect(self.follow_up)
        self.list = QListWidget()
        self.list.setObjectName("item_follow_ups")
        self.list.setAccessibleName(_("Follow-up"))
        self.list.setMinimumHeight(22)  # the window must still fit 720×520
        self.list.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.follow_up_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        undo_stack.indexChanged.connect(self.refresh)

    def show_item(self, item: ItemData | None, locked: bool) -> None:
        self.item = item
        self.locked = locked
        self.follow_up_button.setEnabled(item is not None and not locked)
        self.follow_up_button.setToolTip(
            _("The protocol is approved: follow up from the plan page instead.") if locked else ""
        )
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.item is None:
            return
        try:
            found = follow_ups.followed_up_at(self.db, self.item.id)
            linked = [a for a in actions.actions_of_item(self.db, self.item.id) if a.activity_id]
            labels = plan_links.activity_labels(
                self.db,
                {f.activity_id for f in found} | {a.activity_id for a in linked if a.activity_id},
            )
        except DomainError:
            found, linked, labels = [], [], {}
        for entry in found:
            text = _("{activity}: {status}, {progress} %").format(
                activity=labels.get(entry.activity_id, entry.activity_title),
                status=status_label(entry.status),
                progress=entry.progress,
            )
            note = " ".join(entry.note.split())
            row = QListWidgetItem(f"{text}\n{note}" if note else text)
            row.setData(FOLLOW_UP_ROLE, entry.follow_up_id)
            row.setToolTip(entry.note)
            self.list.addItem(row)
        for action in linked:
            self.list.addItem(self._action_row(action, labels))
        if not found and not linked:
            placeholder = QListWidgetItem(_("No plan activity followed up at this item."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)

    @staticmethod
    def _action_row(action: ActionData, labels: dict[int, str]) -> QListWidgetItem:
        """The activity, and below it the action item linked to it."""
        what = " ".join(action.what.split())
        text = _("Action item: {what}").format(what=what)
        if action.done:
            text = _("{text} (done)").format(text=text)
        activity = labels.get(action.activity_id or 0, "")
        row = QListWidgetItem(f"{activity}\n{text}" if activity else text)
        row.setData(ACTION_ROLE, action.id)
        row.setToolTip(action.what)
        return row

    def follow_up(self) -> None:
        item = self.item
        if item is None or self.locked:
            return
        try:
            meeting = meetings.get_meeting(self.db, item.meeting_id)
            choices = plan_links.activity_choices(self.db, meeting.group_id)
        except DomainError as error:
            show_error(self, error)
            return
        if not choices:
            QMessageBox.information(
                self,
                _("Follow up a plan activity"),
                _("The group's plans have no activities yet. Add them on the plan page."),
            )
            return
        added: list[tuple[ActivityChoice, FollowUpRow]] = []

        def submit(value: tuple[int, FollowUpInput]) -> None:
            activity_id, data = value
            data = replace(data, agenda_item_id=item.id)
            saved = save_guarded(
                dialog,
                lambda reason: follow_ups.add_follow_up(
                    self.db, activity_id, data, privacy_override=reason
                ),
                fields={"note": dialog.note},
                labels=follow_ups.privacy_labels(),
            )
            added.append((next(c for c in choices if c.id == activity_id), saved))

        dialog = PlanFollowUpDialog(choices, meeting.held_on, submit, self)
        if dialog.exec() and added:
            self._push(*added[0], meeting.id)
        self.refresh()

    def _push(self, before: ActivityChoice, entry: FollowUpRow, meeting_id: int) -> None:
        """Undo removes the follow-up and gives the activity back the status and progress it
        had; redo logs it again at the same item. Neither once the protocol is approved: it
        reports the follow-up under the item."""
        state: dict[str, Any] = {"entry": entry}
        state["after"] = plan_items.get_activity(self.db, before.id).as_input()
        data = FollowUpInput(
            entry.followed_up_on, entry.status, entry.progress, entry.note, entry.agenda_item_id
        )
        item_id = entry.agenda_item_id

        def undo() -> None:
            current = as_written(
                plan_items.get_activity(self.db, before.id), state["after"], f"“{before.title}”"
            )
            logged: FollowUpRow = state["entry"]
            follow_ups.take_back_follow_up(
                self.db, logged.id, logged.version, current.version, before.status, before.progress
            )
            self.refresh()

        def redo() -> None:
            resolved = self.item_ids.resolve(item_id) if item_id is not None else None
            again = follow_ups.add_follow_up(
                self.db,
                before.id,
                replace(data, agenda_item_id=resolved),
                privacy_override=RESTORED_REASON,
            )
            state["entry"] = again
            state["after"] = plan_items.get_activity(self.db, before.id).as_input()
            self.refresh()

        self.undo_stack.push(
            SavedChangeCommand(
                _("Follow up {title}").format(title=before.title[:60]),
                undo,
                redo,
                refresh=self.refresh,
                locked=meeting_lock(self.db, meeting_id),
            )
        )
