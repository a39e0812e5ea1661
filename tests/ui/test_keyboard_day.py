"""Issue 19 point 9: a secretary's day by keyboard alone, each key sent where the focus is, as
a user's keys go: Ctrl+4 to the meetings, Tab to the list, the arrow keys to the meeting being
prepared, Enter to open it, Alt+N to its notes and typing, Tab on to the action items and
Ctrl+Shift+A for one written and saved with Enter, then Alt+L back to the agenda and on to
the next item, which saves the notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

pytestmark = pytest.mark.demo()

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def press(
    qtbot: QtBot, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the focus"
    qtbot.keyClick(focused, key, modifier)


def focused_name() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def test_a_meeting_is_prepared_by_keyboard_alone(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    settings: QSettings,
    dialogs: Dialogs,
    user: User,
) -> None:
    window = MainWindow(db, demo_group, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    user.activate(window)
    window.sidebar.setFocus()
    draft = next(m for m in list_meetings(db, demo_group.id) if m.state == ProtocolState.DRAFT)

    press(qtbot, Key.Key_4, Ctrl)
    assert window.stack.currentWidget() is window.meetings_page
    for _tab in range(12):  # Tab on to the list of meetings
        if focused_name() == "meetings_table":
            break
        press(qtbot, Key.Key_Tab)
    assert focused_name() == "meetings_table"
    press(qtbot, Key.Key_Home)
    editing = window.findChild(QAction, "edit_meeting_in_list")
    for _row in range(40):  # down to the meeting being prepared (the one still editable)
        if editing.isEnabled():
            break
        press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    editor = window.meetings_page.editor
    assert window.meetings_page.stack.currentWidget() is editor
    assert editor.meeting is not None and editor.meeting.id == draft.id
    first = agenda.list_items(db, draft.id)[0]

    press(qtbot, Key.Key_N, Alt)  # Anteckningar
    notes = QApplication.focusWidget()
    assert isinstance(notes, QWidget) and "notes" in notes.objectName()
    user.type(notes, "Alla hade fått kallelsen i tid")

    def write_action(dialog: QWidget) -> None:
        user.activate(dialog)  # as a window manager makes a new dialog the active window
        assert focused_name() == "action_what"
        user.type(QApplication.focusWidget(), "Boka lokal till nästa möte")
        press(qtbot, Key.Key_Tab)
        user.type(QApplication.focusWidget(), "Anna Berg")
        press(qtbot, Key.Key_Return)  # Spara

    for _tab in range(10):  # Tab on to the item's action items
        if focused_name() == "item_actions":
            break
        press(qtbot, Key.Key_Tab)
    assert focused_name() == "item_actions"
    dialogs.expect(write_action)
    press(qtbot, Key.Key_A, Ctrl | Shift)
    qtbot.waitUntil(lambda: bool(actions.actions_of_item(db, first.id)))
    dialogs.check()
    saved = actions.actions_of_item(db, first.id)
    assert [(a.what, a.who) for a in saved] == [("Boka lokal till nästa möte", "Anna Berg")]

    user.activate(window)  # the window manager gives the window back its activation
    press(qtbot, Key.Key_L, Alt)  # back to the agenda list, on to the next item
    assert focused_name() == "agenda_table"
    press(qtbot, Key.Key_Down)
    qtbot.waitUntil(lambda: agenda.list_items(db, draft.id)[0].notes != "")
    assert agenda.list_items(db, draft.id)[0].notes == "Alla hade fått kallelsen i tid"
