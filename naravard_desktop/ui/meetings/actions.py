"""Action items (åtgärder): a table per agenda item (what, who, due date, plan activity,
done) with add, edit, remove and undo; the same table lists the open items carried from
earlier meetings."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, format_date, format_iso_date
from naravard_desktop.services.meetings.actions import ActionData
from naravard_desktop.services.plan.plan_links import SEPARATOR

ROW_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ORIGIN = 0  # only shown for carried items
    WHAT = 1
    WHO = 2
    DUE = 3
    ACTIVITY = 4  # "Plan › område › aktivitet" when linked
    DONE = 5


def _headers() -> dict[Column, str]:
    return {
        Column.ORIGIN: _("From"),
        Column.WHAT: _("What"),
        Column.WHO: _("Who"),
        Column.DUE: _("Due"),
        Column.ACTIVITY: _("Plan activity"),
        Column.DONE: _("Done"),
    }


class ActionsModel(QAbstractTableModel):
    """Rows of services.actions; the Done column is a check box that asks for a change."""

    done_toggled = QtSignal(int, bool)  # action id, done

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionData] = []
        self._activities: dict[int, str] = {}
        self._headers = _headers()
        self.locked = False  # text can not change; marking done still can
        self.today = dt.date.today()

    def set_rows(self, rows: list[ActionData], activities: dict[int, str] | None = None) -> None:
        """`activities`: the label of each linked plan activity, by id."""
        self.beginResetModel()
        self._rows = list(rows)
        self._activities = dict(activities or {})
        self.today = dt.date.today()
        self.endResetModel()

    def rows(self) -> list[ActionData]:
        return list(self._rows)

    def row_for(self, action_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == action_id:
                return number
        return None

    def activity_label(self, row: ActionData) -> str:
        if row.activity_id is None:
            return ""
        return self._activities.get(row.activity_id, "")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == Column.DONE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case Column.ORIGIN:
                    return _("§ {paragraph}, {date}").format(
                        paragraph=row.paragraph, date=format_date(row.meeting_on)
                    )
                case Column.WHAT:
                    return " ".join(row.what.split())
                case Column.WHO:
                    return row.who
                case Column.DUE:
                    return format_iso_date(row.due_on)
                case Column.ACTIVITY:
                    # The activity itself; the plan and area are in the tooltip (a narrow
                    # column showed only the plan's name, the same on every row).
                    return self.activity_label(row).rpartition(SEPARATOR)[2]
                case Column.DONE:
                    return format_iso_date(row.done_on) if row.done else ""
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.WHAT:
            return row.what
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.ACTIVITY:
            return self.activity_label(row) or None
        late = row.due_on is not None and row.due_on < self.today and not row.done
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.DUE and late:
            return QColor("#b00020")
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.DONE:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        row = self._rows[index.row()]
        if done != row.done:
            self.done_toggled.emit(row.id, done)
        return False  # the panel saves and reloads
