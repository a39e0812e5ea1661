"""Recorded counts of a period: read, save (one transaction per user edit, with optimistic
locking on the period), and check against the set's rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from naravard_desktop.db.models import Indicator, SipCategory, SipCount, SipPeriod
from naravard_desktop.errors import DomainError, NotFoundError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.sip import indicator_sets, sip_periods
from naravard_desktop.services.sip.read_models import CellIssue, PeriodRow, Setup, label
from naravard_desktop.services.sip.sip_rules import check_column, check_value
from naravard_desktop.services.system.database import Database

# indicator id, unit id, target group id
CellKey = tuple[int, int, int]


@dataclass(frozen=True)
class PeriodCounts:
    period: PeriodRow
    values: dict[CellKey, int]


def _values(session: Session, period_id: int) -> dict[CellKey, int]:
    rows = session.execute(
        select(
            SipCount.indicator_id, SipCount.unit_id, SipCount.target_group_id, SipCount.value
        ).where(SipCount.period_id == period_id)
    ).all()
    return {(i, u, t): v for i, u, t, v in rows}


def load_counts(db: Database, period_id: int) -> PeriodCounts:
    with db.session():
        period = sip_periods.get_period(db, period_id)
        with db.session() as session:
            return PeriodCounts(period, _values(session, period_id))


def _describe_closed(period: SipPeriod) -> str:
    return _("{period} is closed. Reopen it to change its counts.").format(
        period=label(period.kind, period.starts_on)
    )


def save_counts(
    db: Database,
    period_id: int,
    changes: Mapping[CellKey, int | None],
    expected_version: int,
) -> PeriodRow:
    """Set (or clear, with None) cells of an open period in one transaction. Refuses values
    that can never be right, a closed period and a period saved elsewhere meanwhile."""
    for value in changes.values():
        if value is not None:
            check_value(value)
    with db.session() as session:
        period = session.get(SipPeriod, period_id)
        if period is None:
            raise NotFoundError(_("The period no longer exists. Reload and try again."))
        if period.version != expected_version:
            raise StaleEditError(
                _("The counts of this period were changed elsewhere. Reload and try again.")
            )
        if period.closed:
            raise DomainError(_describe_closed(period))
        _check_keys(session, period.group_id, changes.keys())
        existing = {
            (c.indicator_id, c.unit_id, c.target_group_id): c
            for c in session.scalars(select(SipCount).where(SipCount.period_id == period_id))
        }
        for key, value in changes.items():
            row = existing.get(key)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    SipCount(
                        period_id=period_id,
                        indicator_id=key[0],
                        unit_id=key[1],
                        target_group_id=key[2],
                        value=value,
                    )
                )
            else:
                row.value = value
        flag_modified(period, "note")  # a new version, so a stale grid cannot overwrite this
        session.flush()
        return sip_periods.get_period(db, period_id)


def _check_keys(session: Session, group_id: int, keys: Iterable[CellKey]) -> None:
    keys = list(keys)
    checks: tuple[tuple[type[Indicator] | type[SipCategory], set[int], str], ...] = (
        (
            Indicator,
            {k[0] for k in keys},
            _("An indicator was removed meanwhile. Reload and try again."),
        ),
        (
            SipCategory,
            {k[1] for k in keys} | {k[2] for k in keys},
            _("A unit or target group was removed meanwhile. Reload and try again."),
        ),
    )
    for model, ids, gone in checks:
        if ids:
            query = select(model.id).where(model.group_id == group_id, model.id.in_(ids))
            if set(session.scalars(query)) != ids:
                raise NotFoundError(gone)


def check_period(setup: Setup, values: Mapping[CellKey, int]) -> list[CellIssue]:
    """The rules broken in each visible column of a period."""
    rules = indicator_sets.rules_for(setup.indicator_set)
    if not rules:
        return []
    names = setup.names_by_code()
    parts = setup.parts_by_code()
    ids = {i.code: i.id for i in setup.indicators}
    found: list[CellIssue] = []
    for unit, target in setup.columns():
        column = {
            code: values[(indicator_id, unit.id, target.id)]
            for code, indicator_id in ids.items()
            if (indicator_id, unit.id, target.id) in values
        }
        for issue in check_column(rules, column, names, parts):
            found.append(CellIssue(unit.id, target.id, tuple(ids[c] for c in issue.codes), issue))
    return found
