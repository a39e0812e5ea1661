"""Arkiv › Byt grupp… (issue 16, point 5): a database with several groups, a window on one of
them, and the keyboard that finds and opens another; what is typed is saved or asked about
first, the other group's window takes over the same connection and is remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton, QToolTip
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.group.switch_dialog import SwitchGroupDialog
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.window_host import WindowHost
from tests.ui.meetings.conftest import create_meeting

if TYPE_CHECKING:
    from naravard_desktop.services.group.read_models import MemberRow
    from naravard_desktop.services.meetings.read_models import ItemData
    from tests.ui.conftest import Boxes, Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier

# Beside the `group` fixture (Samverkan Bergsjö, Region Mittland): Swedish letters in both
# the names and the regions, so the order and the search are Swedish.
OTHERS = [
    ("Samverkan Östersund", "Östersunds kommun", "Region Jämtland Härjedalen"),
    ("Samverkan Åre", "Åre kommun", "Region Jämtland Härjedalen"),
    ("Samverkan Älvdalen", "Älvdalens kommun", "Region Dalarna"),
    ("Samverkan Zinkgruvan", "Askersunds kommun", "Region Örebro län"),
]
SWEDISH_ORDER = [
    "Samverkan Bergsjö",
    "Samverkan Zinkgruvan",
    "Samverkan Åre",
    "Samverkan Älvdalen",
    "Samverkan Östersund",
]


@pytest.fixture
def region(db: Database, group: GroupData) -> dict[str, GroupData]:
    """Five groups by name; Östersund has a member of its own to be seen after a switch."""
    made = [
        groups.create_group(db, GroupInput(name=name, municipality=town, region=region))
        for name, town, region in OTHERS
    ]
    found = {g.name: g for g in [group, *made]}
    members.add_member(
        db,
        found["Samverkan Östersund"].id,
        MemberInput(name="Britt Fjällström", principal=Principal.REGION, role=Role.CHAIR),
    )
    return found


@pytest.fixture
def host(qtbot: QtBot, db: Database, settings: QSettings) -> Iterator[WindowHost]:
    """What the app does at start-up, without a lock file: windows shown through the host."""
    made = WindowHost(db, None, settings)
    yield made
    if made.window is not None and isValid(made.window):
        made.window.hand_over()
    QApplication.sendPostedEvents()  # the windows closed are deleted


@pytest.fixture
def shown(host: WindowHost, region: dict[str, GroupData], user: User) -> MainWindow:
    """The window on Samverkan Bergsjö, active so that its keys answer."""
    window = host.show(region["Samverkan Bergsjö"])
    window.resize(1200, 760)
    user.activate(window)
    return window


def listed(dialog: SwitchGroupDialog) -> list[str]:
    proxy = dialog.proxy
    return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]


def switched_to(host: WindowHost, old: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window that took over from `old`, once `old` is closed and deleted (a region's
    secretary may switch many times: no window is left behind)."""
    qtbot.waitUntil(lambda: not isValid(old))
    assert host.window is not None and host.window is not old
    return host.window


# --- the dialog --------------------------------------------------------------------------


def test_the_groups_are_listed_in_swedish_order_with_the_open_one_marked(
    qtbot: QtBot, db: Database, region: dict[str, GroupData]
) -> None:
    current = region["Samverkan Åre"]
    dialog = SwitchGroupDialog(groups.list_groups(db), current.id)
    qtbot.addWidget(dialog)
    assert listed(dialog) == [
        "Samverkan Åre (öppen nu)" if name == current.name else name for name in SWEDISH_ORDER
    ]
    assert dialog.proxy.index(2, 1).data() == "Åre kommun"
    assert dialog.proxy.index(2, 2).data() == "Region Jämtland Härjedalen"
    assert dialog.count_label.text() == "5 grupper"
    # The open group is chosen to begin with, and switching to it is not offered.
    assert dialog.view.currentIndex().row() == 2
    assert not dialog.switch_button.isEnabled()
    assert dialog.chosen_id() is None


