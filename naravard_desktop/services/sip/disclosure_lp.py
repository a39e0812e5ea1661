"""The linear programmes of the disclosure audit (HiGHS through `highspy`): the smallest and
largest value of each hidden cell of one component, with every published value fixed and every
count ≥ 0. See services/sip/disclosure_audit.py for the system they come from."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from naravard_desktop.services.sip.disclosure_audit import TOLERANCE, Contradiction, Interval, snap

_highs_module: Any = None
# Stopping early: a small component's cells are tried one by one; a large one's first few,
# then the rest are pushed apart together.
_ONE_BY_ONE = 40
_FIRST = 4


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


def solve(
    rows: Sequence[tuple[dict[int, float], float]],
    cells: Sequence[int],
    objectives: Mapping[int, tuple[list[int], float]],
    threshold: float | None,
    values: Sequence[int] | None,
    stop_early: bool = False,
) -> dict[int, Interval]:
    """Min and max of each cell's sum over one component's programme. `stop_early`: return
    at the first cell narrower than `threshold` (cells in the order given, narrowest known
    first), for a caller that only wants to know whether all pass.

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
    enough = math.inf if threshold is None else threshold - TOLERANCE

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

    found: dict[int, Interval] = {}

    def answer(k: int, cell: int) -> Interval:
        constant = objectives[cell][1]
        if high_seen[k] - low_seen[k] >= enough:
            return Interval(snap(low_seen[k] + constant), snap(high_seen[k] + constant), False)
        high = extreme(k, -1.0)
        if high - low_seen[k] >= enough:
            return Interval(snap(low_seen[k] + constant), snap(high + constant), exact=False)
        low = extreme(k, 1.0)
        high_end = high if math.isinf(high) else math.floor(high + TOLERANCE) + constant
        return Interval(math.ceil(low - TOLERANCE) + constant, high_end)

    # Stopping early, the cells likeliest to fail come first, one by one; then the rest.
    first = 0
    if stop_early:
        first = len(cells) if len(cells) <= _ONE_BY_ONE else _FIRST
    for k in range(first):
        found[cells[k]] = answer(k, cells[k])
        if found[cells[k]].width < enough:
            return found
    if threshold is not None and len(cells) - first > 1:
        _push_apart(lp, incidence, enough, low_seen, high_seen)
    for k in range(first, len(cells)):
        found[cells[k]] = answer(k, cells[k])
        if stop_early and found[cells[k]].width < enough:
            break
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
            np.array([low_seen[k] + enough + TOLERANCE for k in pending]),
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
