"""One table model for every list of rows in the window: each column is a spec (header,
text, sort key, colours …), so a table says what it shows instead of repeating the Qt
plumbing (row and column counts, headers, roles, resets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex

# The same numbers in every table, so a page or test never asks the wrong model for them.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a sort proxy compares
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's database id
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the row itself

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_PLAIN = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_CHECKABLE = _PLAIN | Qt.ItemFlag.ItemIsUserCheckable


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@dataclass(frozen=True)
class ColumnSpec(Generic[RowT]):
    """What one column shows of a row. `header` is called each time it is shown, so the
    text follows the language; the optional parts give None (Qt's default) when unset."""

    header: Callable[[], str]
    display: Callable[[RowT], str]
    sort_key: Callable[[RowT], Any] | None = None  # default: the text, case folded
    alignment: Qt.AlignmentFlag | None = None
    tooltip: Callable[[RowT], str | None] | None = None
    foreground: Callable[[RowT], QColor | None] | None = None
    checked: Callable[[RowT], bool] | None = None  # a check box in the cell
    edit: Callable[[RowT], Any] | None = None  # the value an editor starts from


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows (read models from a service) × column specs. Subclasses add what is their own:
    edits (flags/setData), drag and drop, extra roles; a reload is `set_rows`.

    With a `batch`, the view is given that many rows at first and the next batch as it
    scrolls to the end (`canFetchMore`/`fetchMore`): a view sizing its columns to their
    contents asks every row it has for every cell, and a register of thousands of rows
    would be drawn as text in full before the page shows. All rows are held (cheap read
    models); only the view's rows are shown. Not for a model behind a sorting proxy, which
    would sort only the rows fetched.

    With `keep_cells`, what each cell gives per role is kept until the rows are set or
    replaced: a view sizing its columns to their contents asks every cell many times over,
    and a date through Babel is slow. Only for rows that change through those two."""

    def __init__(
        self,
        columns: Sequence[ColumnSpec[RowT]],
        row_id: Callable[[RowT], int | None],
        parent: QObject | None = None,
        *,
        batch: int | None = None,
        keep_cells: bool = False,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._row_id = row_id
        self._rows: list[RowT] = []
        self._batch = batch
        self._shown = 0  # how many of the rows the view has been given
        self._given: dict[tuple[int, int, int], Any] | None = {} if keep_cells else None

    def set_rows(self, rows: Sequence[RowT]) -> None:
        if self._given is not None:
            self._given.clear()
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = len(self._rows) if self._batch is None else min(self._batch, len(rows))
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.show_up_to(self._shown + (self._batch or len(self._rows)) - 1)

    def show_up_to(self, number: int) -> None:
        """The view is given every row up to row `number` (to select a row further down)."""
        end = min(number + 1, len(self._rows))
        if end > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, end - 1)
            self._shown = end
            self.endInsertRows()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, index: Index) -> RowT | None:
        return self._rows[index.row()] if index.isValid() else None

    def row_for(self, row_id: int) -> int | None:
        """The row number of the row with this id (given to the view now if it was not
        yet), None when there is no such row."""
        for number, row in enumerate(self._rows):
            if self._row_id(row) == row_id:
                self.show_up_to(number)
                return number
        return None

    def replace_row(self, number: int, row: RowT) -> None:
        """A fresher copy of one row (saved in place), redrawn without a reset."""
        if self._given is not None:
            self._given.clear()
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self._batch is None else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header() if 0 <= section < len(self._columns) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        # What QAbstractTableModel gives, made once: a view asks for every cell it paints.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._columns[index.column()].checked is not None:
            return _CHECKABLE
        return _PLAIN

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self._given is None:
            return self.given(index, role)
        key = (index.row(), index.column(), role)
        if key not in self._given:
            self._given[key] = self.given(index, role)
        return self._given[key]

    def given(self, index: Index, role: int) -> Any:
        """What the valid `index` gives for `role` (a subclass's own roles go here)."""
        return self.cell(self._rows[index.row()], self._columns[index.column()], role)

    def cell(self, row: RowT, spec: ColumnSpec[RowT], role: int) -> Any:
        """What `spec` gives of `row` for `role`."""
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return spec.display(row)
            case Qt.ItemDataRole.EditRole:
                return spec.edit(row) if spec.edit else None
            case Qt.ItemDataRole.ToolTipRole:
                return spec.tooltip(row) if spec.tooltip else None
            case Qt.ItemDataRole.ForegroundRole:
                return spec.foreground(row) if spec.foreground else None
            case Qt.ItemDataRole.TextAlignmentRole:
                return int(spec.alignment) if spec.alignment is not None else None
            case Qt.ItemDataRole.CheckStateRole if spec.checked is not None:
                return Qt.CheckState.Checked if spec.checked(row) else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return spec.sort_key(row) if spec.sort_key else spec.display(row).casefold()
        if role == ID_ROLE:
            return self._row_id(row)
        if role == ROW_ROLE:
            return row
        return None
