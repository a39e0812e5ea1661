"""The disclosure audit: how closely can a reader pin down each hidden count?

A document publishes cells, each the sum of some counts behind it (the unknowns), and a reader
also knows relations between those counts ("varav" lines adding up to their total). For each
hidden cell the audit asks a linear programme for the smallest and the largest value the cell
can take when every published value is fixed and every count is ≥ 0 (HiGHS through `highspy`).
A hidden cell passes when that interval is at least `threshold` wide; one that is determined
exactly, or bounded more narrowly, fails. The interval of the LP contains every integer answer,
so a cell that passes here passes for a reader who reasons with whole numbers too.

Independent parts of a document (an indicator family that shares no sum with another) are
separate programmes, each built once and solved twice per hidden cell, with a warm start.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_TOLERANCE = 1e-6
_highs_module: Any = None


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


def _highs() -> Any:
    """highspy, imported on first use; HiGHS prints a banner when its first solver is made,
    which would end up in the middle of a command's output, so that one is made silently."""
    global _highs_module
    if _highs_module is None:
        import highspy

        sys.stdout.flush()
        saved = null = -1
        try:
            saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
        except OSError:  # no standard output at all (a windowed app): nothing to hide
            pass
        try:
            highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            if saved >= 0:
                os.dup2(saved, 1)
                os.close(saved)
            if null >= 0:
                os.close(null)
        _highs_module = highspy
    return _highs_module


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


def intervals(
    structure: Structure,
    shown: Mapping[int, int],
    check: Iterable[int],
    *,
    threshold: float | None = None,
    values: Sequence[int] | None = None,
) -> dict[int, Interval]:
    """The interval each cell of `check` (hidden cells) can lie in, given the `shown` values
    (cell → value; a shown difference is keyed by len(cells) + its index). With `threshold`,
    a cell whose interval is seen to be at least that wide gets what was seen (not exact);
    `values` (the true counts, when known) help to see it sooner."""
    fixed: dict[int, int] = {}
    for cell, value in shown.items():
        if cell < len(structure.cells) and len(structure.cells[cell]) == 1:
            unknown = structure.cells[cell][0]
            if fixed.setdefault(unknown, value) != value:
                raise Contradiction(unknown)
    # each row: ({free unknown: coefficient}, right-hand side)
    rows: list[tuple[dict[int, float], float]] = []

    def add_row(terms: Iterable[tuple[int, float]], value: float) -> None:
        row: dict[int, float] = {}
        for unknown, coefficient in terms:
            if unknown in fixed:
                value -= coefficient * fixed[unknown]
            else:
                row[unknown] = row.get(unknown, 0.0) + coefficient
        row = {u: c for u, c in row.items() if c}
        if row:
            rows.append((row, value))
        elif abs(value) > _TOLERANCE:
            raise Contradiction(value)

    first_difference = len(structure.cells)
    shown_counts = {c: v for c, v in shown.items() if c < first_difference}
    partition_of = {cell: parts for cell, parts in structure.partitions}
    memo: dict[int, tuple[list[int], float]] = {}

    def members(cell: int, top: bool = True) -> tuple[list[int], float]:
        """The cell's value as its hidden parts' unknowns plus its shown parts' values."""
        if not top and cell in shown_counts:
            return [], float(shown_counts[cell])
        if cell in memo:
            return memo[cell]
        parts = partition_of.get(cell)
        if parts is None:
            found: tuple[list[int], float] = (list(structure.cells[cell]), 0.0)
        else:
            unknowns: list[int] = []
            constant = 0.0
            for part in parts:
                more, value = members(part, top=False)
                unknowns += more
                constant += value
            found = (unknowns, constant)
        memo[cell] = found
        return found

    for cell, value in shown.items():
        if cell < first_difference:
            if len(structure.cells[cell]) > 1:
                terms, constant = members(cell)
                add_row(((u, 1.0) for u in terms), value - constant)
        else:
            plus, minus = structure.differences[cell - first_difference]
            plus_terms, plus_constant = members(plus)
            minus_terms, minus_constant = members(minus)
            add_row(
                [*((u, 1.0) for u in plus_terms), *((u, -1.0) for u in minus_terms)],
                value - plus_constant + minus_constant,
            )
    for total, parts in structure.relations:
        add_row([(total, 1.0), *((u, -1.0) for u in parts)], 0.0)

    sets = _Sets()
    for row, _value in rows:
        sets.join(row)
    objectives: dict[int, tuple[list[int], float]] = {}
    for cell in check:
        terms, constant = members(cell)
        free = [u for u in terms if u not in fixed]
        constant += float(sum(fixed[u] for u in terms if u in fixed))
        objectives[cell] = (free, constant)
        sets.join(free)
    by_root: dict[int, list[int]] = {}
    for cell, (free, _constant) in objectives.items():
        if free:
            by_root.setdefault(sets.find(free[0]), []).append(cell)
    component_rows: dict[int, list[tuple[dict[int, float], float]]] = {}
    for entry in rows:
        root = sets.find(next(iter(entry[0])))
        if root in by_root:
            component_rows.setdefault(root, []).append(entry)
    found = {
        cell: Interval(constant, constant)
        for cell, (free, constant) in objectives.items()
        if not free
    }
    for root, cells in by_root.items():
        component = component_rows.get(root, [])
        if len(component) <= 1 and all(c == 1.0 for row, _v in component for c in row.values()):
            found.update(_one_sum(component, cells, objectives))
        else:
            found.update(_solve(component, cells, objectives, threshold, values))
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
        found[cell] = Interval(_snap(low + constant), _snap(high + constant))
    return found


