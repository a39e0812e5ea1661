"""GUI start-up, in order: exception hook, language, QApplication, database, window.

The QApplication comes before the database (unlike the order in STYLE.md) so that a file
that cannot be opened is explained in a dialog rather than on a console nobody sees.
"""

from __future__ import annotations

import argparse
import sys

from naravard_desktop.i18n import set_language


def run_gui(args: argparse.Namespace) -> int:
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

    db = open_database_or_ask(args.database)
    if db is None:
        return 1
    group = choose_group(db, settings)
    if group is None:
        db.dispose()
        return 0
    window = MainWindow(db, group, settings)
    window.show()
    code = app.exec()
    db.dispose()
    return code
