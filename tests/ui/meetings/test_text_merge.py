"""Two secretaries writing in the same agenda item (two apps on one server, or two windows on
one file): the editor's autosave never writes over a decision or note saved elsewhere. It
shows both texts to merge; each choice stores what it says, Avbryt keeps the typed text
unsaved (in the field and the drafts), and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.meetings.item_editor import ItemEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.merge_dialog import MergeDialog

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

TITLE = "Fast vårdkontakt"
THEIRS = "Gruppen beslutar att anta rutinen."
MINE = "Gruppen beslutar att skjuta upp rutinen"
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def meeting(make_meeting: MakeMeeting, db: Database) -> MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, ItemInput(title=TITLE, presenter="Åsa Öberg"))
    return created


@pytest.fixture
def item_editor(meetings_page: MeetingsPage, meeting: MeetingData, user: User) -> ItemEditor:
    item = stored(meetings_page.db, meeting)
    meetings_page.open_meeting(meeting.id, item.id)
    user.activate(meetings_page)
    editor = meetings_page.editor.agenda.editor
    assert editor.item is not None and editor.item.title == TITLE
    return editor


def stored(db: Database, meeting: MeetingData) -> ItemData:
    """The item as stored (found by its presenter: its title changes in one test)."""
    return next(i for i in agenda.list_items(db, meeting.id) if i.presenter)


def draft_text(db: Database, item_id: int, field: str) -> str | None:
    draft = DraftStore(db.path or db.url).get("agenda_item", item_id, field)
    return draft.text if draft else None


@dataclass
class Desk:
    """Client 1's editor on the item, client 2's database, and what drives them."""

    qtbot: QtBot
    db: Database
    other: Database
    meeting: MeetingData
    editor: ItemEditor
    user: User
    dialogs: Dialogs

    def stored(self) -> ItemData:
        return stored(self.other, self.meeting)

    def type_after_their_save(self) -> int:
        """Client 2 saves a decision while client 1 has the item open; client 1 types one."""
        item_id = self.stored().id
        agenda.save_text(self.other, item_id, "decision", THEIRS)
        self.editor.decision.setFocus()
        self.user.type(self.editor.decision, MINE)
        return item_id

    def merge_with(self, *handlers: Callable[[MergeDialog], None]) -> None:
        for handler in handlers:
            self.dialogs.expect(handler)
        self.dialogs.wait(self.qtbot)  # the autosave after the pause opens them
        self.dialogs.check()


@pytest.fixture
def desk(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    dialogs: Dialogs,
) -> Desk:
    return Desk(qtbot, db, other, meeting, item_editor, user, dialogs)


def test_keep_mine_saves_the_typed_decision_over_the_other(desk: Desk) -> None:
    item_id = desk.type_after_their_save()
    seen: list[tuple[str, str, str]] = []

    def keep_mine(dialog: MergeDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.theirs_box.toPlainText(), dialog.mine))
        assert dialog.theirs_box.isReadOnly() and not dialog.mine_box.isReadOnly()
        assert dialog.mine_box.toPlainText() == MINE
        assert dialog.merged_button.isDefault()
        desk.user.activate(dialog)
        assert dialog.mine_box.hasFocus()  # to edit into the merged text at once
        QTest.keyClick(dialog.mine_box, Qt.Key.Key_B, Alt)  # &Behåll min text
        desk.qtbot.waitUntil(lambda: not dialog.isVisible())  # a mnemonic clicks a moment later

    desk.merge_with(keep_mine)
    assert seen == [("Ändrad på annat håll", THEIRS, MINE)]
    assert desk.stored().decision == MINE
    assert desk.editor.decision.toPlainText() == MINE
    assert desk.editor.save_state.text() == "Sparat"
    assert draft_text(desk.db, item_id, "decision") is None
    # The next autosaves of the same secretary go on as before.
    desk.user.type(desk.editor.decision, ".")
    desk.qtbot.waitUntil(lambda: desk.stored().decision == MINE + ".", timeout=3000)


def test_take_theirs_keeps_the_stored_decision(desk: Desk) -> None:
    item_id = desk.type_after_their_save()
    desk.merge_with(lambda dialog: dialog.theirs_button.click())
    assert desk.stored().decision == THEIRS
    assert desk.editor.decision.toPlainText() == THEIRS
    assert desk.editor.save_state.text() == "Sparat"
    assert draft_text(desk.db, item_id, "decision") is None
    desk.editor.decision.undo()  # what was typed is one Ctrl+Z away
    assert desk.editor.decision.toPlainText() == MINE


def test_a_merged_text_is_saved_and_a_new_change_meanwhile_is_shown_again(desk: Desk) -> None:
    item_id = desk.type_after_their_save()
    newest = THEIRS + " Uppföljning i september."
    shown: list[str] = []

    def merge_while_they_save_again(dialog: MergeDialog) -> None:
        shown.append(dialog.theirs_box.toPlainText())
        dialog.mine_box.setPlainText(THEIRS + "\n" + MINE)
        agenda.save_text(desk.other, item_id, "decision", newest)  # while the dialog is open
        dialog.merged_button.click()

    def merge_again(dialog: MergeDialog) -> None:
        shown.append(dialog.theirs_box.toPlainText())
        assert dialog.mine_box.toPlainText() == THEIRS + "\n" + MINE  # the merge so far
        dialog.mine_box.setPlainText(newest + "\n" + MINE)
        dialog.merged_button.click()

    desk.merge_with(merge_while_they_save_again, merge_again)
    assert shown == [THEIRS, newest]
    assert desk.stored().decision == newest + "\n" + MINE
    assert desk.editor.decision.toPlainText() == newest + "\n" + MINE
    assert desk.editor.save_state.text() == "Sparat"


def test_cancel_keeps_the_typed_text_unsaved_until_merged(desk: Desk) -> None:
    item_id = desk.type_after_their_save()
    editor = desk.editor
    desk.merge_with(lambda dialog: dialog.reject())
    bar = editor.texts.conflict_bars["decision"]
    assert bar.isVisible() and "Inte sparat" in bar.message.text()
    assert editor.save_state.text() == "Inte sparat"
    assert editor.decision.toPlainText() == MINE
    assert draft_text(desk.db, item_id, "decision") == MINE
    # Typing on is kept too, and still not saved over the other text.
    desk.user.type(editor.decision, " till hösten")
    assert editor.flush() is False
    assert draft_text(desk.db, item_id, "decision") == MINE + " till hösten"
    assert desk.stored().decision == THEIRS
    # Jämför och spara… on the bar (Alt+J): the dialog again, with the text typed since.
    mine: list[str] = []

    def keep_mine(dialog: MergeDialog) -> None:
        mine.append(dialog.mine)
        dialog.mine_button.click()

    button = bar.findChild(QPushButton, "conflict_bar_merge")
    assert button is not None and button.text() == "&Jämför och spara…"
    desk.user.activate(editor.window())
    QTest.keyClick(editor.decision, Qt.Key.Key_J, Alt)
    desk.merge_with(keep_mine)
    assert mine == [MINE + " till hösten"]
    assert desk.stored().decision == MINE + " till hösten"
    assert not bar.isVisible() and editor.save_state.text() == "Sparat"


def test_a_crashed_draft_is_not_saved_over_a_decision_changed_since(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
) -> None:
    item = stored(db, meeting)
    # Typed on the item as it was, and the app died within the pause ...
    DraftStore(db.path or db.url).save(
        "agenda_item", item.id, "decision", MINE, base_version=item.version
    )
    agenda.save_text(other, item.id, "decision", THEIRS)  # ... while the other one saved
    shown: list[tuple[str, str]] = []

    def keep_mine(dialog: MergeDialog) -> None:
        shown.append((dialog.theirs_box.toPlainText(), dialog.mine))
        dialog.mine_button.click()

    dialogs.expect(keep_mine)
    meetings_page.open_meeting(meeting.id, item.id)
    dialogs.wait(qtbot)
    dialogs.check()
    assert shown == [(THEIRS, MINE)]
    assert stored(other, meeting).decision == MINE


def rename(desk: Desk, title: str, notes: str = "") -> None:
    """Client 2 changes the item's title (the presenter stays)."""
    item = desk.stored()
    data = ItemInput(title=title, presenter="Åsa Öberg", notes=notes)
    agenda.update_item(desk.other, item.id, data, item.version)


