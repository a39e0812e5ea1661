"""Table model of a group's memberships, with a filter proxy (text and "show ended")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import QCollator, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from naravard_desktop.i18n import _, current_language, format_iso_date
from naravard_desktop.services.group.labels import principal_label, role_label
from naravard_desktop.services.group.read_models import MemberRow
from naravard_desktop.ui.qt_locale import qt_locale
from naravard_desktop.ui.table_model import (
    ID_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    ColumnSpec,
    Index,
    RowTableModel,
)

__all__ = ["ID_ROLE", "ROW_ROLE", "SORT_ROLE", "Column", "MembersFilter", "MembersModel"]
GREY = QColor("#777777")


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    PRINCIPAL = 2
    ORGANISATION = 3
    EMAIL = 4
    PHONE = 5
    ACTIVE_FROM = 6
    ACTIVE_TO = 7


def _date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else "9999"  # open-ended last


class MembersModel(RowTableModel[MemberRow]):
    """Read-only rows from services.members; edits go through the page and a service call.
    An inactive membership is grey, an ended one says so in a tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[ColumnSpec[MemberRow]] = [
            ColumnSpec(lambda: _("Name"), lambda r: r.name),
            ColumnSpec(lambda: _("Role"), lambda r: role_label(r.role)),
            ColumnSpec(lambda: _("Principal"), lambda r: principal_label(r.principal)),
            ColumnSpec(lambda: _("Organisation"), lambda r: r.organisation),
            ColumnSpec(lambda: _("E-mail"), lambda r: r.email),
            ColumnSpec(lambda: _("Phone"), lambda r: r.phone),
            ColumnSpec(
                lambda: _("From"),
                lambda r: format_iso_date(r.active_from),
                sort_key=lambda r: _date_key(r.active_from),
            ),
            ColumnSpec(
                lambda: _("To"),
                lambda r: format_iso_date(r.active_to),
                sort_key=lambda r: _date_key(r.active_to),
            ),
        ]
        every_column = [replace(c, foreground=self._grey, tooltip=self._ended) for c in columns]
        super().__init__(every_column, lambda r: r.membership_id, parent)
        self.today = dt.date.today()

    def set_rows(self, rows: Sequence[MemberRow]) -> None:
        self.today = dt.date.today()
        super().set_rows(rows)

    def _grey(self, row: MemberRow) -> QColor | None:
        return None if row.is_active(self.today) else GREY

    def _ended(self, row: MemberRow) -> str | None:
        if row.active_to is None or row.active_to >= self.today:
            return None  # not for one who starts later
        return _("Membership ended {date}").format(date=format_iso_date(row.active_to))


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
