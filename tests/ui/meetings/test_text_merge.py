"""Two secretaries writing in the same agenda item (two apps on one server, or two windows on
one file): the editor's autosave never writes over a decision or note saved elsewhere. It
shows both texts to merge; each choice stores what it says, Avbryt keeps the typed text
unsaved (in the field and the drafts), and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingData
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.meetings.item_editor import ItemEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.merge_dialog import MergeDialog
from tests.db_backends import target_of

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

TITLE = "Fast vårdkontakt"
THEIRS = "Gruppen beslutar att anta rutinen."
MINE = "Gruppen beslutar att skjuta upp rutinen"
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """The second secretary's app: its own connection to the same database."""
    second = open_database(target_of(db))
    yield second
    second.dispose()


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


def type_decision_after_their_save(
    db: Database, other: Database, meeting: MeetingData, editor: ItemEditor, user: User
) -> int:
    """Client 2 saves a decision while client 1 has the item open; client 1 types one."""
    item_id = stored(db, meeting).id
    agenda.save_text(other, item_id, "decision", THEIRS)
    editor.decision.setFocus()
    user.type(editor.decision, MINE)
    return item_id


def merge_with(qtbot: QtBot, dialogs: Dialogs, *handlers: object) -> None:
    for handler in handlers:
        dialogs.expect(handler)  # type: ignore[arg-type]
    dialogs.wait(qtbot)  # the autosave after the pause opens them
    dialogs.check()


