"""A toolbar button that opens a menu: related actions (the files of a meeting, its
printing) behind one button, so that a page's toolbar fits a laptop's 1366 pixels."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton


def menu_button(
    toolbar: QToolBar, text: str, name: str, tooltip: str, actions: Sequence[QAction]
) -> QAction:
    """Add a button to `toolbar` that opens a menu of `actions` (which stay where they were
    made, keys and all); the button's action, named `name` (icons are given by name)."""
    owner = toolbar.parentWidget() or toolbar
    action = QAction(text, owner)
    action.setObjectName(name)
    action.setToolTip(tooltip)
    menu = QMenu(owner)
    menu.addActions(list(actions))
    action.setMenu(menu)
    toolbar.addAction(action)
    button = toolbar.widgetForAction(action)
    if isinstance(button, QToolButton):
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return action
