"""Visa → Utseende: follow the system, light, dark or high contrast (ui/theme), and the icons
of the window's own actions and sidebar, given once the frame is painted."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QWidget

from naravard_desktop.i18n import _
from naravard_desktop.ui import icons, theme
from naravard_desktop.ui.actions import make_action

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def appearance_titles() -> list[tuple[theme.Appearance, str]]:
    return [
        (theme.Appearance.SYSTEM, _("Follow the &system")),
        (theme.Appearance.LIGHT, _("&Light")),
        (theme.Appearance.DARK, _("&Dark")),
        (theme.Appearance.HIGH_CONTRAST, _("&High contrast")),
    ]


def add_appearance_menu(window: MainWindow) -> None:
    """The Appearance submenu of the View menu, its choice the one saved."""
    menu = window.view_menu.addMenu(_("&Appearance"))
    menu.setObjectName("appearance_menu")
    chosen = theme.saved_appearance(window.settings)
    group = QActionGroup(window)
    for appearance, title in appearance_titles():
        action = make_action(
            window,
            title,
            partial(theme.choose_appearance, window.settings, appearance),
            name=f"appearance_{appearance.value}",
            checked=appearance == chosen,
        )
        group.addAction(action)
        menu.addAction(action)


def decorate_window(window: MainWindow) -> None:
    """Icons for the sidebar's pages and the window's actions made without ui/actions."""
    icons.decorate_sidebar(window.sidebar, window.lazy_pages.keys)
    icons.decorate(window)


def decorate_page(page: QWidget, title: str) -> None:
    """A page as it joins the window: its toolbars' icons, names for its search fields, tabs
    and scrolled body (its colours are toned as it is polished: ui/readable)."""
    from naravard_desktop.ui.accessible_names import name_unnamed

    icons.decorate(page)
    name_unnamed(page, title)
