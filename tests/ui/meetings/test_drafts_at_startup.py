"""Drafts at start-up: text typed into notes or a decision and never saved (the app died) is
offered in one dialog when the main window opens; Återställ opens the meeting item with the
text back in the editor, Förkasta throws a draft away after asking, Senare keeps them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.drafts_dialog import DraftsDialog
from naravard_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

TITLE = "Fast vårdkontakt"


@pytest.fixture
def meeting(
    make_meeting: MakeMeeting, db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, ItemInput(title=TITLE, notes="Sparat tidigare."))
    return created


def item_of(db: Database, meeting_id: int, title: str = TITLE) -> ItemData:
    return next(i for i in agenda.list_items(db, meeting_id) if i.title == title)


def open_window(qtbot: QtBot, db: Database, group: GroupData, settings: QSettings) -> MainWindow:
    window = MainWindow(db, group, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_draft_left_by_a_crash_is_offered_and_restored_into_its_item(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    settings: QSettings,
    meeting: MeetingData,
    user: User,
    dialogs: Dialogs,
) -> None:
    item = item_of(db, meeting.id)
    typed = "Sparat tidigare. Åsa redovisar läget: två enheter prövar rutinen."
    DraftStore(db.path or db.url).save("agenda_item", item.id, "notes", typed)
    seen: dict[str, Any] = {}

    def restore(dialog: DraftsDialog) -> None:
        user.activate(dialog)
        seen["rows"] = [dialog.list.item(r).text() for r in range(dialog.list.count())]
        seen["text"] = dialog.text.toPlainText()
        assert dialog.list.hasFocus()
        user.press(dialog.list, Qt.Key.Key_Return)  # Återställ is the default

    dialogs.expect(restore)
    window = open_window(qtbot, db, group, settings)
    dialogs.wait(qtbot)
    dialogs.check()
    (row,) = seen["rows"]
    assert row.startswith("Möte 17 maj 2024, § ")
    assert f"{TITLE}: Anteckningar (skrivet " in row
    assert seen["text"] == typed
    assert window.stack.currentWidget() is window.meetings_page
    item_editor = window.meetings_page.editor.agenda.editor
    assert item_editor.item is not None and item_editor.item.id == item.id
    assert item_editor.notes.toPlainText() == typed
    assert "Återställd osparad text" in item_editor.save_state.text()
    qtbot.waitUntil(lambda: item_of(db, meeting.id).notes == typed, timeout=3000)
    assert DraftStore(db.path or db.url).pending() == []


def test_discard_asks_first_and_later_keeps_the_rest(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    settings: QSettings,
    meeting: MeetingData,
    user: User,
    dialogs: Dialogs,
    boxes: Boxes,
) -> None:
    item = item_of(db, meeting.id)
    store = DraftStore(db.path or db.url)
    store.save("agenda_item", item.id, "notes", "Anteckning som aldrig sparades")
    store.save("agenda_item", item.id, "decision", "Beslut som aldrig sparades")
    # Saved just before the crash: the database has it, nothing to offer.
    other = item_of(db, meeting.id, "Mötets öppnande")
    store.save("agenda_item", other.id, "notes", other.notes)
    seen: dict[str, Any] = {}

    def discard_one(dialog: DraftsDialog) -> None:
        user.activate(dialog)
        seen["count"] = dialog.list.count()
        rows = [dialog.list.item(r).text() for r in range(dialog.list.count())]
        dialog.list.setCurrentRow(next(n for n, text in enumerate(rows) if ": Beslut (" in text))
        seen["chosen"] = dialog.text.toPlainText()
        dialog.discard_button.click()  # answered No: still there
        seen["after_no"] = dialog.list.count()
        dialog.discard_button.click()  # answered Yes
        seen["after_yes"] = [dialog.list.item(r).text() for r in range(dialog.list.count())]
        user.press(dialog.list, Qt.Key.Key_Escape)  # Senare

    boxes.answer(QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    dialogs.expect(discard_one)
    window = open_window(qtbot, db, group, settings)
    dialogs.wait(qtbot)
    dialogs.check()
    assert [call.title for call in boxes.calls] == ["Förkasta osparad text"] * 2
    assert "Beslut (skrivet " in boxes.calls[0].text
    boxes.calls.clear()
    assert seen["count"] == 2
    assert seen["chosen"] == "Beslut som aldrig sparades"
    assert seen["after_no"] == 2
    assert len(seen["after_yes"]) == 1 and "Anteckningar" in seen["after_yes"][0]
    assert [(d.field, d.text) for d in store.pending()] == [
        ("notes", "Anteckning som aldrig sparades")
    ]
    assert item_of(db, meeting.id).notes == "Sparat tidigare."  # nothing saved by Later
    assert window.statusBar().currentMessage().startswith("1 osparad text till finns kvar")


def test_no_drafts_no_dialog(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings, dialogs: Dialogs
) -> None:
    window = open_window(qtbot, db, group, settings)
    qtbot.wait(100)  # the offer runs once the window is on screen; none is expected
    assert window.isVisible()
