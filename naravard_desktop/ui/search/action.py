"""Redigera › Sök överallt… (Ctrl+K), made with the window's menus; the box and the search
service are imported when it is first used."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from naravard_desktop.i18n import _
from naravard_desktop.ui.actions import make_action

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def search_everywhere_action(window: MainWindow) -> QAction:
    return make_action(
        window,
        _("&Search everywhere…"),
        partial(show_search_box, window),
        "Ctrl+K",
        name="search_everywhere",
        tooltip=_(
            "Find meetings, agenda items, decisions, action items, activities and members (Ctrl+K)"
        ),
        context=Qt.ShortcutContext.WindowShortcut,  # wherever the focus is in the window
    )


def show_search_box(window: MainWindow) -> None:
    from naravard_desktop.ui.search.box import open_search_box
    from naravard_desktop.ui.search.places import open_found

    open_search_box(window, window.db, window.group.id, partial(open_found, window))
