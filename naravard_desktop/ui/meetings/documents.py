"""A meeting's documents from the window: saved where the user chooses (the bytes from
documents.meeting_files, as the command line gets them, written atomically) with a name that
says what, when and whose, then the confirmation with Öppna and Visa i mappen; or printed."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from naravard_desktop.documents.files import write_atomically
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.exported import show_exported
from naravard_desktop.ui.file_dialogs import EXPORTS, export_key, save_file_name
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
    key: str = EXPORTS,
) -> Path | None:
    """Ask where to save (starting in the folder remembered under `key`), make the bytes (busy
    cursor), write them atomically; None if the user cancelled or it failed (the user was
    told)."""
    name = save_file_name(parent, title, suggested, file_filter, key)
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


def suggested_name(kind: str, meeting: MeetingData, suffix: str, group: str = "") -> str:
    """ "Protokoll 2024-05-17 Samverkan Bergsjö.pdf": what, when and whose, so that the files of
    several groups in one shared folder sort by kind and date and are told apart."""
    parts = (kind, format_iso_date(meeting.held_on), group)
    return " ".join(part for part in parts if part) + suffix


Document = Literal["notice", "protocol"]


def document_bytes(db: Database, meeting_id: int, document: Document, suffix: str) -> bytes:
    """The notice's PDF, or the protocol's PDF or Word file, as the command line writes them."""
    from naravard_desktop.documents import meeting_files

    if document == "notice":
        return meeting_files.kallelse_bytes(db, meeting_id)
    return meeting_files.protocol_bytes(db, meeting_id, suffix)


def export_document(
    parent: QWidget, db: Database, meeting: MeetingData, document: Document, suffix: str
) -> Path | None:
    """Save the notice (".pdf") or the protocol (".pdf" or ".docx") of `meeting` as stored
    now, starting in the folder the last one of its kind went to, and confirm it with Öppna and
    Visa i mappen. The file written, or None (cancelled, or the user was told why)."""
    if document == "notice":
        title, word = _("Save the notice"), notice_word()
    elif suffix == ".docx":
        title, word = _("Save the protocol as Word"), protocol_word()
    else:
        title, word = _("Save the protocol"), protocol_word()
    group = get_group(db, meeting.group_id).name
    path = save_document(
        parent,
        title,
        suggested_name(word, meeting, suffix, group),
        PDF_FILTER if suffix == ".pdf" else DOCX_FILTER,
        suffix,
        lambda: document_bytes(db, meeting.id, document, suffix),
        export_key(document),
    )
    if path is not None:
        show_exported(parent, title, path)
    return path


def export_kallelse(parent: QWidget, db: Database, meeting: MeetingData) -> Path | None:
    """Kallelse (PDF)… of the meeting, as the meeting editor's action does it."""
    return export_document(parent, db, meeting, "notice", ".pdf")


def print_document(parent: QWidget, db: Database, meeting: MeetingData, document: Document) -> bool:
    """Print the notice or the protocol: the PDF an export would write, through the system's
    print dialog. True when printed."""
    from naravard_desktop.ui.printing import print_pdf

    title = _("Print the notice") if document == "notice" else _("Print the protocol")
    return print_pdf(parent, title, lambda: document_bytes(db, meeting.id, document, ".pdf"))


PDF_FILTER = "PDF (*.pdf)"
DOCX_FILTER = "Word (*.docx)"


def notice_word() -> str:
    return _("Notice")


def protocol_word() -> str:
    return _("Protocol")
