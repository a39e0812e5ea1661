"""The SIP analysis's sums: counts by period bucket and span, compared with the year before,
as the analysis window, its chart and the report show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel import dates as babel_dates

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.i18n import _, current_language, format_percent

if TYPE_CHECKING:
    from naravard_desktop.services.sip.sip_counts import CellKey


# (year, kind of bucket, number): months are summed into quarters
Bucket = tuple[int, PeriodKind, int]


# (year, first month, last month) of a period holding counts
Span = tuple[int, int, int]


@dataclass(frozen=True)
class Sums:
    """Counts summed per bucket: {bucket: {cell key: value}} for the periods read, and per
    period ({span: {cell key: value}}), which tells which months of a year hold counts."""

    by_bucket: dict[Bucket, dict[CellKey, int]]
    by_span: dict[Span, dict[CellKey, int]] = field(default_factory=dict)

    def spans(self, year: int) -> list[tuple[int, int]]:
        """(first month, last month) of each period of `year` that holds counts."""
        return sorted((first, last) for y, first, last in self.by_span if y == year)

    def months(self, year: int) -> frozenset[int]:
        """The months of `year` that periods holding counts cover."""
        return frozenset(m for first, last in self.spans(year) for m in range(first, last + 1))

    def months_total(
        self,
        year: int,
        months: frozenset[int],
        indicator_id: int,
        unit_id: int | None = None,
        target_id: int | None = None,
    ) -> int | None:
        """The sum over the periods of `year` that lie within `months`."""
        found = [
            value
            for (y, first, last), cells in self.by_span.items()
            if y == year and set(range(first, last + 1)) <= months
            for (i, u, t), value in cells.items()
            if i == indicator_id
            and (unit_id is None or u == unit_id)
            and (target_id is None or t == target_id)
        ]
        return sum(found) if found else None

    def label(self, bucket: Bucket) -> str:
        """The bucket's label, saying which months it holds when not all of them have
        counts (months entered one by one): "K1 2027 (t.o.m. januari)"."""
        text = bucket_label(bucket)
        held = self.months(bucket[0]) & bucket_months(bucket)
        if not self.by_span or not held or held == bucket_months(bucket):
            return text
        first = min(bucket_months(bucket))
        if held == frozenset(range(first, max(held) + 1)):
            return _("{period} (through {month})").format(period=text, month=month_name(max(held)))
        return _("{period} ({months} only)").format(period=text, months=months_text(held))

    def total(
        self,
        bucket: Bucket,
        indicator_id: int,
        unit_id: int | None = None,
        target_id: int | None = None,
    ) -> int | None:
        """Sum over the units/target groups that match (None = all); None when nothing was
        recorded for it in that bucket."""
        cells = self.by_bucket.get(bucket)
        if cells is None:
            return None
        found = [
            value
            for (i, u, t), value in cells.items()
            if i == indicator_id
            and (unit_id is None or u == unit_id)
            and (target_id is None or t == target_id)
        ]
        return sum(found) if found else None

    def buckets(self, year: int | None = None) -> list[Bucket]:
        return sorted(b for b in self.by_bucket if year is None or b[0] == year)

    def year_total(
        self,
        year: int,
        indicator_id: int,
        unit_id: int | None = None,
        target_id: int | None = None,
    ) -> int | None:
        found = [
            v
            for b in self.buckets(year)
            if (v := self.total(b, indicator_id, unit_id, target_id)) is not None
        ]
        return sum(found) if found else None


def bucket_months(bucket: Bucket) -> frozenset[int]:
    _year, kind, number = bucket
    size = {PeriodKind.QUARTER: 3, PeriodKind.TERTIAL: 4, PeriodKind.YEAR: 12}[kind]
    return frozenset(range((number - 1) * size + 1, number * size + 1))


def month_name(month: int) -> str:
    """ "januari", "January"."""
    day = dt.date(2000, month, 1)
    return str(babel_dates.format_date(day, "LLLL", locale=current_language()))


def short_month(month: int) -> str:
    """ "jan", "mar", "maj", "Jan": the first three letters, as in Swedish and English
    abbreviations without a full stop."""
    return month_name(month)[:3]


def months_text(months: frozenset[int], *, short: bool = False) -> str:
    """Runs of months: "januari–mars", "januari–mars, juli" ("jan–mar, jul" short), "" for
    none."""
    name = short_month if short else month_name
    runs: list[tuple[int, int]] = []
    for month in sorted(months):
        if runs and runs[-1][1] == month - 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return ", ".join(
        name(first) if first == last else f"{name(first)}–{name(last)}" for first, last in runs
    )


def bucket_label(bucket: Bucket) -> str:
    """Short labels for table heads and chart axes: "K2 2024", "T1 2024", "2024"."""
    year, kind, number = bucket
    if kind is PeriodKind.QUARTER:
        return _("Q{number} {year}").format(number=number, year=year)
    if kind is PeriodKind.TERTIAL:
        return _("T{number} {year}").format(number=number, year=year)
    return str(year)


def change(current: int | None, previous: int | None) -> tuple[int, float | None] | None:
    """(difference, per cent or None when last year was 0); None if either is missing."""
    if current is None or previous is None:
        return None
    difference = current - previous
    return difference, (difference / previous * 100 if previous else None)


def format_change(current: int | None, previous: int | None) -> str:
    """ "+3 (+25 %)" ("+3 (+25%)" in English), "−2", "" when it cannot be computed."""
    found = change(current, previous)
    if found is None:
        return ""
    difference, percent = found
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    text = f"{sign}{abs(difference)}"
    if percent is not None:
        # An ordinary space in "25 %": the text also goes to spreadsheets and table cells.
        shown = format_percent(abs(round(percent))).replace("\u00a0", " ")
        text += f" ({sign}{shown})"
    return text
