"""The annual report's files from the window: export as PDF/A or Word (confirmed with Öppna
and Visa i mappen), print, preview, and the PDF rendered for adoption. Each is made off the
GUI thread (a large group's SIP part takes a while) with a busy dialog, through the same
documents/report_files the command line uses, so the window and `export report` agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.report.read_models import SipPart
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.background import run_and_wait
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.exported import show_exported
from naravard_desktop.ui.file_dialogs import export_key, save_file_name

KINDS = {".pdf": "PDF (*.pdf)", ".docx": "Word (*.docx)"}


def report_bytes(
    parent: QWidget, db: Database, group_id: int, year: int, suffix: str, sip: SipPart | None
) -> bytes:
    """The report as `suffix`, made on a worker while the window repaints; the adopted
    report's stored PDF when there is one in this language. `sip`: the page's SIP part,
    used while its counts are unchanged (a large group's suppression is not run again)."""
    from naravard_desktop.documents import report_files

    return run_and_wait(
        parent,
        _("Writing the annual follow-up {year} …").format(year=year),
        lambda: report_files.report_bytes(
            db, group_id, year, suffix, today=dt.date.today(), sip=sip
        ),
    )


def suggested_name(db: Database, group_id: int, year: int, suffix: str) -> str:
    """ "Årsuppföljning 2025 Lokal samverkansgrupp Bergsjö.pdf" """
    group = get_group(db, group_id).name
    return _("Annual follow-up {year}").format(year=year) + f" {group}{suffix}"


def export_report(
    parent: QWidget, db: Database, group_id: int, year: int, suffix: str, sip: SipPart | None
) -> Path | None:
    """Ask where to, write the report there and confirm it; the file written, or None."""
    from naravard_desktop.documents.files import write_atomically

    heading = _("Export the annual follow-up")
    try:
        name = save_file_name(
            parent,
            heading,
            suggested_name(db, group_id, year, suffix),
            KINDS[suffix],
            export_key("report"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        path = write_atomically(path, report_bytes(parent, db, group_id, year, suffix, sip))
    except DomainError as error:
        show_error(parent, error, heading)
        return None
    show_exported(parent, heading, path)
    return path


def export_revision(
    parent: QWidget, db: Database, group_id: int, year: int, revision: int
) -> Path | None:
    """Save an earlier adopted version's stored PDF byte for byte and confirm it."""
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.services.report.adoption import stored_pdf

    heading = _("Export the annual follow-up")
    stored = stored_pdf(db, group_id, year, revision)
    if stored is None:
        show_error(parent, _("That version is no longer stored. Choose another one."), heading)
        return None
    suggested = suggested_name(db, group_id, year, "")
    suggested += " " + _("version {revision}").format(revision=revision) + ".pdf"
    name = save_file_name(parent, heading, suggested, KINDS[".pdf"], export_key("report"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        path = write_atomically(path, stored[0])
    except DomainError as error:
        show_error(parent, error, heading)
        return None
    show_exported(parent, heading, path)
    return path


def print_report(
    parent: QWidget, db: Database, group_id: int, year: int, sip: SipPart | None
) -> bool:
    from naravard_desktop.ui.printing import print_pdf

    return print_pdf(
        parent,
        _("Print the annual follow-up"),
        lambda: report_bytes(parent, db, group_id, year, ".pdf", sip),
    )


class PreviewDialog(QDialog):
    """The report's PDF page by page, as it will be exported or printed."""

    def __init__(self, title: str, data: bytes, parent: QWidget | None = None) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        from naravard_desktop.ui.printing import pdf_document

        super().__init__(parent)
        self.setObjectName("report_preview")
        self.setWindowTitle(title)
        self.resize(820, 900)
        self.document = pdf_document(data)
        self.view = QPdfView(self)
        self.view.setObjectName("report_preview_pages")
        self.view.setAccessibleName(title)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        if self.document is not None:
            self.view.setDocument(self.document)
        pages = self.document.pageCount() if self.document is not None else 0
        self.pages = QLabel(ngettext("{count} page", "{count} pages", pages).format(count=pages))
        self.pages.setObjectName("report_preview_count")
        close = QPushButton(_("&Close"))
        close.setObjectName("report_preview_close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages)
        layout.addWidget(close)
        self.view.setFocus()


def preview_report(
    parent: QWidget, db: Database, group_id: int, year: int, sip: SipPart | None
) -> bool:
    title = _("Annual follow-up {year}").format(year=year)
    try:
        data = report_bytes(parent, db, group_id, year, ".pdf", sip)
    except DomainError as error:
        show_error(parent, error, title)
        return False
    dialog = PreviewDialog(title, data, parent)
    dialog.exec()
    dialog.deleteLater()
    return True
