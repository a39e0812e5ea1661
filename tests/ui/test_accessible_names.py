"""Issue 19 point 9: every control a user can reach with Tab has a name a screen reader says
(QAccessible's Name: its own text, a buddy label's, or an accessible name), on every page of
the window on the demo and in every dialog the menus and toolbars open without changing
anything (each opened, walked and cancelled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QScrollBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs

pytestmark = pytest.mark.demo()

# The dialogs walked: (the action's object name, found in the window once its page is
# built). Each opens a form or a list and changes nothing until it is accepted.
DIALOGS = {
    "members": ["add_member", "edit_member"],
    "plan": ["new_plan", "add_area", "add_activity", "plan_details", "follow_up", "move_to_area"],
    "sip": ["sip_new_period", "sip_settings"],
    "meetings": ["add_meeting"],
    "meeting": ["edit_meeting", "add_guest", "add_action_item", "approve_protocol"],
}


def unnamed(root: QWidget) -> list[str]:
    """The focusable, visible widgets in `root` a screen reader has no name for."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        if isinstance(widget, (QScrollBar, QDialog)) or widget.isWindow():
            continue  # a window is named by its title; scroll bars by their view
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the box's own editor: the box is what is named
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {widget.objectName() or '(no name)'}")
    return found


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings) -> MainWindow:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


def _walk_dialogs(
    window: MainWindow, dialogs: Dialogs, names: list[str], where: str
) -> dict[str, list[str]]:
    """Open each named action's dialog, note its unnamed controls, cancel it."""
    missing: dict[str, list[str]] = {}
    for name in names:
        action = window.findChild(QAction, name)
        assert action is not None, name
        assert action.isEnabled(), f"{name} is disabled on {where}"
        opened: list[str] = []

        def look(dialog: QWidget, name: str = name, opened: list[str] = opened) -> None:
            opened.append(dialog.windowTitle())
            found = unnamed(dialog)
            if found:
                missing[f"{name} dialog"] = found

        dialogs.expect(look)
        action.trigger()
        assert opened, f"{name} opened no dialog"
    return missing


def test_every_control_on_every_page_and_dialog_has_a_name(
    window: MainWindow, dialogs: Dialogs, db: Database, demo_group: GroupData
) -> None:
    missing: dict[str, list[str]] = {}
    for row, key in enumerate(window.lazy_pages.keys):
        if window.sidebar.item(row).isHidden():
            continue
        window.sidebar.setCurrentRow(row)  # built through the sidebar, as a user opens it
        page = window.stack.currentWidget()
        found = unnamed(page)
        if found:
            missing[key] = found
        if key == "plan":  # an activity chosen, as a follow-up needs
            tree = window.plan_page.tree
            tree.setCurrentIndex(tree.model().index(0, 0, tree.model().index(0, 0)))
        if key in ("members", "meetings"):  # a row chosen, as editing needs
            table = window.members_page.table if key == "members" else page.table
            table.setCurrentIndex(table.model().index(0, 0))
        missing.update(_walk_dialogs(window, dialogs, DIALOGS.get(key, []), key))
    missing.update(unnamed_in_window_chrome(window))

    meeting = next(m for m in list_meetings(db, demo_group.id) if m.state == ProtocolState.DRAFT)
    window.show_page(window.stack.indexOf(window.meetings_page))
    window.meetings_page.open_meeting(meeting.id, None)
    found = unnamed(window.meetings_page.editor)
    if found:
        missing["meeting"] = found
    missing.update(_walk_dialogs(window, dialogs, DIALOGS["meeting"], "meeting"))
    dialogs.check()
    assert missing == {}, "\n".join(f"{k}: {v}" for k, v in missing.items())


def unnamed_in_window_chrome(window: MainWindow) -> dict[str, list[str]]:
    found = unnamed(window.sidebar)
    return {"sidebar": found} if found else {}
