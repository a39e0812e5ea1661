"""Approval off the GUI thread (issue 18, point 5): the protocol's PDF/A is rendered on a
worker thread while the window goes on, a modal "Protokollet justeras …" shows only when the
rendering takes longer than a moment, a change saved by a second client meanwhile refuses the
approval in the dialog (what was typed kept), and the window does not close before the
protocol is stored. The real writer renders; the tests wrap it to see where it runs and to
hold it until the window has shown what it should."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import pikepdf.pdfa
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.documents import meeting_files
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import agenda, approval, meetings
from naravard_desktop.services.meetings.justering import prepare_approval
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog
from tests.ui.meetings.conftest import create_meeting

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

DAY = dt.date(2024, 5, 17)
APPROVED_ON = "2024-05-20"
CHANGED = "Gruppen beslutar att skjuta upp frågan till nästa möte."
render_protocol = meeting_files.render_protocol  # the real writer, before a test wraps it


def busy_dialog() -> QProgressDialog | None:
    shown = QApplication.activeModalWidget()
    return shown if isinstance(shown, QProgressDialog) and shown.isVisible() else None


class HeldWriter:
    """The real writer, noting the thread it runs on. It waits to render until `ready()`,
    asked on the GUI thread by a timer while the rendering waits, says the window has shown
    what the test looks for (then `during()` runs there once)."""

    def __init__(
        self, ready: Callable[[], bool], during: Callable[[], object] = lambda: None
    ) -> None:
        self.ready = ready
        self.during = during
        self.threads: list[int] = []
        self.waiting = threading.Event()
        self.release = threading.Event()
        self.gui_ticks = 0  # timer events the GUI thread handled while the writer waited
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def __call__(self, data: ProtocolData) -> bytes:
        self.threads.append(threading.get_ident())
        self.waiting.set()
        self.release.wait(timeout=30)  # a safety net only: the test fails on what it saw
        return render_protocol(data)

    def _tick(self) -> None:
        if not self.waiting.is_set() or self.release.is_set():
            return
        self.gui_ticks += 1
        if self.ready():
            self.during()
            self.release.set()


@pytest.fixture
def meeting_window(
    window: MainWindow, db: Database, group: GroupData, roster: dict[str, MemberRow], user: User
) -> tuple[MainWindow, MeetingData]:
    meeting = create_meeting(db, group.id, roster, DAY)
    user.activate(window)
    window.show_page(window.stack.indexOf(window.meetings_page))
    window.meetings_page.open_meeting(meeting.id)
    return window, meeting


def approve(window: MainWindow, dialogs: Dialogs, seen: dict[str, object]) -> None:
    """Give the date, approve (Justera), and note what the dialog shows after."""

    def answer(dialog: ApproveDialog) -> None:
        dialog.approved_on.setText(APPROVED_ON)
        dialog.accept()
        seen["open"] = dialog.isVisible()
        seen["refusal"] = dialog.refusal.text() if dialog.refusal.isVisible() else ""
        seen["typed"] = (dialog.approved_by.text(), dialog.approved_on.text())

    dialogs.expect(answer)
    window.meetings_page.editor.approve_action.trigger()
    dialogs.check()


def test_the_protocol_is_rendered_off_the_gui_thread_and_stored_as_before(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, meeting = meeting_window
    writer = HeldWriter(ready=lambda: writer.gui_ticks >= 3)
    monkeypatch.setattr(meeting_files, "render_protocol", writer)
    seen: dict[str, object] = {}
    approve(window, dialogs, seen)
    assert seen["open"] is False
    assert writer.threads and threading.get_ident() not in writer.threads
    assert writer.gui_ticks >= 3  # the window's own events went on while it rendered
    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.APPROVED
    pdf = approval.stored_pdf(db, meeting.id)
    assert pdf is not None and pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b").passed
    found = approval.verify_pdf(db, pdf)
    assert found is not None and found.latest and found.problems == ()
    assert window.meetings_page.editor.banner.isVisible()


def test_a_slow_rendering_shows_that_the_protocol_is_being_approved(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    dialogs: Dialogs,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Held until the busy dialog shows: it is modal, says what happens, has no Avbryt, and
    neither Escape on the approve dialog nor closing the window ends the approval."""
    window, meeting = meeting_window
    shown: dict[str, object] = {}

    def during() -> None:
        busy = busy_dialog()
        assert busy is not None
        shown["label"] = busy.labelText()
        shown["modal"] = busy.isModal()
        shown["readable"] = busy.isEnabled()  # not greyed with the dialog it covers
        shown["title"] = busy.windowTitle()
        shown["buttons"] = [b.text() for b in busy.findChildren(QPushButton)]
        approve_dialog = busy.parentWidget()
        assert isinstance(approve_dialog, ApproveDialog)
        approve_dialog.reject()  # Escape or Avbryt: waits until it is done
        shown["approve_dialog_open"] = approve_dialog.isVisible()
        shown["window_closed"] = window.close()
        shown["window_open"] = window.isVisible()

    writer = HeldWriter(ready=lambda: busy_dialog() is not None, during=during)
    monkeypatch.setattr(meeting_files, "render_protocol", writer)
    seen: dict[str, object] = {}
    approve(window, dialogs, seen)
    assert shown["label"] == "Protokollet justeras …"
    assert shown["modal"] is True and shown["buttons"] == []  # nothing to cancel half-way
    assert shown["readable"] is True and shown["title"] == "Justera protokollet"
    assert shown["approve_dialog_open"] is True
    assert (shown["window_closed"], shown["window_open"]) == (False, True)
    assert boxes.take("warning").text == (
        "Protokollet justeras just nu. Vänta tills det är klart och stäng sedan fönstret."
    )
    assert seen["open"] is False and busy_dialog() is None
    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.APPROVED
    assert window.close()  # once it is stored the window closes


