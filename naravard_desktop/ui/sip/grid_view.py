"""The entry grid's view: typed like a spreadsheet. Digits start editing, Enter moves down,
Tab moves right, arrow keys move, Delete empties the selection, Ctrl+V pastes a block copied
from Excel and Ctrl+C copies the selection the same way."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.ui.sip.grid_model import SipGridModel

EndHint = QAbstractItemDelegate.EndEditHint


class SipGridView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sip_grid")
        self.setAccessibleName(_("SIP counts"))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setDefaultSectionSize(96)
        horizontal.setMinimumHeight(44)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit_columns)
            model.headerDataChanged.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every column at least as wide as its heading ("Kommunen / Barn och unga")."""
        header = self.horizontalHeader()
        for column in range(header.count()):
            wanted = max(header.defaultSectionSize(), header.sectionSizeHint(column))
            if header.sectionSize(column) < wanted:
                header.resizeSection(column, wanted)

    def grid_model(self) -> SipGridModel:
        model = self.model()
        assert isinstance(model, SipGridModel)
        return model

    def selected_cells(self) -> list[tuple[int, int]]:
        cells = [(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()]
        if not cells and self.currentIndex().isValid():
            cells = [(self.currentIndex().row(), self.currentIndex().column())]
        return sorted(cells)

    def move_to(self, row: int, column: int) -> None:
        model = self.model()
        row = max(0, min(row, model.rowCount() - 1))
        column = max(0, min(column, model.columnCount() - 1))
        self.setCurrentIndex(model.index(row, column))
        self.selectionModel().select(
            model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                QGuiApplication.clipboard().setText(
                    self.grid_model().copy_text(self.selected_cells())
                )
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.grid_model().clear(self.selected_cells())
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
                step = -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
                self.move_to(current.row() + step, current.column())
                return
        super().keyPressEvent(event)

    def paste(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        self.grid_model().paste(current.row(), current.column(), QGuiApplication.clipboard().text())

    def commit_editing(self) -> None:
        """Save the cell being typed, before the period or the page changes under it (a reset
        of the model would close the editor and throw the typed count away)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            super().closeEditor(editor, EndHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: EndHint) -> None:
        """Enter commits and moves down, Tab and Shift+Tab commit and move sideways without
        opening the next editor, as in a spreadsheet."""
        current: QModelIndex = self.currentIndex()
        super().closeEditor(editor, EndHint.NoHint)
        if not current.isValid():
            return
        if hint == EndHint.SubmitModelCache:
            self.move_to(current.row() + 1, current.column())
        elif hint == EndHint.EditNextItem:
            self.move_to(current.row(), current.column() + 1)
        elif hint == EndHint.EditPreviousItem:
            self.move_to(current.row(), current.column() - 1)
