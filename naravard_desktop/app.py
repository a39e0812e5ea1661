"""GUI start-up, in order: exception hook, language, QApplication, the window's frame painted,
then the database and the window's pages.

The QApplication comes before the database (unlike the order in STYLE.md) so that a file
that cannot be opened is explained in a dialog rather than on a console nobody sees. The
frame (sidebar, page area, menus) is on screen before SQLAlchemy, the services and the pages'
modules are imported and the file is opened: the user sees the program at once, as quickly
as a bare Qt window, and its data a moment later (benchmarks/README.md, start-up).
"""

from __future__ import annotations

import argparse
import sys

from naravard_desktop.i18n import _, set_language

# The exit code when --group names a group that cannot be opened: the commands' code for a
# refusal (cli/core EXIT_ERROR).
EXIT_REFUSED = 2


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from naravard_desktop.paths import resource_path
    from naravard_desktop.ui.errors import install_exception_hook
    from naravard_desktop.ui.first_paint import after_first_paint
    from naravard_desktop.ui.main_window import MainWindow
    from naravard_desktop.ui.qt_locale import apply_qt_language
    from naravard_desktop.ui.settings import app_settings
    from naravard_desktop.ui.theme import apply_appearance, follow_system, saved_appearance

    install_exception_hook()
    # Fusion on every platform, one look to tune palettes for (ui/theme), named here: setting
    # it later from Python made a QStyle's wrapper before the first paint.
    app = QApplication.instance() or QApplication([*sys.argv[:1], "-style", "fusion"])
    assert isinstance(app, QApplication)
    app.setApplicationName("naravard-desktop")
    app.setOrganizationName("naravard")
    app.setApplicationDisplayName("naravard-desktop")
    app.setWindowIcon(QIcon(str(resource_path("icons", "naravard.svg"))))

    settings = app_settings()
    language = set_language(args.lang or str(settings.value("language", "sv")))
    apply_qt_language(app, language)
    # Fusion and the palette chosen (or the system's) before anything is painted.
    apply_appearance(app, saved_appearance(settings), early=True)

    frame = MainWindow(None, None, settings)
    frame.show()

    def open_window(
        target: str | None, group_id: int | None = None, frame: MainWindow | None = None
    ) -> int | None:
        """Open the database and show its window (in `frame` when given); an exit code
        when that did not happen. At the start the file's integrity is checked beside the
        window; a file opened again (after a restore, or damage found then) is checked
        first."""
        from naravard_desktop.errors import NotFoundError
        from naravard_desktop.ui.startup import choose_group, open_database_or_ask
        from naravard_desktop.ui.window_host import WindowHost

        opened = open_database_or_ask(target, frame, check_later=frame is not None)
        if opened is None:
            return 1
        db, lock = opened
        host = WindowHost(db, lock, settings, reopen=reopened)
        try:
            group = choose_group(db, settings, group_id)
        except NotFoundError as error:  # --group names a group this login cannot open
            host.release()
            QMessageBox.critical(frame, _("Cannot open the group"), error.message)
            return EXIT_REFUSED
        if group is None:
            host.release()
            return 0  # the set-up was cancelled: nothing to do
        hosts[:] = [host]
        window = host.show(group, frame)
        host.watch(window)  # the check left for later, then the daily backup
        if frame is not None:  # the program's start (not a file opened again): the tour, once
            from naravard_desktop.ui.help.tour import offer_tour_once

            offer_tour_once(window, settings)
        return None

    hosts: list[object] = []  # the host whose window is on screen; replaced after a restore

    def reopened(target: str) -> None:
        if open_window(target) is not None:
            app.quit()

    def start() -> None:
        from naravard_desktop.ui.recent_files import start_target

        follow_system(app, settings)  # Qt's own word on the system's scheme, and its changes
        # --database, else NARAVARD_DATABASE, else the file opened last, else the default.
        target = start_target(args.database, settings)
        refused = open_window(target, getattr(args, "window_group", None), frame)
        if refused is not None:
            frame.hide()  # no window to quit over: the exit code is the one given here
            frame.deleteLater()
            app.exit(refused)

    after_first_paint(frame, start)
    return app.exec()