def test_a_quick_rendering_shows_no_busy_dialog(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, meeting = meeting_window
    snapshot = prepare_approval(db, meeting.id, "Anna Berg, erik Lund", dt.date(2024, 5, 20))
    ready = render_protocol(snapshot.data)  # rendered before: the writer only hands it over
    busy_seen: list[str] = []
    watch = QTimer()
    watch.timeout.connect(lambda: busy_seen.extend(["busy"] if busy_dialog() else []))
    watch.start(1)
    monkeypatch.setattr(meeting_files, "render_protocol", lambda data: ready)
    seen: dict[str, object] = {}
    approve(window, dialogs, seen)
    watch.stop()
    assert seen["open"] is False and busy_seen == []
    assert approval.stored_pdf(db, meeting.id) == ready


def test_a_decision_saved_elsewhere_during_the_rendering_is_refused_in_the_dialog(
    db: Database,
    other: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second client saves a decision while the protocol is rendered (with no lock of the
    approval to wait for): the approval is refused in the dialog, which keeps what was typed,
    and nothing is stored; Justera again approves the protocol as it now reads."""
    window, meeting = meeting_window
    item = agenda.list_items(other, meeting.id)[-1]
    writer = HeldWriter(
        ready=lambda: True,
        during=lambda: agenda.save_text(other, item.id, "decision", CHANGED),
    )
    monkeypatch.setattr(meeting_files, "render_protocol", writer)
    seen: dict[str, object] = {}
    retried: dict[str, object] = {}

    def answer(dialog: ApproveDialog) -> None:
        dialog.approved_by.setText("Anna Berg och erik Lund")
        dialog.approved_on.setText(APPROVED_ON)
        dialog.accept()
        seen["open"] = dialog.isVisible()
        seen["refusal"] = dialog.refusal.text()
        seen["typed"] = (dialog.approved_by.text(), dialog.approved_on.text())
        seen["stored"] = approval.revisions(db, meeting.id)
        monkeypatch.setattr(meeting_files, "render_protocol", render_protocol)
        dialog.accept()
        retried["open"] = dialog.isVisible()

    dialogs.expect(answer)
    window.meetings_page.editor.approve_action.trigger()
    dialogs.check()
    assert seen["open"] is True
    assert seen["refusal"] == (
        "Mötet den 17 maj 2024 har ändrats på annat håll medan protokollet togs fram, så "
        "protokollet justerades inte. Justera protokollet igen."
    )
    assert seen["typed"] == ("Anna Berg och erik Lund", APPROVED_ON)
    assert seen["stored"] == []
    assert retried["open"] is False
    [revision] = approval.revisions(db, meeting.id)
    assert revision.approved_by == "Anna Berg och erik Lund"
    stored = approval.stored_pdf(db, meeting.id)
    assert stored is not None
    pages = PdfReader(io.BytesIO(stored)).pages
    assert CHANGED in " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert window.meetings_page.editor.approve_action.isEnabled() is False


def test_the_approve_dialog_can_be_left_with_escape_before_approving(
    meeting_window: tuple[MainWindow, MeetingData], dialogs: Dialogs, user: User
) -> None:
    window, _meeting = meeting_window

    def answer(dialog: ApproveDialog) -> None:
        user.press(dialog.approved_by, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    dialogs.expect(answer)
    window.meetings_page.editor.approve_action.trigger()
    dialogs.check()
    assert window.meetings_page.editor.approve_action.isEnabled()
