"""Issue 19 point 5: Skriv ut… prints our own PDF (the bytes an export writes) through the
system's print dialog. The dialog is answered as a user choosing "Skriv ut till fil (PDF)":
the printer writes a PDF, whose pages are compared with ours (count, size, and what is on
them, rendered small)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPainter, QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.documents.meeting_files import kallelse_bytes, protocol_bytes
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.sip import sip_setup
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import printing
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.sip.page import SipPage
from naravard_desktop.ui.sip.transfer import ExportDialog

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs

pytestmark = pytest.mark.demo(dt.date(2026, 11, 30))


@dataclass
class PrintDialog:
    """Stands in for the system's print dialog: the printer the user chose is a PDF file
    (at 72 dpi, quick to render), with `pages` as the range typed, or Avbryt."""

    output: Path
    pages: tuple[int, int] | None = None
    accept: bool = True
    shown: list[tuple[str, int, int]] = field(default_factory=list)

    def exec(self, dialog: QPrintDialog) -> int:
        self.shown.append((dialog.windowTitle(), dialog.minPage(), dialog.maxPage()))
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.output))
        printer.setResolution(72)
        if self.pages is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*self.pages)
        return QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected


@pytest.fixture
def print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PrintDialog:
    stub = PrintDialog(tmp_path / "utskrift.pdf")
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: stub.exec(dialog))
    return stub


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    return [
        (round(p.mediabox.width), round(p.mediabox.height))
        for p in PdfReader(io.BytesIO(data)).pages
    ]


def thumbnails(data: bytes) -> list[QImage]:
    """Each page rendered small and grey on white: what is on it, whether text or a picture
    of text."""
    document = printing.pdf_document(data)
    assert document is not None
    shown = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page).toSize()  # rendered at 72 dpi, then made small
        grey = QImage(size, QImage.Format.Format_RGB32)
        grey.fill(Qt.GlobalColor.white)
        painter = QPainter(grey)
        painter.drawImage(0, 0, document.render(page, size))
        painter.end()
        small = grey.scaled(size / 10, mode=Qt.TransformationMode.SmoothTransformation)
        shown.append(small.convertToFormat(QImage.Format.Format_Grayscale8))
    return shown


def difference(one: QImage, other: QImage) -> float:
    """Mean difference of two thumbnails' pixels, 0–255."""
    assert one.size() == other.size()
    total = sum(
        abs(one.pixelColor(x, y).value() - other.pixelColor(x, y).value())
        for y in range(one.height())
        for x in range(one.width())
    )
    return total / (one.width() * one.height())


def approved_meeting(db: Database, group: GroupData) -> int:
    found = [m for m in list_meetings(db, group.id) if m.state == ProtocolState.APPROVED]
    return found[0].id


@pytest.fixture
def meetings_page(qtbot: QtBot, db: Database, demo_group: GroupData) -> MeetingsPage:
    stack = QUndoStack()
    page = MeetingsPage(db, demo_group.id, stack)
    stack.setParent(page)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, demo_group: GroupData) -> PlanPage:
    """The plan page showing the demo's plan (its first)."""
    page = PlanPage(db, demo_group.id, QUndoStack())
    qtbot.addWidget(page)
    return page


@pytest.fixture
def sip_page(qtbot: QtBot, db: Database, demo_group: GroupData) -> SipPage:
    page = SipPage(db, demo_group.id, QUndoStack())
    qtbot.addWidget(page)
    return page


