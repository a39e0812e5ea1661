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
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import actions, agenda, attendance, meetings
from naravard_desktop.services.meetings.read_models import ItemData, MeetingData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip import sip_counts, sip_periods
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.attendance_model import Column as AttendanceColumn
from naravard_desktop.ui.table_model import ROW_ROLE
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


# --- the group's settings ----------------------------------------------------------------


def test_group_settings_left_for_another_page_ask_and_avbryt_comes_back_with_the_text(
    qtbot: QtBot, shown: MainWindow, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    """The settings are a form committed as a whole (Spara/Återställ): leaving the page with
    changes asks Spara / Förkasta / Avbryt once the other page shows."""
    page = shown.group_page
    shown.show_page(page_number(shown, page))
    user.retype(page.form.municipality, "Ånge kommun")
    seen: list[list[str]] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(button_texts(box))
        click(box, "Avbryt")

    dialogs.expect(cancel)
    shown.show_page(page_number(shown, shown.members_page))
    dialogs.wait(qtbot)
    dialogs.check()
    assert seen == [["&Förkasta", "&Spara", "Avbryt"]]
    qtbot.waitUntil(lambda: shown.stack.currentWidget() is page)
    assert shown.sidebar.currentRow() == page_number(shown, page)
    assert page.form.municipality.text() == "Ånge kommun"
    assert groups.get_group(db, group.id).municipality == group.municipality

    dialogs.expect(lambda box: click(box, "&Spara"))
    shown.show_page(page_number(shown, shown.sip_page))
    dialogs.wait(qtbot)
    dialogs.check()
    assert groups.get_group(db, group.id).municipality == "Ånge kommun"
    assert shown.stack.currentWidget() is shown.sip_page


def test_group_settings_thrown_away_with_kasta_show_the_stored_values_again(
    qtbot: QtBot, shown: MainWindow, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    page = shown.group_page
    shown.show_page(page_number(shown, page))
    user.retype(page.form.region, "Region Ånge")
    dialogs.expect(lambda box: click(box, "&Förkasta"))
    shown.show_page(page_number(shown, shown.overview_page))
    dialogs.wait(qtbot)
    dialogs.check()
    assert shown.stack.currentWidget() is shown.overview_page
    assert groups.get_group(db, group.id).region == group.region
    assert page.form.region.text() == group.region
    assert shown.close()  # nothing left to ask about


def test_group_settings_typed_then_closing_asks_and_avbryt_keeps_the_text(
    shown: MainWindow, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    page = shown.group_page
    shown.show_page(page_number(shown, page))
    user.retype(page.form.name, "Samverkan Ånge")
    dialogs.expect(lambda box: click(box, "Avbryt"))
    assert not shown.close()
    dialogs.check()
    assert page.form.name.text() == "Samverkan Ånge"
    dialogs.expect(lambda box: click(box, "&Spara"))
    assert shown.close()
    dialogs.check()
    assert groups.get_group(db, group.id).name == "Samverkan Ånge"


# --- the meeting editor ------------------------------------------------------------------


@pytest.fixture
def two_meetings(
    db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> tuple[MeetingData, MeetingData]:
    first = create_meeting(db, group.id, roster, DAY)
    second = create_meeting(db, group.id, roster, DAY.replace(month=9))
    return first, second


def open_meeting(window: MainWindow, meeting_id: int, item_index: int = 2) -> ItemData:
    item = agenda.list_items(window.db, meeting_id)[item_index]
    window.show_meeting_item(meeting_id, item.id)
    return item


def stored_item(db: Database, meeting_id: int, item_id: int) -> ItemData:
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
@pytest.mark.parametrize("field", ["notes", "decision", "title", "presenter", "attachments"])
def test_a_meeting_item_field_is_saved_when_it_is_left(
    qtbot: QtBot,
    shown: MainWindow,
    user: User,
    db: Database,
    two_meetings: tuple[MeetingData, MeetingData],
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


@pytest.mark.parametrize("field", ["title", "notes"])
def test_closing_with_an_identity_number_and_going_back_keeps_the_window_and_the_text(
    qtbot: QtBot,
    shown: MainWindow,
    user: User,
    db: Database,
    dialogs: Dialogs,
    two_meetings: tuple[MeetingData, MeetingData],
    field: str,
) -> None:
    """Closing asks about the number; "Ta bort numret" means: back to the text to remove it.
    The window closed anyway and the title was gone."""
    first = two_meetings[0]
    item = open_meeting(shown, first.id)
    editor = shown.meetings_page.editor.agenda.editor
    widget = getattr(editor, field)
    text = "Samtal med 811218-9876 om SIP"
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        user.retype(widget, text)
    else:
        user.type(widget, text)

    def go_back(dialog: QWidget) -> None:
        button = dialog.findChild(QPushButton, "privacy_back")
        assert button is not None
        button.click()

    dialogs.expect(go_back)
    assert not shown.close()
    dialogs.check()
    assert shown.isVisible()
    assert text in (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText())
    assert "811218" not in getattr(stored_item(db, first.id, item.id), field)
    # The number removed, the window closes with the text saved.
    if isinstance(widget, QLineEdit):
        user.retype(widget, "Samtal om SIP")
    else:
        widget.selectAll()
        user.type(widget, "Samtal om SIP")
    assert shown.close()
    assert getattr(stored_item(db, first.id, item.id), field) == "Samtal om SIP"


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
    two_meetings: tuple[MeetingData, MeetingData],
    column: AttendanceColumn,
    how: str,
) -> None:
    """A note or a partial § typed in the table, not yet confirmed with Enter."""
    first = two_meetings[0]
    table = open_attendance(shown, first.id)
    row = table.model().index(0, 0).data(ROW_ROLE)
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


# --- SIP counts --------------------------------------------------------------------------


@pytest.fixture
def sip_shown(shown: MainWindow, db: Database, group: GroupData) -> MainWindow:
    sip_periods.create_period(db, group.id, 2024, 1)
    sip_periods.create_period(db, group.id, 2024, 2)
    shown.sip_page.reload()
    shown.show_page(page_number(shown, shown.sip_page))
    return shown


def sip_stored(db: Database, window: MainWindow, period_id: int) -> dict[tuple[int, int], int]:
    model = window.sip_page.model
    values = sip_counts.load_counts(db, period_id).values
    return {
        (r, c): values[key]
        for r in range(model.rowCount())
        for c in range(model.columnCount() - 1)
        if (key := model.key(r, c)) in values
    }


def sip_leave_for_period(window: MainWindow, focus: QWidget) -> None:
    """Alt+O to the period, Down to the next one, as from the keyboard."""
    QTest.keyClick(focus, Qt.Key.Key_O, Alt)
    box = window.sip_page.period_box
    assert QApplication.focusWidget() is box
    QTest.keyClick(box, Qt.Key.Key_Down)


def sip_period_changed_by_wheel(window: MainWindow, _focus: QWidget) -> None:
    """The period box changed while the cell's editor stays open and keeps the focus (a
    wheel over the box or a reload may do it without a focus change)."""
    box = window.sip_page.period_box
    box.setCurrentIndex(box.currentIndex() + 1)


SIP_LEAVES = {
    "another page": leave_for_page,
    "another period": sip_leave_for_period,
    "the period changed under the cell": sip_period_changed_by_wheel,
    "closing": leave_by_closing,
}


@pytest.mark.parametrize("how", list(SIP_LEAVES))
def test_a_sip_count_being_typed_is_saved_when_the_page_or_period_is_left(
    qtbot: QtBot, sip_sheet: MainWindow, db: Database, how: str
) -> None:
    page = sip_sheet.sip_page
    period = page.current_period()
    assert period is not None
    page.grid.setFocus()
    page.grid.move_to(0, 0)
    QTest.keyClick(page.grid, Qt.Key.Key_4)  # a digit starts editing, as in a spreadsheet
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert page.grid.state() == QAbstractItemView.State.EditingState
    focus = QApplication.focusWidget()
    assert focus is not None
    SIP_LEAVES[how](sip_sheet, focus)
    assert sip_stored(db, sip_sheet, period.id) == {(0, 0): 42}


@pytest.fixture
def sip_sheet(sip_shown: MainWindow) -> MainWindow:
    return sip_shown


def test_a_count_that_cannot_be_read_is_asked_about_before_another_period(
    qtbot: QtBot, sip_sheet: MainWindow, dialogs: Dialogs, db: Database
) -> None:
    """Text that is not a count stays red in its cell, unsaved; choosing another period asks
    Förkasta / Avbryt (nothing to save until it is corrected), and Avbryt keeps it."""
    page = sip_sheet.sip_page
    period = page.current_period()
    assert period is not None
    page.grid.setFocus()
    page.grid.move_to(0, 0)
    QTest.keyClick(page.grid, Qt.Key.Key_1)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_O)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert page.model.index(0, 0).data() == "1o"
    seen: list[list[str]] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(button_texts(box))
        click(box, "Avbryt")

    dialogs.expect(cancel)
    page.period_box.setCurrentIndex(1)
    dialogs.check()
    assert seen == [["&Förkasta", "Avbryt"]]
    assert page.current_period() == period
    assert page.model.index(0, 0).data() == "1o"

    dialogs.expect(cancel)
    assert not sip_sheet.close()
    dialogs.check()
    assert page.model.index(0, 0).data() == "1o"

    dialogs.expect(lambda box: click(box, "&Förkasta"))
    page.period_box.setCurrentIndex(1)
    dialogs.check()
    assert page.current_period() != period
    assert sip_sheet.close()
    assert sip_stored(db, sip_sheet, period.id) == {}


# --- the plan ----------------------------------------------------------------------------


def test_plan_description_is_saved_when_another_page_is_shown(
    qtbot: QtBot, shown: MainWindow, user: User, db: Database, group: GroupData
) -> None:
    """Covered in depth by test_plan_save_model.py; one walk here with the window."""
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2025"))
    area = plan_items.add_area(db, plan.id, AreaInput("Trygg hemgång", "1"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Samordnad utskrivning"))
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
    two_meetings: tuple[MeetingData, MeetingData],
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
