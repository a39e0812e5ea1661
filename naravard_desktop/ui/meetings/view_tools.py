"""Small view helpers: a busy cursor for work that takes a moment, compact table rows, a row
made current."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QTableView


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    QApplication.processEvents()  # let the cursor appear before the work blocks the loop
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def compact_rows(table: QTableView) -> None:
    """Rows as high as a line of text plus a little air (the default is roomier)."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def make_current(table: QTableView, index: QModelIndex, *, scroll: bool = True) -> None:
    """`index`'s row becomes the one current, selected row (the keyboard goes on from it)."""
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    if scroll:
        table.scrollTo(index)
