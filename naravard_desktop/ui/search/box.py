"""The search box (Ctrl+K): one line over the window that finds the group's meetings, agenda
items, decisions, action items, plan activities and members as one types, grouped by kind.

The focus stays in the line: the arrow keys move through the hits (past the headings), Enter
opens the one chosen (the first, before any is chosen) and Escape closes the box. It searches
once typing pauses (SEARCH_DELAY_MS), or at once on Enter; services/search/everywhere.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.search.everywhere import cleaned_query, search_everywhere
from naravard_desktop.services.search.read_models import Found
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.search.results import ROW_ROLE, ResultDelegate, ResultsModel

SEARCH_DELAY_MS = 150
WIDTH = 680  # px, or the window's width less a margin when it is narrower
HEIGHT = 520
TOP = 48  # px from the top of the window
PAGE_STEP = 5  # hits a Page Up or Page Down moves
_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: PAGE_STEP,
    Qt.Key.Key_PageUp: -PAGE_STEP,
}


class SearchBox(QDialog):
    """Opens a hit by calling `open_found` with it after the box has closed."""

    def __init__(
        self,
        db: Database,
        group_id: int,
        open_found: Callable[[Found], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.db = db
        self.group_id = group_id
        self._open_found = open_found
        self._searched = ""
        self.setObjectName("search_everywhere")
        self.setWindowTitle(_("Search everywhere"))
        self.setAccessibleName(_("Search everywhere"))

        self.query = QLineEdit()
        self.query.setObjectName("search_everywhere_query")
        self.query.setAccessibleName(_("Search everywhere"))
        self.query.setPlaceholderText(
            _("Search meetings, items, decisions, action items, activities and members …")
        )
        self.query.setClearButtonEnabled(True)
        larger = self.query.font()  # a third larger than the system font, whatever its size
        larger.setPointSizeF(larger.pointSizeF() * 1.3)
        self.query.setFont(larger)
        self.query.setTextMargins(4, 4, 4, 4)
        self.query.installEventFilter(self)
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("search_everywhere_results")
        self.results.setAccessibleName(_("Hits"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setUniformItemSizes(False)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)  # one click, as in a menu
        self.status = QLabel()
        self.status.setObjectName("search_everywhere_status")
        self.status.setStyleSheet("color: palette(placeholder-text); padding: 2px 4px;")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())

        frame = QFrame()
        frame.setObjectName("search_everywhere_frame")
        # A popup has no frame of its own: a border sets it off from the page under it.
        frame.setStyleSheet(
            "QFrame#search_everywhere_frame { border: 1px solid palette(mid);"
            " border-radius: 6px; background: palette(window); }"
        )
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(10, 10, 10, 8)
        inner.setSpacing(8)
        inner.addWidget(self.query)
        inner.addWidget(self.results, 1)
        inner.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self._say_what_to_do()

    def place_over(self, window: QWidget) -> None:
        """Centred near the top of `window`, as wide as fits."""
        width = min(WIDTH, max(320, window.width() - 40))
        height = min(HEIGHT, max(240, window.height() - TOP - 20))
        self.resize(width, height)
        top_left = window.mapToGlobal(window.rect().topLeft())
        self.move(top_left.x() + (window.width() - width) // 2, top_left.y() + TOP)

    # --- searching ------------------------------------------------------------------------

    def run_search(self) -> None:
        """Search for what is typed now (unless that was the last search) and show the hits,
        the first one chosen."""
        self._timer.stop()
        words = self.query.text()
        if words == self._searched:
            return
        self._searched = words
        try:
            groups = search_everywhere(self.db, self.group_id, words)
        except DomainError as error:
            show_error(self, error)
            return
        self.model.set_groups(groups)
        if not cleaned_query(words):
            self._say_what_to_do()
        elif not groups:
            self.status.setText(_("Nothing found for “{words}”.").format(words=words.strip()))
        else:
            self.status.setText(_("↑ and ↓ choose, Enter opens, Esc closes."))
            self._move(1)

    def _say_what_to_do(self) -> None:
        self.status.setText(_("Type at least two letters; Esc closes."))

    # --- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The line's arrow keys, Page Up/Down and Enter act on the hits."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _MOVES:
                self.run_search()
                self._move(_MOVES[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_search()
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        """Choose the hit `step` hits on from the one chosen (the first with none chosen),
        stopping at the first and the last; headings are passed over."""
        rows = [r for r in range(self.model.rowCount()) if self._is_hit(r)]
        if not rows:
            return
        current = self.results.currentIndex().row()
        place = rows.index(current) + step if current in rows else 0
        place = max(0, min(len(rows) - 1, place))
        index = self.model.index(rows[place], 0)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)
        if place == 0:  # the heading above the first hit too
            self.results.scrollToTop()

    def _is_hit(self, row: int) -> bool:
        return isinstance(self.model.index(row, 0).data(ROW_ROLE), Found)

    def _open_index(self, index: QModelIndex) -> None:
        found = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(found, Found) and self.isVisible():  # a click may also activate
            self.accept()
            self._open_found(found)


def open_search_box(
    window: QWidget, db: Database, group_id: int, open_found: Callable[[Found], None]
) -> SearchBox:
    """The box shown over `window`, its line ready for typing."""
    box = SearchBox(db, group_id, open_found, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.place_over(window)
    box.show()
    box.activateWindow()
    box.query.setFocus()
    return box