def test_a_title_changed_elsewhere_is_shown_and_not_saved_over(desk: Desk, boxes: Boxes) -> None:
    editor = desk.editor
    rename(desk, "Fast vårdkontakt i hemtjänsten")
    # A note typed here is no conflict with the new title: saved, and the title shown.
    editor.notes.setFocus()
    desk.user.type(editor.notes, "Anteckning")
    desk.qtbot.waitUntil(
        lambda: editor.title.text() == "Fast vårdkontakt i hemtjänsten", timeout=3000
    )
    assert desk.stored().notes == "Anteckning"
    # Changed elsewhere again, while the presenter is typed here: refused, the typed value
    # kept and the rest shown as stored; leaving the field again saves it on purpose.
    rename(desk, "Kontinuitet i hemtjänsten", notes="Anteckning")
    desk.user.retype(editor.presenter, "Anna Berg")
    assert editor.save_details() is False
    assert "ändrades på annat håll" in boxes.take("warning").text
    assert desk.stored().presenter == "Åsa Öberg"
    assert editor.title.text() == "Kontinuitet i hemtjänsten"
    assert editor.presenter.text() == "Anna Berg"
    assert editor.save_details() is True
    after = desk.stored()
    assert (after.title, after.presenter, after.notes) == (
        "Kontinuitet i hemtjänsten",
        "Anna Berg",
        "Anteckning",
    )


def test_a_title_changed_elsewhere_survives_a_move_here(
    desk: Desk, meetings_page: MeetingsPage
) -> None:
    """Moving the item redraws the agenda from the database: the editor then shows the title
    saved elsewhere, so leaving the presenter does not put the old title back."""
    position = desk.stored().position
    rename(desk, "Kontinuitet")
    meetings_page.editor.agenda.move_by(-1)
    assert desk.editor.title.text() == "Kontinuitet"
    desk.user.retype(desk.editor.presenter, "Anna Berg")
    assert desk.editor.save_details() is True
    after = desk.stored()
    assert (after.title, after.presenter, after.position) == (
        "Kontinuitet",
        "Anna Berg",
        position - 1,
    )
