"""The whole text of a table or tree cell that does not fit, as its tooltip.

Columns are sized to their content, but a narrow window still cuts long texts ("Ta fram
förslag p…"). One event filter shows the full text of such a cell when the mouse rests on it,
followed by the model's own tooltip when it has one. It watches the item views' viewports
only: a page's as the page is built (`show_cut_cells`), a dialog's or any other window's as
the focus enters it (`install_elided_tooltips`). Installed on the whole application it was
handed every event of every widget, a quarter of a group switch's time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QToolTip, QWidget


def cut_text(view: QAbstractItemView, row: int, column: int) -> str | None:
    """The display text of a cell when it is wider than the cell shows, else None."""
    model = view.model()
    if model is None:
        return None
    return cell_cut_text(view, model.index(row, column, view.rootIndex()))


def cell_cut_text(
    view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex
) -> str | None:
    if not index.isValid():
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text.strip():
        return None
    shown = view.visualRect(index)
    if shown.width() <= 0 or view.sizeHintForIndex(index).width() <= shown.width():
        return None
    if getattr(view, "wordWrap", lambda: False)():
        # Wrapped over several lines: cut only when the lines need more height than the row.
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        room = shown.adjusted(0, 0, -margin, 0)
        lines = view.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, text)
        if lines.width() <= room.width() and lines.height() <= shown.height():
            return None
    return text


class ElidedCellToolTips(QObject):
    """Answers tooltip requests on item views' viewports with the cut cell's whole text."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(watched, QWidget):
            return False
        view = watched.parent()
        if not isinstance(view, QAbstractItemView) or watched is not view.viewport():
            return False
        assert isinstance(event, QHelpEvent)
        index = view.indexAt(event.pos())
        text = cell_cut_text(view, index)
        if text is None:
            return False  # the model's own tooltip, if any, is shown as usual
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        if own and text not in str(own):
            text = f"{text}\n\n{own}"  # the whole text first, then what the model adds
        elif own:
            text = str(own)
        QToolTip.showText(event.globalPos(), text, watched, view.visualRect(index))
        return True


_filters: list[ElidedCellToolTips] = []  # one for the application, made on first need
_hooked: list[QApplication] = []


def show_cut_cells(root: QWidget) -> None:
    """Every item view in `root` (and `root`, when it is one) shows a cut cell's whole text
    as its tooltip. Call it once the views are made; calling it again does no harm."""
    if not _filters:
        _filters.append(ElidedCellToolTips(QApplication.instance()))
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    for view in views:
        view.viewport().installEventFilter(_filters[0])  # installed once however often asked


def install_elided_tooltips() -> None:
    """Once per application: the views of each window the focus enters (a dialog as it
    opens) show cut cells whole; only a focus change crosses into Python for it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or _hooked:
        return
    _hooked.append(app)
    app.focusChanged.connect(_focus_moved)


def _focus_moved(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        show_cut_cells(new.window())
