"""Saving a meeting's documents from the window: the file chosen with a save dialog, the
bytes from documents.meeting_files (as the command line gets them), written atomically."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from naravard_desktop.documents.files import write_atomically
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.file_dialogs import save_file_name
from naravard_desktop.ui.meetings.view_tools import busy_cursor

log = logging.getLogger(__name__)
WRITER_MODULES = (
    "naravard_desktop.documents.kallelse_pdf",
    "naravard_desktop.documents.protocol_pdf",
    "naravard_desktop.documents.pdfa",
    "pikepdf",  # imported by documents/pdfa as it makes a PDF/A: here, not on a worker
    "naravard_desktop.documents.protocol_docx",
    "docx",
)
PRELOAD_AFTER_MS = 1000  # once the meeting is on screen and read
_preload = {"started": False}


def preload_writers() -> bool:
    """Import ReportLab, pikepdf and python-docx (about 0.4 s) while the secretary reads the
    meeting, so the first document or approval does not keep the busy cursor. One module a
    tick of the event loop, on this thread: imported on a second thread they crashed the
    interpreter now and then (the import unmarshalling code while a widget's event filter ran
    here). False when it was started before."""
    if _preload["started"]:
        return False
    _preload["started"] = True
    pending = [name for name in WRITER_MODULES if name not in sys.modules]

    def import_next() -> None:
        if not pending:
            return
        name = pending.pop(0)
        try:
            importlib.import_module(name)
        except ImportError as error:  # the export itself will report it
            log.warning("could not preload %s: %s", name, error)
        QTimer.singleShot(0, import_next)

    QTimer.singleShot(PRELOAD_AFTER_MS, import_next)
    return True


def import_writers() -> None:
    """Import the writers now, on this (the GUI) thread, before a worker renders with them
    (an approval); the preload may not have reached them yet."""
    for name in WRITER_MODULES:
        importlib.import_module(name)


def save_document(
    parent: QWidget,
    title: str,
    suggested: str,
    file_filter: str,
    suffix: str,
    make: Callable[[], bytes],
) -> Path | None:
    """Ask where to save, make the bytes (busy cursor), write them atomically; None if the user
    cancelled or it failed (the user was told)."""
    name = save_file_name(parent, title, suggested, file_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        with busy_cursor():
            return write_atomically(path, make())
    except DomainError as error:
        show_error(parent, error)
        return None


def suggested_name(kind: str, meeting: MeetingData, suffix: str) -> str:
    """ "Protokoll 2024-05-17.pdf"."""
    return f"{kind} {format_iso_date(meeting.held_on)}{suffix}"


PDF_FILTER = "PDF (*.pdf)"
DOCX_FILTER = "Word (*.docx)"


def notice_word() -> str:
    return _("Notice")


def protocol_word() -> str:
    return _("Protocol")
