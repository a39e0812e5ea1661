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
    `differences` are published cells a − b (a change against last year)."""

    unknowns: int
    cells: Sequence[Sequence[int]]
    relations: Sequence[tuple[int, Sequence[int]]] = ()
    differences: Sequence[tuple[int, int]] = ()


@dataclass(frozen=True)
class Interval:
    low: float
    high: float  # math.inf when the cell has no upper bound

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
) -> dict[int, Interval]:
    """The interval each cell of `check` (hidden cells) can lie in, given the `shown` values
    (cell → value; a shown difference is keyed by len(cells) + its index)."""
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
    for cell, value in shown.items():
        if cell < first_difference:
            if len(structure.cells[cell]) > 1:
                add_row(((u, 1.0) for u in structure.cells[cell]), value)
        else:
            plus, minus = structure.differences[cell - first_difference]
            terms = [(u, 1.0) for u in structure.cells[plus]]
            add_row([*terms, *((u, -1.0) for u in structure.cells[minus])], value)
    for total, parts in structure.relations:
        add_row([(total, 1.0), *((u, -1.0) for u in parts)], 0.0)

    sets = _Sets()
    for row, _value in rows:
        sets.join(row)
    objectives: dict[int, tuple[list[int], float]] = {}
    for cell in check:
        free = [u for u in structure.cells[cell] if u not in fixed]
        constant = float(sum(fixed[u] for u in structure.cells[cell] if u in fixed))
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
        found.update(_solve(component_rows.get(root, []), cells, objectives))
    return found


def _solve(
    rows: Sequence[tuple[dict[int, float], float]],
    cells: Sequence[int],
    objectives: Mapping[int, tuple[list[int], float]],
) -> dict[int, Interval]:
    """Min and max of each cell's sum over one component's programme."""
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
    solver.passModel(lp)
    status = highspy.HighsModelStatus
    if rows:
        solver.run()
        if solver.getModelStatus() == status.kInfeasible:
            raise Contradiction(rows)
    zeros = np.zeros(len(columns))
    found: dict[int, Interval] = {}
    for cell in cells:
        free, constant = objectives[cell]
        ends = []
        for sign in (1.0, -1.0):
            costs = zeros.copy()
            for unknown in free:
                costs[index[unknown]] = sign
            solver.changeColsCost(len(columns), np.arange(len(columns), dtype=np.int32), costs)
            solver.run()
            model_status = solver.getModelStatus()
            if model_status == status.kOptimal:
                ends.append(sign * solver.getInfo().objective_function_value)
            elif model_status in (status.kUnbounded, status.kUnboundedOrInfeasible):
                ends.append(math.inf if sign < 0 else -math.inf)
            else:
                raise Contradiction(model_status)
        low = math.ceil(ends[0] - _TOLERANCE) + constant
        high = ends[1] if math.isinf(ends[1]) else math.floor(ends[1] + _TOLERANCE) + constant
        found[cell] = Interval(low, high)
    return found
