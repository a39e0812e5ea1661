"""One way to make an action (toolbar button, menu entry, key), so every page binds its keys
alike: the keys answer where the focus is in the widget that holds the action (and its
children), not in the whole window, so pages and panels shown together never fight over a key."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from naravard_desktop.ui.errors import run_retrying
from naravard_desktop.ui.icons import give_icon

Keys = str | QKeySequence | QKeySequence.StandardKey


def make_action(
    widget: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: Keys | Sequence[Keys] | None = None,
    *,
    name: str | None = None,
    tooltip: str | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    enabled: bool = True,
    checked: bool | None = None,
    role: QAction.MenuRole | None = None,
) -> QAction:
    """An action owned by and added to `widget`, calling `slot` (without the checked flag).

    `shortcut` is one key or a list (the first is the one menus show); `context` says where
    the keys answer (WindowShortcut for the main window's menus, WidgetShortcut for a key
    that only the focused list should take). `name` is the object name tests find it by, and
    gives the action its icon (ui/icons); `checked` makes the action checkable; `role`
    places it in the macOS application menu."""
    action = QAction(text, widget)
    if name is not None:
        action.setObjectName(name)
        give_icon(action)
    if shortcut is not None:
        keys = [shortcut] if isinstance(shortcut, Keys) else list(shortcut)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(context)
    if tooltip is not None:
        action.setToolTip(tooltip)
    if checked is not None:
        action.setCheckable(True)
        action.setChecked(checked)
    if role is not None:
        action.setMenuRole(role)
    action.setEnabled(enabled)
    # A database server lost under the action: its message with Försök igen (ui/errors).
    action.triggered.connect(lambda _checked=False: run_retrying(widget, slot))
    widget.addAction(action)
    return action
