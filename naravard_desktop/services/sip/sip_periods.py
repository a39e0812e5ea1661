"""Counting periods: month, quarter, tertial or year; never overlapping; a closed period is
read-only until it is reopened."""

from __future__ import annotations

import calendar
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.db.models import Group, SipCount, SipPeriod
from naravard_desktop.errors import DomainError, NotFoundError, StaleEditError
from naravard_desktop.i18n import N_, _, ngettext
from naravard_desktop.services.sip.read_models import _MONTHS_PER, PeriodRow, label, number_of
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import copy_fields

FIRST_YEAR = 2000
LAST_YEAR = 2100

_KIND_LABELS = {
    PeriodKind.MONTH: N_("Month"),
    PeriodKind.QUARTER: N_("Quarter"),
    PeriodKind.TERTIAL: N_("Tertial"),
    PeriodKind.YEAR: N_("Year"),
}


def kind_label(kind: PeriodKind) -> str:
    return _(_KIND_LABELS[kind])


def periods_per_year(kind: PeriodKind) -> int:
    return 12 // _MONTHS_PER[kind]


def bounds(kind: PeriodKind, year: int, number: int) -> tuple[dt.date, dt.date]:
    """First and last day of period `number` (1-based) of `year`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("Give a year from {first} to {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)
        )
    if not 1 <= number <= periods_per_year(kind):
        raise DomainError(
            ngettext(
                "{number} cannot be used: a year has {count} period of this kind.",
                "{number} cannot be used: a year has {count} periods of this kind.",
                periods_per_year(kind),
            ).format(count=periods_per_year(kind), number=number)
            + " "
            + _("Choose a number from 1 to {count}.").format(count=periods_per_year(kind))
        )
    months = _MONTHS_PER[kind]
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        dt.date(year, first_month, 1),
        dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def kind_of(starts_on: dt.date, ends_on: dt.date) -> PeriodKind | None:
    """The kind whose bounds are exactly these dates, or None (for imports)."""
    for kind in PeriodKind:
        if bounds(kind, starts_on.year, number_of(kind, starts_on)) == (starts_on, ends_on):
            return kind
    return None


def _row(period: SipPeriod, value_count: int) -> PeriodRow:
    return copy_fields(PeriodRow, period, value_count=value_count)


def _count(session: Session, period_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(SipCount).where(SipCount.period_id == period_id)
        )
        or 0
    )


def list_periods(db: Database, group_id: int, year: int | None = None) -> list[PeriodRow]:
    """The group's periods, oldest first (optionally those starting in `year`)."""
    with db.session() as session:
        query = (
            select(SipPeriod, func.count(SipCount.id))
            .outerjoin(SipCount, SipCount.period_id == SipPeriod.id)
            .where(SipPeriod.group_id == group_id)
            .group_by(SipPeriod.id)
            .order_by(SipPeriod.starts_on)
        )
        if year is not None:
            query = query.where(
                SipPeriod.starts_on >= dt.date(year, 1, 1),
                SipPeriod.starts_on <= dt.date(year, 12, 31),
            )
        return [_row(period, count) for period, count in session.execute(query).all()]


def get_period(db: Database, period_id: int) -> PeriodRow:
    with db.session() as session:
        return _row(_load(session, period_id), _count(session, period_id))


def _load(session: Session, period_id: int) -> SipPeriod:
    period = session.get(SipPeriod, period_id)
    if period is None:
        raise NotFoundError(_("The period no longer exists. Reload and try again."))
    return period


def find_overlap(
    session: Session, group_id: int, starts_on: dt.date, ends_on: dt.date
) -> SipPeriod | None:
    return session.scalars(
        select(SipPeriod)
        .where(
            SipPeriod.group_id == group_id,
            SipPeriod.starts_on <= ends_on,
            SipPeriod.ends_on >= starts_on,
        )
        .order_by(SipPeriod.starts_on)
    ).first()


def create_period(
    db: Database, group_id: int, year: int, number: int, kind: PeriodKind | None = None
) -> PeriodRow:
    """Add period `number` of `year`, of the group's kind unless `kind` is given; refused if
    it overlaps a period the group already has."""
    with db.session() as session:
        group = session.get(Group, group_id)
        if group is None:
            raise NotFoundError(_("There is no group with id {id}.").format(id=group_id))
        chosen = PeriodKind(kind or group.sip_period_kind)
        starts_on, ends_on = bounds(chosen, year, number)
        other = find_overlap(session, group_id, starts_on, ends_on)
        if other is not None:
            raise DomainError(
                _("{new} overlaps {existing}, which is already there. Check the dates.").format(
                    new=label(chosen, starts_on), existing=label(other.kind, other.starts_on)
                )
            )
        period = SipPeriod(group_id=group_id, kind=chosen, starts_on=starts_on, ends_on=ends_on)
        session.add(period)
        session.flush()
        return _row(period, 0)


def set_closed(db: Database, period_id: int, closed: bool, expected_version: int) -> PeriodRow:
    """Close (read-only) or reopen a period."""
    with db.session() as session:
        period = _load(session, period_id)
        if period.version != expected_version:
            raise StaleEditError(_("The period was changed elsewhere. Reload and try again."))
        period.closed = closed
        session.flush()
        return _row(period, _count(session, period_id))


def delete_period(db: Database, period_id: int) -> None:
    """Remove an empty, open period (one added by mistake); values are never deleted here."""
    with db.session() as session:
        period = _load(session, period_id)
        if period.closed:
            raise DomainError(_("A closed period cannot be removed. Reopen it first."))
        if _count(session, period_id):
            raise DomainError(
                _("{period} holds values and cannot be removed. Clear its cells first.").format(
                    period=label(period.kind, period.starts_on)
                )
            )
        session.delete(period)
