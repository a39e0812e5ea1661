"""Hjälp › Kortkommandon: every key of the window, read from its actions when the list is
opened (so it can never go stale), grouped by the menu or page they belong to, and
searchable by command or key."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.ui.forms import buddy_label, named
from naravard_desktop.ui.help.tooltips import plain_text

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow

NATIVE = QKeySequence.SequenceFormat.NativeText
PORTABLE = QKeySequence.SequenceFormat.PortableText


@dataclass(frozen=True)
class Shortcut:
    group: str  # the menu or page
    command: str
    keys: str  # as the system writes them, several joined by commas
    # As Qt writes them in any language ("Shift", "Down"), so a search for either finds it.
    portable: str = ""


def key_text(action: QAction, form: QKeySequence.SequenceFormat = NATIVE) -> str:
    return ", ".join(k.toString(form) for k in action.shortcuts() if not k.isEmpty())


def window_shortcuts(window: MainWindow) -> list[Shortcut]:
    """Every visible action of `window` that has a key: the menus' first, in the menu bar's
    order, then each page's own (every page listed in the sidebar is built for it), then any
    other of the window's. An action is listed once, where it is first found."""
    seen: set[int] = set()
    found: list[Shortcut] = []

    def take(group: str, actions: Iterable[QAction]) -> None:
        for action in actions:
            owner = action.parent()
            elsewhere = isinstance(owner, QWidget) and owner.window() is not window  # a dialog
            if elsewhere or id(action) in seen or not action.isVisible() or not key_text(action):
                continue
            seen.add(id(action))
            command = plain_text(action.text())
            entry = Shortcut(group, command, key_text(action), key_text(action, PORTABLE))
            if entry not in found:
                found.append(entry)

    pages = list(_listed_pages(window))  # built first: they add entries to the menus
    for title_action in window.menuBar().actions():
        menu = title_action.menu()
        if isinstance(menu, QMenu) and title_action.isVisible():
            take(plain_text(menu.title()), _menu_actions(menu))
    for _key, title, page in pages:  # "Sidan Möten", apart from the menu Möte
        take(_("Page {title}").format(title=title), page.findChildren(QAction))
    take(_("The window"), window.findChildren(QAction))
    return found


def _listed_pages(window: MainWindow) -> Iterator[tuple[str, str, QWidget]]:
    lazy = window.lazy_pages
    for row, (key, title) in enumerate(zip(lazy.keys, lazy.titles, strict=True)):
        if not window.sidebar.item(row).isHidden():
            yield key, title, lazy.page(key)


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        inner = action.menu()
        if isinstance(inner, QMenu):
            yield from _menu_actions(inner)
        elif not action.isSeparator():
            yield action


class ShortcutsDialog(QDialog):
    """The list, with a search field that keeps the rows whose command or keys hold what is
    typed (and their group's heading)."""

    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.resize(560, 640)
        self.search = named(
            QLineEdit,
            "shortcut_search",
            placeholderText=_("A command or a key, e.g. protocol or Ctrl+N"),
            clearButtonEnabled=True,
        )
        self.tree = named(QTreeWidget, "shortcut_list", rootIsDecorated=False)
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Command"), _("Keys")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        # Each group's heading with its rows, kept here rather than asked of the tree.
        self.groups: dict[str, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        for shortcut in shortcuts:
            if shortcut.group not in self.groups:
                heading = QTreeWidgetItem(self.tree, [shortcut.group])
                heading.setFirstColumnSpanned(True)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                self.groups[shortcut.group] = (heading, [])
            heading, rows = self.groups[shortcut.group]
            row = QTreeWidgetItem(heading, [shortcut.command, shortcut.keys])
            row.setData(1, Qt.ItemDataRole.UserRole, shortcut.portable)
            rows.append(row)
        self.tree.expandAll()
        self.empty_label = named(QLabel, "shortcut_none", visible=False)
        self.search.textChanged.connect(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(buddy_label(_("&Search:"), self.search))
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.search.setFocus()

    def filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for group, (heading, rows) in self.groups.items():
            left = 0
            for item in rows:
                portable = item.data(1, Qt.ItemDataRole.UserRole)
                haystack = f"{item.text(0)} {item.text(1)} {portable} {group}".casefold()
                hidden = not all(word in haystack for word in words)
                item.setHidden(hidden)
                left += not hidden
            heading.setHidden(left == 0)
            shown += left
        self.empty_label.setText(_("No command or key holds “{words}”.").format(words=text.strip()))
        self.empty_label.setVisible(shown == 0)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row shown now."""
        return [
            (group, item.text(0), item.text(1))
            for group, (heading, rows) in self.groups.items()
            for item in rows
            if not item.isHidden() and not heading.isHidden()
        ]


def show_shortcuts(window: MainWindow) -> None:
    """Builds every page (their actions hold the keys) and shows the list."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        shortcuts = window_shortcuts(window)
    finally:
        QApplication.restoreOverrideCursor()
    ShortcutsDialog(shortcuts, window).exec()
