"""Meetings and the local plan: an action item linked to a plan activity (shown in the
actions table), and a plan activity followed up from an agenda item (stored in the plan's
follow-up log, listed in the item editor, undone with Ctrl+Z, refused after approval)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemInput, MeetingData
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    PlanInput,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.actions import Column
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpDialog

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

PATH = "Lokal plan 2024–2026 › 2 Fast vårdkontakt › Införa patientkontrakt på hälsocentralen"


@pytest.fixture
def activity(db: Database, group: GroupData) -> ActivityRow:
    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan 2024–2026"))
    first = plan_items.add_area(db, plan.id, AreaInput(title="Trygg hemgång", number="1"))
    plan_items.add_activity(db, first.id, ActivityInput(title="Gemensam rutin vid utskrivning"))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Fast vårdkontakt", number="2"))
    return plan_items.add_activity(
        db,
        area.id,
        ActivityInput(
            title="Införa patientkontrakt på hälsocentralen",
            schedule_text="2025",
            status=ActivityStatus.NOT_STARTED,
        ),
    )


@pytest.fixture
def meeting(make_meeting: MakeMeeting, db: Database) -> MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, ItemInput(title="Uppföljning av lokal plan"))
    return created


@pytest.fixture
def editor(meetings_page: MeetingsPage, meeting: MeetingData, user: User) -> MeetingEditor:
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    row = [i.title for i in meetings_page.editor.agenda.model.items()].index(
        "Uppföljning av lokal plan"
    )
    meetings_page.editor.agenda._select_row(row)
    return meetings_page.editor


def item_id(db: Database, meeting_id: int) -> int:
    return next(
        i.id for i in agenda.list_items(db, meeting_id) if i.title == "Uppföljning av lokal plan"
    )


def test_action_item_linked_to_a_plan_activity(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    dialogs: Dialogs,
    user: User,
) -> None:
    panel = editor.agenda.editor.action_items
    assert panel.table.isColumnHidden(Column.ACTIVITY)  # nothing linked yet
    seen: list[str] = []

    def fill(dialog: ActionDialog) -> None:
        choices = [dialog.activity.itemText(i) for i in range(dialog.activity.count())]
        seen.extend(choices)
        user.type(dialog.what, "Boka möte med hälsocentralen om patientkontrakt")
        dialog.activity.setFocus()
        dialog.activity.setCurrentIndex(dialog.activity.findText(PATH))
        dialog.accept()

    dialogs.expect(fill)
    panel.add_action.trigger()
    dialogs.check()
    assert seen == [
        "Ingen",
        "Lokal plan 2024–2026 › 1 Trygg hemgång › Gemensam rutin vid utskrivning",
        PATH,
    ]
    [stored] = actions.actions_of_item(db, item_id(db, meeting.id))
    assert stored.activity_id == activity.id
    # The table shows the link, as the secretary recognises it.
    assert not panel.table.isColumnHidden(Column.ACTIVITY)
    assert panel.model.headerData(Column.ACTIVITY, Qt.Orientation.Horizontal) == (
        "Aktivitet i planen"
    )
    cell = panel.model.index(0, Column.ACTIVITY)
    assert cell.data() == "Införa patientkontrakt på hälsocentralen"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == PATH

    # Editing it back to "Ingen" removes the link.
    def unlink(dialog: ActionDialog) -> None:
        assert dialog.activity.currentText() == PATH
        dialog.activity.setCurrentIndex(0)
        dialog.accept()

    panel.table.selectRow(0)
    dialogs.expect(unlink)
    panel.edit_action.trigger()
    dialogs.check()
    [stored] = actions.actions_of_item(db, item_id(db, meeting.id))
    assert stored.activity_id is None
    assert panel.table.isColumnHidden(Column.ACTIVITY)


def test_follow_up_a_plan_activity_from_an_agenda_item(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    section = editor.agenda.editor.plan_follow_ups
    assert section.caption.text() == "<b>Uppföljning av lokal plan</b>"
    assert section.follow_up_button.text() == "Följ &upp aktivitet…"
    assert section.list.item(0).text() == (
        "Ingen aktivitet i planen följdes upp under det här ärendet."
    )

    def fill(dialog: PlanFollowUpDialog) -> None:
        assert dialog.on.text() == "2024-05-17"  # the meeting's day
        dialog.activity.setCurrentIndex(dialog.activity.findText(PATH))
        assert dialog.status.currentText() == "Ej påbörjad"  # what it last reported
        dialog.status.setCurrentIndex(dialog.status.findData(ActivityStatus.IN_PROGRESS.value))
        dialog.progress.setFocus()
        user.retype(dialog.progress, "40")
        dialog.note.setFocus()
        user.type(dialog.note, "Avtal klart med två av tre hälsocentraler.")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    dialogs.expect(fill)
    section.follow_up_button.click()
    dialogs.check()

    # The plan's follow-up log has it, made at this agenda item, and the activity follows it.
    [entry] = follow_ups.list_follow_ups(db, activity.id)
    assert entry.agenda_item_id == item_id(db, meeting.id)
    assert (entry.followed_up_on, entry.status, entry.progress, entry.note) == (
        dt.date(2024, 5, 17),
        ActivityStatus.IN_PROGRESS,
        40,
        "Avtal klart med två av tre hälsocentraler.",
    )
    assert "Uppföljning av lokal plan" in entry.agenda_item_label
    now = plan_items.get_activity(db, activity.id)
    assert (now.status, now.progress) == (ActivityStatus.IN_PROGRESS, 40)
    # … and the item editor lists it.
    assert section.list.count() == 1
    assert section.list.item(0).text() == (
        f"{PATH}: Pågår, 40 %\nAvtal klart med två av tre hälsocentraler."
    )

    # Undo takes it back out of the plan, with the activity's earlier status.
    meetings_page.undo_stack.undo()
    assert follow_ups.list_follow_ups(db, activity.id) == []
    now = plan_items.get_activity(db, activity.id)
    assert (now.status, now.progress) == (ActivityStatus.NOT_STARTED, 0)
    assert section.list.item(0).text().startswith("Ingen aktivitet")
    meetings_page.undo_stack.redo()
    [again] = follow_ups.list_follow_ups(db, activity.id)
    assert again.agenda_item_id == item_id(db, meeting.id)
    assert section.list.count() == 1 and section.list.item(0).text().startswith(PATH)


def test_no_follow_up_from_an_approved_protocol(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    dialogs: Dialogs,
) -> None:
    section = editor.agenda.editor.plan_follow_ups
    assert section.follow_up_button.isEnabled()

    def approve(dialog: ApproveDialog) -> None:
        dialog.approved_on.setText("2024-05-20")
        dialog.accept()

    dialogs.expect(approve)
    editor.approve_action.trigger()
    dialogs.check()
    assert meetings.get_meeting(db, meeting.id).locked
    assert editor.agenda.editor.item is not None
    assert not section.follow_up_button.isEnabled()
    section.follow_up_button.click()  # nothing opens
    assert follow_ups.list_follow_ups(db, activity.id) == []
