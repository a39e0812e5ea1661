"""Times and dates follow the language: a meeting made from the new-meeting dialog's defaults
keeps its hours in Swedish and in English (the English field used to show "1:00" without PM
and store 01:00), times are 24-hour in Swedish and say AM/PM in English, and every date field
has a calendar in the language (Monday first, Swedish month names) beside keyboard entry."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.forms import DateLineEdit, TimeLineEdit, time_text
from naravard_desktop.ui.meetings.dialogs import MeetingDialog
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from tests.ui.meetings.conftest import create_meeting

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User


@pytest.fixture
def meetings_page(
    language: str, qtbot: QtBot, db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> MeetingsPage:
    """The meetings page, built in the language, with one meeting 13.00–15.30 whose hours a
    new meeting is offered."""
    create_meeting(db, group.id, roster)
    stack = QUndoStack()
    widget = MeetingsPage(db, group.id, stack)
    stack.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1000, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def new_meeting_from_defaults(
    page: MeetingsPage, dialogs: Dialogs, look: list[tuple[str, str]]
) -> MeetingData:
    def accept(dialog: MeetingDialog) -> None:
        look.append((dialog.starts_at.text(), dialog.ends_at.text()))
        dialog.accept()
        assert not dialog.isVisible()

    dialogs.expect(accept)
    page.add_action.trigger()
    dialogs.check()
    created = page.editor.meeting
    assert created is not None
    return created


def test_a_meeting_from_the_defaults_keeps_the_previous_meetings_hours(
    language: str, db: Database, meetings_page: MeetingsPage, dialogs: Dialogs
) -> None:
    shown: list[tuple[str, str]] = []
    created = new_meeting_from_defaults(meetings_page, dialogs, shown)
    stored = meetings.get_meeting(db, created.id)
    assert (stored.starts_at, stored.ends_at) == (dt.time(13, 0), dt.time(15, 30))
    if language == "sv":
        assert shown == [("13.00", "15.30")]
    else:
        assert shown == [("1:00 PM", "3:30 PM")]


def test_typed_times_are_read_and_shown_in_the_language(
    language: str, qtbot: QtBot, user: User
) -> None:
    field = TimeLineEdit()
    other = QLineEdit()
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(box)
    user.activate(box)
    typed = {
        "13": dt.time(13),
        "1530": dt.time(15, 30),
        "9.05": dt.time(9, 5),
        "1:30 pm": dt.time(13, 30),
        "12 am": dt.time(0),
        "12.15PM": dt.time(12, 15),
        "9:30 a.m.": dt.time(9, 30),
    }
    for text, expected in typed.items():
        user.retype(field, text)
        assert field.time_or_error() == (expected, None), text
        user.press(field, Qt.Key.Key_Tab)  # leaving the field writes it as the language does
        assert other.hasFocus()
        assert field.text() == time_text(expected)
        if language == "sv":
            assert field.text() == expected.strftime("%H.%M")
        else:
            assert field.text().endswith((" AM", " PM")), field.text()
    for wrong in ("25.00", "13 pm", "0 am", "1:75", "kl 13"):
        user.retype(field, wrong)
        user.press(field, Qt.Key.Key_Tab)
        value, problem = field.time_or_error()
        assert value is None and problem, wrong
        assert field.text() == wrong  # kept as typed, for the form to point out
    user.retype(field, "")
    assert field.time_or_error() == (None, None)


def test_a_typed_english_afternoon_becomes_an_afternoon_meeting(
    language: str, db: Database, meetings_page: MeetingsPage, dialogs: Dialogs, user: User
) -> None:
    def fill(dialog: MeetingDialog) -> None:
        user.retype(dialog.held_on, "2024-09-12")
        user.retype(dialog.starts_at, "2 pm" if language == "en" else "14")
        user.retype(dialog.ends_at, "4:15 PM" if language == "en" else "16.15")
        dialog.accept()
        assert not dialog.isVisible()

    dialogs.expect(fill)
    meetings_page.add_action.trigger()
    dialogs.check()
    created = meetings_page.editor.meeting
    assert created is not None
    stored = meetings.get_meeting(db, created.id)
    assert (stored.held_on, stored.starts_at, stored.ends_at) == (
        dt.date(2024, 9, 12),
        dt.time(14),
        dt.time(16, 15),
    )


# --- dates ---------------------------------------------------------------------------------


@pytest.fixture
def date_field(language: str, qtbot: QtBot) -> DateLineEdit:
    field = DateLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    return field


def shown_month(calendar: QCalendarWidget) -> str:
    button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert button is not None
    return button.text()


def day_headers(calendar: QCalendarWidget) -> list[str]:
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view is not None
    model = view.model()
    return [str(model.index(0, column).data()) for column in range(1, 8)]


def test_the_calendar_opens_at_the_typed_date_in_the_language(
    language: str, date_field: DateLineEdit, user: User
) -> None:
    user.type(date_field, "2024-05-17")
    assert date_field.date_or_error() == (dt.date(2024, 5, 17), None)
    user.press(date_field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = date_field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2024, 5, 17)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    if language == "sv":
        assert shown_month(calendar) == "maj"
        assert day_headers(calendar) == ["mån", "tis", "ons", "tors", "fre", "lör", "sön"]
    else:
        assert shown_month(calendar) == "May"
        assert day_headers(calendar)[0] == "Mon"


def test_a_date_is_picked_in_the_calendar_with_the_keyboard(
    language: str, date_field: DateLineEdit, user: User
) -> None:
    user.type(date_field, "2024-05-17")
    edited: list[str] = []
    date_field.textEdited.connect(edited.append)
    user.press(date_field, Qt.Key.Key_F4)
    calendar = date_field.calendar
    assert calendar is not None and calendar.isVisible()
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view is not None
    user.press(view, Qt.Key.Key_Right)  # Friday 17 → Saturday 18
    user.press(view, Qt.Key.Key_Down)  # → a week later, Saturday 25
    user.press(view, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert date_field.text() == "2024-05-25"
    assert edited == ["2024-05-25"]  # forms that save as you type see it as typed
    assert date_field.hasFocus()
    # Escape closes the calendar and leaves the date as it was.
    user.press(date_field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert calendar.isVisible()
    user.press(view, Qt.Key.Key_Left)
    user.press(view, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert date_field.text() == "2024-05-25"


def test_the_calendar_button_opens_today_for_an_empty_field_and_a_click_picks(
    language: str, date_field: DateLineEdit, qtbot: QtBot
) -> None:
    [button] = [
        b
        for b in date_field.findChildren(QToolButton)
        if b.defaultAction() is date_field.calendar_action
    ]
    assert button.isVisible()
    assert "Alt" in date_field.calendar_action.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    calendar = date_field.calendar
    assert calendar is not None and calendar.isVisible()
    today = dt.date.today()
    assert calendar.selectedDate() == QDate(today.year, today.month, today.day)
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view is not None
    # Click the cell of the 1st of the month shown.
    model = view.model()
    [cell] = [
        model.index(r, c)
        for r in range(1, model.rowCount())
        for c in range(1, model.columnCount())
        if model.index(r, c).data() in (1, "1") and r < 3
    ]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    assert not calendar.isVisible()
    assert date_field.text() == today.replace(day=1).isoformat()


def test_a_date_field_at_its_smallest_shows_the_whole_date_beside_its_buttons(
    language: str, date_field: DateLineEdit, qtbot: QtBot
) -> None:
    date_field.setFixedWidth(date_field.minimumSizeHint().width())
    date_field.setText("2024-05-17")
    date_field.setCursorPosition(len(date_field.text()))
    buttons = [b for b in date_field.findChildren(QToolButton) if b.defaultAction()]
    qtbot.waitUntil(lambda: all(b.isVisible() for b in buttons))
    assert len(buttons) == 2  # clear and calendar
    text_end = date_field.cursorRect().center().x()
    assert text_end < min(b.geometry().left() for b in buttons)
    # The placeholder fits too.
    metrics = date_field.fontMetrics()
    assert metrics.horizontalAdvance(date_field.placeholderText()) < min(
        b.geometry().left() for b in buttons
    )
