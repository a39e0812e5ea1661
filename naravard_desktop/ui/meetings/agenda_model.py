"""The agenda as a table: § number, planned start, title, minutes; rows can be dragged to a
new place (the model only asks for the move, the panel saves it)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, format_time
from naravard_desktop.services.meetings.agenda import ItemData

ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
MIME_TYPE = "application/x-naravard-agenda-item"

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PARAGRAPH = 0
    START = 1
    TITLE = 2
    MINUTES = 3


def _headers() -> dict[Column, str]:
    return {
        Column.PARAGRAPH: "§",
        Column.START: _("Start"),
        Column.TITLE: _("Item"),
        Column.MINUTES: _("Min"),
    }


class AgendaModel(QAbstractTableModel):
    move_requested = Signal(int, int)  # item id, new position

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemData] = []
        self._headers = _headers()
        self.locked = False

    def set_items(self, items: list[ItemData]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def _untimed(self) -> bool:
        return all(item.planned_minutes is None for item in self._rows)

    def replace_item(self, item: ItemData) -> None:
        """A fresher copy of a row (notes and decisions saved meanwhile)."""
        row = self.row_for(item.id)
        if row is not None:
            self._rows[row] = item
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def items(self) -> list[ItemData]:
        return list(self._rows)

    def row_for(self, item_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == item_id:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case Column.PARAGRAPH:
                    return f"§ {row.paragraph}"
                case Column.START:
                    # No minutes anywhere: every item would "start" at the meeting's start.
                    if row.planned_start is None or self._untimed():
                        return ""
                    return format_time(row.planned_start)
                case Column.TITLE:
                    return row.title
                case Column.MINUTES:
                    return str(row.planned_minutes) if row.planned_minutes else ""
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in (Column.START, Column.MINUTES):
            return QColor("#555555")
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE and row.decision:
            return _("Decision: {text}").format(text=row.decision[:300])
        return None

    # --- drag and drop --------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.locked:
            return flags
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(MIME_TYPE, QByteArray(str(self._rows[rows[0]].id).encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Asks for the move and returns False, so the view removes nothing itself."""
        if self.locked or action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        item_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        source = self.row_for(item_id)
        if source is None:
            return False
        if row < 0 and parent.isValid():  # dropped on an item: take its place
            new_position = parent.row()
        else:  # dropped between items (or below the last one)
            target = row if row >= 0 else len(self._rows)
            new_position = target - 1 if target > source else target
        if new_position != source:
            self.move_requested.emit(item_id, new_position)
        return False
