"""GUI start-up, in order: exception hook, language, QApplication, database, window.

The QApplication comes before the database (unlike the order in STYLE.md) so that a file
that cannot be opened is explained in a dialog rather than on a console nobody sees.
"""

from __future__ import annotations

import argparse
import sys

from naravard_desktop.i18n import set_language


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from naravard_desktop.paths import resource_path
    from naravard_desktop.ui.errors import install_exception_hook
    from naravard_desktop.ui.qt_locale import apply_qt_language
    from naravard_desktop.ui.settings import app_settings

    install_exception_hook()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("naravard-desktop")
    app.setOrganizationName("naravard")
    app.setApplicationDisplayName("naravard-desktop")
    app.setWindowIcon(QIcon(str(resource_path("icons", "naravard.svg"))))

    settings = app_settings()
    language = set_language(args.lang or str(settings.value("language", "sv")))
    apply_qt_language(app, language)

    from naravard_desktop.ui.main_window import MainWindow
    from naravard_desktop.ui.startup import choose_group, open_database_or_ask

    windows: list[MainWindow] = []  # the one on screen; replaced after a restore

    def open_window(target: str | None) -> int | None:
        """Open the database and show its window; an exit code when that did not happen."""
        opened = open_database_or_ask(target)
        if opened is None:
            return 1
        db, lock = opened
        group = choose_group(db, settings)
        if group is None:
            db.dispose()
            if lock is not None:
                lock.release()
            return 0  # the set-up was cancelled: nothing to do
        window = MainWindow(db, group, settings)

        def closed() -> None:
            db.dispose()
            if lock is not None:
                lock.release()

        def replaced() -> None:
            closed()
            if open_window(str(db.path) if db.path else db.url) is not None:
                app.quit()

        window.destroyed.connect(closed)
        window.database_replaced.connect(replaced)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        windows[:] = [window]
        window.show()
        # The daily backup, once the window is on screen (start-up stays quick).
        QTimer.singleShot(1500, window.backups.automatic_backup)
        return None

    refused = open_window(args.database)
    if refused is not None:
        return refused
    return app.exec()
