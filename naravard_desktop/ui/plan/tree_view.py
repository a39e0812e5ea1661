"""The plan's tree/table on screen: every column beside the side panel, rows selected whole,
edited in place (status and progress through the delegate) and dragged to reorder."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QStyle,
    QTreeView,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.ui.plan.delegate import StatusDelegate
from naravard_desktop.ui.plan.filters import PlanFilter
from naravard_desktop.ui.plan.model import HEADERS, Column


def plan_tree_view(proxy: PlanFilter) -> QTreeView:
    tree = QTreeView()
    tree.setObjectName("plan_tree")
    tree.setAccessibleName(_("Activities"))
    tree.setModel(proxy)
    tree.setItemDelegate(StatusDelegate(tree))
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(
        QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
    )
    tree.setAlternatingRowColors(True)
    # Drag to reorder (drag_drop.py), besides Alt+Up/Down and Ctrl+M.
    tree.setDragEnabled(True)
    tree.setAcceptDrops(True)
    tree.setDropIndicatorShown(True)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setUniformRowHeights(True)
    # Every column on screen beside the side panel: the title takes what the others
    # leave, the short ones fit their text, long cells show whole as a tooltip.
    header = tree.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(60)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
    for column, width in (
        (Column.RESPONSIBLE, 130),
        (Column.SCHEDULE, 110),
        (Column.FOLLOW_UP, 100),
        *short_column_widths(tree).items(),
    ):
        tree.setColumnWidth(column, width)
    return tree


def short_column_widths(tree: QTreeView) -> dict[Column, int]:
    """The due date, status and progress as wide as their widest possible text (their texts
    are few and known), rather than fitted to the rows: fitting measures every row shown at
    each change, most of opening a plan of a few hundred activities."""
    cell, head = tree.fontMetrics(), tree.header().fontMetrics()
    style = tree.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree) + 2 * margin
    dates = (dt.date(2088, 8, 28), dt.date(2000, 10, 30), dt.date(2024, 12, 31))
    texts = {
        Column.DUE: [f"{format_iso_date(day)} ✎" for day in dates],
        Column.STATUS: [status_label(status) for status in ActivityStatus],
        Column.PROGRESS: ["100 %"],
    }
    return {
        column: max(
            max(cell.horizontalAdvance(text) for text in shown)
            + margin
            + (icon if column == Column.DUE else 0),  # the overdue warning beside the date
            head.horizontalAdvance(HEADERS[column]()) + 3 * margin,
        )
        + margin
        for column, shown in texts.items()
    }


def set_current_row(tree: QTreeView, index: QModelIndex) -> None:
    """Make the row of `index` the current and only selected one."""
    tree.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def beside_panel(tree: QTreeView, panel: QWidget) -> QSplitter:
    """The tree with the side panel at its right, in a scroll area so that a small window
    can still show the whole form."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setAccessibleName(_("The chosen area or activity"))
    scroll.setWidget(panel)
    splitter = QSplitter()
    splitter.addWidget(tree)
    splitter.addWidget(scroll)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([900, 340])
    return splitter
