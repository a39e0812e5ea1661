"""The disclosure audit: how closely can a reader pin down each hidden count?

A document publishes cells, each the sum of some counts behind it (the unknowns), and a reader
also knows relations between those counts ("varav" lines adding up to their total). For each
hidden cell the audit asks a linear programme for the smallest and the largest value the cell
can take when every published value is fixed and every count is ≥ 0 (HiGHS through `highspy`).
A hidden cell passes when that interval is at least `threshold` wide; one that is determined
exactly, or bounded more narrowly, fails. The interval of the LP contains every integer answer,
so a cell that passes here passes for a reader who reasons with whole numbers too.

Here the system is built: each shown sum written over its hidden parts only, split into
independent components (a month of an indicator family), a component with one sum answered
without a programme. services/sip/disclosure_lp.py solves the rest, at most twice per hidden cell
and usually far less (see there).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Structure:
    """What a reader knows besides the numbers: `cells[c]` are the unknowns cell c sums,
    `relations` are (total unknown, part unknowns) equalities between unknowns, and
    `differences` are published cells a − b (a change against last year). `partitions` are
    (cell, part cells) whose unknowns split the cell's exactly (a year into its quarters): not
    needed for the answer, they let each sum be written over the hidden parts only, so that
    independent parts of the document stay separate, smaller programmes."""

    unknowns: int
    cells: Sequence[Sequence[int]]
    relations: Sequence[tuple[int, Sequence[int]]] = ()
    differences: Sequence[tuple[int, int]] = ()
    partitions: Sequence[tuple[int, Sequence[int]]] = ()


@dataclass(frozen=True)
class Interval:
    """Where a hidden cell can lie. Not `exact`: a part of it (the cell passed before its
    ends were needed), so the true interval is at least as wide."""

    low: float
    high: float  # math.inf when the cell has no upper bound
    exact: bool = True

    @property
    def width(self) -> float:
        return self.high - self.low

    def text(self) -> str:
        high = "∞" if math.isinf(self.high) else f"{self.high:g}"
        return f"{self.low:g}–{high}"


class Contradiction(Exception):
    """The published values cannot all be true at once (a file changed by hand)."""


class _Sets:
    """Union-find over unknowns."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, self.parent[parent]
        return item

    def join(self, items: Iterable[int]) -> None:
        roots = [self.find(i) for i in items]
        for root in roots[1:]:
            self.parent[self.find(root)] = self.find(roots[0])


class _System:
    """The equations a reader has over the hidden counts: each shown sum written over its
    hidden parts, the relations, and each hidden cell as an objective; split into
    independent components. With `within` (unknowns), only the sums, relations and cells
    that hold one of those counts are taken (the part of the system around them)."""

    def __init__(
        self,
        structure: Structure,
        shown: Mapping[int, int],
        check: Iterable[int],
        within: set[int] | None = None,
    ) -> None:
        self.structure = structure
        cells = structure.cells
        self.fixed: dict[int, int] = {}
        for cell, value in shown.items():
            if cell < len(cells) and len(cells[cell]) == 1:
                unknown = cells[cell][0]
                if self.fixed.setdefault(unknown, value) != value:
                    raise Contradiction(unknown)
        self.rows: list[tuple[dict[int, float], float]] = []
        first_difference = len(cells)
        self.shown_counts = {c: v for c, v in shown.items() if c < first_difference}
        self.partition_of = {cell: parts for cell, parts in structure.partitions}
        self.memo: dict[int, tuple[list[int], float]] = {}

        def near(raw: Iterable[int]) -> bool:
            return within is None or not within.isdisjoint(raw)

        for cell, value in shown.items():
            if cell < first_difference:
                if len(cells[cell]) > 1 and near(cells[cell]):
                    terms, constant = self.members(cell)
                    self.add_row(((u, 1.0) for u in terms), value - constant)
            else:
                plus, minus = structure.differences[cell - first_difference]
                if near(cells[plus]) or near(cells[minus]):
                    plus_terms, plus_constant = self.members(plus)
                    minus_terms, minus_constant = self.members(minus)
                    self.add_row(
                        [*((u, 1.0) for u in plus_terms), *((u, -1.0) for u in minus_terms)],
                        value - plus_constant + minus_constant,
                    )
        for total, parts in structure.relations:
            if near((total, *parts)):
                self.add_row([(total, 1.0), *((u, -1.0) for u in parts)], 0.0)
        self.sets = _Sets()
        for row, _value in self.rows:
            self.sets.join(row)
        self.objectives: dict[int, tuple[list[int], float]] = {}
        for cell in check:
            if not near(cells[cell]):
                continue
            terms, constant = self.members(cell)
            free = [u for u in terms if u not in self.fixed]
            constant += float(sum(self.fixed[u] for u in terms if u in self.fixed))
            self.objectives[cell] = (free, constant)
            self.sets.join(free)

    def add_row(self, terms: Iterable[tuple[int, float]], value: float) -> None:
        row: dict[int, float] = {}
        for unknown, coefficient in terms:
            if unknown in self.fixed:
                value -= coefficient * self.fixed[unknown]
            else:
                row[unknown] = row.get(unknown, 0.0) + coefficient
        row = {u: c for u, c in row.items() if c}
        if row:
            self.rows.append((row, value))
        elif abs(value) > TOLERANCE:
            raise Contradiction(value)

    def members(self, cell: int, top: bool = True) -> tuple[list[int], float]:
        """The cell's value as its hidden parts' unknowns plus its shown parts' values."""
        if not top and cell in self.shown_counts:
            return [], float(self.shown_counts[cell])
        if cell in self.memo:
            return self.memo[cell]
        parts = self.partition_of.get(cell)
        if parts is None:
            found: tuple[list[int], float] = (list(self.structure.cells[cell]), 0.0)
        else:
            unknowns: list[int] = []
            constant = 0.0
            for part in parts:
                more, value = self.members(part, top=False)
                unknowns += more
                constant += value
            found = (unknowns, constant)
        self.memo[cell] = found
        return found

    def components(self) -> dict[int, tuple[list[int], list[tuple[dict[int, float], float]]]]:
        """Root → (its cells, its rows), for the components that hold a cell to answer."""
        by_root: dict[int, tuple[list[int], list[tuple[dict[int, float], float]]]] = {}
        for cell, (free, _constant) in self.objectives.items():
            if free:
                by_root.setdefault(self.sets.find(free[0]), ([], []))[0].append(cell)
        for entry in self.rows:
            root = self.sets.find(next(iter(entry[0])))
            if root in by_root:
                by_root[root][1].append(entry)
        return by_root


