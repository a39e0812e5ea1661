"""File menu actions for backups: copy to a file, restore from a backup, and the automatic
daily backup after start."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.system import backups, maintenance
from naravard_desktop.services.system.database import DAMAGED, Database
from naravard_desktop.services.system.database_errors import describe_failure
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.file_dialogs import BACKUPS, save_file_name
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.restore_dialog import RestoreDialog

log = logging.getLogger(__name__)


class BackupActions(QObject):
    """`restored` is emitted after the database file got other contents: the window must be
    rebuilt on a freshly opened database."""

    restored = Signal()

    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.backup_action = QAction(_("&Back up to…"), window)
        self.backup_action.setObjectName("backup_action")
        self.backup_action.triggered.connect(self.backup_to_file)
        self.restore_action = QAction(_("&Restore from backup…"), window)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.triggered.connect(self.restore)
        # A damaged database is held by this window alone: restoring it is the way out.
        self.restore_action.setEnabled(
            db.path is not None and (not db.read_only or db.read_only_reason == DAMAGED)
        )
        if db.path is None:
            # A server is backed up and restored by whoever runs it, with its own tools.
            self.backup_action.setEnabled(False)
            why = _(
                "The database is on a server: back it up and restore it with the server's own "
                "tools (pg_dump)."
            )
            for action in (self.backup_action, self.restore_action):
                action.setToolTip(why)
                action.setStatusTip(why)

    def backup_to_file(self) -> None:
        name = save_file_name(
            self.window,
            _("Back up to"),
            f"naravard-backup {dt.date.today().isoformat()}.sqlite",
            _("Database files (*.sqlite *.db)"),
            key=BACKUPS,
        )
        if not name:
            return
        try:
            target = maintenance.backup_to(self.db, Path(name))
        except DomainError as error:
            show_error(self.window, error)
            return
        self.window.statusBar().showMessage(_("Backup written to {path}").format(path=target), 8000)

    def restore(self) -> None:
        if self.db.path is None:
            return
        if self.db.read_only_reason == DAMAGED:
            self.recover_damaged()
            return
        dialog = RestoreDialog(self.db.path, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        self.db.dispose()  # no connection may hold the file while it is replaced
        try:
            backups.restore(self.db.path, dialog.chosen)
        except DomainError as error:
            show_error(self.window, error)
        self.restored.emit()

    def recover_damaged(self) -> None:
        """A damaged database is set aside (kept, under a new name) and the newest intact
        backup takes its place, as offered at start-up; a safety copy of a damaged file
        could not pass the check every backup must pass."""
        path = self.db.path
        if path is None:
            return
        newest = backups.newest_good_backup(path)
        if newest is None:
            show_error(
                self.window, _("There is no intact backup of {name}.").format(name=path.name)
            )
            return
        if not confirm(
            self.window,
            _("Restore from backup"),
            _(
                "Put the backup from {date} in place of the damaged database? Changes made "
                "after it are not in it; the damaged file is kept beside it under a new name."
            ).format(date=newest.made_at.strftime("%Y-%m-%d %H:%M")),
            _("&Restore"),
        ):
            return
        self.db.dispose()  # no connection may hold the file while it is replaced
        try:
            aside, used = backups.recover_from_newest_backup(path)
        except (DomainError, OSError, sqlite3.Error) as error:
            show_error(
                self.window,
                error if isinstance(error, DomainError) else describe_failure(error) or str(error),
            )
            return
        QMessageBox.information(
            self.window,
            _("Backup restored"),
            _("The backup from {date} is now in use. The damaged file was kept as {aside}.").format(
                date=used.made_at.strftime("%Y-%m-%d %H:%M"), aside=aside.name
            ),
        )
        self.restored.emit()

    def automatic_backup(self) -> None:
        """The daily backup; a failure is reported in the status bar, never blocks work."""
        if self.db.path is None or self.db.read_only:
            return
        try:
            made = backups.automatic_backup(self.db.path)
        except DomainError as error:
            log.warning("automatic backup failed: %s", error.message)
            self.window.statusBar().showMessage(error.message, 15000)
            return
        if made is not None:
            self.window.statusBar().showMessage(
                _("Today's backup was saved in {folder}.").format(folder=made.parent), 8000
            )
