"""Table model of a group's memberships, with a filter proxy (text and "show ended")."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, current_language, format_iso_date
from naravard_desktop.services.group.labels import principal_label, role_label
from naravard_desktop.services.group.members import MemberRow
from naravard_desktop.ui.qt_locale import qt_locale

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    PRINCIPAL = 2
    ORGANISATION = 3
    EMAIL = 4
    PHONE = 5
    ACTIVE_FROM = 6
    ACTIVE_TO = 7


def _headers() -> dict[Column, str]:
    return {
        Column.NAME: _("Name"),
        Column.ROLE: _("Role"),
        Column.PRINCIPAL: _("Principal"),
        Column.ORGANISATION: _("Organisation"),
        Column.EMAIL: _("E-mail"),
        Column.PHONE: _("Phone"),
        Column.ACTIVE_FROM: _("From"),
        Column.ACTIVE_TO: _("To"),
    }


class MembersModel(QAbstractTableModel):
    """Read-only rows from services.members; edits go through the page and a service call."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRow] = []
        self._headers = _headers()
        self.today = dt.date.today()

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = dt.date.today()
        self.endResetModel()

    def rows(self) -> list[MemberRow]:
        return list(self._rows)

    def row_for(self, membership_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.membership_id == membership_id:
                return number
        return None

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ID_ROLE:
            return row.membership_id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_active(self.today):
            return QColor("#777777")
        ended = row.active_to is not None and row.active_to < self.today
        if role == Qt.ItemDataRole.ToolTipRole and ended:  # not for one who starts later
            return _("Membership ended {date}").format(date=format_iso_date(row.active_to))
        return None

    @staticmethod
    def _display(row: MemberRow, column: Column) -> str:
        match column:
            case Column.NAME:
                return row.name
            case Column.ROLE:
                return role_label(row.role)
            case Column.PRINCIPAL:
                return principal_label(row.principal)
            case Column.ORGANISATION:
                return row.organisation
            case Column.EMAIL:
                return row.email
            case Column.PHONE:
                return row.phone
            case Column.ACTIVE_FROM:
                return format_iso_date(row.active_from)
            case Column.ACTIVE_TO:
                return format_iso_date(row.active_to)

    def _sort_key(self, row: MemberRow, column: Column) -> str:
        if column in (Column.ACTIVE_FROM, Column.ACTIVE_TO):
            value = row.active_from if column == Column.ACTIVE_FROM else row.active_to
            return value.isoformat() if value else "9999"
        return self._display(row, column).casefold()


class MembersFilter(QSortFilterProxyModel):
    """Text filter over every column, and ended memberships hidden unless asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._show_ended = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Swedish order (… Z Å Ä Ö, É with E), which comparing code points gets wrong.
        self._collator = QCollator(qt_locale(current_language()))

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return super().lessThan(left, right)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_ended(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_ended = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, MembersModel)
        row: MemberRow = model.index(source_row, 0, source_parent).data(ROW_ROLE)
        ended = row.active_to is not None and row.active_to < model.today
        if ended and not self._show_ended:
            return False
        if not self._text:
            return True
        return any(
            self._text in str(model.index(source_row, c, source_parent).data()).casefold()
            for c in range(model.columnCount())
        )
