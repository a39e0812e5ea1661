"""The region overview's table: a group a row, its figures in columns, sorted by the model
itself: names in Swedish order (… Z Å Ä Ö), numbers as numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cmp_to_key
from typing import Any

from PySide6.QtCore import QCollator, QObject, Qt

from naravard_desktop.i18n import _, current_language, ngettext, pgettext
from naravard_desktop.services.group.read_models import RegionGroup, SipTotal
from naravard_desktop.services.group.region import SIP_CODES
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.sip.read_models import HIDDEN
from naravard_desktop.ui.qt_locale import qt_locale
from naravard_desktop.ui.table_model import (
    RIGHT,
    SORT_ROLE,
    ColumnSpec,
    Index,
    RowTableModel,
    bold_font,
)

# Sort keys of a SIP total that shows no number: never its hidden value, which sorting by it
# would give away.
_HIDDEN_KEY = -1
_NONE_KEY = -2


def sip_text(total: SipTotal) -> str:
    if total.hidden:
        return HIDDEN
    return "" if total.value is None else str(total.value)


def _sip_key(total: SipTotal) -> int:
    if total.hidden:
        return _HIDDEN_KEY
    return _NONE_KEY if total.value is None else total.value


def progress_text(row: RegionGroup) -> str:
    if row.plan_id is None:
        return _("No plan")
    return ngettext("{done} of {count} done", "{done} of {count} done", row.activities).format(
        done=row.done, count=row.activities
    )


def _progress_tip(row: RegionGroup) -> str | None:
    if row.plan_title is None:
        return None
    counts = ", ".join(f"{status_label(s)} {n}" for s, n in row.status_counts.items() if n)
    return f"{row.plan_title}: {counts}" if counts else row.plan_title


def _number(
    header: Callable[[], str], value: Callable[[RegionGroup], int]
) -> ColumnSpec[RegionGroup]:
    return ColumnSpec(header, lambda r: str(value(r)), sort_key=value, alignment=RIGHT)


def _sip_column(names: Callable[[], tuple[str, ...]], n: int) -> ColumnSpec[RegionGroup]:
    """The n-th SIP total; its header is the indicator's name in the language in use."""
    return ColumnSpec(
        lambda: names()[n],
        lambda r: sip_text(r.sip[n]),
        sort_key=lambda r: _sip_key(r.sip[n]),
        alignment=RIGHT,
    )


class RegionModel(RowTableModel[RegionGroup]):
    """Read-only rows from services/group/region; the window's own group in bold."""

    def __init__(self, names: Callable[[], tuple[str, ...]], parent: QObject | None = None):
        columns: list[ColumnSpec[RegionGroup]] = [
            ColumnSpec(lambda: _("Group"), lambda r: r.name, sort_key=lambda r: r.name),
            ColumnSpec(
                lambda: _("Plan progress"),
                progress_text,
                sort_key=lambda r: -1.0 if r.done_share is None else r.done_share,
                tooltip=_progress_tip,
            ),
            _number(lambda: pgettext("region column", "Overdue"), lambda r: r.overdue),
            _number(lambda: _("Meetings held"), lambda r: r.meetings_held),
            _number(lambda: _("Awaiting approval"), lambda r: r.awaiting_justering),
        ]
        columns += [_sip_column(names, n) for n in range(len(SIP_CODES))]
        super().__init__(columns, lambda r: r.id, parent)
        self.current_group: int | None = None
        self._bold = bold_font()
        self._order = (0, Qt.SortOrder.AscendingOrder)
        self._collator = QCollator(qt_locale(current_language()))

    def set_rows(self, rows: Sequence[RegionGroup]) -> None:
        super().set_rows(self._sorted(rows, *self._order))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The rows themselves in the order asked for (the view's header calls this): a
        region's groups sorted once in Python, not compared thousands of times through a
        proxy. Text in the language's order (Swedish: … Z Å Ä Ö), numbers as numbers."""
        if not 0 <= column < self.columnCount():
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.rows()
        after = self._sorted(before, column, order)
        self._rows = after
        moved = {id(row): number for number, row in enumerate(after)}
        old = self.persistentIndexList()
        new = [self.index(moved[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sorted(
        self, rows: Sequence[RegionGroup], column: int, order: Qt.SortOrder
    ) -> list[RegionGroup]:
        spec = self._columns[column]
        keys = {id(row): self.cell(row, spec, SORT_ROLE) for row in rows}
        if all(isinstance(k, str) for k in keys.values()):
            by_text = cmp_to_key(self._collator.compare)
            found = sorted(rows, key=lambda r: by_text(keys[id(r)]))
        else:
            found = sorted(rows, key=lambda r: keys[id(r)])
        return found[::-1] if order == Qt.SortOrder.DescendingOrder else found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            row = self.row_at(index)
            return self._bold if row is not None and row.id == self.current_group else None
        return super().data(index, role)
