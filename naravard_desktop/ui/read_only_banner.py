"""The strip above the pages of a database opened read-only: why (another window has it, the
file or its medium cannot be written, its indexes are damaged) and what can be done — for a
damaged file, restoring the newest intact backup, when there is one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from naravard_desktop.i18n import _
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import DAMAGED, IN_USE, READ_ONLY_FILE, Database


def banner_text(db: Database) -> str:
    if db.read_only_reason == DAMAGED:
        return _(
            "The database is damaged (an index no longer matches its rows), so nothing can "
            "be saved in it. You can read and export; restore the newest backup to work on."
        )
    if db.read_only_reason == READ_ONLY_FILE:
        return _(
            "The database is opened read-only: the file, or the folder or medium it is on, "
            "cannot be written to. You can read and export, but no change is saved."
        )
    if db.read_only_reason == IN_USE:
        return _(
            "The database is opened read-only: it is open in another window of the program. "
            "You can read and export, but no change is saved."
        )
    return _("The database is opened read-only: no change is saved.")


class ReadOnlyBanner(QFrame):
    """Shown only when `db.read_only`; `restore_requested` when its restore button is used."""

    restore_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read_only_banner")
        damaged = db.read_only_reason == DAMAGED
        background, border, text = (
            ("#fdecea", "#e0a9a4", "#7a1010") if damaged else ("#fff4ce", "#d8c58a", "#4d3b00")
        )
        self.setStyleSheet(
            f"QFrame#read_only_banner {{ background: {background}; "
            f"border-bottom: 1px solid {border}; }} QLabel {{ color: {text}; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(banner_text(db))
        self.label.setObjectName("read_only_banner_text")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.restore_button: QPushButton | None = None
        if damaged and db.path is not None and backups.newest_good_backup(db.path) is not None:
            self.restore_button = QPushButton(_("&Restore from backup…"))
            self.restore_button.setObjectName("read_only_banner_restore")
            self.restore_button.clicked.connect(self.restore_requested)
            layout.addWidget(self.restore_button)
        self.setVisible(db.read_only)