def intervals(
    structure: Structure,
    shown: Mapping[int, int],
    check: Iterable[int],
    *,
    threshold: float | None = None,
    values: Sequence[int] | None = None,
    within: set[int] | None = None,
    stop_early: bool = False,
) -> dict[int, Interval]:
    """The interval each cell of `check` (hidden cells) can lie in, given the `shown` values
    (cell → value; a shown difference is keyed by len(cells) + its index). With `threshold`,
    a cell whose interval is seen to be at least that wide gets what was seen (not exact);
    `values` (the true counts, when known) help to see it sooner. With `within` (unknowns
    that hold a whole component of the system), only that component is answered.
    `stop_early`: stop at the first cell found narrower than `threshold` (give `check` in
    the order to try), when only whether all pass matters."""
    from naravard_desktop.services.sip.disclosure_lp import solve

    system = _System(structure, shown, check, within)
    found = {
        cell: Interval(constant, constant)
        for cell, (free, constant) in system.objectives.items()
        if not free
    }
    for cells, rows in system.components().values():
        if len(rows) <= 1 and all(c == 1.0 for row, _v in rows for c in row.values()):
            found.update(_one_sum(rows, cells, system.objectives))
        else:
            found.update(solve(rows, cells, system.objectives, threshold, values, stop_early))
        if stop_early and any(i.width < (threshold or 0) for i in found.values()):
            break
    return found


def component_unknowns(
    structure: Structure, shown: Mapping[int, int], check: Iterable[int]
) -> dict[int, frozenset[int]]:
    """For each cell of `check`, the unknowns of its component: what `within` needs to
    answer about it again after something in that component is shown."""
    system = _System(structure, shown, check)
    members: dict[int, set[int]] = {}
    for row, _value in system.rows:
        members.setdefault(system.sets.find(next(iter(row))), set()).update(row)
    for free, _constant in system.objectives.values():
        if free:
            members.setdefault(system.sets.find(free[0]), set()).update(free)
    found: dict[int, frozenset[int]] = {}
    for cell, (free, _constant) in system.objectives.items():
        unknowns = set(structure.cells[cell])
        if free:
            unknowns |= members[system.sets.find(free[0])]
        found[cell] = frozenset(unknowns)
    return found


def _one_sum(
    rows: Sequence[tuple[dict[int, float], float]],
    cells: Sequence[int],
    objectives: Mapping[int, tuple[list[int], float]],
) -> dict[int, Interval]:
    """The common case without a programme: at most one published sum over these hidden
    counts (a row's total with its hidden cells). A cell holding all of the sum's counts is
    the sum; one holding some of them lies anywhere from 0 to the sum; counts outside the
    sum have no upper bound."""
    members, total = (set(rows[0][0]), rows[0][1]) if rows else (set(), 0.0)
    found = {}
    for cell in cells:
        free, constant = objectives[cell]
        inside = members.intersection(free)
        high = math.inf if len(inside) < len(free) else (total if inside else 0.0)
        low = total if members and inside == members else 0.0
        found[cell] = Interval(snap(low + constant), snap(high + constant))
    return found


def snap(value: float) -> float:
    """A bound found in floating point, as the whole number it stands for."""
    nearest = round(value) if not math.isinf(value) else value
    return float(nearest) if abs(value - nearest) < TOLERANCE else value