def test_typing_filters_by_every_word_in_name_municipality_or_region(
    qtbot: QtBot, db: Database, region: dict[str, GroupData], user: User
) -> None:
    dialog = SwitchGroupDialog(groups.list_groups(db), region["Samverkan Bergsjö"].id)
    qtbot.addWidget(dialog)
    user.type(dialog.search, "jämtland")
    assert listed(dialog) == ["Samverkan Åre", "Samverkan Östersund"]
    assert dialog.count_label.text() == "2 av 5 grupper"
    # The first match is chosen: Enter would take it.
    assert dialog.chosen_id() == region["Samverkan Åre"].id
    assert dialog.switch_button.isEnabled()
    user.type(dialog.search, " ÖST")  # a second word, in capitals
    assert listed(dialog) == ["Samverkan Östersund"]
    user.retype(dialog.search, "askersund")  # the municipality only
    assert listed(dialog) == ["Samverkan Zinkgruvan"]
    user.retype(dialog.search, "Kiruna")
    assert listed(dialog) == []
    assert dialog.count_label.text() == "0 av 5 grupper"
    assert dialog.chosen_id() is None
    assert not dialog.switch_button.isEnabled()
    dialog.search.clear()
    assert len(listed(dialog)) == 5


# --- switching in the window -------------------------------------------------------------


def test_the_keyboard_finds_another_group_and_its_window_takes_over(
    qtbot: QtBot,
    host: WindowHost,
    shown: MainWindow,
    region: dict[str, GroupData],
    settings: QSettings,
    user: User,
    dialogs: Dialogs,
) -> None:
    """Ctrl+Shift+G, type, arrow down, Enter: the window on Östersund replaces the one on
    Bergsjö, on the page that was shown, over the same database, and is remembered."""
    old = shown
    old.show_page(old.stack.indexOf(old.members_page))
    seen: dict[str, object] = {}

    def choose(dialog: SwitchGroupDialog) -> None:
        seen["focus"] = dialog.focusWidget() is dialog.search
        seen["listed"] = listed(dialog)
        user.type(dialog.search, "jämtland")
        user.press(dialog.search, Qt.Key.Key_Down)  # from Åre to Östersund
        seen["search"] = dialog.search.text()
        user.press(dialog.search, Qt.Key.Key_Return)

    dialogs.expect(choose)
    user.press(old, Qt.Key.Key_G, Ctrl | Shift)
    dialogs.check()

    new = switched_to(host, old, qtbot)
    ostersund = region["Samverkan Östersund"]
    assert seen == {
        "focus": True,
        "listed": ["Samverkan Bergsjö (öppen nu)", *SWEDISH_ORDER[1:]],
        "search": "jämtland",
    }
    assert new.group.id == ostersund.id
    assert new.windowTitle().startswith("Samverkan Östersund – ")
    assert new.db is host.db
    assert new.stack.currentWidget() is new.members_page
    shown_names = [
        new.members_page.proxy.index(row, 0).data()
        for row in range(new.members_page.proxy.rowCount())
    ]
    assert shown_names == ["Britt Fjällström"]
    assert int(str(settings.value("group_id"))) == ostersund.id
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)] == [new]


@pytest.fixture
def open_item(
    db: Database, shown: MainWindow, region: dict[str, GroupData], roster: dict[str, MemberRow]
) -> ItemData:
    """An agenda item of a Bergsjö meeting open in the window, the focus in its notes."""
    meeting = create_meeting(db, region["Samverkan Bergsjö"].id, roster)
    item = agenda.list_items(db, meeting.id)[2]
    shown.show_meeting_item(meeting.id, item.id)
    shown.meetings_page.editor.agenda.editor.notes.setFocus()
    return item


def test_notes_typed_in_a_meeting_are_saved_before_the_switch(
    qtbot: QtBot,
    db: Database,
    host: WindowHost,
    shown: MainWindow,
    region: dict[str, GroupData],
    open_item: ItemData,
    user: User,
) -> None:
    user.type(shown.meetings_page.editor.agenda.editor.notes, "Åtgärdsplan för hösten")
    assert shown.request_group(region["Samverkan Åre"].id)
    switched_to(host, shown, qtbot)
    (stored,) = [i for i in agenda.list_items(db, open_item.meeting_id) if i.id == open_item.id]
    assert "Åtgärdsplan för hösten" in stored.notes


