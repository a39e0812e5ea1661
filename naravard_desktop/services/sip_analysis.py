"""Sums of follow-up counts over time: per quarter (or tertial) and year, the change against
the same period last year, and trend series per indicator and unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.db.models import SipCount, SipPeriod
from naravard_desktop.i18n import _
from naravard_desktop.services.database import Database
from naravard_desktop.services.sip_counts import CellKey

# (year, kind of bucket, number): months are summed into quarters
Bucket = tuple[int, PeriodKind, int]


@dataclass(frozen=True)
class Sums:
    """Counts summed per bucket: {bucket: {cell key: value}} for the periods read."""

    by_bucket: dict[Bucket, dict[CellKey, int]]

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


def bucket_of(kind: PeriodKind, starts_on: dt.date) -> Bucket:
    if kind is PeriodKind.MONTH:
        kind = PeriodKind.QUARTER
    months = {PeriodKind.QUARTER: 3, PeriodKind.TERTIAL: 4, PeriodKind.YEAR: 12}[kind]
    return (starts_on.year, kind, (starts_on.month - 1) // months + 1)


def bucket_label(bucket: Bucket) -> str:
    """Short labels for table heads and chart axes: "K2 2024", "T1 2024", "2024"."""
    year, kind, number = bucket
    if kind is PeriodKind.QUARTER:
        return _("Q{number} {year}").format(number=number, year=year)
    if kind is PeriodKind.TERTIAL:
        return _("T{number} {year}").format(number=number, year=year)
    return str(year)


def load_sums(db: Database, group_id: int, years: Iterable[int] | None = None) -> Sums:
    with db.session() as session:
        query = (
            select(
                SipPeriod.kind,
                SipPeriod.starts_on,
                SipCount.indicator_id,
                SipCount.unit_id,
                SipCount.target_group_id,
                SipCount.value,
            )
            .join(SipCount, SipCount.period_id == SipPeriod.id)
            .where(SipPeriod.group_id == group_id)
        )
        wanted = sorted(set(years)) if years is not None else None
        if wanted:
            query = query.where(
                SipPeriod.starts_on >= dt.date(wanted[0], 1, 1),
                SipPeriod.starts_on <= dt.date(wanted[-1], 12, 31),
            )
        by_bucket: dict[Bucket, dict[CellKey, int]] = {}
        for kind, starts_on, indicator, unit, target, value in session.execute(query):
            if wanted is not None and starts_on.year not in wanted:
                continue
            cells = by_bucket.setdefault(bucket_of(kind, starts_on), {})
            key = (indicator, unit, target)
            cells[key] = cells.get(key, 0) + value
        return Sums(by_bucket)


def change(current: int | None, previous: int | None) -> tuple[int, float | None] | None:
    """(difference, per cent or None when last year was 0); None if either is missing."""
    if current is None or previous is None:
        return None
    difference = current - previous
    return difference, (difference / previous * 100 if previous else None)


def format_change(current: int | None, previous: int | None) -> str:
    """ "+3 (+25 %)", "−2", "" when it cannot be computed."""
    found = change(current, previous)
    if found is None:
        return ""
    difference, percent = found
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    text = f"{sign}{abs(difference)}"
    if percent is not None:
        text += f" ({sign}{abs(round(percent))} %)"
    return text


def trend(
    sums: Sums,
    indicator_id: int,
    unit_id: int | None = None,
    target_id: int | None = None,
) -> list[tuple[Bucket, int | None]]:
    """Every bucket with data, in time order, with the sum for this indicator and unit."""
    return [(b, sums.total(b, indicator_id, unit_id, target_id)) for b in sums.buckets()]
