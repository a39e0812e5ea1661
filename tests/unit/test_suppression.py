"""Small-number suppression: every 1–4 is hidden, and no hidden cell can be worked out from
the totals that are shown (checked with exact fractions, independently of the module)."""

from __future__ import annotations

import os
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from naravard_desktop.services.sip.suppression import SumRule, suppress, suppress_table

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"  # make test-long: many more examples


def with_margins(body: list[list[int]]) -> list[list[int]]:
    """Add a row-total column and a column-total row (with the grand total)."""
    rows = [[*row, sum(row)] for row in body]
    totals = [sum(column) for column in zip(*rows, strict=True)]
    return [*rows, totals]


def derivable(table: list[list[int]], hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden cells a reader could compute from the shown cells and the row and column
    sums, by Gauss-Jordan elimination over the rationals."""
    height, width = len(table), len(table[0])
    cells = sorted(hidden)
    position = {cell: i for i, cell in enumerate(cells)}
    equations: list[list[Fraction]] = []
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    for line in lines:
        # last cell of each line is its total: parts - total = 0
        row = [Fraction(0)] * len(cells)
        for cell in line[:-1]:
            if cell in position:
                row[position[cell]] += 1
        if line[-1] in position:
            row[position[line[-1]]] -= 1
        if any(row):
            equations.append(row)
    pivot_rows: list[list[Fraction]] = []
    pivot_columns: list[int] = []
    for column in range(len(cells)):
        found = next(
            (e for e in equations if e[column] != 0 and all(e is not p for p in pivot_rows)),
            None,
        )
        if found is None:
            continue
        factor = found[column]
        found[:] = [v / factor for v in found]
        for other in equations:
            if other is not found and other[column] != 0:
                scale = other[column]
                other[:] = [a - scale * b for a, b in zip(other, found, strict=True)]
        pivot_rows.append(found)
        pivot_columns.append(column)
    return {
        cells[column]
        for column, row in zip(pivot_columns, pivot_rows, strict=True)
        if sum(1 for v in row if v != 0) == 1
    }


def test_the_independent_check_finds_what_a_reader_could_compute() -> None:
    table = with_margins([[3, 10], [8, 9]])
    assert derivable(table, {(0, 0)}) == {(0, 0)}
    assert derivable(table, {(0, 0), (0, 1)}) == {(0, 0), (0, 1)}  # via the columns
    assert derivable(table, {(0, 0), (0, 1), (1, 0), (1, 1)}) == set()


def test_a_lone_small_cell_in_a_row_gets_a_partner_and_the_column_too() -> None:
    table = with_margins([[3, 10, 12], [8, 9, 20], [15, 6, 7]])
    result = suppress_table(table, 5, row_total_column=3, column_total_row=3)
    assert result.primary == {(0, 0)}
    hidden = result.primary | result.secondary
    # row 0 and column 0 each need a second hidden cell
    assert sum(1 for c in range(4) if (0, c) in hidden) >= 2
    assert sum(1 for r in range(4) if (r, 0) in hidden) >= 2
    assert derivable(table, set(hidden)) == set()


def test_nothing_is_hidden_when_nothing_is_small() -> None:
    table = with_margins([[0, 10], [8, 0]])
    result = suppress_table(table, 5, row_total_column=2, column_total_row=2)
    assert not result.primary and not result.secondary


def test_zero_is_not_primary_and_threshold_is_exclusive() -> None:
    result = suppress([0, 4, 5, 1], [], 5)
    assert result.primary == {1, 3}


def test_a_breakdown_adding_up_to_its_total_is_protected() -> None:
    # initiated = 12; by region 2, by municipality 10; the 2 is primary, so the 10 must go too
    result = suppress([12, 2, 10], [SumRule(0, (1, 2))], 5)
    assert result.primary == {1}
    assert result.secondary == {2}


def test_three_way_chain_is_solved_exactly() -> None:
    # a = b + c, b = d + e: hiding d alone forces e; then b is known unless more goes
    values = [20, 9, 11, 3, 6]
    sums = [SumRule(0, (1, 2)), SumRule(1, (3, 4))]
    result = suppress(values, sums, 5)
    hidden = result.hidden
    assert {3, 4} <= hidden
    for rule in sums:
        assert sum(1 for c in rule.cells if c in hidden) != 1


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=width, max_size=width),
        min_size=1,
        max_size=6,
    )
)


@settings(max_examples=500 if LONG else 60, deadline=None)
@given(body=tables, threshold=st.integers(min_value=2, max_value=10))
def test_no_hidden_cell_can_be_recomputed_from_the_totals_shown(
    body: list[list[int]], threshold: int
) -> None:
    table = with_margins(body)
    height, width = len(table), len(table[0])
    result = suppress_table(
        table, threshold, row_total_column=width - 1, column_total_row=height - 1
    )
    hidden = set(result.primary | result.secondary)
    for r in range(height):
        for c in range(width):
            if 0 < table[r][c] < threshold:
                assert (r, c) in result.primary
    # every row and column with a hidden cell has at least two (its total may be one of them)
    for r in range(height):
        assert sum(1 for c in range(width) if (r, c) in hidden) != 1
    for c in range(width):
        assert sum(1 for r in range(height) if (r, c) in hidden) != 1
    assert derivable(table, hidden) == set()


# --- the width of what a reader can narrow a hidden cell to, by enumeration ------------------


def reader_range(
    table: list[list[int]], hidden: set[tuple[int, int]], threshold: int
) -> dict[tuple[int, int], tuple[int, int]]:
    """Every whole-number table a reader cannot tell from the real one (the shown cells as
    shown, each row and column adding up to its total), and from those each hidden cell's
    smallest and largest value: independent of the module's linear programming."""
    height, width = len(table), len(table[0])
    body = [(r, c) for r in range(height - 1) for c in range(width - 1) if (r, c) in hidden]
    # no count is larger than the grand total; when that is hidden too, counts may reach
    # past it, and reaching the limit threshold above it is as good as no bound here
    limit = table[-1][-1] + (threshold if (height - 1, width - 1) in hidden else 0)
    found: dict[tuple[int, int], tuple[int, int]] = {}

    def consistent(trial: list[list[int]]) -> bool:
        for r in range(height):
            if sum(trial[r][:-1]) != trial[r][-1]:
                return False
        return all(
            sum(trial[r][c] for r in range(height - 1)) == trial[-1][c] for c in range(width)
        )

    def fill(n: int, trial: list[list[int]]) -> None:
        if n == len(body):
            for r in range(height):  # hidden totals follow from the body
                if (r, width - 1) in hidden:
                    trial[r][-1] = sum(trial[r][:-1])
            for c in range(width):
                if (height - 1, c) in hidden:
                    trial[-1][c] = sum(trial[r][c] for r in range(height - 1))
            if consistent(trial):
                for cell in hidden:
                    value = trial[cell[0]][cell[1]]
                    low, high = found.get(cell, (value, value))
                    found[cell] = (min(low, value), max(high, value))
            return
        r, c = body[n]
        for value in range(limit + 1):
            trial[r][c] = value
            # cells not yet tried are 0: a shown total they already exceed ends this branch
            if (r, width - 1) not in hidden and sum(trial[r][:-1]) > trial[r][-1]:
                break
            column = sum(trial[y][c] for y in range(height - 1))
            if (height - 1, c) not in hidden and column > trial[-1][c]:
                break
            fill(n + 1, trial)
        trial[r][c] = 0

    start = [list(row) for row in table]
    for r, c in body:
        start[r][c] = 0
    fill(0, start)
    return found


small_tables = st.integers(min_value=1, max_value=3).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=6), min_size=width, max_size=width),
        min_size=1,
        max_size=3,
    )
)


@settings(max_examples=300 if LONG else 25, deadline=None)
@given(body=small_tables, threshold=st.integers(min_value=2, max_value=5))
def test_no_hidden_cell_can_be_narrowed_below_the_limit_by_any_whole_numbers(
    body: list[list[int]], threshold: int
) -> None:
    table = with_margins(body)
    height, width = len(table), len(table[0])
    result = suppress_table(
        table, threshold, row_total_column=width - 1, column_total_row=height - 1
    )
    hidden = set(result.primary | result.secondary)
    if len([c for c in hidden if c[0] < height - 1 and c[1] < width - 1]) > 4:
        return  # too many to enumerate here; the linear programme covers it
    for cell, (low, high) in reader_range(table, hidden, threshold).items():
        assert high - low >= threshold, (table, sorted(hidden), cell, low, high)
