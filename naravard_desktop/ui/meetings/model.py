"""The meetings list: upcoming meetings first, then past ones under a heading per year."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.i18n import _, format_date, format_time
from naravard_desktop.services.meetings.meeting_labels import kind_label, state_label
from naravard_desktop.services.meetings.meetings import MeetingSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
APPROVED_COLOUR = "#1b6e3a"
DRAFT_COLOUR = "#8a5a00"


class Column(IntEnum):
    DATE = 0
    TIME = 1
    PLACE = 2
    KIND = 3
    STATE = 4
    PARAGRAPHS = 5


def _headers() -> dict[Column, str]:
    return {
        Column.DATE: _("Date"),
        Column.TIME: _("Time"),
        Column.PLACE: _("Place or link"),
        Column.KIND: _("Kind"),
        Column.STATE: _("Protocol"),
        Column.PARAGRAPHS: _("Paragraphs"),
    }


def paragraph_range_text(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return f"§ {first}" if first == last else f"§§ {first}–{last}"


class MeetingsModel(QAbstractTableModel):
    """Rows are either a heading ("Upcoming meetings", "2024") or a meeting."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[str | MeetingSummary] = []
        self._headers = _headers()

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        """`meetings` as services.meetings.list_meetings orders them."""
        self.beginResetModel()
        self._rows = []
        upcoming = [m for m in meetings if m.upcoming]
        if upcoming:
            self._rows.append(_("Upcoming meetings"))
            self._rows.extend(upcoming)
        year = None
        for meeting in meetings:
            if meeting.upcoming:
                continue
            if meeting.held_on.year != year:
                year = meeting.held_on.year
                self._rows.append(str(year))
            self._rows.append(meeting)
        self.endResetModel()

    def meetings(self) -> list[MeetingSummary]:
        return [r for r in self._rows if isinstance(r, MeetingSummary)]

    def heading_rows(self) -> list[int]:
        return [n for n, r in enumerate(self._rows) if isinstance(r, str)]

    def row_for(self, meeting_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if isinstance(row, MeetingSummary) and row.id == meeting_id:
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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if isinstance(row, str):
            if role == Qt.ItemDataRole.DisplayRole and column == Column.DATE:
                return row
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#e8edf2")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATE:
            approved = row.state == ProtocolState.APPROVED and not row.awaiting_signatures
            return QColor(APPROVED_COLOUR if approved else DRAFT_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.DATE:
            return _("Meeting {number}").format(number=row.number)
        return None

    @staticmethod
    def _display(row: MeetingSummary, column: Column) -> str:
        match column:
            case Column.DATE:
                return format_date(row.held_on)
            case Column.TIME:
                return format_time(row.starts_at) if row.starts_at else ""
            case Column.PLACE:
                return row.place
            case Column.KIND:
                return kind_label(row.kind)
            case Column.STATE:
                return state_label(row.state, row.awaiting_signatures)
            case Column.PARAGRAPHS:
                return paragraph_range_text(row.first_paragraph, row.last_paragraph)
