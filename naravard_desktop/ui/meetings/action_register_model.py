"""The action register's table: what, who, due (red when overdue), done (a check box that
asks for the change), the meeting and §, and the plan activity. Rows are given to the view
50 at a time; a click on a heading sorts all the rows here, not only those given, which a
sorting proxy in front of a batched model would do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.meetings.action_register import is_overdue, status_label
from naravard_desktop.services.meetings.read_models import ActionData, ActionRegister
from naravard_desktop.services.plan.read_models import SEPARATOR
from naravard_desktop.ui.meetings.actions import LATE_COLOUR
from naravard_desktop.ui.table_model import SORT_ROLE, ColumnSpec, Index, RowTableModel

BATCH = 50  # rows given to the view at a time: more than a screenful


class Column(IntEnum):
    WHAT = 0
    WHO = 1
    DUE = 2
    DONE = 3
    MEETING = 4
    PARAGRAPH = 5
    ACTIVITY = 6


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ActionRegisterModel(RowTableModel[ActionData]):
    done_toggled = Signal(int, bool)  # action id, done

    def __init__(self, parent: QObject | None = None) -> None:
        self.today = dt.date.today()
        self._activities: dict[int, str] = {}
        self._order: tuple[int, Qt.SortOrder] | None = None  # column, order; None: as read
        self._unsorted: list[ActionData] = []
        columns: list[ColumnSpec[ActionData]] = [
            ColumnSpec(lambda: _("What"), lambda r: _one_line(r.what), tooltip=lambda r: r.what),
            ColumnSpec(lambda: _("Who"), lambda r: r.who),
            ColumnSpec(
                lambda: _("Due"),
                lambda r: format_iso_date(r.due_on),
                sort_key=lambda r: (r.due_on is None, r.due_on or dt.date.min),
                tooltip=lambda r: status_label(r, self.today),
                foreground=self._late,
            ),
            ColumnSpec(
                lambda: _("Done"),
                lambda r: format_iso_date(r.done_on) if r.done else "",
                sort_key=lambda r: (r.done, r.done_on or dt.date.min),
                checked=lambda r: r.done,
            ),
            ColumnSpec(
                lambda: _("Meeting"),
                lambda r: format_iso_date(r.meeting_on),
                sort_key=lambda r: (r.meeting_on, r.paragraph),
            ),
            ColumnSpec(
                lambda: "§",
                lambda r: f"§ {r.paragraph}",
                sort_key=lambda r: (r.meeting_on, r.paragraph),
            ),
            # The activity itself; the plan and area are in the tooltip.
            ColumnSpec(
                lambda: _("Plan activity"),
                lambda r: self.activity(r).rpartition(SEPARATOR)[2],
                tooltip=lambda r: self.activity(r) or None,
            ),
        ]
        super().__init__(columns, lambda r: r.id, parent, batch=BATCH, keep_cells=True)

    def show_register(
        self, register: ActionRegister, rows: Sequence[ActionData], today: dt.date
    ) -> None:
        """`rows` of `register`, sorted as the user last chose (else in the register's order)."""
        self.today = today
        self._activities = dict(register.activities)
        self._unsorted = list(rows)
        self._set_sorted()

    def activity(self, row: ActionData) -> str:
        return self._activities.get(row.activity_id, "") if row.activity_id is not None else ""

    def _late(self, row: ActionData) -> QColor | None:
        return LATE_COLOUR if is_overdue(row, self.today) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        self._set_sorted()

    def _set_sorted(self) -> None:
        rows = self._unsorted
        if self._order is not None:
            column, order = self._order
            spec = self._columns[column]
            rows = sorted(
                rows,
                key=lambda r: self.cell(r, spec, SORT_ROLE),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self.set_rows(rows)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A click or Space on the Done check box asks for the change; the page saves it and
        reads the register again."""
        if not index.isValid() or index.column() != Column.DONE:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.row_at(index)
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        if row is not None and done != row.done:
            self.done_toggled.emit(row.id, done)
        return False