def test_an_identity_number_in_the_notes_is_asked_about_and_going_back_stays(
    host: WindowHost,
    shown: MainWindow,
    region: dict[str, GroupData],
    open_item: ItemData,
    user: User,
    dialogs: Dialogs,
) -> None:
    notes = shown.meetings_page.editor.agenda.editor.notes
    user.type(notes, "Samtal med 811218-9876 om SIP")
    dialogs.expect(lambda dialog: dialog.findChild(QPushButton, "privacy_back").click())
    assert not shown.request_group(region["Samverkan Åre"].id)
    dialogs.check()
    assert host.window is shown and shown.isVisible()
    assert "811218-9876" in notes.toPlainText()
    assert int(str(shown.settings.value("group_id"))) == region["Samverkan Bergsjö"].id


def test_unsaved_group_settings_are_asked_about_and_undo_stays_with_its_group(
    qtbot: QtBot,
    db: Database,
    host: WindowHost,
    shown: MainWindow,
    region: dict[str, GroupData],
    user: User,
    dialogs: Dialogs,
) -> None:
    bergsjo, are = region["Samverkan Bergsjö"], region["Samverkan Åre"]
    page = shown.group_page
    shown.show_page(shown.stack.indexOf(page))
    user.retype(page.form.municipality, "Ånge kommun")
    questions: list[str] = []

    def answer(text: str) -> Callable[[QMessageBox], None]:
        def click(box: QMessageBox) -> None:
            questions.append(box.text())
            (button,) = [b for b in box.buttons() if b.text() == text]
            button.click()

        return click

    dialogs.expect(answer("Avbryt"))
    assert not shown.request_group(are.id)
    dialogs.check()
    assert host.window is shown and page.form.municipality.text() == "Ånge kommun"

    dialogs.expect(answer("&Spara"))
    assert shown.request_group(are.id)
    dialogs.check()
    new = switched_to(host, shown, qtbot)
    assert (
        questions
        == [
            "Gruppens inställningar har osparade ändringar. Vill du spara dem innan du byter grupp?"
        ]
        * 2
    )
    assert groups.get_group(db, bergsjo.id).municipality == "Ånge kommun"
    # The save was undoable in Bergsjö's window; Åre's window has nothing to undo.
    assert new.group.id == are.id
    assert new.undo_stack.count() == 0
    assert not new.undo_action.isEnabled()


def test_a_group_that_cannot_be_opened_is_explained_and_the_window_stays(
    host: WindowHost, shown: MainWindow, boxes: Boxes
) -> None:
    assert not shown.request_group(987654)
    assert "987654" in boxes.take("warning").text
    assert host.window is shown and shown.isVisible()


def test_with_one_group_the_switch_is_disabled_and_says_why(
    qtbot: QtBot, window: MainWindow, user: User
) -> None:
    action = window.switch_group_action
    assert action.text() == "&Byt grupp…"
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    assert not action.isEnabled()
    assert action.toolTip() == "Databasen har ingen annan grupp som du får öppna."
    assert action.statusTip() == action.toolTip()
    user.activate(window)
    user.press(window, Qt.Key.Key_G, Ctrl | Shift)  # nothing opens (`dialogs` would fail)
    assert window.isVisible()
    # The mouse resting on the greyed entry in Arkiv gives the reason.
    (menu,) = [m for m in action.associatedObjects() if isinstance(m, QMenu)]
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(menu)
    spot = menu.actionGeometry(action).center()
    QApplication.sendEvent(menu, QHelpEvent(QEvent.Type.ToolTip, spot, menu.mapToGlobal(spot)))
    assert QToolTip.isVisible() and QToolTip.text() == action.toolTip()
    menu.close()
    QToolTip.hideText()


def test_with_several_groups_the_switch_is_offered(shown: MainWindow) -> None:
    assert shown.switch_group_action.isEnabled()
    assert shown.switch_group_action in shown.menuBar().actions()[0].menu().actions()