def test_keep_mine_saves_the_typed_decision_over_the_other(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_id = type_decision_after_their_save(db, other, meeting, item_editor, user)
    seen: list[tuple[str, str, str]] = []

    def keep_mine(dialog: MergeDialog) -> None:
        seen.append((dialog.windowTitle(), dialog.theirs_box.toPlainText(), dialog.mine))
        assert dialog.theirs_box.isReadOnly() and not dialog.mine_box.isReadOnly()
        assert dialog.mine_box.toPlainText() == MINE
        assert dialog.merged_button.isDefault()
        user.activate(dialog)
        assert dialog.mine_box.hasFocus()  # to edit into the merged text at once
        QTest.keyClick(dialog.mine_box, Qt.Key.Key_B, Alt)  # &Behåll min text
        qtbot.waitUntil(lambda: not dialog.isVisible())  # a mnemonic clicks a moment later

    merge_with(qtbot, dialogs, keep_mine)
    assert seen == [("Ändrad på annat håll", THEIRS, MINE)]
    assert stored(other, meeting).decision == MINE
    assert item_editor.decision.toPlainText() == MINE
    assert item_editor.save_state.text() == "Sparat"
    assert draft_text(db, item_id, "decision") is None
    # The next autosaves of the same secretary go on as before.
    user.type(item_editor.decision, ".")
    qtbot.waitUntil(lambda: stored(other, meeting).decision == MINE + ".", timeout=3000)


def test_take_theirs_keeps_the_stored_decision(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_id = type_decision_after_their_save(db, other, meeting, item_editor, user)
    merge_with(qtbot, dialogs, lambda dialog: dialog.theirs_button.click())
    assert stored(other, meeting).decision == THEIRS
    assert item_editor.decision.toPlainText() == THEIRS
    assert item_editor.save_state.text() == "Sparat"
    assert draft_text(db, item_id, "decision") is None
    item_editor.decision.undo()  # what was typed is one Ctrl+Z away
    assert item_editor.decision.toPlainText() == MINE


def test_a_merged_text_is_saved_and_a_new_change_meanwhile_is_shown_again(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    type_decision_after_their_save(db, other, meeting, item_editor, user)
    item_id = stored(db, meeting).id
    newest = THEIRS + " Uppföljning i september."
    shown: list[str] = []

    def merge_while_they_save_again(dialog: MergeDialog) -> None:
        shown.append(dialog.theirs_box.toPlainText())
        dialog.mine_box.setPlainText(THEIRS + "\n" + MINE)
        agenda.save_text(other, item_id, "decision", newest)  # while the dialog is open
        dialog.merged_button.click()

    def merge_again(dialog: MergeDialog) -> None:
        shown.append(dialog.theirs_box.toPlainText())
        assert dialog.mine_box.toPlainText() == THEIRS + "\n" + MINE  # the merge so far
        dialog.mine_box.setPlainText(newest + "\n" + MINE)
        dialog.merged_button.click()

    merge_with(qtbot, dialogs, merge_while_they_save_again, merge_again)
    assert shown == [THEIRS, newest]
    assert stored(other, meeting).decision == newest + "\n" + MINE
    assert item_editor.decision.toPlainText() == newest + "\n" + MINE
    assert item_editor.save_state.text() == "Sparat"


def test_cancel_keeps_the_typed_text_unsaved_until_merged(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_id = type_decision_after_their_save(db, other, meeting, item_editor, user)
    merge_with(qtbot, dialogs, lambda dialog: dialog.reject())
    bar = item_editor.texts.conflict_bars["decision"]
    assert bar.isVisible() and "Inte sparat" in bar.message.text()
    assert item_editor.save_state.text() == "Inte sparat"
    assert item_editor.decision.toPlainText() == MINE
    assert draft_text(db, item_id, "decision") == MINE
    # Typing on is kept too, and still not saved over the other text.
    user.type(item_editor.decision, " till hösten")
    assert item_editor.flush() is False
    assert draft_text(db, item_id, "decision") == MINE + " till hösten"
    assert stored(other, meeting).decision == THEIRS
    # Jämför och spara… on the bar: the dialog again, with the text typed since.
    mine: list[str] = []

    def keep_mine(dialog: MergeDialog) -> None:
        mine.append(dialog.mine)
        dialog.mine_button.click()

    dialogs.expect(keep_mine)
    button = bar.findChild(QPushButton, "conflict_bar_merge")
    assert button is not None and button.text() == "&Jämför och spara…"
    user.activate(item_editor.window())
    QTest.keyClick(item_editor.decision, Qt.Key.Key_J, Alt)
    dialogs.wait(qtbot)
    dialogs.check()
    assert mine == [MINE + " till hösten"]
    assert stored(other, meeting).decision == MINE + " till hösten"
    assert not bar.isVisible() and item_editor.save_state.text() == "Sparat"


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


def test_a_title_changed_elsewhere_is_shown_and_not_saved_over(
    qtbot: QtBot,
    db: Database,
    other: Database,
    meeting: MeetingData,
    item_editor: ItemEditor,
    user: User,
    boxes: Boxes,
) -> None:
    item = stored(db, meeting)
    agenda.update_item(
        other,
        item.id,
        ItemInput(title="Fast vårdkontakt i hemtjänsten", presenter="Åsa Öberg"),
        item.version,
    )
    # A note typed here is no conflict with the new title: saved, and the title shown.
    item_editor.notes.setFocus()
    user.type(item_editor.notes, "Anteckning")
    qtbot.waitUntil(
        lambda: item_editor.title.text() == "Fast vårdkontakt i hemtjänsten", timeout=3000
    )
    assert stored(other, meeting).notes == "Anteckning"
    # Changed elsewhere again, while the presenter is typed here: refused, the typed value
    # kept and the rest shown as stored; leaving the field again saves it on purpose.
    now = stored(other, meeting)
    agenda.update_item(
        other,
        item.id,
        ItemInput(title="Kontinuitet i hemtjänsten", presenter="Åsa Öberg", notes="Anteckning"),
        now.version,
    )
    user.retype(item_editor.presenter, "Anna Berg")
    assert item_editor.save_details() is False
    assert "ändrades på annat håll" in boxes.take("warning").text
    assert stored(other, meeting).presenter == "Åsa Öberg"
    assert item_editor.title.text() == "Kontinuitet i hemtjänsten"
    assert item_editor.presenter.text() == "Anna Berg"
    assert item_editor.save_details() is True
    after = stored(other, meeting)
    assert (after.title, after.presenter, after.notes) == (
        "Kontinuitet i hemtjänsten",
        "Anna Berg",
        "Anteckning",
    )


def test_a_title_changed_elsewhere_survives_a_move_here(
    db: Database,
    other: Database,
    meeting: MeetingData,
    meetings_page: MeetingsPage,
    item_editor: ItemEditor,
    user: User,
) -> None:
    """Moving the item redraws the agenda from the database: the editor then shows the title
    saved elsewhere, so leaving the presenter does not put the old title back."""
    item = stored(db, meeting)
    agenda.update_item(
        other, item.id, ItemInput(title="Kontinuitet", presenter="Åsa Öberg"), item.version
    )
    meetings_page.editor.agenda.move_by(-1)
    assert item_editor.title.text() == "Kontinuitet"
    user.retype(item_editor.presenter, "Anna Berg")
    assert item_editor.save_details() is True
    after = stored(other, meeting)
    assert (after.title, after.presenter, after.position) == (
        "Kontinuitet",
        "Anna Berg",
        item.position - 1,
    )
