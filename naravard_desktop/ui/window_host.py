"""The window on screen over one open database: a group switch replaces the window and keeps
the database connection and its lock; closing the last window releases both.

A switch costs one MainWindow built and shown (the database is not opened again, no
migration check, no lock file): `WindowHost.switch` is what a region overview's row and
Arkiv › Byt grupp… end in, and what the benchmark of a group switch times. Another database
(Arkiv › Öppna databas…, ui/database_menu) is `take_over`: the host then owns that file's
connection and lock, and lets go of the old ones once the old window has saved into them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt, QTimer

from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.database_menu import DatabaseActions
from naravard_desktop.ui.database_switch import Opened
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.recent_files import remember_file


class WindowHost(QObject):
    """Owns `db` and `lock` for the windows shown on its groups, one at a time.

    `reopen` is called with the database's file or URL after a restore gave the file other
    contents: the host has let go of it by then, and a fresh start opens it again."""

    def __init__(
        self,
        db: Database,
        lock: InstanceLock | None,
        settings: QSettings,
        reopen: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.lock = lock
        self.settings = settings
        self.window: MainWindow | None = None
        self._reopen = reopen
        self._shown = 0  # how many windows so far: only the newest one's end releases
        self._released = False

    def show(self, group: GroupData, frame: MainWindow | None = None) -> MainWindow:
        """Build and show the window on `group`, the group the next start opens too; the
        start-up's `frame`, already on screen, is given the database instead."""
        if frame is not None:
            frame.attach(self.db, group)
            window = frame
        else:
            window = MainWindow(self.db, group, self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._shown += 1
        number = self._shown
        window.destroyed.connect(lambda: self._window_gone(number))
        window.group_switch_requested.connect(self.switch)
        window.database_replaced.connect(self._database_replaced)
        actions = window.findChild(DatabaseActions)
        if actions is not None:
            actions.hosted_by(self.take_over)
        self.settings.setValue("group_id", group.id)
        if self.db.path is not None:  # Senaste, and the file the next start opens
            remember_file(self.settings, self.db.path, group.id)
        self.window = window
        window.show()
        return window

    def switch(self, group: GroupData) -> MainWindow:
        """The window on `group` in place of the one shown, over the same connection: the
        new one is on screen before the old one closes, so the program never runs out of
        windows (and does not quit) in between. Undo history stays with the old window."""
        old = self.window
        window = self.show(group)
        if old is not None:
            old.hand_over()
        return window

    def take_over(self, opened: Opened) -> MainWindow:
        """A window on another database in place of the one shown (its group chosen, what
        was typed here saved or asked about): the old window closes, saving what its
        editors hold into its own database, and then that database and its lock are let go."""
        old, old_db, old_lock = self.window, self.db, self.lock
        self.db, self.lock = opened.db, opened.lock
        window = self.show(opened.group)
        if old is not None:
            old.hand_over()
        old_db.dispose()
        if old_lock is not None:
            old_lock.release()
        self.watch(window)
        return window

    def watch(self, window: MainWindow) -> None:
        """The integrity check left for later, if any, then the daily backup, once the
        window is on screen (start-up stays quick) and the file is known to be sound: a
        damaged copy is no backup."""
        from naravard_desktop.ui.integrity_watch import watch_integrity

        watch_integrity(
            window, self.db, lambda: QTimer.singleShot(1500, window.backups.automatic_backup)
        )

    def release(self) -> None:
        """Close the connection and let go of the lock file (once)."""
        if self._released:
            return
        self._released = True
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()

    def _window_gone(self, number: int) -> None:
        if number == self._shown:  # the last window closed, not one replaced by a switch
            self.window = None
            self.release()

    def _database_replaced(self) -> None:
        target = str(self.db.path) if self.db.path else self.db.url
        self._shown += 1  # the window going now is not the newest: its end releases nothing
        self.window = None
        self.release()
        if self._reopen is not None:
            self._reopen(target)
