"""The plan as one tree/table: areas (and sub-areas) with their activities as rows (the
filter proxy is in filters.py). What a cell shows is in cells.py.

The tree is lazy: it starts from the plan's outline (areas and their counts) and reads an
area's activities when the view opens the area (`canFetchMore`/`fetchMore`), so a plan of
50,000 activities opens on its areas; `fetch_all` reads the rest when a filter must see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from naravard_desktop.i18n import ngettext
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow, PlanOutline
from naravard_desktop.ui.plan import drag_drop
from naravard_desktop.ui.plan.cells import (
    EDITABLE,
    HEADERS,
    KEY_ROLE,
    OVERDUE_COLOUR,
    OVERDUE_ROLE,
    STATUS_COLOURS,
    Column,
    Key,
    activity_cell,
    area_cell,
    key_of,
)
from naravard_desktop.ui.plan.drag_drop import Drop
from naravard_desktop.ui.table_model import ROW_ROLE

Index = QModelIndex | QPersistentModelIndex
# The cells' roles, colours and columns, where the plan's other modules have found them.
__all__ = [
    "HEADERS",
    "KEY_ROLE",
    "OVERDUE_COLOUR",
    "OVERDUE_ROLE",
    "STATUS_COLOURS",
    "Column",
    "Key",
    "key_of",
]


@dataclass(eq=False)
class Node:
    row: AreaRow | ActivityRow | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    count: int = 0  # an area's own activities, read or not
    fetched: bool = True  # False: an area whose activities are not read yet
    slot: int = 0  # its row under its parent, kept by the model (Qt asks for it constantly)

    @property
    def is_area(self) -> bool:
        return isinstance(self.row, AreaRow)

    def number(self) -> int:
        return self.slot


def _renumber(nodes: list[Node]) -> None:
    for slot, node in enumerate(nodes):
        node.slot = slot


# An inline edit: (row the user saw, column, new value) → the service call; True if saved.
EditHandler = Callable[[AreaRow | ActivityRow, Column, Any], bool]
# A drop: the move it means → the service call and undo step; True if moved.
DropHandler = Callable[[Drop], bool]
# The activities of these areas, area by area, each in plan order (plan_outline.activities_of).
Fetch = Callable[[list[int]], list[ActivityRow]]


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Node(None)
        self.today = dt.date.today()
        self.on_edit: EditHandler | None = None
        self.on_drop: DropHandler | None = None
        self._token = drag_drop.new_token(self)
        self._areas: dict[int, Node] = {}
        self._activities: dict[int, Node] = {}
        self._fetch: Fetch | None = None
        self.plan_id: int | None = None
        self._total = 0  # activities of the plan, read or not
        self._overdue = 0

    def set_outline(
        self,
        outline: PlanOutline | None,
        fetch: Fetch | None = None,
        open_areas: Iterable[int] = (),
        everything: bool = False,
    ) -> None:
        """Show a plan's areas; the activities of `open_areas` (or of every area) are read at
        once, the others' when the view opens their area."""
        self.beginResetModel()
        self.root = Node(None)
        self._areas.clear()
        self._activities.clear()
        self._fetch = fetch
        self._total = self._overdue = 0
        self.plan_id = outline.plan_id if outline is not None else None
        if outline is not None:
            self.today = outline.today
            self._total, self._overdue = outline.activity_count, outline.overdue
            for area in outline.areas:
                parent = self._areas.get(area.parent_id) if area.parent_id else self.root
                count = outline.counts.get(area.id, 0)
                node = Node(area, parent or self.root, count=count, fetched=count == 0)
                node.parent.children.append(node)  # type: ignore[union-attr]
                self._areas[area.id] = node
            wanted = self._areas.values() if everything else map(self._areas.get, open_areas)
            self._read([n for n in wanted if n is not None and not n.fetched], signal=False)
        self._renumber_all(self.root)
        self.endResetModel()

    def _renumber_all(self, node: Node) -> None:
        _renumber(node.children)
        for child in node.children:
            if child.is_area:
                self._renumber_all(child)

    def _read(self, areas: list[Node], signal: bool = True) -> None:
        """Read the activities of these areas (one query) and put them before their
        sub-areas, as plans write them; `signal`: tell the views (not inside a reset)."""
        if not areas or self._fetch is None:
            return
        by_area: dict[int, list[Node]] = {}
        for activity in self._fetch([n.row.id for n in areas if n.row is not None]):
            owner = self._areas.get(activity.area_id)
            if owner is not None:
                leaf = Node(activity, owner)
                by_area.setdefault(activity.area_id, []).append(leaf)
                self._activities[activity.id] = leaf
        for area in areas:
            leaves = by_area.get(area.row.id, []) if area.row is not None else []
            area.fetched = True
            if not leaves:
                continue
            if signal:
                parent = self.createIndex(area.slot, 0, area)
                self.beginInsertRows(parent, 0, len(leaves) - 1)
            area.children[:0] = leaves
            _renumber(area.children)
            if signal:
                self.endInsertRows()

    def fetch_all(self) -> None:
        """Read every area's activities not read yet (a filter must see them all)."""
        self._read([n for n in self._areas.values() if not n.fetched])

    def fetch_area(self, area_id: int) -> None:
        node = self._areas.get(area_id)
        if node is not None and not node.fetched:
            self._read([node])

    # --- lookup ---------------------------------------------------------------------------

    def node(self, index: Index) -> Node:
        if not index.isValid():
            return self.root
        node: Node = index.internalPointer()
        return node

    def index_for(self, kind: str, row_id: int) -> QModelIndex:
        node = (self._areas if kind == "area" else self._activities).get(row_id)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.number(), 0, node)

    def activity_count(self, area_id: int) -> int:
        """How many activities the area holds itself, read or not."""
        node = self._areas.get(area_id)
        return node.count if node is not None else 0

    def areas(self) -> list[AreaRow]:
        return [n.row for n in self._areas.values() if isinstance(n.row, AreaRow)]

    def summary(self) -> str:
        """How many areas, activities and overdue ones the plan has, for under the tree."""
        activities, late = self._total, self._overdue
        areas = len(self._areas)
        return ", ".join(
            [
                ngettext("{count} area", "{count} areas", areas).format(count=areas),
                ngettext("{count} activity", "{count} activities", activities).format(
                    count=activities
                ),
                ngettext("{count} overdue", "{count} overdue", late).format(count=late),
            ]
        )

    # --- Qt model -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = self.node(parent)
        if not 0 <= row < len(owner.children) or not 0 <= column < len(Column):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        owner = self.node(index).parent
        if owner is None or owner is self.root or owner.parent is None:
            return QModelIndex()
        return self.createIndex(owner.number(), 0, owner)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        return bool(node.children) or not node.fetched

    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and parent.column() == 0 and not self.node(parent).fetched

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._read([self.node(parent)])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # top-level areas are reordered here
        base = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        node = self.node(index)
        if node.is_area:  # an activity dropped onto it or among its rows; sub-areas reordered
            base |= Qt.ItemFlag.ItemIsDropEnabled
        column = Column(index.column())
        if (node.is_area and column == Column.TITLE) or (not node.is_area and column in EDITABLE):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.node(index).row
        column = Column(index.column())
        if role == ROW_ROLE:
            return row
        if isinstance(row, AreaRow):
            return area_cell(row, column, role)
        if isinstance(row, ActivityRow):
            return activity_cell(row, column, role, self.today)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        row = self.node(index).row
        if row is None:
            return False
        return self.on_edit(row, Column(index.column()), value)

    # --- drag and drop (drag_drop.py) -------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [drag_drop.MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        nodes = [self.node(i) for i in indexes if i.isValid()]
        if not nodes or nodes[0].row is None:
            return QMimeData()
        return drag_drop.encode(self._token, nodes[0])

    def _drop(self, data: QMimeData, row: int, parent: Index) -> Drop | None:
        dragged = drag_drop.decode(self._token, data)
        if dragged is None:
            return None
        kind, row_id = dragged
        node = (self._areas if kind == "area" else self._activities).get(row_id)
        if node is None:
            return None
        return drag_drop.drop_target(node, row, self.node(parent))

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or self.on_drop is None:
            return False
        drop = self._drop(data, row, parent)
        return drop is not None and self.on_drop(drop)

    def replace_row(self, row: AreaRow | ActivityRow) -> None:
        """Show a saved row without a reload (an inline or panel edit)."""
        nodes = self._areas if isinstance(row, AreaRow) else self._activities
        node = nodes.get(row.id)
        if node is None or node.parent is None:
            return
        old = node.row
        if isinstance(old, ActivityRow) and isinstance(row, ActivityRow):
            self._overdue += int(row.is_overdue(self.today)) - int(old.is_overdue(self.today))
        node.row = row
        number = node.number()
        self.dataChanged.emit(
            self.createIndex(number, 0, node), self.createIndex(number, len(Column) - 1, node)
        )
