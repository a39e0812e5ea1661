"""Sums of follow-up counts over time: per quarter (or tertial) and year, the change against
the same period last year, and trend series per indicator and unit.

Comparisons are like for like: a year with counts for only some of its months is compared
with the same months of last year (and says so: "Jan–mar 2027" against "Jan–mar 2026"),
never with the whole of it; a quarter built from months that are not all entered
says which months it holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import select

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.db.models import SipCount, SipPeriod
from naravard_desktop.i18n import _
from naravard_desktop.services.sip.analysis_model import Bucket, Span, Sums, months_text
from naravard_desktop.services.sip.sip_counts import CellKey
from naravard_desktop.services.system.database import Database

WHOLE_YEAR = frozenset(range(1, 13))


def bucket_of(kind: PeriodKind, starts_on: dt.date) -> Bucket:
    if kind is PeriodKind.MONTH:
        kind = PeriodKind.QUARTER
    months = {PeriodKind.QUARTER: 3, PeriodKind.TERTIAL: 4, PeriodKind.YEAR: 12}[kind]
    return (starts_on.year, kind, (starts_on.month - 1) // months + 1)


def span_label(year: int, months: frozenset[int], *, capital: bool = True) -> str:
    """A column head for `months` of `year`: "År 2026" for the whole year, else the months,
    short enough for a narrow column: "Jan–mar 2027" ("jan–mar 2027" inside a sentence)."""
    if months >= WHOLE_YEAR or not months:
        return _("Year {year}").format(year=year)
    text = f"{months_text(months, short=True)} {year}"
    return text[:1].upper() + text[1:] if capital else text


def load_sums(db: Database, group_id: int, years: Iterable[int] | None = None) -> Sums:
    """The group's counts summed per bucket and per period. The periods (dates, kinds) are
    read apart from their counts, which come as plain numbers: ten years of a busy group
    are tens of thousands of counts, and a date parsed on each was most of the time."""
    wanted = sorted(set(years)) if years is not None else None
    chosen = [SipPeriod.group_id == group_id]
    if wanted:
        chosen += [
            SipPeriod.starts_on >= dt.date(wanted[0], 1, 1),
            SipPeriod.starts_on <= dt.date(wanted[-1], 12, 31),
        ]
    with db.session() as session:
        periods = select(
            SipPeriod.id, SipPeriod.kind, SipPeriod.starts_on, SipPeriod.ends_on
        ).where(*chosen)
        places: dict[int, tuple[Bucket, Span]] = {
            period_id: (
                bucket_of(kind, starts_on),
                (starts_on.year, starts_on.month, ends_on.month),
            )
            for period_id, kind, starts_on, ends_on in session.execute(periods)
            if wanted is None or starts_on.year in wanted
        }
        counts = (
            select(
                SipCount.period_id,
                SipCount.indicator_id,
                SipCount.unit_id,
                SipCount.target_group_id,
                SipCount.value,
            )
            .join(SipPeriod, SipPeriod.id == SipCount.period_id)
            .where(*chosen)
        )
        rows: Sequence[Any] = []
        if places:
            # The driver's own tuples: a row object made for each of tens of thousands of
            # counts took as long as SQLite reading them.
            result = session.connection().execute(counts)
            rows = result.cursor.fetchall()
            result.close()
    by_bucket: dict[Bucket, dict[CellKey, int]] = {}
    by_span: dict[Span, dict[CellKey, int]] = {}
    # A period's counts come one after another (read through its index), each cell once:
    # a period's cells are one dict made at C speed, added to its bucket and span.
    for period_id, period_rows in groupby(rows, key=itemgetter(0)):
        place = places.get(period_id)
        if place is None:  # a year not asked for
            continue
        cells = {
            (indicator, unit, target): value for _p, indicator, unit, target, value in period_rows
        }
        _add(by_bucket, place[0], cells)
        _add(by_span, place[1], cells)
    return Sums(by_bucket, by_span)


def _add(sums: dict[Any, dict[CellKey, int]], key: Any, cells: dict[CellKey, int]) -> None:
    found = sums.get(key)
    if found is None:
        sums[key] = dict(cells)
        return
    for cell, value in cells.items():
        found[cell] = found.get(cell, 0) + value


@dataclass(frozen=True)
class Comparison:
    """What `year` is compared with: the months (within `scope`, the whole year or one
    quarter) that hold counts in both years and are whole periods in both, so that the same
    stretch of time is summed on each side. Empty `months`: nothing can be compared."""

    year: int
    scope: frozenset[int]
    this_months: frozenset[int]
    last_months: frozenset[int]
    months: frozenset[int]

    @property
    def like_for_like(self) -> bool:
        """Both years have counts for the whole scope: the plain comparison."""
        return self.months == self.scope

    @property
    def this_label(self) -> str:
        return span_label(self.year, self.months)

    @property
    def last_label(self) -> str:
        return span_label(self.year - 1, self.months)

    def values(
        self,
        sums: Sums,
        indicator_id: int,
        unit_id: int | None = None,
        target_id: int | None = None,
    ) -> tuple[int | None, int | None]:
        """(this year, last year) over the compared months; (None, None) when none are."""
        if not self.months:
            return None, None
        return (
            sums.months_total(self.year, self.months, indicator_id, unit_id, target_id),
            sums.months_total(self.year - 1, self.months, indicator_id, unit_id, target_id),
        )

    def note(self) -> str:
        """One sentence on what is compared, "" for whole years (or scopes) on both sides."""
        if self.like_for_like or not self.this_months:
            return ""
        if not self.last_months:
            return _("There are no counts for {year} to compare with.").format(year=self.year - 1)
        if not self.months:
            return _(
                "{year} cannot be compared with {previous}: the two years have no counts for "
                "the same periods."
            ).format(year=self.year, previous=self.year - 1)
        return _("{this} compared with {last}: the months both years have counts for.").format(
            this=self.this_label, last=span_label(self.year - 1, self.months, capital=False)
        )


def compare(sums: Sums, year: int, scope: frozenset[int] = WHOLE_YEAR) -> Comparison:
    """The like-for-like comparison of `year` with the year before, within `scope`."""
    this_spans = [s for s in sums.spans(year) if set(range(s[0], s[1] + 1)) & scope]
    last_spans = [s for s in sums.spans(year - 1) if set(range(s[0], s[1] + 1)) & scope]
    this_months = sums.months(year) & scope
    last_months = sums.months(year - 1) & scope
    months = set(this_months & last_months)
    changed = True
    while changed:  # drop every period that lies only partly within the months compared
        changed = False
        for first, last in (*this_spans, *last_spans):
            inside = set(range(first, last + 1))
            if inside & months and not inside <= months:
                months -= inside
                changed = True
    return Comparison(year, scope, this_months, last_months, frozenset(months))


def trend(
    sums: Sums,
    indicator_id: int,
    unit_id: int | None = None,
    target_id: int | None = None,
) -> list[tuple[Bucket, int | None]]:
    """Every bucket with data, in time order, with the sum for this indicator and unit."""
    return [(b, sums.total(b, indicator_id, unit_id, target_id)) for b in sums.buckets()]
