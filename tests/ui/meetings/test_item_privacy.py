"""The privacy guard in the meeting editor: a personal identity number typed into notes gives
a warning bar (never a dialog while typing) and the text stays unsaved but kept as a draft
until the number is removed or the user saves anyway with a reason; a number in the title
asks in a dialog; undoing the removal of an item whose text was kept with a reason works."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.privacy import PrivacyDialog

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

NUMBER = "19121212-1212"
OTHER = "811218-9876"
TITLE = "Fast vårdkontakt"


@pytest.fixture
def meeting(
    make_meeting: MakeMeeting, db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, ItemInput(title=TITLE, planned_minutes=30))
    return created


@pytest.fixture
def editor(meetings_page: MeetingsPage, meeting: MeetingData, user: User) -> MeetingEditor:
    item = stored(meetings_page.db, meeting.id)
    meetings_page.open_meeting(meeting.id, item.id)
    user.activate(meetings_page)
    return meetings_page.editor


def stored(db: Database, meeting_id: int, title: str = TITLE) -> ItemData:
    return next(i for i in agenda.list_items(db, meeting_id) if i.title == title)


def selected_text(widget: object) -> str:
    cursor = widget.textCursor()  # type: ignore[attr-defined]
    return str(cursor.selectedText())


def test_a_number_in_the_notes_gives_a_bar_and_stays_a_draft_until_removed(
    qtbot: QtBot,
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_editor = editor.agenda.editor
    bar = item_editor.privacy_bars["notes"]
    item_id = stored(db, meeting.id).id
    item_editor.notes.setFocus()
    user.type(item_editor.notes, f"Ringde om patient {NUMBER} angående rutinen.")
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert "191212**-****" in bar.message.text()
    assert "1212-1212" not in bar.message.text()  # the whole number is never repeated
    assert item_editor.save_state.text() == "Inte sparat"
    assert stored(db, meeting.id).notes == ""
    draft = DraftStore(db.path or db.url).get("agenda_item", item_id, "notes")
    assert draft is not None and NUMBER in draft.text

    # Typing on: still no dialog (the dialogs fixture fails on any), the bar stays.
    user.type(item_editor.notes, " Mer text.")
    qtbot.wait(1000)
    assert bar.isVisible()
    assert item_editor.notes.hasFocus()

    # "Visa numret" selects it; the user deletes it and the text is saved.
    bar.show_button.click()
    assert selected_text(item_editor.notes) == NUMBER
    assert item_editor.notes.hasFocus()
    user.press(item_editor.notes, Qt.Key.Key_Backspace)
    qtbot.waitUntil(
        lambda: stored(db, meeting.id).notes == "Ringde om patient  angående rutinen. Mer text.",
        timeout=3000,
    )
    assert not bar.isVisible()
    assert item_editor.save_state.text() == "Sparat"
    assert DraftStore(db.path or db.url).pending() == []


def test_save_anyway_on_the_bar_asks_for_a_reason_and_logs_it(
    qtbot: QtBot,
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
    dialogs: Dialogs,
    caplog: pytest.LogCaptureFixture,
) -> None:
    item_editor = editor.agenda.editor
    bar = item_editor.privacy_bars["decision"]
    item_editor.decision.setFocus()
    text = f"Ärendet {NUMBER} återremitteras."
    user.type(item_editor.decision, text)
    qtbot.waitUntil(bar.isVisible, timeout=3000)

    # Escape: back to editing, the text is still there and unsaved.
    def escape(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        assert dialog.reason_edit.hasFocus()  # opened at the reason
        assert not dialog.save_button.isEnabled()
        user.press(dialog.reason_edit, Qt.Key.Key_Escape)

    dialogs.expect(escape)
    bar.anyway_button.click()
    dialogs.check()
    assert item_editor.decision.toPlainText() == text
    assert stored(db, meeting.id).decision == ""

    def give_reason(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        user.type(dialog.reason_edit, "Diarienummer hos kommunen, ingen person")
        user.press(dialog.reason_edit, Qt.Key.Key_Return)

    dialogs.expect(give_reason)
    with caplog.at_level(logging.WARNING, logger="naravard_desktop.services.system.privacy"):
        bar.anyway_button.click()
    dialogs.check()
    assert stored(db, meeting.id).decision == text
    assert not bar.isVisible()
    assert item_editor.save_state.text() == "Sparat"
    assert "Diarienummer hos kommunen, ingen person" in caplog.text
    assert NUMBER not in caplog.text
    assert DraftStore(db.path or db.url).pending() == []

    # The same number again later is not asked about; a new one is.
    user.activate(editor.window())
    assert item_editor.decision.hasFocus()  # back in the text, the number not selected
    assert selected_text(item_editor.decision) == ""
    user.press(item_editor.decision, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    user.type(item_editor.decision, " Beslutat.")
    qtbot.waitUntil(lambda: stored(db, meeting.id).decision.endswith("Beslutat."), timeout=3000)
    user.type(item_editor.decision, f" Även {OTHER}.")
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert "8112**-****" in bar.message.text()


def test_a_number_in_the_title_asks_and_keeps_what_was_typed(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    user: User,
    dialogs: Dialogs,
) -> None:
    item_editor = editor.agenda.editor
    typed = f"Ärende {NUMBER}"

    def remove(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        assert [dialog.found.item(r).text() for r in range(dialog.found.count())] == [
            "Rubrik: 191212**-****"
        ]
        assert dialog.back_button.hasFocus() and dialog.back_button.text() == "&Ta bort numret"
        user.press(dialog.back_button, Qt.Key.Key_Return)

    dialogs.expect(remove)
    user.retype(item_editor.title, typed)
    user.press(item_editor.title, Qt.Key.Key_Return)
    dialogs.check()
    assert item_editor.title.text() == typed
    assert item_editor.title.selectedText() == NUMBER
    assert stored(db, meeting.id).title == TITLE

    def override(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        dialog.anyway_button.click()
        assert dialog.reason_edit.hasFocus()
        user.type(dialog.reason_edit, "Ärendets nummer i diariet")
        dialog.save_button.click()

    dialogs.expect(override)
    user.press(item_editor.title, Qt.Key.Key_Return)
    dialogs.check()
    assert stored(db, meeting.id, typed).title == typed


def test_undoing_a_removal_puts_back_text_kept_with_a_reason(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    boxes: Boxes,
) -> None:
    item = stored(db, meeting.id)
    agenda.save_text(db, item.id, "notes", f"Om {NUMBER}", privacy_override="Ett testfall")
    editor.agenda.reload(item.id)
    boxes.answer(QMessageBox.StandardButton.Yes)
    editor.agenda.remove_selected()
    boxes.take("question")
    assert TITLE not in [i.title for i in agenda.list_items(db, meeting.id)]
    editor.undo_stack.undo()
    assert stored(db, meeting.id).notes == f"Om {NUMBER}"
    assert boxes.calls == []
