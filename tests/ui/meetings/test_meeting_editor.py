"""Writing a meeting in the editor: notes and decisions autosaved while typing (and kept as a
draft until saved), next/previous item from the keyboard, reorder with Ctrl+Up/Down, add and
remove items and action items with undo, approval (and its refusal), the locked protocol, a
correction, and the documents written to real files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import actions, agenda, approval, attendance, meetings
from naravard_desktop.services.meetings.read_models import (
    ActionInput,
    AttendanceInput,
    ItemData,
    ItemInput,
    MeetingData,
)
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.actions import Column
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog, CorrectionDialog
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting


Yes = QMessageBox.StandardButton.Yes
DAY = dt.date(2024, 5, 17)


def titles(db: Database, meeting_id: int) -> list[str]:
    return [i.title for i in agenda.list_items(db, meeting_id)]


Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def meeting(
    make_meeting: MakeMeeting, db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> MeetingData:
    created = make_meeting()
    agenda.add_item(
        db,
        created.id,
        ItemInput(title="Fast vårdkontakt", presenter="Åsa Öberg", planned_minutes=30),
    )
    return created


@pytest.fixture
def editor(meetings_page: MeetingsPage, meeting: MeetingData, user: User) -> MeetingEditor:
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    return meetings_page.editor


def select_title(editor: MeetingEditor, title: str) -> None:
    row = [i.title for i in editor.agenda.model.items()].index(title)
    editor.agenda._select_row(row)


def stored_item(db: Database, meeting_id: int, title: str) -> ItemData:
    return next(i for i in agenda.list_items(db, meeting_id) if i.title == title)


# --- agenda and writing --------------------------------------------------------------------


def test_agenda_shows_paragraphs_planned_times_and_the_running_end(editor: MeetingEditor) -> None:
    model = editor.agenda.model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert rows[0] == ("§ 1", "13.00")
    assert [i.title for i in model.items()][4] == "Fast vårdkontakt"
    assert rows[5] == ("§ 6", "13.30")  # after the 30 minutes of § 5
    assert editor.agenda.end_label.text() == "Planerat slut 13.30"


def test_notes_and_decision_are_autosaved_while_typing(
    qtbot: QtBot, db: Database, meeting: MeetingData, editor: MeetingEditor, user: User
) -> None:
    select_title(editor, "Fast vårdkontakt")
    item_editor = editor.agenda.editor
    notes = "Åsa Öberg redovisar läget: rutinen prövas på två enheter. 🙂 مرحبا"
    item_editor.notes.setFocus()
    user.type(item_editor.notes, notes)
    assert item_editor.save_state.text() == "Sparar…"
    # Until the pause is over the text is kept as a draft beside the database.
    drafts = DraftStore(db.path or db.url)
    draft = drafts.get("agenda_item", stored_item(db, meeting.id, "Fast vårdkontakt").id, "notes")
    assert draft is not None and draft.text == notes
    qtbot.waitUntil(
        lambda: stored_item(db, meeting.id, "Fast vårdkontakt").notes == notes, timeout=3000
    )
    assert item_editor.save_state.text() == "Sparat"
    assert drafts.pending() == []

    # A decision typed and left at once (next item with Alt+Down) is saved on the way out.
    user.press(item_editor.notes, Qt.Key.Key_Tab)
    assert item_editor.decision.hasFocus()
    user.type(item_editor.decision, "Gruppen godkänner lägesrapporten.")
    user.press(item_editor.decision, Qt.Key.Key_Down, Alt)
    assert stored_item(db, meeting.id, "Fast vårdkontakt").decision == (
        "Gruppen godkänner lägesrapporten."
    )
    assert item_editor.item is not None and item_editor.item.title == "Övriga frågor"
    user.press(item_editor.decision, Qt.Key.Key_Up, Alt)
    assert item_editor.decision.toPlainText() == "Gruppen godkänner lägesrapporten."
    # The text editors have their own undo (Ctrl+Z), which is saved like typing.
    item_editor.decision.setFocus()
    user.type(item_editor.decision, " Extra")
    item_editor.decision.undo()
    assert item_editor.flush()
    assert stored_item(db, meeting.id, "Fast vårdkontakt").decision == (
        "Gruppen godkänner lägesrapporten."
    )


def test_unsaved_draft_comes_back_when_the_item_is_opened(
    qtbot: QtBot,
    db: Database,
    meeting: MeetingData,
    meetings_page: MeetingsPage,
) -> None:
    item = stored_item(db, meeting.id, "Fast vårdkontakt")
    # As if the app died within the autosave pause: the draft is there, the database not.
    DraftStore(db.path or db.url).save("agenda_item", item.id, "notes", "Skrivet före kraschen")
    meetings_page.open_meeting(meeting.id, item.id)
    item_editor = meetings_page.editor.agenda.editor
    assert item_editor.notes.toPlainText() == "Skrivet före kraschen"
    assert "Återställd osparad text" in item_editor.save_state.text()
    qtbot.waitUntil(
        lambda: stored_item(db, meeting.id, "Fast vårdkontakt").notes == "Skrivet före kraschen",
        timeout=3000,
    )


def test_item_details_are_saved_when_the_field_is_left(
    db: Database, meeting: MeetingData, editor: MeetingEditor, user: User
) -> None:
    select_title(editor, "Fast vårdkontakt")
    item_editor = editor.agenda.editor
    user.retype(item_editor.title, "Fast vårdkontakt – uppföljning")
    user.press(item_editor.title, Qt.Key.Key_Return)
    user.retype(item_editor.attachments, "Lägesrapport; Rutin för fast vårdkontakt")
    user.press(item_editor.attachments, Qt.Key.Key_Return)
    stored = stored_item(db, meeting.id, "Fast vårdkontakt – uppföljning")
    assert stored.attachments == ("Lägesrapport", "Rutin för fast vårdkontakt")
    assert "Fast vårdkontakt – uppföljning" in [i.title for i in editor.agenda.model.items()]


def test_reorder_with_ctrl_up_and_down_and_undo(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    user: User,
) -> None:
    select_title(editor, "Fast vårdkontakt")
    table = editor.agenda.table
    table.setFocus()
    user.press(table, Qt.Key.Key_Up, Ctrl)
    user.press(table, Qt.Key.Key_Up, Ctrl)
    order = titles(db, meeting.id)
    assert order.index("Fast vårdkontakt") == 2
    # The moved item stays selected and takes its new § number.
    assert editor.agenda.selected() is not None
    assert editor.agenda.selected().title == "Fast vårdkontakt"
    assert editor.agenda.selected().paragraph == 3
    user.press(table, Qt.Key.Key_Down, Ctrl)
    assert titles(db, meeting.id).index("Fast vårdkontakt") == 3
    stack = meetings_page.undo_stack
    stack.undo()
    stack.undo()
    assert titles(db, meeting.id).index("Fast vårdkontakt") == 3
    stack.undo()
    assert titles(db, meeting.id).index("Fast vårdkontakt") == 4
    stack.redo()
    assert titles(db, meeting.id).index("Fast vårdkontakt") == 3


def test_drop_asks_for_a_move_to_the_place_dropped_on(editor: MeetingEditor) -> None:
    model = editor.agenda.model
    moves: list[tuple[int, int]] = []
    model.move_requested.connect(lambda item_id, position: moves.append((item_id, position)))
    first = model.items()[0]
    mime = model.mimeData([model.index(0, 0)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    assert moves == [(first.id, 2)]  # dropped between rows 2 and 3: becomes the third
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index(5, 0))
    assert moves[-1] == (first.id, 5)  # dropped on row 5: takes its place


def test_add_and_remove_items_with_undo(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    boxes: Boxes,
    user: User,
) -> None:
    select_title(editor, "Fast vårdkontakt")
    user.press(editor.agenda.table, Qt.Key.Key_N, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    item_editor = editor.agenda.editor
    assert item_editor.title.hasFocus()
    user.type(item_editor.title, "SIP-uppföljning")
    user.press(item_editor.title, Qt.Key.Key_Return)
    order = titles(db, meeting.id)
    assert order.index("SIP-uppföljning") == order.index("Fast vårdkontakt") + 1

    select_title(editor, "Fast vårdkontakt")
    item_id = stored_item(db, meeting.id, "Fast vårdkontakt").id
    actions.add_action(db, item_id, ActionInput(what="Ta fram rutin", who="Åsa Öberg"))
    boxes.answer(Yes)
    editor.agenda.remove_action.trigger()
    assert "Fast vårdkontakt" in boxes.take("question").text
    assert "Fast vårdkontakt" not in titles(db, meeting.id)
    meetings_page.undo_stack.undo()
    restored = stored_item(db, meeting.id, "Fast vårdkontakt")
    assert restored.planned_minutes == 30
    assert [a.what for a in actions.actions_of_item(db, restored.id)] == ["Ta fram rutin"]


def test_an_item_changed_in_another_window_is_not_removed(
    db: Database,
    other: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    boxes: Boxes,
) -> None:
    """Removing the § one sees must not delete the notes someone else has just saved."""
    select_title(editor, "Fast vårdkontakt")
    item_id = stored_item(db, meeting.id, "Fast vårdkontakt").id
    agenda.save_text(other, item_id, "notes", "Anteckningar från den andra datorn")
    boxes.answer(Yes)
    editor.agenda.remove_action.trigger()
    assert "Fast vårdkontakt" in boxes.take("question").text
    assert "ändrats på annat håll" in boxes.take("warning").text
    assert stored_item(db, meeting.id, "Fast vårdkontakt").notes == (
        "Anteckningar från den andra datorn"
    )


def test_action_items_add_mark_done_and_undo(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    select_title(editor, "Fast vårdkontakt")
    panel = editor.agenda.editor.action_items

    def fill(dialog: ActionDialog) -> None:
        user.type(dialog.what, "Ta fram rutin för fast vårdkontakt")
        user.type(dialog.who, "Åsa Öberg")
        user.type(dialog.due_on, "2024-13-01")
        dialog.accept()
        assert dialog.errors.text("due_on")  # an impossible date, kept and explained
        user.retype(dialog.due_on, "2024-06-30")
        dialog.accept()

    dialogs.expect(fill)
    panel.add_action.trigger()
    dialogs.check()
    item_id = stored_item(db, meeting.id, "Fast vårdkontakt").id
    [added] = actions.actions_of_item(db, item_id)
    assert (added.what, added.who, added.due_on) == (
        "Ta fram rutin för fast vårdkontakt",
        "Åsa Öberg",
        dt.date(2024, 6, 30),
    )
    # The Done check box marks it done; undo opens it again.
    index = panel.model.index(0, Column.DONE)
    assert (
        panel.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        is False
    )
    assert actions.actions_of_item(db, item_id)[0].done
    meetings_page.undo_stack.undo()
    assert not actions.actions_of_item(db, item_id)[0].done
    meetings_page.undo_stack.undo()
    assert actions.actions_of_item(db, item_id) == []
    meetings_page.undo_stack.redo()
    assert [a.what for a in actions.actions_of_item(db, item_id)] == [
        "Ta fram rutin för fast vårdkontakt"
    ]


def test_open_action_items_are_carried_to_previous_minutes(
    make_meeting: MakeMeeting,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    meeting: MeetingData,
    meetings_page: MeetingsPage,
) -> None:
    item_id = stored_item(db, meeting.id, "Fast vårdkontakt").id
    actions.add_action(db, item_id, ActionInput(what="Ta fram rutin", who="Åsa Öberg"))
    later = make_meeting(dt.date(2024, 9, 12))
    previous = stored_item(db, later.id, "Föregående protokoll")
    meetings_page.open_meeting(later.id, previous.id)
    carried = meetings_page.editor.agenda.editor.carried
    assert not carried.isHidden()
    assert carried.model.rowCount() == 1
    assert carried.model.index(0, 0).data() == "§ 5, 17 maj 2024"
    carried.model.setData(
        carried.model.index(0, Column.DONE),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert actions.actions_of_item(db, item_id)[0].done
    # Other items do not show the carried list.
    meetings_page.editor.agenda.step(1)
    assert carried.isHidden()


# --- approval, lock, correction --------------------------------------------------------------


def approve_with(dialogs: Dialogs, editor: MeetingEditor, check: object = None) -> None:
    def answer(dialog: ApproveDialog) -> None:
        assert dialog.approved_by.text() == "Anna Berg, erik Lund"
        dialog.approved_on.setText("2024-05-20")
        dialog.accept()
        if check is not None:
            check(dialog)  # type: ignore[operator]

    dialogs.expect(answer)
    editor.approve_action.trigger()
    dialogs.check()


def test_approve_refused_while_the_adjuster_is_absent(
    db: Database, meeting: MeetingData, editor: MeetingEditor, dialogs: Dialogs
) -> None:
    erik = next(r for r in attendance.list_attendance(db, meeting.id) if r.name == "erik Lund")
    attendance.set_attendance(db, erik.id, AttendanceInput(AttendanceStatus.ABSENT), erik.version)

    def refused(dialog: ApproveDialog) -> None:
        assert dialog.isVisible()
        assert dialog.refusal.text() == _(
            "The adjuster {name} is not recorded as present: change the attendance, or "
            "choose another adjuster."
        ).format(name="erik Lund")

    approve_with(dialogs, editor, refused)
    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.DRAFT


def test_approval_locks_the_editor_and_a_correction_opens_it(
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    select_title(editor, "Fast vårdkontakt")
    item_editor = editor.agenda.editor
    item_editor.decision.setFocus()
    user.type(item_editor.decision, "Gruppen godkänner lägesrapporten.")
    approve_with(dialogs, editor)  # saves what was typed first

    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.APPROVED
    assert editor.banner.isVisible()
    assert editor.banner.text() == (
        "Justerat den 20 maj 2024 av Anna Berg och erik Lund. Protokollet är låst. "
        f"Justeringen registrerades av inloggningen {access.login_name(db)}."
    )
    stored = stored_item(db, meeting.id, "Fast vårdkontakt")
    assert stored.decision == "Gruppen godkänner lägesrapporten."
    # Everything is read-only in the editor …
    assert item_editor.item is not None and item_editor.item.id == stored.id
    assert item_editor.notes.isReadOnly() and item_editor.decision.isReadOnly()
    assert item_editor.title.isReadOnly()
    for action in (
        editor.approve_action,
        editor.edit_action,
        editor.agenda.add_action,
        editor.agenda.remove_action,
        editor.agenda.up_action,
        item_editor.action_items.add_action,
        editor.attendance.add_guest_action,
    ):
        assert not action.isEnabled(), action.text()
    assert not editor.agenda.model.flags(editor.agenda.model.index(0, 0)) & (
        Qt.ItemFlag.ItemIsDragEnabled
    )
    assert not editor.attendance.model.flags(editor.attendance.model.index(0, 2)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    user.type(item_editor.notes, "försök")
    assert item_editor.notes.toPlainText() == ""
    # … and the services refuse a change made another way.
    with pytest.raises(DomainError):
        agenda.save_text(db, stored.id, "decision", "Ändrat i efterhand")

    # A correction needs a reason and a confirmation, then the meeting is editable again.
    def reason(dialog: CorrectionDialog) -> None:
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.errors.text("reason") == _("Write why the approved protocol is corrected.")
        user.type(dialog.reason, "Fel datum i § 5.")
        dialog.accept()

    boxes.answer(Yes)
    dialogs.expect(reason)
    editor.correction_action.trigger()
    dialogs.check()
    assert "17 maj 2024" in boxes.take("question").text
    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.DRAFT
    assert "Rättelse pågår (blir version 2): Fel datum i § 5." in editor.banner.text()
    assert not item_editor.decision.isReadOnly()
    assert editor.approve_action.isEnabled()
    assert [r.revision for r in approval.revisions(db, meeting.id)] == [1]


# --- documents -----------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def confirmed(box: QMessageBox) -> None:
    """The confirmation after an export (closed)."""
    assert box.objectName() == "exported"


def test_documents_are_written_to_the_chosen_files(
    tmp_path: Path,
    db: Database,
    meeting: MeetingData,
    editor: MeetingEditor,
    dialogs: Dialogs,
    boxes: Boxes,
) -> None:
    item = stored_item(db, meeting.id, "Fast vårdkontakt")
    agenda.save_text(db, item.id, "decision", "Gruppen godkänner lägesrapporten.")
    kallelse = tmp_path / "kallelse"  # the suffix is added
    boxes.answer(str(kallelse))
    dialogs.expect(confirmed)  # Öppna, Visa i mappen, Stäng
    editor.kallelse_action.trigger()
    boxes.take("getSaveFileName")
    text = pdf_text(tmp_path / "kallelse.pdf")
    assert "17 maj 2024" in text and "Fast vårdkontakt" in text

    draft = tmp_path / "utkast.pdf"
    boxes.answer(str(draft))
    dialogs.expect(confirmed)  # Öppna, Visa i mappen, Stäng
    editor.protocol_action.trigger()
    boxes.take("getSaveFileName")
    text = pdf_text(draft)
    assert "Gruppen godkänner lägesrapporten." in text
    assert "§ 5" in text

    word = tmp_path / "protokoll.docx"
    boxes.answer(str(word))
    dialogs.expect(confirmed)  # Öppna, Visa i mappen, Stäng
    editor.docx_action.trigger()
    boxes.take("getSaveFileName")
    import docx

    document = docx.Document(str(word))
    assert any("Fast vårdkontakt" in p.text for p in document.paragraphs)

    # An approved protocol is written exactly as stored at approval (so it verifies).
    approve_with(dialogs, editor)
    approved = tmp_path / "justerat.pdf"
    boxes.answer(str(approved))
    dialogs.expect(confirmed)  # Öppna, Visa i mappen, Stäng
    editor.protocol_action.trigger()
    boxes.take("getSaveFileName")
    assert approved.read_bytes() == approval.stored_pdf(db, meeting.id)
    assert approval.verify_pdf(db, approved.read_bytes()) is not None

    # Cancelling the file dialog writes nothing.
    before = sorted(tmp_path.iterdir())
    boxes.answer("")
    editor.kallelse_action.trigger()
    boxes.take("getSaveFileName")
    assert sorted(tmp_path.iterdir()) == before


def test_document_writers_are_loaded_in_the_background(qtbot: QtBot) -> None:
    import sys

    from naravard_desktop.ui.meetings import documents

    documents.preload_writers()  # False when the first meeting opened in this run started it
    assert documents.preload_writers() is False  # only once
    qtbot.waitUntil(
        lambda: all(name in sys.modules for name in documents.WRITER_MODULES), timeout=15000
    )
