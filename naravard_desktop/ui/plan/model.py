"""The plan as one tree/table: areas (and sub-areas) with their activities as rows (the
filter proxy is in filters.py). Overdue is computed from the due date when shown: red text
and a warning icon, never stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _, format_iso_date, ngettext
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow, PlanTree
from naravard_desktop.ui.plan import drag_drop
from naravard_desktop.ui.plan.drag_drop import Drop
from naravard_desktop.ui.table_model import ROW_ROLE

Index = QModelIndex | QPersistentModelIndex
Key = tuple[str, int]  # ("area" | "activity", id): a row that outlives a reload

# ROW_ROLE (the AreaRow or ActivityRow) is the tables' own; the tree's roles follow it.
KEY_ROLE = ROW_ROLE + 1  # ("area" | "activity", id)
OVERDUE_ROLE = ROW_ROLE + 2
OVERDUE_COLOUR = QColor("#b00020")
STATUS_COLOURS = {
    ActivityStatus.NOT_STARTED: QColor("#757575"),
    ActivityStatus.IN_PROGRESS: QColor("#1f5f8b"),
    ActivityStatus.DONE: QColor("#2e7d32"),
    ActivityStatus.PAUSED: QColor("#a15c00"),
    ActivityStatus.CANCELLED: QColor("#5a5a5a"),
}


class Column(IntEnum):
    TITLE = 0
    RESPONSIBLE = 1
    SCHEDULE = 2
    DUE = 3
    STATUS = 4
    PROGRESS = 5
    FOLLOW_UP = 6


HEADERS = {
    Column.TITLE: lambda: _("Area / activity"),
    Column.RESPONSIBLE: lambda: _("Responsible"),
    Column.SCHEDULE: lambda: _("Schedule"),
    Column.DUE: lambda: _("Due date"),
    Column.STATUS: lambda: _("Status"),
    Column.PROGRESS: lambda: _("Progress"),
    Column.FOLLOW_UP: lambda: _("Follow-up"),
}
EDITABLE = {Column.TITLE, Column.RESPONSIBLE, Column.SCHEDULE, Column.PROGRESS, Column.STATUS}


@dataclass(eq=False)
class Node:
    row: AreaRow | ActivityRow | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def is_area(self) -> bool:
        return isinstance(self.row, AreaRow)

    def number(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


def key_of(row: AreaRow | ActivityRow) -> Key:
    return ("area" if isinstance(row, AreaRow) else "activity", row.id)


# An inline edit: (row the user saw, column, new value) → the service call; True if saved.
EditHandler = Callable[[AreaRow | ActivityRow, Column, Any], bool]
# A drop: the move it means → the service call and undo step; True if moved.
DropHandler = Callable[[Drop], bool]


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
        self._warning: QIcon | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_tree(self, tree: PlanTree | None, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.today = today or dt.date.today()
        self.root = Node(None)
        self._areas.clear()
        self._activities.clear()
        if tree is not None:
            for area in tree.areas:
                parent = self._areas.get(area.parent_id) if area.parent_id else self.root
                node = Node(area, parent or self.root)
                node.parent.children.append(node)  # type: ignore[union-attr]
                self._areas[area.id] = node
            by_area: dict[int, Node] = self._areas
            for activity in tree.activities:
                owner = by_area.get(activity.area_id)
                if owner is None:
                    continue
                leaf = Node(activity, owner)
                # Activities come before the sub-areas of their area, as plans write them.
                owner.children.insert(sum(1 for c in owner.children if not c.is_area), leaf)
                self._activities[activity.id] = leaf
        self.endResetModel()

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

    def activities(self) -> list[ActivityRow]:
        return [n.row for n in self._activities.values() if isinstance(n.row, ActivityRow)]

    def areas(self) -> list[AreaRow]:
        return [n.row for n in self._areas.values() if isinstance(n.row, AreaRow)]

    def summary(self) -> str:
        """How many areas, activities and overdue ones the plan has, for under the tree."""
        activities = self.activities()
        late = sum(1 for a in activities if a.is_overdue(self.today))
        areas = len(self.areas())
        return ", ".join(
            [
                ngettext("{count} area", "{count} areas", areas).format(count=areas),
                ngettext("{count} activity", "{count} activities", len(activities)).format(
                    count=len(activities)
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
            return self._area_data(row, column, role)
        if isinstance(row, ActivityRow):
            return self._activity_data(row, column, role)
        return None

    def _area_data(self, area: AreaRow, column: Column, role: int) -> Any:
        if role == KEY_ROLE:
            return key_of(area)
        if column != Column.TITLE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return area.label
        if role == Qt.ItemDataRole.EditRole:
            return area.title
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return area.description or None
        return None

    def _activity_data(self, activity: ActivityRow, column: Column, role: int) -> Any:
        late = activity.is_overdue(self.today)
        if role == KEY_ROLE:
            return key_of(activity)
        if role == OVERDUE_ROLE:
            return late
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._activity_text(activity, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ForegroundRole:
            if late and column in (Column.TITLE, Column.DUE):
                return QBrush(OVERDUE_COLOUR)
            if column == Column.STATUS:
                return QBrush(STATUS_COLOURS[activity.status])
        if role == Qt.ItemDataRole.DecorationRole and late and column == Column.DUE:
            return self._warning_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            if late and column in (Column.TITLE, Column.DUE):
                return _("Overdue: due {date} and not done.").format(
                    date=format_iso_date(activity.due_date)
                )
            if column == Column.TITLE and activity.description:
                return activity.description
            if column == Column.DUE and activity.due_date_overridden:
                return _("Set by hand; the schedule says “{text}”.").format(
                    text=activity.schedule_text
                )
        if role == Qt.ItemDataRole.AccessibleTextRole and late and column == Column.DUE:
            return _("{date}, overdue").format(date=format_iso_date(activity.due_date))
        return None

    def _activity_text(self, activity: ActivityRow, column: Column, edit: bool) -> Any:
        if column == Column.TITLE:
            return activity.title if edit else " ".join(activity.title.split())
        if column == Column.RESPONSIBLE:
            return activity.responsible
        if column == Column.SCHEDULE:
            return activity.schedule_text
        if column == Column.DUE:
            text = format_iso_date(activity.due_date)
            return f"{text} ✎" if activity.due_date_overridden and not edit else text
        if column == Column.STATUS:
            return activity.status.value if edit else status_label(activity.status)
        if column == Column.PROGRESS:
            return activity.progress if edit else f"{activity.progress} %"
        if column == Column.FOLLOW_UP:
            return " ".join(activity.follow_up_method.split())
        return None

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            style = QApplication.style()
            self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning

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
        node.row = row
        number = node.number()
        self.dataChanged.emit(
            self.createIndex(number, 0, node), self.createIndex(number, len(Column) - 1, node)
        )
