"""No path loses typed text (issue 10, point 1): for every editing surface of the main window a
test types into a field, leaves it the ways a secretary does (another sidebar page, another
row or meeting or period, closing the window) and finds the text saved in the database or
asked about, where Avbryt keeps it in the field.

The plan side panel and the meeting notes are covered in depth by test_plan_save_model.py and
tests/ui/meetings; here each surface is walked the same way with the real window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop.services import (
    actions,
    agenda,
    attendance,
    meetings,
    members,
    plan_items,
    plans,
)
from naravard_desktop.services.database import Database
from naravard_desktop.services.groups import GroupData
from naravard_desktop.services.members import MemberRow
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.attendance_model import Column as AttendanceColumn
from tests.ui.meetings.conftest import DAY, create_meeting

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

Alt = Qt.KeyboardModifier.AltModifier
Button = QMessageBox.StandardButton


def page_number(window: MainWindow, page: QWidget) -> int:
    return window.stack.indexOf(page)


def click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def button_texts(box: QMessageBox) -> list[str]:
    return sorted(b.text() for b in box.buttons())


@pytest.fixture
def shown(window: MainWindow, user: User) -> MainWindow:
    window.resize(1366, 768)
    user.activate(window)
    return window


# --- the meeting editor ------------------------------------------------------------------


@pytest.fixture
def two_meetings(
    db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> tuple[meetings.MeetingData, meetings.MeetingData]:
    first = create_meeting(db, group.id, roster, DAY)
    second = create_meeting(db, group.id, roster, DAY.replace(month=9))
    return first, second


def open_meeting(window: MainWindow, meeting_id: int, item_index: int = 2) -> agenda.ItemData:
    item = agenda.list_items(window.db, meeting_id)[item_index]
    window.show_meeting_item(meeting_id, item.id)
    return item


def stored_item(db: Database, meeting_id: int, item_id: int) -> agenda.ItemData:
    (item,) = [i for i in agenda.list_items(db, meeting_id) if i.id == item_id]
    return item


def leave_for_page(window: MainWindow, _focus: QWidget) -> None:
    window.show_page(page_number(window, window.members_page))


def leave_for_next_item(_window: MainWindow, focus: QWidget) -> None:
    QTest.keyClick(focus, Qt.Key.Key_Down, Alt)  # Möte › Nästa punkt, focus stays


def leave_for_other_meeting(window: MainWindow, focus: QWidget) -> None:
    QTest.keyClick(focus, Qt.Key.Key_Left, Alt)  # ← Alla möten
    page = window.meetings_page
    shown_id = page.editor.meeting.id if page.editor.meeting else None
    other = [m.id for m in meetings.list_meetings(window.db, window.group.id) if m.id != shown_id]
    page.open_meeting(other[0])


def leave_by_closing(window: MainWindow, _focus: QWidget) -> None:
    assert window.close()


LEAVES: dict[str, Callable[[MainWindow, QWidget], None]] = {
    "another page": leave_for_page,
    "next item": leave_for_next_item,
    "another meeting": leave_for_other_meeting,
    "closing": leave_by_closing,
}


@pytest.mark.parametrize("how", list(LEAVES))
@pytest.mark.parametrize("field", ["notes", "decision", "title", "presenter"])
def test_a_meeting_item_field_is_saved_when_it_is_left(
    qtbot: QtBot,
    shown: MainWindow,
    user: User,
    db: Database,
    two_meetings: tuple[meetings.MeetingData, meetings.MeetingData],
    field: str,
    how: str,
) -> None:
    """Notes and decision save as they are typed, title and presenter when they are left; no
    way out of the item skips either."""
    first = two_meetings[0]
    item = open_meeting(shown, first.id)
    editor = shown.meetings_page.editor.agenda.editor
    assert editor.item is not None and editor.item.id == item.id
    widget = getattr(editor, field)
    text = "Åtgärdsplan för hösten" if field != "presenter" else "Åsa Öberg"
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        user.retype(widget, text)
    else:
        user.type(widget, text)
    LEAVES[how](shown, widget)
    saved = getattr(stored_item(db, first.id, item.id), field)
    assert text in saved
    if how == "next item":  # and the next item is the one shown, in the list too
        following = agenda.list_items(db, first.id)[3]
        assert editor.item is not None and editor.item.id == following.id
        assert editor.title.text() == following.title
        assert shown.meetings_page.editor.agenda.selected_id() == following.id


# --- attendance --------------------------------------------------------------------------


def open_attendance(window: MainWindow, meeting_id: int) -> QAbstractItemView:
    open_meeting(window, meeting_id)
    editor = window.meetings_page.editor
    editor.tabs.setCurrentWidget(editor.attendance)
    return editor.attendance.table


def start_editing(table: QAbstractItemView, row: int, column: int) -> QWidget:
    """Select the cell and press F2, as the hint under the table says."""
    index = table.model().index(row, column)
    table.setFocus()
    table.setCurrentIndex(index)
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    return editor


def attendance_leave_for_tab(window: MainWindow, _focus: QWidget) -> None:
    editor = window.meetings_page.editor
    editor.tabs.setCurrentWidget(editor.agenda)


ATTENDANCE_LEAVES = {**LEAVES, "the agenda tab": attendance_leave_for_tab}
del ATTENDANCE_LEAVES["next item"]


@pytest.mark.parametrize("how", list(ATTENDANCE_LEAVES))
@pytest.mark.parametrize("column", [AttendanceColumn.NOTE, AttendanceColumn.FROM])
def test_an_attendance_cell_being_typed_is_saved_when_it_is_left(
    qtbot: QtBot,
    shown: MainWindow,
    user: User,
    db: Database,
    two_meetings: tuple[meetings.MeetingData, meetings.MeetingData],
    column: AttendanceColumn,
    how: str,
) -> None:
    """A note or a partial § typed in the table, not yet confirmed with Enter."""
    first = two_meetings[0]
    table = open_attendance(shown, first.id)
    row = table.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 3)
    cell = start_editing(table, 0, column)
    if column == AttendanceColumn.NOTE:
        assert isinstance(cell, QLineEdit)
        user.type(cell, "Kom efter lunch")
    else:
        spin = cell if isinstance(cell, QSpinBox) else cell.parentWidget()
        assert isinstance(spin, QSpinBox)
        user.retype(cell, "3")
    ATTENDANCE_LEAVES[how](shown, cell)
    (saved,) = [r for r in attendance.list_attendance(db, first.id) if r.id == row.id]
    if column == AttendanceColumn.NOTE:
        assert saved.note == "Kom efter lunch"
    else:
        assert saved.from_paragraph == 3


# --- the plan ----------------------------------------------------------------------------


def test_plan_description_is_saved_when_another_page_is_shown(
    qtbot: QtBot, shown: MainWindow, user: User, db: Database, group: GroupData
) -> None:
    """Covered in depth by test_plan_save_model.py; one walk here with the window."""
    plan = plans.create_plan(db, group.id, plans.PlanInput("Lokal plan 2025"))
    area = plan_items.add_area(db, plan.id, plan_items.AreaInput("Trygg hemgång", "1"))
    activity = plan_items.add_activity(
        db, area.id, plan_items.ActivityInput(title="Samordnad utskrivning")
    )
    shown.show_activity(plan.id, activity.id)
    form = shown.plan_page.panel.activity_form
    form.description.setFocus()
    user.type(form.description, "Följs upp varje månad")
    shown.show_page(page_number(shown, shown.sip_page))
    (row,) = plan_items.load_tree(db, plan.id).activities
    assert row.description == "Följs upp varje månad"


# --- modal dialogs -----------------------------------------------------------------------


def escape_after_typing(field: str, text: str, user: User) -> Callable[[QDialog], None]:
    def answer(dialog: QDialog) -> None:
        widget = dialog.findChild(QWidget, field)
        assert isinstance(widget, QLineEdit | QPlainTextEdit), field
        widget.setFocus()
        user.type(widget, text)
        QTest.keyClick(widget, Qt.Key.Key_Escape)
        assert not dialog.isVisible()  # closed by Escape, no question

    return answer


def test_escape_closes_the_member_dialog_without_a_question_and_saves_nothing(
    shown: MainWindow, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    """Escape on a short form means Avbryt, as in every dialog of the desktop: the member
    dialog holds a name and a few one-line fields, retyped in seconds, and a question on every
    Escape would only teach to click it away. Harmless by design: nothing half-saved."""
    shown.show_page(page_number(shown, shown.members_page))
    dialogs.expect(escape_after_typing("member_name", "Åke Strand", user))
    shown.members_page.add_action.trigger()
    dialogs.check()
    assert members.list_members(db, group.id) == []


def test_escape_closes_the_action_item_dialog_without_a_question_and_saves_nothing(
    shown: MainWindow,
    user: User,
    dialogs: Dialogs,
    db: Database,
    two_meetings: tuple[meetings.MeetingData, meetings.MeetingData],
) -> None:
    """An action item is a sentence or two ('what'), who and a date: like the member dialog,
    Escape is Avbryt and leaves the stored action items as they were."""
    item = open_meeting(shown, two_meetings[0].id)
    panel = shown.meetings_page.editor.agenda.editor.action_items
    dialogs.expect(escape_after_typing("action_what", "Ta fram rutin för hemgång", user))
    panel.add_action.trigger()
    dialogs.check()
    assert actions.actions_of_item(db, item.id) == []


def test_escape_closes_the_new_meeting_dialog_without_a_question_and_makes_no_meeting(
    shown: MainWindow, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    shown.show_page(page_number(shown, shown.meetings_page))
    dialogs.expect(escape_after_typing("meeting_place", "Kommunhuset", user))
    shown.meetings_page.add_action.trigger()
    dialogs.check()
    assert meetings.list_meetings(db, group.id) == []
