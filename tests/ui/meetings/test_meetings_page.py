"""The meetings page as a secretary uses it: the list, a new meeting from the template or a
copy, the same-day warning, errors under the fields, editing and deleting a draft, and the
attendance tab (absent member, substitute, guest)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import AttendanceStatus
from naravard_desktop.i18n import _
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import agenda, attendance, meetings
from naravard_desktop.services.meetings.read_models import ItemInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.attendance import GuestDialog
from naravard_desktop.ui.meetings.attendance_model import Column as AttendanceColumn
from naravard_desktop.ui.meetings.dialogs import MeetingDialog
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.model import Column

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting


Yes = QMessageBox.StandardButton.Yes
DAY = dt.date(2024, 5, 17)


def titles(db: Database, meeting_id: int) -> list[str]:
    return [i.title for i in agenda.list_items(db, meeting_id)]


STANDARD = [
    "Mötets öppnande",
    "Val av justerare",
    "Fastställande av dagordning",
    "Föregående protokoll",
    "Övriga frågor",
    "Nästa möte",
    "Mötets avslutande",
]


def list_dates(page: MeetingsPage) -> list[str]:
    return [page.model.index(r, Column.DATE).data() for r in range(page.model.rowCount())]


def test_new_meeting_from_the_standard_template(
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    def fill(dialog: MeetingDialog) -> None:
        # No earlier meeting: the copy option cannot be chosen.
        assert not dialog.copy_agenda.isEnabled()
        assert dialog.chair.currentText() == "Anna Berg"  # the member whose role is chair
        assert dialog.secretary.currentText() == "Ärla Nord"
        user.retype(dialog.held_on, "2024-05-17")
        user.retype(dialog.starts_at, "13.00")
        user.retype(dialog.ends_at, "1530")
        user.type(dialog.place, "Kommunhuset, sal Ljusnan")
        dialog.adjuster1.setCurrentIndex(dialog.adjuster1.findText("erik Lund"))
        dialog.accept()
        assert not dialog.isVisible()

    dialogs.expect(fill)
    meetings_page.add_action.trigger()
    dialogs.check()

    [created] = meetings.list_meetings(db, group.id)
    stored = meetings.get_meeting(db, created.id)
    assert (stored.held_on, stored.starts_at, stored.ends_at) == (
        DAY,
        dt.time(13),
        dt.time(15, 30),
    )
    assert stored.adjuster1_id == roster["erik Lund"].person_id
    assert titles(db, created.id) == STANDARD
    # The new meeting opens in the editor, with its § numbers and the date as heading.
    editor = meetings_page.editor
    assert meetings_page.stack.currentWidget() is editor
    assert editor.title.text() == "17 maj 2024"
    assert editor.agenda.model.index(0, 0).data() == "§ 1"
    # Attendance is pre-filled with the current members (not the one who left).
    names = [r.name for r in editor.attendance.model.rows()]
    assert sorted(names) == sorted(["Anna Berg", "erik Lund", "Åsa Öberg", "Ärla Nord"])
    # Back to the list: the meeting is there as a draft with its §§ range.
    editor.back_button.click()
    assert meetings_page.stack.currentWidget() is meetings_page.list_view
    assert "17 maj 2024" in list_dates(meetings_page)
    row = meetings_page.model.row_for(created.id)
    assert row is not None
    assert meetings_page.model.index(row, Column.STATE).data() == "utkast"
    assert meetings_page.model.index(row, Column.PARAGRAPHS).data() == "§§ 1–7"


def test_new_meeting_copies_the_previous_agenda_and_warns_about_the_same_day(
    make_meeting: MakeMeeting,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    first = make_meeting()
    agenda.add_item(db, first.id, ItemInput(title="SIP-uppföljning", planned_minutes=20))
    meetings_page.reload()

    def fill(dialog: MeetingDialog) -> None:
        # The previous meeting's time, place and chair are offered again.
        assert dialog.starts_at.text() == "13.00"
        assert dialog.place.text() == "Kommunhuset, sal Ljusnan"
        assert "17 maj 2024" in dialog.copy_agenda.text()
        user.retype(dialog.held_on, "2024-05-17")
        assert dialog.same_day_label.isVisible()
        assert "17 maj 2024" in dialog.same_day_label.text()
        user.retype(dialog.held_on, "2024-09-12")
        assert not dialog.same_day_label.isVisible()
        dialog.copy_agenda.click()
        dialog.accept()

    dialogs.expect(fill)
    meetings_page.add_action.trigger()
    dialogs.check()
    second = meetings_page.editor.meeting
    assert second is not None and second.held_on == dt.date(2024, 9, 12)
    assert "SIP-uppföljning" in titles(db, second.id)
    # § numbers continue through the year: 8 items in May, so September starts at § 9.
    assert meetings_page.editor.agenda.model.index(0, 0).data() == "§ 9"


def test_meeting_errors_appear_under_the_fields_and_keep_what_was_typed(
    db: Database,
    group: GroupData,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    def fill(dialog: MeetingDialog) -> None:
        user.retype(dialog.held_on, "")
        user.retype(dialog.starts_at, "15.00")
        user.retype(dialog.ends_at, "13.00")
        user.type(dialog.place, "Kommunhuset, sal Ljusnan")
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.errors.text("held_on") == _("Give the date of the meeting.")
        assert dialog.errors.text("ends_at") == _(
            "The meeting cannot end before it starts. Check the times."
        )
        assert dialog.place.text() == "Kommunhuset, sal Ljusnan"
        user.retype(dialog.held_on, "17 maj")
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.errors.text("held_on") == _(
            "Write the date as YYYY-MM-DD, for example 2025-01-31."
        )
        user.retype(dialog.ends_at, "25.99")
        dialog.accept()
        assert dialog.errors.text("ends_at") == _("Write the time as 1:30 PM or 13:30.")
        dialog.reject()

    dialogs.expect(fill)
    meetings_page.add_action.trigger()
    dialogs.check()
    assert meetings.list_meetings(db, group.id) == []


def test_edit_details_and_delete_a_draft_with_confirmation(
    make_meeting: MakeMeeting,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    meeting = make_meeting()
    meetings_page.reload(meeting.id)
    assert meetings_page.edit_action.isEnabled()

    def change(dialog: MeetingDialog) -> None:
        user.retype(dialog.place, "Via Teams")
        dialog.accept()

    dialogs.expect(change)
    meetings_page.edit_action.trigger()
    dialogs.check()
    assert meetings.get_meeting(db, meeting.id).place == "Via Teams"
    row = meetings_page.model.row_for(meeting.id)
    assert row is not None
    assert meetings_page.model.index(row, Column.PLACE).data() == "Via Teams"

    boxes.answer(QMessageBox.StandardButton.No)
    meetings_page.delete_action.trigger()
    question = boxes.take("question")
    assert "17 maj 2024" in question.text
    assert sorted(question.buttons) == ["&Ta bort", "Avbryt"]  # not Ja / Nej
    assert len(meetings.list_meetings(db, group.id)) == 1
    boxes.answer(Yes)
    meetings_page.delete_action.trigger()
    boxes.take("question")
    assert meetings.list_meetings(db, group.id) == []
    assert meetings_page.model.rowCount() == 0


def test_list_shows_upcoming_first_then_past_years(
    make_meeting: MakeMeeting,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meetings_page: MeetingsPage,
) -> None:
    soon = dt.date.today() + dt.timedelta(days=10)
    for day in (dt.date(2023, 3, 1), DAY, dt.date(2024, 9, 12), soon):
        make_meeting(day)
    meetings_page.reload()
    shown = list_dates(meetings_page)
    assert shown[0] == _("Upcoming meetings")
    assert shown[2:] == ["2024", "12 september 2024", "17 maj 2024", "2023", "1 mars 2023"]
    # Headings are not selectable and span the row.
    assert not meetings_page.model.flags(meetings_page.model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsSelectable
    )
    assert meetings_page.table.columnSpan(2, 0) == len(Column)


# --- attendance ----------------------------------------------------------------------------


def choose_in_cell(page: MeetingsPage, name: str, column: AttendanceColumn, text: str) -> None:
    """Open the cell's editor with F2 like a user, choose `text`, press Enter."""
    panel = page.editor.attendance
    rows = [r.name for r in panel.model.rows()]
    index = panel.model.index(rows.index(name), column)
    panel.table.setFocus()
    panel.table.setCurrentIndex(index)
    QTest.keyClick(panel.table, Qt.Key.Key_F2)
    # The editor just opened (an earlier one may wait for its deferred deletion).
    editors = [e for e in panel.table.findChildren(QComboBox, "attendance_editor") if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    found = editor.findText(text)
    assert found >= 0, [editor.itemText(i) for i in range(editor.count())]
    editor.setCurrentIndex(found)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_attendance_absent_member_with_a_substitute_and_a_guest(
    make_meeting: MakeMeeting,
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    meeting = make_meeting()
    meetings_page.open_meeting(meeting.id)
    editor = meetings_page.editor
    editor.tabs.setCurrentWidget(editor.attendance)

    choose_in_cell(meetings_page, "erik Lund", AttendanceColumn.STATUS, "Frånvarande")
    qtbot.waitUntil(
        lambda: (
            {r.name: r.status for r in attendance.list_attendance(db, meeting.id)}["erik Lund"]
            == AttendanceStatus.ABSENT
        )
    )
    choose_in_cell(meetings_page, "Åsa Öberg", AttendanceColumn.STATUS, "Ersätter erik Lund")
    qtbot.waitUntil(
        lambda: (
            {r.name: r.substitute_for for r in editor.attendance.model.rows()}["Åsa Öberg"]
            == "erik Lund"
        )
    )
    stored = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    assert stored["Åsa Öberg"].status == AttendanceStatus.SUBSTITUTE
    assert stored["Åsa Öberg"].substitute_for_id == roster["erik Lund"].person_id
    assert editor.attendance.summary.text() == "3 närvarande · 1 frånvarande"

    def guest(dialog: GuestDialog) -> None:
        dialog.accept()  # no name: refused under the field
        assert dialog.errors.text("guest_name")
        user.type(dialog.name, "Jonas Ås")
        user.type(dialog.organisation, "Anhörigföreningen")
        dialog.accept()

    dialogs.expect(guest)
    editor.attendance.add_guest_action.trigger()
    dialogs.check()
    stored = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    assert stored["Jonas Ås"].status == AttendanceStatus.GUEST
    assert editor.attendance.selected() is not None
    assert editor.attendance.selected().name == "Jonas Ås"

    boxes.answer(Yes)
    editor.attendance.remove_action.trigger()
    assert "Jonas Ås" in boxes.take("question").text
    assert "Jonas Ås" not in {r.name for r in attendance.list_attendance(db, meeting.id)}
