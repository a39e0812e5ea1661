"""The meetings list: upcoming meetings first, then past ones under a heading per year."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.i18n import _, format_date, format_time
from naravard_desktop.services.meetings.meeting_labels import kind_label, state_label
from naravard_desktop.services.meetings.read_models import MeetingSummary
from naravard_desktop.ui.table_model import ROW_ROLE, ColumnSpec, Index, RowTableModel, bold_font

__all__ = ["ROW_ROLE", "Column", "MeetingsModel", "paragraph_range_text"]

APPROVED_COLOUR = "#1b6e3a"
DRAFT_COLOUR = "#8a5a00"
HEADING_BACKGROUND = QColor("#e8edf2")
BATCH = 50
Row = str | MeetingSummary  # a heading ("Upcoming meetings", "2024") or a meeting


class Column(IntEnum):
    DATE = 0
    TIME = 1
    PLACE = 2
    KIND = 3
    STATE = 4
    PARAGRAPHS = 5


def paragraph_range_text(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return f"§ {first}" if first == last else f"§§ {first}–{last}"


def _of_meeting(value: Callable[[MeetingSummary], Any]) -> Callable[[Row], Any]:
    """A column part for meeting rows (headings are drawn by MeetingsModel.data itself)."""
    return lambda row: value(row) if isinstance(row, MeetingSummary) else None


def _state_colour(row: MeetingSummary) -> QColor:
    approved = row.state == ProtocolState.APPROVED and not row.awaiting_signatures
    return QColor(APPROVED_COLOUR if approved else DRAFT_COLOUR)


def _column(
    header: Callable[[], str],
    display: Callable[[MeetingSummary], str],
    tooltip: Callable[[MeetingSummary], str] | None = None,
    foreground: Callable[[MeetingSummary], QColor] | None = None,
) -> ColumnSpec[Row]:
    return ColumnSpec(
        header,
        _of_meeting(display),
        tooltip=_of_meeting(tooltip) if tooltip else None,
        foreground=_of_meeting(foreground) if foreground else None,
    )


COLUMNS: list[ColumnSpec[Row]] = [
    _column(
        lambda: _("Date"),
        lambda m: format_date(m.held_on),
        tooltip=lambda m: _("Meeting {number}").format(number=m.number),
    ),
    _column(lambda: _("Time"), lambda m: format_time(m.starts_at) if m.starts_at else ""),
    _column(lambda: _("Place or link"), lambda m: m.place),
    _column(lambda: _("Kind"), lambda m: kind_label(m.kind)),
    _column(
        lambda: _("Protocol"),
        lambda m: state_label(m.state, m.awaiting_signatures),
        foreground=_state_colour,
    ),
    _column(
        lambda: _("Paragraphs"),
        lambda m: paragraph_range_text(m.first_paragraph, m.last_paragraph),
    ),
]


class MeetingsModel(RowTableModel[Row]):
    """Upcoming meetings first, then past ones under a heading per year."""

    def __init__(self, parent: QObject | None = None) -> None:
        # Ten years of meetings are given to the view a batch at a time, each cell's texts
        # kept (dates through Babel) while the view sizes its columns (RowTableModel).
        super().__init__(COLUMNS, _of_meeting(lambda m: m.id), parent, batch=BATCH, keep_cells=True)

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        """`meetings` as services.meetings.list_meetings orders them."""
        rows: list[Row] = []
        upcoming = [m for m in meetings if m.upcoming]
        if upcoming:
            rows.append(_("Upcoming meetings"))
            rows.extend(upcoming)
        year = None
        for meeting in meetings:
            if meeting.upcoming:
                continue
            if meeting.held_on.year != year:
                year = meeting.held_on.year
                rows.append(str(year))
            rows.append(meeting)
        self.set_rows(rows)

    def meetings(self) -> list[MeetingSummary]:
        return [r for r in self._rows if isinstance(r, MeetingSummary)]

    def heading_rows(self, first: int = 0, last: int | None = None) -> list[int]:
        """The heading rows among the rows given to the view (from `first` to `last`)."""
        end = self.rowCount() if last is None else last + 1
        return [n for n in range(first, end) if isinstance(self._rows[n], str)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if isinstance(self.row_at(index), str):
            return Qt.ItemFlag.ItemIsEnabled
        return super().flags(index)

    def given(self, index: Index, role: int) -> Any:
        heading = self.row_at(index)
        if not isinstance(heading, str):
            return super().given(index, role)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == Column.DATE:
            return heading
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADING_BACKGROUND
        return None
