"""The integrity check the start left for later (services/system/later_check.py), run on a
thread beside the window; damage found hands over to a window on the file opened again the
ordinary way: read-only with the offer of the newest backup, or refused when it cannot be
read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from naravard_desktop.i18n import _
from naravard_desktop.ui.background import pause_collection, resume_collection

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database
    from naravard_desktop.ui.main_window import MainWindow

POLL_MS = 100


def watch_integrity(
    window: MainWindow, db: Database, when_sound: Callable[[], object] = lambda: None
) -> None:
    """Start the check left for later, if any; its answer is looked for every POLL_MS.
    `when_sound` is called once the file is known to be sound (at once when it was checked
    as it opened, or is not one to check)."""
    check = db.later_check
    if check is None:
        when_sound()
        return
    # As for every worker: no garbage collection while it runs, which would run on its
    # thread and could destroy Qt objects there (ui/background).
    pause_collection()

    def run() -> None:
        try:
            check.run()
        finally:
            QTimer.singleShot(0, window, resume_collection)  # on the GUI thread

    threading.Thread(target=run, name="integrity-check", daemon=True).start()
    timer = QTimer(window)
    timer.setObjectName("integrity_watch")
    timer.setInterval(POLL_MS)

    def look() -> None:
        if not check.done:
            return
        timer.stop()
        if check.problems:
            window.statusBar().showMessage(_("The database is damaged: opening it again…"))
            window.reopen_database()
        else:
            when_sound()

    timer.timeout.connect(look)
    timer.start()
