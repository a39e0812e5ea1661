"""Inline editors of the plan tree: status as a list to pick from, progress as 0–100 %."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from naravard_desktop.ui.forms import select_data, status_combo
from naravard_desktop.ui.plan.model import Column

Index = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    """Status as a list to pick from, progress as 0–100 %."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == Column.STATUS:
            return status_combo(parent=parent)
        if index.column() == Column.PROGRESS:
            return QSpinBox(parent, minimum=0, maximum=100, suffix=" %")
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            select_data(editor, index.data(Qt.ItemDataRole.EditRole))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
