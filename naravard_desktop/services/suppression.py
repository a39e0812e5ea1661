"""Small-number suppression for published tables (pure Python, no Qt, no database).

Primary suppression hides every count from 1 up to the threshold (shown as "<5"). Secondary
suppression then hides more cells so that no hidden cell can be worked out from what is shown:
every sum that is published (a row total, a column total, a "varav" breakdown adding up to its
total) with a hidden cell gets at least a second one, and finally an exact check solves the
published sums as a linear system and hides more until no hidden cell is determined by them.
Zeros are not primary: a zero reveals nothing about a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
_PRIME = (1 << 61) - 1  # exact arithmetic modulo a large prime (see _determined)


@dataclass(frozen=True)
class SumRule:
    """Published cells where value[total] == sum(value[part] for part in parts)."""

    total: int
    parts: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Suppression:
    primary: frozenset[int]
    secondary: frozenset[int]

    @property
    def hidden(self) -> frozenset[int]:
        return self.primary | self.secondary


def suppress(
    values: Sequence[int],
    sums: Sequence[SumRule],
    threshold: int,
    also_hide: Iterable[int] = (),
) -> Suppression:
    """Which cells (indices into `values`) to hide; `sums` are the additive relations a reader
    can see between the cells (all of them, including any total that is itself a cell).
    `also_hide` are cells hidden for a reason outside this table (another published table
    hides the same number), protected like the rest."""
    primary = {i for i, value in enumerate(values) if 0 < value < threshold}
    hidden = primary | set(also_hide)
    by_cell: dict[int, list[SumRule]] = {}
    for rule in sums:
        for cell in rule.cells:
            by_cell.setdefault(cell, []).append(rule)
    while True:
        _complete_pairs(values, sums, by_cell, hidden)
        determined = _determined(sums, hidden)
        if not determined:
            break
        if not _hide_one_more(values, by_cell, hidden, determined):
            break  # every related cell is hidden already: nothing more can be done
    return Suppression(frozenset(primary), frozenset(hidden - primary))


def _pick(values: Sequence[int], candidates: Sequence[int], rule: SumRule | None) -> int:
    """The cell that costs least to hide: a part before the total, a small non-zero count
    before a zero (a hidden zero protects nothing once the reader can guess it)."""

    def cost(cell: int) -> tuple[int, int, int, int]:
        is_total = int(rule is not None and cell == rule.total)
        return (is_total, int(values[cell] == 0), values[cell], cell)

    return min(candidates, key=cost)


def _complete_pairs(
    values: Sequence[int],
    sums: Sequence[SumRule],
    by_cell: dict[int, list[SumRule]],
    hidden: set[int],
) -> None:
    """No published sum may have exactly one hidden cell (it would be total minus the rest)."""
    pending = [rule for rule in sums if any(c in hidden for c in rule.cells)]
    while pending:
        rule = pending.pop()
        cells = rule.cells
        hidden_here = [c for c in cells if c in hidden]
        if len(hidden_here) != 1:
            continue
        shown = [c for c in cells if c not in hidden]
        if not shown:
            continue
        chosen = _pick(values, shown, rule)
        hidden.add(chosen)
        pending.extend(by_cell.get(chosen, ()))


def _hide_one_more(
    values: Sequence[int],
    by_cell: dict[int, list[SumRule]],
    hidden: set[int],
    determined: set[int],
) -> bool:
    for cell in sorted(determined):
        for rule in sorted(by_cell.get(cell, ()), key=lambda r: len(r.cells)):
            shown = [c for c in rule.cells if c not in hidden]
            if shown:
                hidden.add(_pick(values, shown, rule))
                return True
    return False


def _determined(sums: Sequence[SumRule], hidden: set[int]) -> set[int]:
    """Hidden cells whose value follows from the published sums.

    Each sum is a linear equation in the hidden cells (the shown ones are constants). A
    hidden cell is determined exactly when its unit vector lies in the row space of those
    equations, i.e. when, in reduced row echelon form, some row has it as its only non-zero.
    Arithmetic modulo a large prime keeps it exact and fast; it can only err towards hiding
    more (a rank that drops modulo p), never towards revealing a cell.
    """
    rows: list[dict[int, int]] = []
    for rule in sums:
        row: dict[int, int] = {}
        if rule.total in hidden:
            row[rule.total] = _PRIME - 1
        for part in rule.parts:
            if part in hidden:
                row[part] = (row.get(part, 0) + 1) % _PRIME
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, int]] = {}
    for row in rows:
        row = dict(row)
        for column, pivot_row in pivots.items():
            factor = row.get(column)
            if factor:
                for key, value in pivot_row.items():
                    updated = (row.get(key, 0) - factor * value) % _PRIME
                    if updated:
                        row[key] = updated
                    else:
                        row.pop(key, None)
        if not row:
            continue
        column = min(row)
        inverse = pow(row[column], _PRIME - 2, _PRIME)
        row = {k: v * inverse % _PRIME for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(column)
            if factor:
                for key, value in row.items():
                    updated = (other.get(key, 0) - factor * value) % _PRIME
                    if updated:
                        other[key] = updated
                    else:
                        other.pop(key, None)
        pivots[column] = row
    return {column for column, row in pivots.items() if len(row) == 1}


# --- two-way tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSuppression:
    """Per cell of a table with margins: hidden as small (primary) or to protect (secondary)."""

    primary: frozenset[tuple[int, int]]
    secondary: frozenset[tuple[int, int]]

    def hidden(self, row: int, column: int) -> bool:
        return (row, column) in self.primary or (row, column) in self.secondary


def suppress_table(
    table: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_total_column: int | None = None,
    column_total_row: int | None = None,
    row_groups: Sequence[tuple[int, Sequence[int]]] = (),
    also_hide: Iterable[tuple[int, int]] = (),
) -> TableSuppression:
    """Suppress a table whose last column (`row_total_column`) holds each row's total and/or
    whose `column_total_row` holds each column's total; `row_groups` lists further
    (total row, part rows) relations such as "SIP initiated" and its "varav" rows."""
    height = len(table)
    width = len(table[0]) if height else 0
    values = [table[r][c] for r in range(height) for c in range(width)]

    def index(row: int, column: int) -> int:
        return row * width + column

    sums: list[SumRule] = []
    if row_total_column is not None:
        for r in range(height):
            parts = tuple(index(r, c) for c in range(width) if c != row_total_column)
            sums.append(SumRule(index(r, row_total_column), parts))
    vertical = list(row_groups)
    if column_total_row is not None:
        vertical.append((column_total_row, [r for r in range(height) if r != column_total_row]))
    for total_row, part_rows in vertical:
        for c in range(width):
            sums.append(SumRule(index(total_row, c), tuple(index(r, c) for r in part_rows)))
    forced = [index(r, c) for r, c in also_hide]
    result = suppress(values, sums, threshold, forced)
    return TableSuppression(
        primary=frozenset(divmod(i, width) for i in result.primary),
        secondary=frozenset(divmod(i, width) for i in result.secondary),
    )
