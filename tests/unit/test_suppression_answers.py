"""The answers `protect` keeps: asked again for the same publication it answers the same, and a
changed count, limit or cell hidden besides is worked out anew, never answered from before."""

from __future__ import annotations

from naravard_desktop.services.sip.suppression import (
    SumRule,
    Suppression,
    forget_answers,
    protect,
    publication_of,
)

# a row of four counts and its total (cell 4)
SUMS = [SumRule(4, (0, 1, 2, 3))]


def row(*counts: int) -> list[int]:
    return [*counts, sum(counts)]


def fresh(values: list[int], threshold: int, also_hide: tuple[int, ...] = ()) -> Suppression:
    forget_answers()
    return protect(publication_of(values, SUMS), threshold, also_hide)


def test_the_same_publication_gets_the_same_answer_and_its_own_intervals() -> None:
    first = fresh(row(2, 9, 7, 8), 5)
    assert first.primary == {0} and first.secondary  # the 2 is protected by a partner
    assert first.intervals is not None
    first.intervals.clear()  # a caller's copy: what is kept is not changed by it

    again = protect(publication_of(row(2, 9, 7, 8), SUMS), 5)

    assert (again.primary, again.secondary) == (first.primary, first.secondary)
    assert again.intervals == fresh(row(2, 9, 7, 8), 5).intervals != {}


def test_a_changed_count_limit_or_forced_cell_is_worked_out_anew() -> None:
    kept = fresh(row(2, 9, 7, 8), 5)
    assert kept.hidden == {0, 2}  # the 2 with the 7, the smallest part wide enough

    assert protect(publication_of(row(9, 9, 7, 8), SUMS), 5).hidden == frozenset()
    protect(publication_of(row(2, 9, 7, 8), SUMS), 5)
    assert protect(publication_of(row(2, 9, 7, 8), SUMS), 2).hidden == frozenset()
    protect(publication_of(row(2, 9, 7, 8), SUMS), 5)
    assert protect(publication_of(row(2, 9, 7, 8), SUMS), 5, [3]).hidden == {0, 3}
    assert protect(publication_of(row(2, 9, 7, 8), SUMS), 5) == kept
