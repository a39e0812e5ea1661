"""The Help menu's own entries (ui/window_menus keeps About): the guide of the page shown
(F1), all guides, the keyboard shortcuts and the tour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from naravard_desktop.i18n import _
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.help.guides import INDEX

if TYPE_CHECKING:
    from naravard_desktop.ui.help.window import HelpWindow
    from naravard_desktop.ui.main_window import MainWindow


class HelpMenu:
    """The actions, and the window's one help window, made on first use."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.help_window: HelpWindow | None = None
        everywhere = Qt.ShortcutContext.WindowShortcut
        self.page_guide_action = make_action(
            window,
            _("&Help for this page"),
            self.show_page_guide,
            QKeySequence.StandardKey.HelpContents,
            name="help_page_guide",
            context=everywhere,
        )
        self.contents_action = make_action(
            window, _("All &guides"), lambda: self.show_guide(INDEX), name="help_contents"
        )
        self.shortcuts_action = make_action(
            window, _("&Keyboard shortcuts"), self.show_shortcuts, name="help_shortcuts"
        )
        self.tour_action = make_action(window, _("&Tour…"), self.show_tour, name="help_tour")
        menu = window.help_menu
        for action in (self.page_guide_action, self.contents_action, self.shortcuts_action):
            menu.addAction(action)
        menu.addAction(self.tour_action)
        menu.addSeparator()

    def page_key(self) -> str:
        """The key of the page shown (ui/window_pages.page_titles)."""
        keys = self.window.lazy_pages.keys
        index = self.window.stack.currentIndex()
        return keys[index] if 0 <= index < len(keys) else INDEX

    def show_page_guide(self) -> None:
        self.show_guide(self.page_key())

    def show_guide(self, key: str) -> None:
        if self.help_window is None:
            from naravard_desktop.ui.help.window import HelpWindow

            self.help_window = HelpWindow(self.window)
        self.help_window.show_guide(key)

    def show_shortcuts(self) -> None:
        from naravard_desktop.ui.help.shortcuts import show_shortcuts

        show_shortcuts(self.window)

    def show_tour(self) -> None:
        from naravard_desktop.ui.help.tour import show_tour

        show_tour(self.window)


def fill_help_menu(window: MainWindow) -> HelpMenu:
    return HelpMenu(window)
