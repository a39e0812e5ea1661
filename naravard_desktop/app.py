"""GUI start-up, in order: exception hook, language, QApplication, database, window.

The QApplication comes before the database (unlike the order in STYLE.md) so that a file
that cannot be opened is explained in a dialog rather than on a console nobody sees.
"""

from __future__ import annotations

import argparse
import sys

from naravard_desktop.i18n import _, set_language

# The exit code when --group names a group that cannot be opened: the commands' code for a
# refusal (cli/core EXIT_ERROR).
EXIT_REFUSED = 2


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

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

    from naravard_desktop.errors import NotFoundError
    from naravard_desktop.ui.startup import choose_group, open_database_or_ask
    from naravard_desktop.ui.window_host import WindowHost

    hosts: list[WindowHost] = []  # the one whose window is on screen; replaced after a restore

    def open_window(target: str | None, group_id: int | None = None) -> int | None:
        """Open the database and show its window; an exit code when that did not happen."""
        opened = open_database_or_ask(target)
        if opened is None:
            return 1
        db, lock = opened
        host = WindowHost(db, lock, settings, reopen=reopened)
        try:
            group = choose_group(db, settings, group_id)
        except NotFoundError as error:  # --group names a group this login cannot open
            host.release()
            QMessageBox.critical(None, _("Cannot open the group"), error.message)
            return EXIT_REFUSED
        if group is None:
            host.release()
            return 0  # the set-up was cancelled: nothing to do
        hosts[:] = [host]
        window = host.show(group)
        # The daily backup, once the window is on screen (start-up stays quick).
        QTimer.singleShot(1500, window.backups.automatic_backup)
        return None

    def reopened(target: str) -> None:
        if open_window(target) is not None:
            app.quit()

    refused = open_window(args.database, getattr(args, "window_group", None))
    if refused is not None:
        return refused
    return app.exec()
