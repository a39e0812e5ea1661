"""The agenda as a table: § number, planned start, title, minutes; rows can be dragged to a
new place (the model only asks for the move, the panel saves it)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, format_time
from naravard_desktop.services.meetings.read_models import ItemData
from naravard_desktop.ui.table_model import RIGHT, ROW_ROLE, ColumnSpec, Index, RowTableModel

__all__ = ["MIME_TYPE", "ROW_ROLE", "AgendaModel", "Column"]

MIME_TYPE = "application/x-naravard-agenda-item"
TIMING_COLOUR = QColor("#555555")


class Column(IntEnum):
    PARAGRAPH = 0
    START = 1
    TITLE = 2
    MINUTES = 3


def _decision_tooltip(row: ItemData) -> str | None:
    return _("Decision: {text}").format(text=row.decision[:300]) if row.decision else None


class AgendaModel(RowTableModel[ItemData]):
    move_requested = Signal(int, int)  # item id, new position

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[ColumnSpec[ItemData]] = [
            ColumnSpec(lambda: "§", lambda r: f"§ {r.paragraph}", alignment=RIGHT),
            ColumnSpec(
                lambda: _("Start"),
                self._start,
                alignment=RIGHT,
                foreground=lambda r: TIMING_COLOUR,
            ),
            ColumnSpec(lambda: _("Item"), lambda r: r.title, tooltip=_decision_tooltip),
            ColumnSpec(
                lambda: _("Min"),
                lambda r: str(r.planned_minutes) if r.planned_minutes else "",
                alignment=RIGHT,
                foreground=lambda r: TIMING_COLOUR,
            ),
        ]
        super().__init__(columns, lambda r: r.id, parent)
        self.locked = False

    def set_items(self, items: list[ItemData]) -> None:
        self.set_rows(items)

    def _untimed(self) -> bool:
        return all(item.planned_minutes is None for item in self._rows)

    def _start(self, row: ItemData) -> str:
        # No minutes anywhere: every item would "start" at the meeting's start.
        if row.planned_start is None or self._untimed():
            return ""
        return format_time(row.planned_start)

    def replace_item(self, item: ItemData) -> None:
        """A fresher copy of a row (notes and decisions saved meanwhile)."""
        row = self.row_for(item.id)
        if row is not None:
            self.replace_row(row, item)

    def items(self) -> list[ItemData]:
        return self.rows()

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
