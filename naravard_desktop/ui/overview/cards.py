"""The overview's building blocks: a card (a headed section with a sentence saying how much
there is, or that there is nothing), and a list of entries each leading to the place to act
(a click, or Enter on the keyboard)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.ui import theme

# Rows shown before an entry list scrolls by itself (the page scrolls as a whole).
MAX_ROWS = 10
PAYLOAD = Qt.ItemDataRole.UserRole


class Card(QFrame):
    """A section of the overview: its heading, a summary sentence, then its body. The frame
    and its background come from the palette, so a dark palette gives a dark card."""

    def __init__(self, name: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#{name} {{ background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        self.heading = QLabel(heading)
        self.heading.setObjectName(f"{name}_heading")
        theme.heading(self.heading, 1.15)
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}_summary")
        self.summary.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.summary)

    def say(self, text: str, *, warn: bool = False, colour: QColor | None = None) -> None:
        """The summary sentence, in the overdue colour when it warns."""
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"color: {colour.name()}; font-weight: 600;" if warn and colour is not None else ""
        )


class _Wrapping(QStyledItemDelegate):
    """A cell's height as its text needs wrapped at its column's width (a tree's own row
    heights take no notice of the column's width)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        header = self.view.header()
        if header.sectionResizeMode(index.column()) == QHeaderView.ResizeMode.Stretch:
            # A valid rectangle (height too), or the style measures the text unwrapped; the
            # columns sized to their contents are measured unwrapped.
            option.rect = QRect(0, 0, header.sectionSize(index.column()), 1)
        return super().sizeHint(option, index)


class EntryList(QTreeWidget):
    """Rows of columns, each row leading somewhere: `chosen` carries the row's payload when
    it is clicked or Enter (or Space) is pressed on it. A row without a payload is a group's
    heading (an owner of action items), spanning the columns. Tall enough for its rows up to
    MAX_ROWS, then it scrolls."""

    chosen = Signal(object)

    def __init__(
        self,
        name: str,
        accessible: str,
        headers: Sequence[str],
        *,
        due_column: int = -1,
        stretch: Sequence[int] = (0,),
    ) -> None:
        super().__init__()
        self.due_column = due_column % len(headers)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setColumnCount(len(headers))
        self.setHeaderLabels(list(headers))
        self.setRootIsDecorated(False)
        self.setWordWrap(True)  # a long activity on two lines rather than cut
        self.setItemDelegate(_Wrapping(self))
        self.setAlternatingRowColors(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(len(headers)):
            mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column in stretch else mode
            )
        self.itemClicked.connect(self._choose)
        # Once after the columns have settled, not at each of their resizes.
        self._fitting = QTimer(self, singleShot=True, interval=0)
        self._fitting.timeout.connect(self._fit)
        header.sectionResized.connect(lambda *_sizes: self._fitting.start())

    def set_rows(self, rows: Sequence[tuple[Sequence[str], object, QColor | None]]) -> None:
        """Replace the rows: (cells, payload or None for a heading, colour of the due
        column's cell or None). Added at once, so the columns are measured once."""
        self.clear()
        items = []
        for cells, payload, colour in rows:
            item = QTreeWidgetItem(list(cells))
            item.setToolTip(0, cells[0])
            if payload is None:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setData(0, PAYLOAD, payload)
            if colour is not None:
                item.setForeground(self.due_column, colour)
            items.append(item)
        self.addTopLevelItems(items)
        for row, (_cells, payload, _colour) in enumerate(rows):
            if payload is None:
                self.setFirstColumnSpanned(row, self.rootIndex(), True)
        self._fit()

    def _fit(self) -> None:
        """As tall as the first MAX_ROWS rows, wrapped at the columns' present widths."""
        self.scheduleDelayedItemsLayout()  # the rows' heights again, at the new widths
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        model = self.model()
        rows = 0
        for row in range(min(self.topLevelItemCount(), MAX_ROWS)):
            heights = [
                delegate.sizeHint(option, model.index(row, column)).height()
                for column in range(self.columnCount())
            ]
            rows += max(heights)
        header = 0 if self.isHeaderHidden() else self.header().sizeHint().height()
        self.setFixedHeight(header + rows + 2 * self.frameWidth() + 2)

    def _choose(self, item: QTreeWidgetItem) -> None:
        payload = item.data(0, PAYLOAD)
        if payload is not None:
            self.chosen.emit(payload)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        item = self.currentItem()
        if event.key() in keys and item is not None:
            self._choose(item)
            return
        super().keyPressEvent(event)
