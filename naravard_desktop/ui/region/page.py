"""The region overview page (Regionöversikt): every group the user may open in one table, for
a year they choose; Enter or a double click on a group asks the window to switch to it.

The figures are read when the page is shown (and when the year changes), not when the window
is built: a window on one group should open as fast with a region behind it as without."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.group import region
from naravard_desktop.services.group.read_models import RegionOverview
from naravard_desktop.services.sip.read_models import suppression_note
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import buddy_label, named
from naravard_desktop.ui.region.model import RegionModel, sip_text
from naravard_desktop.ui.table_model import ID_ROLE
from naravard_desktop.ui.theme import heading as style_heading


class RegionPage(QWidget):
    group_requested = Signal(int)  # the group's id: the window switches to it

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.data: RegionOverview | None = None
        heading = QLabel(_("Region overview"))
        style_heading(heading)  # larger than the system's font
        this_year = dt.date.today().year
        self.year = named(
            QSpinBox,
            "region_year",
            minimum=2000,
            maximum=2100,
            value=this_year,
            keyboardTracking=False,  # a year typed is read once, not at each digit
        )
        self.year.valueChanged.connect(lambda _year: self.refresh())
        self.model = RegionModel(lambda: self.data.sip_names if self.data else region.sip_names())
        self.model.current_group = group_id
        self.table = named(
            QTableView,
            "region_table",
            selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
            selectionMode=QAbstractItemView.SelectionMode.SingleSelection,
            editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers,
            alternatingRowColors=True,
            wordWrap=False,
        )
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths from the headers and the first rows, once a load: measuring all of a
        # region's rows on every change costs more than reading them.
        header.setResizeContentsPrecision(40)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._open)
        self.hint = named(QLabel, "region_hint", wordWrap=True)
        self.totals = named(QLabel, "region_totals", wordWrap=True)
        self.note = named(QLabel, "region_note", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(buddy_label(_("&Year:"), self.year))
        top.addWidget(self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.note)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        try:
            data = region.region_overview(self.db, self.year.value())
        except DomainError as error:
            show_error(self, error)
            return
        self.data = data
        chosen = self.table.currentIndex().data(ID_ROLE) or self.group_id  # kept on a reload
        self.model.set_rows(data.groups)
        self.table.resizeColumnsToContents()
        self.hint.setText(
            _(
                "Meetings and SIP totals of {year}; plan progress is the current plan's; "
                "overdue activities and protocols awaiting approval as of today. Press Enter "
                "on a group to open it."
            ).format(year=data.year)
        )
        totals = ", ".join(
            f"{name} {sip_text(total) or '–'}"
            for name, total in zip(data.sip_names, data.sip_totals, strict=True)
        )
        self.totals.setText(_("The region's SIP totals: {totals}").format(totals=totals))
        self.note.setText(suppression_note(data.suppress_below, *data.hidden_counts))
        self.note.setVisible(data.suppress_below is not None)
        row = self.model.row_for(chosen)
        if row is not None:
            self.table.selectRow(row)

    def _open(self, index: QModelIndex) -> None:
        group_id = index.data(ID_ROLE)
        if group_id is not None:
            self.group_requested.emit(int(group_id))
