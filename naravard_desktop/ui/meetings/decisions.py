"""The decision register: every decision across the group's meetings (date, §, title,
decision) with year and text filters, and a full-text search over agenda titles, notes and
decisions whose results open the meeting at the item."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date, ngettext
from naravard_desktop.services.meetings import decisions
from naravard_desktop.services.meetings.read_models import DecisionRow, SearchHit
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.meetings.view_tools import compact_rows
from naravard_desktop.ui.table_model import ROW_ROLE, ColumnSpec, RowTableModel
from naravard_desktop.ui.theme import heading as style_heading

HORIZONTAL = Qt.Orientation.Horizontal
FILTER_DELAY_MS = 250
# Rows given to the table at a time: more than a screenful, far fewer than ten years of
# decisions (the columns are sized to the rows the table has).
BATCH = 50


class Column(IntEnum):
    DATE = 0
    PARAGRAPH = 1
    TITLE = 2
    TEXT = 3  # the decision, or the text around a search hit


Result = DecisionRow | SearchHit


def _text(row: Result) -> str:
    return row.decision if isinstance(row, DecisionRow) else row.snippet


class ResultsModel(RowTableModel[Result]):
    """Decisions or search hits: both have a date, a §, a title and a text."""

    def __init__(self, text_header: str, parent: QObject | None = None) -> None:
        columns: list[ColumnSpec[Result]] = [
            ColumnSpec(lambda: _("Date"), lambda r: format_iso_date(r.held_on)),
            ColumnSpec(lambda: "§", lambda r: f"§ {r.paragraph}"),
            ColumnSpec(lambda: _("Item"), lambda r: r.title),
            ColumnSpec(lambda: text_header, lambda r: " ".join(_text(r).split()), tooltip=_text),
        ]
        super().__init__(columns, lambda r: r.item_id, parent, batch=BATCH, keep_cells=True)


def _table(name: str, model: ResultsModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    compact_rows(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
    # The date and § as wide as their widest text, worked out once: a column sized to its
    # contents measures every row again at each new search or filter.
    for column, widest in ((Column.DATE, "2099-12-31"), (Column.PARAGRAPH, "§ 9999")):
        heading = header.fontMetrics().horizontalAdvance(str(model.headerData(column, HORIZONTAL)))
        text = table.fontMetrics().horizontalAdvance(widest)
        table.setColumnWidth(column, max(heading, text) + _cell_margin(table))
    return table


def _cell_margin(table: QTableView) -> int:
    """What a cell adds to its text's width (the delegate's margins, the grid line)."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    return 2 * (margin + 1) + 1 + 8


def _fit_titles(table: QTableView, rows: Sequence[Result]) -> None:
    """The title column as wide as the longest title of the rows shown, between 260 and
    420 px, so the decision text keeps most of the room (a longer title shows whole as a
    tooltip). Measured from the titles, not by asking the view for each cell's size."""
    shown = rows[: table.model().rowCount()]
    metrics = table.fontMetrics()
    width = max((metrics.horizontalAdvance(row.title) for row in shown), default=0)
    table.setColumnWidth(Column.TITLE, max(260, min(width + _cell_margin(table), 420)))


class DecisionsPage(QWidget):
    item_requested = Signal(int, int)  # meeting id, agenda item id

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id

        heading = QLabel(_("Decisions"))
        style_heading(heading)  # larger than the system's font
        self.year = QComboBox()
        self.year.setObjectName("decisions_year")
        self.year.currentIndexChanged.connect(lambda _index: self.reload())
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        self.filter = QLineEdit()
        self.filter.setObjectName("decisions_filter")
        self.filter.setPlaceholderText(_("Filter by title or decision …"))
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.decisions_model = ResultsModel(_("Decision"), self)
        self.decisions_table = _table("decisions_table", self.decisions_model)
        self.decisions_table.setAccessibleName(_("Decision register"))
        self.decisions_table.activated.connect(self._open)
        self.count_label = QLabel()

        register = QWidget()
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.filter, 1)
        register_layout = QVBoxLayout(register)
        register_layout.addLayout(top)
        register_layout.addWidget(self.decisions_table, 1)
        register_layout.addWidget(self.count_label)

        self.search = QLineEdit()
        self.search.setObjectName("protocol_search")
        self.search.setPlaceholderText(
            _("Words in titles, notes or decisions of all protocols; Enter searches")
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.hits_model = ResultsModel(_("Found in"), self)
        self.hits_table = _table("search_results", self.hits_model)
        self.hits_table.activated.connect(self._open)
        self.hits_label = QLabel(_("Open a result with Enter or a double-click."))
        searching = QWidget()
        search_layout = QVBoxLayout(searching)
        search_layout.addWidget(self.search)
        search_layout.addWidget(self.hits_table, 1)
        search_layout.addWidget(self.hits_label)

        self.tabs = QTabWidget()
        self.tabs.addTab(register, _("Decision register"))
        self.tabs.addTab(searching, _("Search the protocols"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self._fill_years()
        self._just_read = JustRead(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._just_read.take():  # not read again as the page is first shown
            self._fill_years()

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        try:
            years = decisions.decision_years(self.db, self.group_id)
        except DomainError as error:
            show_error(self, error)
            return
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)))
        self.year.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self._filter_timer.stop()
        try:
            rows = decisions.list_decisions(
                self.db, self.group_id, year=self.year.currentData(), text=self.filter.text()
            )
        except DomainError as error:
            show_error(self, error)
            return
        self.decisions_model.set_rows(rows)
        _fit_titles(self.decisions_table, rows)
        self.count_label.setText(
            ngettext("{count} decision", "{count} decisions", len(rows)).format(count=len(rows))
        )

    def run_search(self) -> None:
        words = self.search.text()
        try:
            hits = decisions.search_items(self.db, self.group_id, words)
        except DomainError as error:
            show_error(self, error)
            return
        self.hits_model.set_rows(hits)
        _fit_titles(self.hits_table, hits)
        if not words.strip():
            self.hits_label.setText(_("Write what to search for."))
        elif not hits:
            self.hits_label.setText(_("Nothing found for “{words}”.").format(words=words.strip()))
        else:
            self.hits_label.setText(
                ngettext(
                    "{count} item found; open it with Enter or a double-click.",
                    "{count} items found; open one with Enter or a double-click.",
                    len(hits),
                ).format(count=len(hits))
            )
            self.hits_table.selectRow(0)
            self.hits_table.setFocus()

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, DecisionRow | SearchHit):
            self.item_requested.emit(row.meeting_id, row.item_id)
