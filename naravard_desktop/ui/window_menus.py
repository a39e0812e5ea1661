"""The main window's menus filled once it has its database (ui/main_window.attach): File,
Edit, View and Help, and Ctrl+N. The frame has made their titles; the pages' menus are filled
as their pages are built (ui/window_pages). Made here, after the frame is painted, because
ui/actions imports Qt's namespace of enums."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication

from naravard_desktop.i18n import _, current_language
from naravard_desktop.ui.actions import make_action

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def fill_view_and_help_menus(window: MainWindow) -> None:
    for number, (key, title) in enumerate(
        zip(window.lazy_pages.keys, window.lazy_pages.titles, strict=True), start=1
    ):
        action = make_action(
            window,
            title,
            partial(window.show_page, number - 1),
            f"Ctrl+{number % 10}",  # the tenth page is Ctrl+0
            name=f"show_{key}",
            context=Qt.ShortcutContext.WindowShortcut,  # anywhere in the window
        )
        window.view_menu.addAction(action)
        if key == "region":
            window.show_region_action = action
    window.view_menu.addSeparator()
    language_menu = window.view_menu.addMenu(_("&Language"))
    languages = QActionGroup(window)
    for code, name in (("sv", "Svenska"), ("en", "English")):
        chosen = code == current_language()
        action = make_action(window, name, partial(window.choose_language, code), checked=chosen)
        languages.addAction(action)
        language_menu.addAction(action)
    from naravard_desktop.ui.appearance_menu import add_appearance_menu, decorate_window

    add_appearance_menu(window)  # light, dark, high contrast or the system's
    decorate_window(window)  # the sidebar's and the window's own actions' icons

    from naravard_desktop.ui.help.menu import fill_help_menu

    fill_help_menu(window)  # F1, the guides, the shortcuts and the tour, above About
    about = make_action(
        window,
        _("&About naravard-desktop"),
        partial(_about, window),
        role=QAction.MenuRole.AboutRole,
    )
    window.help_menu.addAction(about)
    about_qt = make_action(
        window, _("About &Qt"), QApplication.aboutQt, role=QAction.MenuRole.AboutQtRole
    )
    window.help_menu.addAction(about_qt)


def fill_file_menu(window: MainWindow) -> None:
    from naravard_desktop.ui.backup_actions import BackupActions
    from naravard_desktop.ui.group.switch_dialog import switch_group_action

    file_menu = window.file_menu
    _build_new_action(window)
    file_menu.addAction(window.new_action)
    file_menu.addSeparator()
    from naravard_desktop.ui.database_menu import DatabaseActions

    DatabaseActions(window).add_to(file_menu)  # Öppna databas…, Ny databas…, Senaste
    file_menu.addSeparator()
    window.switch_group_action = switch_group_action(window, window.db, window.choose_group)
    file_menu.addAction(window.switch_group_action)
    file_menu.addSeparator()
    window.backups = BackupActions(window, window.db)
    window.backups.restored.connect(window.reopen_database)
    file_menu.addAction(window.backups.backup_action)
    file_menu.addAction(window.backups.restore_action)
    file_menu.addSeparator()
    quit_action = make_action(
        window,
        _("&Quit"),
        window.close,
        QKeySequence.StandardKey.Quit,
        context=Qt.ShortcutContext.WindowShortcut,
        role=QAction.MenuRole.QuitRole,
    )
    file_menu.addAction(quit_action)


def fill_edit_menu(window: MainWindow) -> None:
    """One Undo and one Redo for the whole window, each key bound once; steps of a
    protocol approved since (here or elsewhere) are not offered."""
    from naravard_desktop.ui.undo import UndoActions

    edit_menu = window.edit_menu
    window.undo_actions = UndoActions(window.undo_stack, window)
    window.undo_action = window.undo_actions.undo_action
    window.redo_action = window.undo_actions.redo_action
    edit_menu.aboutToShow.connect(window.undo_actions.update)
    edit_menu.aboutToShow.connect(lambda: window.lazy_pages.page("members"))  # its actions
    window.stack.currentChanged.connect(lambda _index: window.undo_actions.update())
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    from naravard_desktop.ui.search.action import search_everywhere_action

    edit_menu.addAction(search_everywhere_action(window))  # Ctrl+K
    edit_menu.addSeparator()  # the members page's actions join below when it is built


def _about(window: MainWindow) -> None:
    from naravard_desktop.ui.about import AboutDialog

    AboutDialog(window).exec()


def _build_new_action(window: MainWindow) -> None:
    """Ctrl+N: the pages' targets join as they are built (ui/window_pages.join_page); until the
    meetings page is, the overview's new meeting is a stand-in that builds it."""
    from naravard_desktop.ui.new_for_page import NewForPage

    window.new_for_page = NewForPage(
        window, window.stack, {}, lambda page: window.show_page(window.stack.indexOf(page))
    )
    window.new_action, window.new_targets = window.new_for_page.action, window.new_for_page.targets
    window.new_meeting_stand_in = make_action(
        window, _("&New meeting…"), lambda: window.meetings_page.add_action.trigger()
    )