def test_ctrl_p_in_the_meeting_editor_prints_the_protocol_page_for_page(
    db: Database, demo_group: GroupData, meetings_page: MeetingsPage, print_dialog: PrintDialog
) -> None:
    meeting_id = approved_meeting(db, demo_group)
    meetings_page.open_meeting(meeting_id)
    editor = meetings_page.editor
    # Ctrl+P prints; the export of the PDF has no key of its own any more.
    assert QKeySequence("Ctrl+P") in editor.print_protocol_action.shortcuts()
    assert not editor.protocol_action.shortcuts()
    assert editor.print_protocol_action in editor.actions_for_menu()
    shown: list[str] = []
    meetings_page.status_message.connect(shown.append)
    notes = editor.agenda.editor.notes
    notes.setFocus()

    QTest.keyClick(notes, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    ours = protocol_bytes(db, meeting_id, ".pdf")  # the approved protocol as stored
    printed = print_dialog.output.read_bytes()
    assert page_count(printed) == page_count(ours) >= 2
    assert page_sizes(printed) == page_sizes(ours)  # A4, at its true size
    assert print_dialog.shown == [("Skriv ut protokoll", 1, page_count(ours))]
    for mine, theirs in zip(thumbnails(printed), thumbnails(ours), strict=True):
        assert difference(mine, theirs) < 3
    assert shown == ["Skickat till skrivaren."]


def test_the_notice_prints_from_its_own_action(
    db: Database, demo_group: GroupData, meetings_page: MeetingsPage, print_dialog: PrintDialog
) -> None:
    meeting_id = approved_meeting(db, demo_group)
    meetings_page.open_meeting(meeting_id)
    editor = meetings_page.editor
    assert editor.print_notice_action in editor.actions_for_menu()

    editor.print_notice_action.trigger()

    ours = kallelse_bytes(db, meeting_id)
    printed = print_dialog.output.read_bytes()
    assert page_count(printed) == page_count(ours)
    assert print_dialog.shown[0][0] == "Skriv ut kallelse"
    (mine,), (theirs,) = thumbnails(printed)[:1], thumbnails(ours)[:1]
    assert difference(mine, theirs) < 3


def test_a_page_range_prints_only_those_pages(
    db: Database, plan_page: PlanPage, print_dialog: PrintDialog
) -> None:
    assert plan_page.plan_id is not None
    ours = plan_file_bytes(db, plan_page.plan_id, ".pdf")
    assert page_count(ours) >= 3
    print_dialog.pages = (2, 3)

    plan_page.print_action.trigger()

    printed = print_dialog.output.read_bytes()
    assert page_count(printed) == 2
    assert page_sizes(printed) == page_sizes(ours)[1:3]  # A4 landscape
    mine, theirs = thumbnails(printed), thumbnails(ours)
    assert difference(mine[0], theirs[1]) < difference(mine[0], theirs[0])
    assert difference(mine[0], theirs[1]) < 3 and difference(mine[1], theirs[2]) < 3


def test_the_sip_page_prints_the_years_report(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    sip_page: SipPage,
    print_dialog: PrintDialog,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printing, "PROGRESS_FROM_PAGES", 100)  # its six pages without one
    year = sip_page.current_period().year  # type: ignore[union-attr]
    chosen: list[tuple[int, bool]] = []

    def print_hidden(dialog: ExportDialog) -> None:
        assert dialog.windowTitle() == "Skriv ut SIP-antal"
        assert not dialog.format.isVisibleTo(dialog)  # a print is the PDF report
        dialog.suppress.setChecked(True)
        chosen.append((dialog.year.value(), dialog.suppress.isChecked()))
        dialog.accept()

    dialogs.expect(print_hidden)
    sip_page.print_action.trigger()
    dialogs.wait(qtbot)
    dialogs.check()

    assert chosen == [(year, True)]
    limit = sip_setup.get_setup(db, demo_group.id).suppress_below
    ours = sip_file_bytes(db, demo_group.id, year, ".pdf", suppress_below=limit)
    printed = print_dialog.output.read_bytes()
    assert page_count(printed) == page_count(ours)
    assert difference(thumbnails(printed)[0], thumbnails(ours)[0]) < 3


def test_avbryt_in_the_print_dialog_prints_nothing(
    plan_page: PlanPage, print_dialog: PrintDialog
) -> None:
    print_dialog.accept = False
    plan_page.print_action.trigger()
    assert print_dialog.shown and not print_dialog.output.exists()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def long_document(db: Database, group: GroupData, copies: int) -> bytes:
    """The demo's protocol `copies` times over: a document long enough for a progress bar."""
    writer = PdfWriter()
    single = protocol_bytes(db, approved_meeting(db, group), ".pdf")
    for _copy in range(copies):
        writer.append(PdfReader(io.BytesIO(single)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def progress_shown() -> Iterator[list[QProgressDialog]]:
    """Notes the progress dialog as soon as it is shown and presses its Avbryt."""
    seen: list[QProgressDialog] = []

    def cancel() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QProgressDialog) and not seen:
            seen.append(shown)
            shown.cancel()

    timer = QTimer()
    timer.timeout.connect(cancel)
    timer.start(0)
    yield seen
    timer.stop()


def test_a_long_print_shows_its_progress_and_avbryt_stops_it(
    db: Database,
    demo_group: GroupData,
    parent: QWidget,
    print_dialog: PrintDialog,
    progress_shown: list[QProgressDialog],
) -> None:
    data = long_document(db, demo_group, 3)
    assert page_count(data) >= printing.PROGRESS_FROM_PAGES

    assert not printing.print_pdf(parent, "Skriv ut", lambda: data)

    (progress,) = progress_shown
    assert progress.maximum() == page_count(data)
    assert progress.labelText() == "Skriver ut…"
    # Stopped after the first page: no finished file (nothing, or the first page only).
    written = print_dialog.output.read_bytes() if print_dialog.output.exists() else b""
    assert not written or page_count(written) < page_count(data)


def test_a_document_qtpdf_cannot_read_is_told_in_swedish(
    parent: QWidget, print_dialog: PrintDialog, boxes: Boxes
) -> None:
    assert not printing.print_pdf(parent, "Skriv ut", lambda: b"%PDF-1.7 trasig")
    text = boxes.take("warning").text
    assert text.startswith("Dokumentet kunde inte förberedas för utskrift.")
    assert not print_dialog.shown and not print_dialog.output.exists()


def test_a_printer_that_cannot_start_is_told_in_swedish(
    db: Database, demo_group: GroupData, parent: QWidget, print_dialog: PrintDialog, boxes: Boxes
) -> None:
    print_dialog.output = print_dialog.output.parent / "saknas" / "utskrift.pdf"
    data = kallelse_bytes(db, approved_meeting(db, demo_group))
    assert not printing.print_pdf(parent, "Skriv ut", lambda: data)
    assert boxes.take("warning").text == (
        "Skrivaren kunde inte startas. Kontrollera skrivaren och försök igen."
    )
