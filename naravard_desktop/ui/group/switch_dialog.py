"""Arkiv › Byt grupp…: choose another group of the database to work on.

A region's server may hold hundreds of groups, so the list is found by typing: every word
typed must occur in the name, municipality or region, the first match is chosen, the arrow
keys move in the list without leaving the search box, and Enter switches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import buddy_label, named
from naravard_desktop.ui.table_model import ID_ROLE, ROW_ROLE, ColumnSpec, RowTableModel, bold_font

Index = QModelIndex | QPersistentModelIndex

# Keys the search box hands to the list: typing stays in the box, moving goes to the list.
MOVING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class GroupsModel(RowTableModel[GroupData]):
    """The groups in the order given (Swedish, from the service); the open one in bold and
    named so ("(öppen nu)"), so it is found in the list without colour."""

    def __init__(self, current_id: int, parent: QObject | None = None) -> None:
        self.current_id = current_id
        columns = [
            ColumnSpec[GroupData](lambda: _("Group"), self._name),
            ColumnSpec[GroupData](lambda: _("Municipality"), lambda g: g.municipality),
            ColumnSpec[GroupData](lambda: _("Region"), lambda g: g.region),
        ]
        super().__init__(columns, lambda g: g.id, parent)

    def _name(self, group: GroupData) -> str:
        if group.id == self.current_id:
            return _("{name} (open now)").format(name=group.name)
        return group.name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            group = self.row_at(index)
            return bold_font() if group is not None and group.id == self.current_id else None
        return super().data(index, role)


class GroupsFilter(QSortFilterProxyModel):
    """Rows whose name, municipality or region hold every word typed, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        group: GroupData = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        text = f"{group.name}\n{group.municipality}\n{group.region}".casefold()
        return all(word in text for word in self._words)


class SearchBox(QLineEdit):
    """The search field; the keys that move hand over to the list."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__()
        self._view = view

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in MOVING_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._view.keyPressEvent(event)  # the list's own moves, focus stays here
            return
        super().keyPressEvent(event)


class SwitchGroupDialog(QDialog):
    """Lists `groups` (the ones this login may open) with the open group marked; after
    accept, `chosen_id()` is the group to switch to."""

    def __init__(
        self, groups: Sequence[GroupData], current_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("switch_group_dialog")
        self.setWindowTitle(_("Switch group"))
        self.current_id = current_id
        self.model = GroupsModel(current_id, self)
        self.model.set_rows(groups)
        self.proxy = GroupsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.view = named(
            QTreeView,
            "group_list",
            rootIsDecorated=False,
            uniformRowHeights=True,
            allColumnsShowFocus=True,
            alternatingRowColors=True,
        )
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(lambda _index: self.accept())  # Enter or a double click

        self.search = SearchBox(self.view)
        self.search.setObjectName("group_search")
        self.search.setPlaceholderText(_("Name, municipality or region"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.count_label = named(QLabel, "group_count")

        self.buttons = ok_cancel_buttons(self, _("&Switch"))
        self.switch_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.switch_button.setObjectName("switch_group")
        self.switch_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(buddy_label(_("&Find group:"), self.search))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self.resize(640, 460)

        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._update())
        self._select(self._row_of(current_id))
        self.search.setFocus()

    def chosen_id(self) -> int | None:
        """The group selected, unless it is the one open now."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        group_id = index.siblingAtColumn(0).data(ID_ROLE)
        return None if group_id == self.current_id else int(group_id)

    def accept(self) -> None:
        if self.chosen_id() is not None:  # Enter on the open group leaves the dialog open
            super().accept()

    def _row_of(self, group_id: int) -> int:
        source = self.model.row_for(group_id)
        if source is None:
            return 0
        return self.proxy.mapFromSource(self.model.index(source, 0)).row()

    def _select(self, row: int) -> None:
        if self.proxy.rowCount() == 0:
            self.view.selectionModel().clear()
        else:
            index = self.proxy.index(max(row, 0), 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self._update()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._select(0)  # the first match: Enter takes it

    def _update(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = ngettext("{count} group", "{count} groups", total).format(count=total)
        else:
            text = ngettext("{shown} of {count} group", "{shown} of {count} groups", total).format(
                shown=shown, count=total
            )
        self.count_label.setText(text)
        self.switch_button.setEnabled(self.chosen_id() is not None)


def switch_group_action(window: QWidget, db: Database, slot: Callable[[], object]) -> QAction:
    """Arkiv › Byt grupp… (Ctrl+Shift+G), disabled, saying why, when the login may open no
    other group."""
    action = make_action(
        window,
        _("&Switch group…"),
        slot,
        "Ctrl+Shift+G",
        name="switch_group",
        context=Qt.ShortcutContext.WindowShortcut,
    )
    if groups.count_groups(db) < 2:
        why = _("There is no other group in the database that you may open.")
        action.setEnabled(False)
        action.setToolTip(why)
        action.setStatusTip(why)
    return action


def ask_for_group(parent: QWidget, db: Database, current_id: int) -> int | None:
    """The group chosen in the dialog; None when it was cancelled."""
    dialog = SwitchGroupDialog(groups.list_groups(db), current_id, parent)
    try:
        return dialog.chosen_id() if dialog.exec() else None
    finally:
        dialog.deleteLater()
