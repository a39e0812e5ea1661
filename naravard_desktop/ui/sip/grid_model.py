"""The entry grid of one period: indicators × (unit, target group), with a live total column.

Every edit is saved at once through services.sip_counts (one transaction) and pushed on the
undo stack; text that is not a count is kept in its cell in red, unsaved, with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor, QUndoStack

from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import _, format_number, ngettext
from naravard_desktop.services.sip import sip_counts
from naravard_desktop.services.sip.read_models import (
    CategoryRow,
    CellIssue,
    IndicatorRow,
    PeriodRow,
    Setup,
)
from naravard_desktop.services.sip.sip_counts import CellKey
from naravard_desktop.services.sip.sip_rules import CountError, parse_count
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.table_model import RIGHT, Index, bold_font
from naravard_desktop.ui.undo import SavedChangeCommand

INVALID_BACKGROUND = QColor("#f8d0d0")
WARNING_BACKGROUND = QColor("#fbe6b8")
TOTAL_BACKGROUND = QColor("#eceff3")
CLOSED_BACKGROUND = QColor("#f4f4f4")


def _rows(n: int) -> str:
    return ngettext("{n} row", "{n} rows", n).format(n=n)


def _columns(n: int) -> str:
    return ngettext("{n} column", "{n} columns", n).format(n=n)


class SipGridModel(QAbstractTableModel):
    """`refused(message)` tells the page why an input was not saved; `saved()` follows every
    save (the page redraws the list of rule warnings)."""

    refused = QtSignal(str)
    saved = QtSignal()

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.setup: Setup | None = None
        self.period: PeriodRow | None = None
        self.indicators: list[IndicatorRow] = []
        self.columns: list[tuple[CategoryRow, CategoryRow]] = []
        self.values: dict[CellKey, int] = {}
        self.invalid: dict[CellKey, tuple[str, str]] = {}
        self.issues: list[CellIssue] = []
        self._issue_text: dict[CellKey, list[str]] = {}

    # --- loading --------------------------------------------------------------------------

    def load(self, setup: Setup, period_id: int | None) -> None:
        self.beginResetModel()
        self.setup = setup
        self.indicators = setup.visible_indicators()
        self.columns = setup.columns()
        self.invalid = {}
        if period_id is None:
            self.period, self.values = None, {}
        else:
            counts = sip_counts.load_counts(self.db, period_id)
            self.period, self.values = counts.period, dict(counts.values)
        self._check()
        self.endResetModel()

    @property
    def read_only(self) -> bool:
        return self.period is None or self.period.closed

    def key(self, row: int, column: int) -> CellKey | None:
        if not (0 <= row < len(self.indicators) and 0 <= column < len(self.columns)):
            return None
        unit, target = self.columns[column]
        return (self.indicators[row].id, unit.id, target.id)

    @property
    def total_column(self) -> int:
        return len(self.columns)

    def row_total(self, row: int) -> int | None:
        indicator = self.indicators[row].id
        found = [
            self.values[k]
            for unit, target in self.columns
            if (k := (indicator, unit.id, target.id)) in self.values
        ]
        return sum(found) if found else None

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.indicators else len(self.columns) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        key = self.key(row, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key is None:
                total = self.row_total(row)
                return "" if total is None else format_number(total)
            if key in self.invalid:
                return self.invalid[key][0]
            value = self.values.get(key)
            if value is None:
                return ""
            return str(value) if role == Qt.ItemDataRole.EditRole else format_number(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key is None:
                return TOTAL_BACKGROUND
            if key in self.invalid:
                return INVALID_BACKGROUND
            if key in self._issue_text:
                return WARNING_BACKGROUND
            return CLOSED_BACKGROUND if self.read_only else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key is None:
                return _("Total of the row (computed)")
            if key in self.invalid:
                return self.invalid[key][1]
            return "\n".join(self._issue_text.get(key, [])) or None
        if role == Qt.ItemDataRole.FontRole and key is None:
            return bold_font()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.indicators):
                return None
            indicator = self.indicators[section]
            if role == Qt.ItemDataRole.DisplayRole:
                indent = "    " if indicator.parent_id is not None else ""
                return indent + indicator.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return indicator.help or None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == len(self.columns):
            return _("Total")
        if 0 <= section < len(self.columns):
            unit, target = self.columns[section]
            return f"{unit.name}\n{target.name}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.key(index.row(), index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.key(index.row(), index.column())
        if key is None or self.read_only:
            return False
        text = "" if value is None else str(value)
        try:
            number = parse_count(text)
        except CountError as error:
            self.invalid.pop(key, None)  # the latest refusal last, for `unsaved_reason`
            self.invalid[key] = (text, error.message)
            self._changed([key])
            self.refused.emit(error.message)
            return True
        if self.values.get(key) == number and key not in self.invalid:
            return True
        return self.change({key: number}, _("Change a count"))

    # --- edits ----------------------------------------------------------------------------

    def change(self, changes: Mapping[CellKey, int | None], text: str) -> bool:
        """Save `changes` at once and make them one undo step; False if refused."""
        if self.period is None:
            return False
        period_id = self.period.id
        before = {key: self.values.get(key) for key in changes}
        try:
            self._write(period_id, dict(changes), self.period.version)
        except StaleEditError as error:
            self._stored_meanwhile(changes, error.message)
            self.refused.emit(error.message)
            return False
        except DomainError as error:
            self.refused.emit(error.message)
            return False
        for key in changes:
            self.invalid.pop(key, None)
        self._changed(list(changes))
        self.undo_stack.push(
            SavedChangeCommand(
                text,
                undo=lambda: self._apply(period_id, before, over=dict(changes)),
                redo=lambda: self._apply(period_id, dict(changes), over=before),
                refresh=self.reload,
            )
        )
        return True

    def _stored_meanwhile(self, typed: Mapping[CellKey, int | None], reason: str) -> None:
        """The period was saved elsewhere meanwhile: show its counts as stored now, with what
        was typed kept in its cells, unsaved and red with `reason` (typed again, it saves)."""
        if self.period is None:
            return
        self.beginResetModel()
        counts = sip_counts.load_counts(self.db, self.period.id)
        self.period, self.values = counts.period, dict(counts.values)
        for key, value in typed.items():
            if self.values.get(key) != value:
                self.invalid.pop(key, None)  # the latest refusal last, for `unsaved_reason`
                self.invalid[key] = ("" if value is None else str(value), reason)
        self._check()
        self.endResetModel()

    def _write(self, period_id: int, changes: dict[CellKey, int | None], version: int) -> None:
        showing = self.period is not None and self.period.id == period_id
        saved = sip_counts.save_counts(self.db, period_id, changes, version)
        if showing:
            self.period = saved
            for key, value in changes.items():
                if value is None:
                    self.values.pop(key, None)
                else:
                    self.values[key] = value

    def _apply(
        self, period_id: int, changes: dict[CellKey, int | None], over: dict[CellKey, int | None]
    ) -> None:
        """An undo or redo step, written only over the counts the step left (`over`): one
        changed elsewhere since is refused, never overwritten (DomainError when refused:
        SavedChangeCommand tells)."""
        stored = sip_counts.load_counts(self.db, period_id)
        if any(stored.values.get(key) != value for key, value in over.items()):
            raise StaleEditError(
                _("The counts of this period were changed elsewhere. Reload and try again.")
            )
        self._write(period_id, changes, stored.period.version)
        if self.period is not None and self.period.id == period_id:
            for key in changes:
                self.invalid.pop(key, None)
            self._changed(list(changes))

    def clear(self, cells: list[tuple[int, int]]) -> None:
        """Delete: empty the cells (and drop rejected text in them)."""
        if self.read_only:
            self.refused.emit(self._closed_message())
            return
        keys = [k for r, c in cells if (k := self.key(r, c)) is not None]
        dropped = [k for k in keys if self.invalid.pop(k, None) is not None]
        filled = {k: None for k in keys if k in self.values}
        if filled:
            self.change(filled, _("Clear cells"))
        elif dropped:
            self._changed(dropped)

    def paste(self, top: int, left: int, text: str) -> bool:
        """A block copied from Excel (tab-separated lines) pasted with its top left at the
        current cell; refused whole, with the reason, if it does not fit or has bad values."""
        if self.read_only:
            self.refused.emit(self._closed_message())
            return False
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        if not lines:
            return False
        block = [line.split("\t") for line in lines]
        height, width = len(block), max(len(line) for line in block)
        room_down, room_right = len(self.indicators) - top, len(self.columns) - left
        if height > room_down or width > room_right:
            self.refused.emit(
                _(
                    "Nothing was pasted: the copied block has {rows} and {columns}, but from "
                    "this cell there is only room for {room_rows} and {room_columns}. Choose a "
                    "cell further up or to the left and paste again."
                ).format(
                    rows=_rows(height),
                    columns=_columns(width),
                    room_rows=_rows(max(room_down, 0)),
                    room_columns=_columns(max(room_right, 0)),
                )
            )
            return False
        changes: dict[CellKey, int | None] = {}
        problems: list[str] = []
        for r, line in enumerate(block):
            for c, cell in enumerate(line):
                key = self.key(top + r, left + c)
                assert key is not None
                try:
                    changes[key] = parse_count(cell)
                except CountError as error:
                    problems.append(
                        _("Row {row}, column {column}: {problem}").format(
                            row=r + 1, column=c + 1, problem=error.message
                        )
                    )
        if problems:
            shown = problems[:5]
            more = len(problems) - len(shown)
            if more:
                shown.append(ngettext("… and {n} more.", "… and {n} more.", more).format(n=more))
            self.refused.emit(_("Nothing was pasted:") + "\n" + "\n".join(shown))
            return False
        return self.change(changes, _("Paste counts"))

    def copy_text(self, cells: list[tuple[int, int]]) -> str:
        """The selected rectangle as tab-separated lines, as Excel pastes them."""
        if not cells:
            return ""
        rows = sorted({r for r, _c in cells})
        columns = sorted({c for _r, c in cells})
        chosen = set(cells)
        lines = []
        for r in rows:
            line = []
            for c in columns:
                if (r, c) not in chosen:
                    line.append("")
                    continue
                value = self.data(self.index(r, c), Qt.ItemDataRole.EditRole)
                line.append(str(value).replace("\u00a0", "").replace(" ", ""))
            lines.append("\t".join(line))
        return "\n".join(lines)

    def reload(self) -> None:
        if self.setup is not None:
            self.load(self.setup, self.period.id if self.period else None)
            self.saved.emit()

    def unsaved_reason(self) -> str | None:
        """Why the text last refused is not saved, while some cell still holds such text;
        None once every refused cell was fixed, emptied or undone."""
        if not self.invalid:
            return None
        return next(reversed(self.invalid.values()))[1]

    def _closed_message(self) -> str:
        if self.period is None:
            return _("Add a period first.")
        return _("{period} is closed. Reopen it to change its counts.").format(
            period=self.period.label
        )

    # --- rules ----------------------------------------------------------------------------

    def _check(self) -> None:
        self.issues = sip_counts.check_period(self.setup, self.values) if self.setup else []
        self._issue_text = {}
        for found in self.issues:
            for indicator_id in found.indicator_ids:
                key = (indicator_id, found.unit_id, found.target_group_id)
                self._issue_text.setdefault(key, []).append(found.issue.message)

    def _changed(self, keys: list[CellKey]) -> None:
        self._check()
        if self.rowCount() and self.columnCount():
            # rules and totals reach beyond the edited cells: redraw the grid (it is small)
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.saved.emit()
