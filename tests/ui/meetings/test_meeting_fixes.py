"""Issue 10, defects 7, 8 and 10 in the meeting window: a linked action item shows under
'Uppföljning av lokal plan'; a guest's name can be corrected in the attendance table; the
new-meeting dialog offers the agenda of the meeting just before the chosen date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services import actions, agenda, attendance, meetings, plan_items, plans
from naravard_desktop.services.database import Database
from naravard_desktop.services.groups import GroupData
from naravard_desktop.services.plan_items import ActivityInput, ActivityRow, AreaInput
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog
from naravard_desktop.ui.meetings.attendance_model import Column as AttendanceColumn
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

PATH = "Lokal plan 2024–2026 › 2 Fast vårdkontakt › Införa patientkontrakt på hälsocentralen"
FOLLOW_UP_ITEM = "Uppföljning av lokal plan"


@pytest.fixture
def activity(db: Database, group: GroupData) -> ActivityRow:
    plan = plans.create_plan(db, group.id, plans.PlanInput(title="Lokal plan 2024–2026"))
    first = plan_items.add_area(db, plan.id, AreaInput(title="Trygg hemgång", number="1"))
    plan_items.add_activity(db, first.id, ActivityInput(title="Gemensam rutin vid utskrivning"))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Fast vårdkontakt", number="2"))
    return plan_items.add_activity(
        db,
        area.id,
        ActivityInput(
            title="Införa patientkontrakt på hälsocentralen",
            status=ActivityStatus.NOT_STARTED,
        ),
    )


@pytest.fixture
def meeting(make_meeting: MakeMeeting, db: Database) -> meetings.MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, agenda.ItemInput(title=FOLLOW_UP_ITEM))
    return created


@pytest.fixture
def editor(meetings_page: MeetingsPage, meeting: meetings.MeetingData, user: User) -> MeetingEditor:
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    row = [i.title for i in meetings_page.editor.agenda.model.items()].index(FOLLOW_UP_ITEM)
    meetings_page.editor.agenda._select_row(row)
    return meetings_page.editor


def follow_up_item_id(db: Database, meeting_id: int) -> int:
    return next(i.id for i in agenda.list_items(db, meeting_id) if i.title == FOLLOW_UP_ITEM)


def shown(editor: MeetingEditor) -> list[str]:
    section = editor.agenda.editor.plan_follow_ups
    return [section.list.item(n).text() for n in range(section.list.count())]


# --- 7: an action item linked to a plan activity -----------------------------------------


def test_a_linked_action_item_shows_under_the_plan_follow_up(
    db: Database,
    meeting: meetings.MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    assert shown(editor) == ["Ingen aktivitet i planen följdes upp under den här punkten."]

    def fill(dialog: ActionDialog) -> None:
        user.type(dialog.what, "Boka möte med hälsocentralen om patientkontrakt")
        dialog.activity.setCurrentIndex(dialog.activity.findText(PATH))
        dialog.accept()

    dialogs.expect(fill)
    editor.agenda.editor.action_items.add_action.trigger()
    dialogs.check()
    [stored] = actions.actions_of_item(db, follow_up_item_id(db, meeting.id))
    assert stored.activity_id == activity.id
    # The section names the activity and the action item linked to it, at once.
    assert shown(editor) == [f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt"]

    # Undo removes the action item, and it leaves the section too; redo brings it back.
    meetings_page.undo_stack.undo()
    assert actions.actions_of_item(db, follow_up_item_id(db, meeting.id)) == []
    assert shown(editor)[0].startswith("Ingen aktivitet")
    meetings_page.undo_stack.redo()
    assert shown(editor) == [f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt"]

    # Opened again (another item, then back), a done action says so.
    [stored] = actions.actions_of_item(db, follow_up_item_id(db, meeting.id))
    done = actions.ActionInput(stored.what, done=True, activity_id=activity.id)
    actions.update_action(db, stored.id, done, stored.version)
    editor.agenda._select_row(0)
    row = [i.title for i in editor.agenda.model.items()].index(FOLLOW_UP_ITEM)
    editor.agenda._select_row(row)
    assert shown(editor) == [
        f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt (klar)"
    ]


def test_an_action_item_without_a_link_is_not_listed_as_a_follow_up(
    db: Database,
    meeting: meetings.MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
) -> None:
    item_id = follow_up_item_id(db, meeting.id)
    actions.add_action(db, item_id, actions.ActionInput(what="Skicka ut minnesanteckningar"))
    editor.agenda.editor.plan_follow_ups.refresh()
    assert shown(editor) == ["Ingen aktivitet i planen följdes upp under den här punkten."]


# --- 8: a guest's name can be corrected ---------------------------------------------------


def _cell(page: MeetingsPage, name: str, column: AttendanceColumn) -> QModelIndex:
    panel = page.editor.attendance
    rows = [r.name for r in panel.model.rows()]
    return panel.model.index(rows.index(name), column)


def _line_editor(page: MeetingsPage) -> QLineEdit | None:
    table = page.editor.attendance.table
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    return editors[0] if editors else None


@pytest.fixture
def attendance_page(
    db: Database, make_meeting: MakeMeeting, meetings_page: MeetingsPage, user: User
) -> tuple[MeetingsPage, meetings.MeetingData]:
    meeting = make_meeting()
    attendance.add_guest(db, meeting.id, "Jonas Aas", "Anhorigforeningen")
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    meetings_page.editor.tabs.setCurrentWidget(meetings_page.editor.attendance)
    return meetings_page, meeting


def test_a_guest_name_is_corrected_with_f2_and_the_organisation_with_a_double_click(
    db: Database,
    attendance_page: tuple[MeetingsPage, meetings.MeetingData],
    qtbot: QtBot,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    assert panel.hint.isVisible()
    assert panel.hint.text() == "Tryck F2 eller dubbelklicka på en cell för att ändra den."

    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    field = _line_editor(page)
    assert field is not None and field.text() == "Jonas Aas"
    user.retype(field, "Jonas Ås")
    user.press(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    stored = {r.id: r for r in attendance.list_attendance(db, meeting.id) if r.is_guest}
    assert [r.name for r in stored.values()] == ["Jonas Ås"]
    assert "Jonas Ås" in [r.name for r in panel.model.rows()]

    index = _cell(page, "Jonas Ås", AttendanceColumn.ROLE)
    assert index.data() == "Anhorigforeningen"
    position = panel.table.visualRect(index).center()
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    QTest.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    field = _line_editor(page)
    assert field is not None and field.text() == "Anhorigforeningen"
    user.retype(field, "Anhörigföreningen i Bergsjö")
    user.press(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    [guest] = [r for r in attendance.list_attendance(db, meeting.id) if r.is_guest]
    assert (guest.name, guest.organisation) == ("Jonas Ås", "Anhörigföreningen i Bergsjö")
    assert _cell(page, "Jonas Ås", AttendanceColumn.ROLE).data() == "Anhörigföreningen i Bergsjö"


def test_a_guest_name_cannot_be_emptied_and_a_member_name_is_not_edited_here(
    db: Database,
    attendance_page: tuple[MeetingsPage, meetings.MeetingData],
    qtbot: QtBot,
    boxes: Boxes,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    field = _line_editor(page)
    assert field is not None
    user.retype(field, " ")
    user.press(field, Qt.Key.Key_Return)  # the delegate commits after the key event
    qtbot.waitUntil(lambda: bool(boxes.calls))
    assert boxes.take("warning").text == "Namn måste fyllas i."
    [guest] = [r for r in attendance.list_attendance(db, meeting.id) if r.is_guest]
    assert guest.name == "Jonas Aas"
    assert _cell(page, "Jonas Aas", AttendanceColumn.NAME).data() == "Jonas Aas"

    # A member's name belongs to the members list: F2 opens nothing on it.
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    panel.table.setCurrentIndex(_cell(page, "Anna Berg", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    assert _line_editor(page) is None


def test_no_editing_hint_on_an_approved_protocol(
    db: Database,
    attendance_page: tuple[MeetingsPage, meetings.MeetingData],
    dialogs: Dialogs,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    assert panel.hint.isVisible()

    def approve(dialog: ApproveDialog) -> None:
        dialog.approved_on.setText("2024-05-20")
        dialog.accept()

    dialogs.expect(approve)
    page.editor.approve_action.trigger()
    dialogs.check()
    assert meetings.get_meeting(db, meeting.id).locked
    assert not panel.hint.isVisible()
    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    assert _line_editor(page) is None