def _snap(value: float) -> float:
    """A bound found in floating point, as the whole number it stands for."""
    nearest = round(value) if not math.isinf(value) else value
    return float(nearest) if abs(value - nearest) < _TOLERANCE else value


def _solve(
    rows: Sequence[tuple[dict[int, float], float]],
    cells: Sequence[int],
    objectives: Mapping[int, tuple[list[int], float]],
    threshold: float | None,
    values: Sequence[int] | None,
) -> dict[int, Interval]:
    """Min and max of each cell's sum over one component's programme.

    Every solution found is a point the published values allow, so the range of each cell
    over all of them is part of its interval: once that range is `threshold` wide the cell
    passes without programmes of its own (the interval returned is then that range, marked
    not exact). `values`, the true counts, are such a point too."""
    import numpy as np

    highspy = _highs()
    columns = sorted(
        {u for row, _v in rows for u in row} | {u for c in cells for u in objectives[c][0]}
    )
    index = {u: n for n, u in enumerate(columns)}
    entries: list[list[tuple[int, float]]] = [[] for _ in columns]
    for number, (row, _value) in enumerate(rows):
        for unknown, coefficient in row.items():
            entries[index[unknown]].append((number, coefficient))
    starts = [0]
    for column in entries:
        starts.append(starts[-1] + len(column))
    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.zeros(len(columns))
    lp.col_lower_ = np.zeros(len(columns))
    lp.col_upper_ = np.full(len(columns), highspy.kHighsInf)
    rhs = np.array([value for _row, value in rows], dtype=float)
    lp.row_lower_ = rhs
    lp.row_upper_ = rhs
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array([r for column in entries for r, _c in column], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([c for column in entries for _r, c in column], dtype=float)
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    # Small programmes solved again and again with a new objective: the last basis stays
    # feasible, so the primal simplex goes on from it; presolving each time costs more.
    solver.setOptionValue("presolve", "off")
    solver.setOptionValue("simplex_strategy", 4)
    solver.passModel(lp)
    status = highspy.HighsModelStatus

    incidence = np.zeros((len(cells), len(columns)))
    for k, cell in enumerate(cells):
        for unknown in objectives[cell][0]:
            incidence[k, index[unknown]] = 1.0
    low_seen = np.full(len(cells), np.inf)
    high_seen = np.full(len(cells), -np.inf)

    def observe() -> None:
        point = incidence @ np.asarray(solver.getSolution().col_value)
        np.minimum(low_seen, point, out=low_seen)
        np.maximum(high_seen, point, out=high_seen)

    if values is not None:
        point = incidence @ np.array([float(values[u]) for u in columns])
        np.minimum(low_seen, point, out=low_seen)
        np.maximum(high_seen, point, out=high_seen)
    solver.run()
    if solver.getModelStatus() != status.kOptimal:
        raise Contradiction(rows)
    observe()
    all_columns = np.arange(len(columns), dtype=np.int32)
    enough = math.inf if threshold is None else threshold - _TOLERANCE

    def extreme(k: int, sign: float) -> float:
        solver.changeColsCost(len(columns), all_columns, sign * incidence[k])
        solver.run()
        model_status = solver.getModelStatus()
        if model_status == status.kOptimal:
            observe()
            return float(sign * solver.getInfo().objective_function_value)
        if model_status in (status.kUnbounded, status.kUnboundedOrInfeasible):
            return math.inf
        raise Contradiction(model_status)

    if threshold is not None and len(cells) > 1:
        _push_apart(lp, incidence, enough, low_seen, high_seen)
    found: dict[int, Interval] = {}
    for k, cell in enumerate(cells):
        constant = objectives[cell][1]
        if high_seen[k] - low_seen[k] >= enough:
            low, high = _snap(low_seen[k] + constant), _snap(high_seen[k] + constant)
            found[cell] = Interval(low, high, exact=False)
            continue
        high = extreme(k, -1.0)
        if high - low_seen[k] >= enough:
            found[cell] = Interval(
                _snap(low_seen[k] + constant), _snap(high + constant), exact=False
            )
            continue
        low = extreme(k, 1.0)
        high_end = high if math.isinf(high) else math.floor(high + _TOLERANCE) + constant
        found[cell] = Interval(math.ceil(low - _TOLERANCE) + constant, high_end)
    return found


def _push_apart(
    lp: Any,
    incidence: Any,
    enough: float,
    low_seen: Any,
    high_seen: Any,
) -> None:
    """Before one programme per cell: find points where many cells at once lie `enough`
    above the lowest value seen for them. A programme with a capped helper per cell
    (y ≤ the cell, y ≤ lowest seen + enough, maximise Σ y) spreads a sum's room over as
    many cells as it can give enough to; a handful of these settle most small counts."""
    import numpy as np

    highspy = _highs()
    columns = incidence.shape[1]
    for _round in range(6):
        pending = [k for k in range(len(low_seen)) if high_seen[k] - low_seen[k] < enough]
        if not pending:
            return
        solver = highspy.Highs()
        solver.setOptionValue("output_flag", False)
        solver.passModel(lp)
        count = len(pending)
        solver.addCols(
            count,
            np.full(count, -1.0),
            np.zeros(count),
            np.array([low_seen[k] + enough + _TOLERANCE for k in pending]),
            0,
            np.zeros(count, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        for n, k in enumerate(pending):
            starts.append(len(indices))
            members = np.nonzero(incidence[k])[0]
            indices += [columns + n, *members.tolist()]
            values += [1.0, *([-1.0] * len(members))]
        solver.addRows(
            count,
            np.full(count, -highspy.kHighsInf),
            np.zeros(count),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=float),
        )
        solver.run()
        if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return
        point = incidence @ np.asarray(solver.getSolution().col_value)[:columns]
        np.minimum(low_seen, point, out=low_seen)
        np.maximum(high_seen, point, out=high_seen)
        if all(high_seen[k] - low_seen[k] < enough for k in pending):
            return
