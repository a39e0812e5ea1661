"""Small-number suppression over everything a document publishes together (no Qt, no database).

A document is described by the counts behind it (unknowns), its published cells, each a sum of
some of them (a unit's count, a period total, a quarter, the year), the relations a reader may
assume between counts ("varav" lines adding up to their total) and the sum rules between
published cells (used to choose which cells to hide with a small one).

- **Primary**: every published count from 1 to threshold − 1 is hidden.
- **Zeros are shown.** A zero says that nobody was counted, which is no one's information, and
  statistics offices publish zeros too. A zero is still a published value: the audit fixes it
  at 0 like every other shown value, so a zero beside a hidden total or part is accounted for
  (when it would give a hidden value away, more is hidden). A zero is chosen as a secondary
  cell only when nothing else is left, since it widens nothing the reader cannot guess.
- **Secondary**: the audit (services/sip/disclosure_audit.py) computes, for each hidden cell, the
  interval a reader can narrow it to from everything shown. While some hidden cell is
  determined exactly or bounded to an interval narrower than the threshold, the smallest shown
  cell in a sum with it that would widen the interval enough is hidden too (a part before the
  total: a total is hidden only when it is the smallest cell that helps), and the changed
  cells are audited again. Hiding more only widens intervals, so a cell that passed once stays
  passed and only the failing and the newly hidden cells are audited again. Last, each
  secondary cell (the largest first) is shown again when the rest protect well enough
  without it.

The answer depends on nothing but the publication, the threshold and the cells hidden besides,
so the last few answers are kept: an export's CSV, XLSX and PDF, the SIP page and the next
years' exports (each hides again what an earlier year's export hides) ask for the same
publication again, and choosing the cells takes seconds.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from naravard_desktop.services.sip.disclosure_audit import (
    Interval,
    Structure,
    component_unknowns,
    intervals,
)

# Cells of a sum this small are audited again before another partner is chosen for them in the
# same round (the partner just chosen may protect them too); in longer sums they are not.
_NEAR = 16
# Secondary cells are tried shown again only in parts of the system with at most this many
# counts (a month of an indicator family, not a region's 290 groups in one sum).
_SHOW_AGAIN_LIMIT = 400
# How many answers of `protect` are kept (a handful of years of one group, a region table).
_KEPT = 16
_answers: OrderedDict[Hashable, Suppression] = OrderedDict()
_answers_lock = threading.Lock()


@dataclass(frozen=True)
class SumRule:
    """Published cells where value[total] == sum(value[part] for part in parts)."""

    total: int
    parts: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Publication:
    """A document's published cells over the counts behind them (see the module doc)."""

    structure: Structure
    values: Sequence[int]  # the value of each unknown
    rules: Sequence[SumRule] = ()

    def cell_value(self, cell: int) -> int:
        return sum(self.values[u] for u in self.structure.cells[cell])

    @property
    def cell_count(self) -> int:
        return len(self.structure.cells)


@dataclass(frozen=True)
class Suppression:
    primary: frozenset[int]
    secondary: frozenset[int]
    intervals: dict[int, Interval] | None = None  # the audit's last answer per hidden cell

    @property
    def hidden(self) -> frozenset[int]:
        return self.primary | self.secondary


def protect(publication: Publication, threshold: int, also_hide: Iterable[int] = ()) -> Suppression:
    """Which cells to hide so that no hidden cell can be narrowed below `threshold` (an
    answer given before for the same publication, threshold and `also_hide` is reused)."""
    also_hide = frozenset(also_hide)
    key = _key(publication, threshold, also_hide)
    with _answers_lock:
        known = _answers.get(key)
        if known is not None:
            _answers.move_to_end(key)
    if known is None:
        known = _protect(publication, threshold, also_hide)
        with _answers_lock:
            _answers[key] = known
            while len(_answers) > _KEPT:
                _answers.popitem(last=False)
    # each caller gets its own intervals to keep
    return replace(known, intervals=None if known.intervals is None else dict(known.intervals))


def forget_answers() -> None:
    """Drop the kept answers (a benchmark timing the work itself)."""
    with _answers_lock:
        _answers.clear()


def _key(publication: Publication, threshold: int, also_hide: frozenset[int]) -> Hashable:
    """Everything `protect`'s answer depends on, as one hashable value."""
    structure = publication.structure
    return (
        threshold,
        also_hide,
        tuple(publication.values),
        tuple((rule.total, tuple(rule.parts)) for rule in publication.rules),
        structure.unknowns,
        tuple(tuple(cell) for cell in structure.cells),
        tuple((total, tuple(parts)) for total, parts in structure.relations),
        tuple(tuple(pair) for pair in structure.differences),
        tuple((cell, tuple(parts)) for cell, parts in structure.partitions),
    )


