"""Issue 11, point 4 in the meeting editor: numbers written as people paste them (a space or
a non-breaking hyphen instead of the dash; invented: 18 December 1981, serial 123, check
digit 8) went into the notes unwarned, and the presenter field was not checked at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from naravard_desktop.services.meetings import actions
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.privacy import PrivacyDialog
from tests.ui.meetings.test_item_privacy import TITLE, editor, meeting, stored
from tests.ui.test_plan_privacy import back, in_nested_dialog, save_anyway

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

__all__ = ["editor", "meeting"]  # fixtures

SPACED = "811218 1238"
# U+2011, the hyphen Word puts in to keep a number on one line (12 March 2005, invented)
HYPHENATED = "050312\u20111238"


def test_a_number_with_a_space_or_a_unicode_hyphen_in_the_notes_gives_the_bar(
    qtbot: QtBot,
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
) -> None:
    item_editor = editor.agenda.editor
    bar = item_editor.privacy_bars["notes"]
    item_editor.notes.setFocus()
    user.type(item_editor.notes, f"Ringde om {SPACED}.")
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert "8112** ****" in bar.message.text() and SPACED not in bar.message.text()
    assert stored(db, meeting.id).notes == ""
    item_editor.notes.setPlainText(f"Ringde om {HYPHENATED}.")
    bar.hide()
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert "0503**-****" in bar.message.text()
    assert stored(db, meeting.id).notes == ""


def test_a_number_in_the_presenter_field_asks_and_is_selected_there(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_editor = editor.agenda.editor
    typed = f"Anhörig {SPACED}"
    found: list[str] = []

    def remove(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        found.extend(dialog.found.item(r).text() for r in range(dialog.found.count()))
        user.press(dialog.back_button, Qt.Key.Key_Return)

    dialogs.expect(remove)
    user.retype(item_editor.presenter, typed)
    user.press(item_editor.presenter, Qt.Key.Key_Return)
    dialogs.check()
    assert found == ["Föredragande: 8112** ****"]
    assert item_editor.presenter.text() == typed
    assert item_editor.presenter.selectedText() == SPACED
    assert stored(db, meeting.id, TITLE).presenter == ""
    item_editor.presenter.setText("")  # removed: closing the editor has nothing to ask


def test_a_number_in_a_new_action_item_keeps_the_dialog_open_then_saves_with_a_reason(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    panel = editor.agenda.editor.action_items
    item_id = stored(db, meeting.id).id
    typed = f"Ring anhörig till {SPACED}"
    failures: list[BaseException] = []
    seen: dict[str, object] = {}

    def fill(dialog: ActionDialog) -> None:
        user.type(dialog.what, typed)
        in_nested_dialog(back(user), failures)
        dialog.accept()
        seen["open"] = dialog.isVisible()
        seen["selected"] = dialog.what.textCursor().selectedText()
        seen["stored"] = actions.actions_of_item(db, item_id)
        in_nested_dialog(save_anyway(user, "Fingerat exempel"), failures)
        dialog.accept()

    dialogs.expect(fill)
    panel.add_action.trigger()
    dialogs.check()
    assert not failures, failures
    assert seen == {"open": True, "selected": SPACED, "stored": []}
    assert [a.what for a in actions.actions_of_item(db, item_id)] == [typed]
    # Undo and redo put it back without asking again.
    editor.undo_stack.undo()
    assert actions.actions_of_item(db, item_id) == []
    editor.undo_stack.redo()
    assert [a.what for a in actions.actions_of_item(db, item_id)] == [typed]