def _protect(publication: Publication, threshold: int, also_hide: frozenset[int]) -> Suppression:
    values = [publication.cell_value(c) for c in range(publication.cell_count)]
    primary = {c for c, value in enumerate(values) if 0 < value < threshold}
    hidden = primary | set(also_hide)
    by_cell: dict[int, list[SumRule]] = {}
    for rule in publication.rules:
        for cell in rule.cells:
            by_cell.setdefault(cell, []).append(rule)
    passed: dict[int, Interval] = {}
    to_check = set(hidden)
    while to_check:
        shown = {c: values[c] for c in range(len(values)) if c not in hidden}
        found = intervals(
            publication.structure,
            shown,
            to_check,
            threshold=threshold,
            values=publication.values,
        )
        failing = {c: i for c, i in found.items() if i.width < threshold}
        passed.update((c, i) for c, i in found.items() if c not in failing)
        chosen: set[int] = set()
        touched: set[int] = set()
        for cell in sorted(failing, key=lambda c: (-values[c], c)):  # totals first
            if cell in touched:
                continue  # a cell hidden this round may already protect it: audit first
            need = threshold - failing[cell].width
            pick = _partner(cell, need, values, by_cell, hidden | chosen)
            if pick is None:
                continue  # nothing related is left to hide
            chosen.add(pick)
            for rule in (*by_cell.get(cell, ()), *by_cell.get(pick, ())):
                if len(rule.cells) <= _NEAR:  # a region's total over 290 groups is not near
                    touched.update(rule.cells)
        if not chosen:
            passed.update(failing)
            break
        hidden |= chosen
        to_check = set(failing) | chosen
    if not any(i.width < threshold for i in passed.values()):
        kept = primary | set(also_hide)
        hidden = _show_again(publication, values, threshold, hidden, kept, passed)
        passed = {c: i for c, i in passed.items() if c in hidden}
    return Suppression(frozenset(primary), frozenset(hidden - primary), passed)


def _show_again(
    publication: Publication,
    values: Sequence[int],
    threshold: int,
    hidden: set[int],
    kept: set[int],
    passed: dict[int, Interval],
) -> set[int]:
    """Show again each secondary cell the others protect well enough without it (hidden in
    one round, it may have become superfluous by a later one): the largest first, since
    they say the most. Only the part of the system the cell takes part in is audited."""
    structure = publication.structure
    shown_now = {c: values[c] for c in range(len(values)) if c not in hidden}
    around = component_unknowns(structure, shown_now, hidden)
    narrowest = {c: i.width for c, i in passed.items()}  # the likeliest to fail, tried first
    for cell in sorted(hidden - kept, key=lambda c: (-values[c], c)):
        within = set(around[cell])
        if len(within) > _SHOW_AGAIN_LIMIT:
            continue  # a sum over a whole region: trying costs more than it saves
        trial = hidden - {cell}
        shown = {c: values[c] for c in range(len(values)) if c not in trial}
        found = intervals(
            structure,
            shown,
            sorted(trial, key=lambda c: (narrowest.get(c, math.inf), c)),
            threshold=threshold,
            values=publication.values,
            within=within,
            stop_early=True,
        )
        if all(i.width >= threshold for i in found.values()):
            hidden = trial  # components only split when a cell is shown: `around` still holds
    return hidden


def _partner(
    cell: int,
    need: float,
    values: Sequence[int],
    by_cell: dict[int, list[SumRule]],
    hidden: set[int],
) -> int | None:
    """The shown cell to hide with `cell`: from the sums where it has the fewest hidden
    companions, the smallest that widens the interval by `need` on its own, else the largest;
    parts before totals. When its own sums offer only zeros, looks further along the hidden
    cells of those sums (a hidden total's other sums) before hiding a zero, which protects
    little since a reader can guess it."""
    seen = {cell}
    frontier = [cell]
    zeros: list[int] = []
    while frontier:
        options: list[tuple[int, int, int]] = []  # (hidden in the rule, candidate, is total)
        for current in frontier:
            for rule in by_cell.get(current, ()):
                crowd = sum(1 for c in rule.cells if c in hidden)
                for c in rule.cells:
                    if c in hidden:
                        continue
                    if values[c]:
                        options.append((crowd, c, int(c == rule.total)))
                    elif not zeros:
                        zeros.append(c)
        if options:
            fewest = min(crowd for crowd, _c, _t in options)
            best = [(c, total) for crowd, c, total in options if crowd == fewest]

            def cost(item: tuple[int, int]) -> tuple[int, float, int]:
                candidate, total = item
                value = values[candidate]
                enough = value >= need or math.isinf(need)
                return (int(not enough), value if enough else -value, total)

            return min(best, key=cost)[0]
        following = []
        for current in frontier:
            for rule in by_cell.get(current, ()):
                for c in rule.cells:
                    if c not in seen and c in hidden:
                        seen.add(c)
                        following.append(c)
        frontier = following
    return zeros[0] if zeros else None


def publication_of(values: Sequence[int], sums: Sequence[SumRule]) -> Publication:
    """A table whose cells are its own counts, related by `sums`."""
    structure = Structure(
        unknowns=len(values),
        cells=[(i,) for i in range(len(values))],
        relations=[(rule.total, rule.parts) for rule in sums],
    )
    return Publication(structure, list(values), list(sums))


def suppress(
    values: Sequence[int],
    sums: Sequence[SumRule],
    threshold: int,
    also_hide: Iterable[int] = (),
) -> Suppression:
    """Which cells (indices into `values`) to hide; `sums` are the additive relations a reader
    can see between the cells (all of them, including any total that is itself a cell).
    `also_hide` are cells hidden for a reason outside this table, protected like the rest."""
    return protect(publication_of(values, sums), threshold, also_hide)


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
    """Suppress a table whose `row_total_column` holds each row's total and/or whose
    `column_total_row` holds each column's total; `row_groups` lists further (total row,
    part rows) relations such as "SIP initiated" and its "varav" rows."""
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
