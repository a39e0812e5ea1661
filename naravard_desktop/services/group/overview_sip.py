"""The overview's part of the SIP counts: the periods that have ended without counts (added
and left empty, or not added yet after the last one), and the trend of the SIPs initiated
over the last ended periods. The group's own figures, for itself: nothing is suppressed here
(the exports and the region overview suppress what they publish)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.models import Group, Indicator, SipCount, SipPeriod
from naravard_desktop.i18n import current_language
from naravard_desktop.services.group.read_models import PeriodToFill, SipPoint
from naravard_desktop.services.sip import indicator_sets, sip_periods
from naravard_desktop.services.sip.read_models import number_of

TREND_CODE = "initiated"
TREND_PERIODS = 8
# Periods not added are listed up to this many: a group that stopped counting long ago is
# told of its gap without a page of it.
MISSING_LIMIT = 12


def periods_to_fill(session: Session, group_id: int, day: dt.date) -> list[PeriodToFill]:
    """Ended periods (not closed) without a single count, then those not added since the
    last one, oldest first. A group that has never added a period is not counting SIPs here:
    nothing is missing for it."""
    counted = exists().where(SipCount.period_id == SipPeriod.id)
    empty = session.execute(
        select(SipPeriod.id, SipPeriod.kind, SipPeriod.starts_on)
        .where(
            SipPeriod.group_id == group_id,
            SipPeriod.ends_on < day,
            SipPeriod.closed.is_(False),
            ~counted,
        )
        .order_by(SipPeriod.starts_on)
    )
    found = [PeriodToFill(period_id, kind, starts) for period_id, kind, starts in empty]
    last_end = session.scalar(
        select(func.max(SipPeriod.ends_on)).where(SipPeriod.group_id == group_id)
    )
    kind = session.scalar(select(Group.sip_period_kind).where(Group.id == group_id))
    if last_end is None or kind is None:
        return found
    start = last_end + dt.timedelta(days=1)
    missing = 0
    while missing < MISSING_LIMIT and start.year <= sip_periods.LAST_YEAR:
        first, last = sip_periods.bounds(kind, start.year, number_of(kind, start))
        if last >= day:
            break
        if first == start:  # a period of another kind may end inside one of this kind
            found.append(PeriodToFill(None, kind, first))
            missing += 1
        start = last + dt.timedelta(days=1)
    return found


def sip_trend(session: Session, group_id: int, day: dt.date) -> tuple[str, list[SipPoint]]:
    """The name of the SIPs-initiated indicator and its total (all units and target groups)
    in each of the last TREND_PERIODS ended periods, oldest first; ("", []) when the group
    has hidden or has no such indicator."""
    indicator = session.execute(
        select(Indicator.id, Indicator.name_sv, Indicator.name_en).where(
            Indicator.group_id == group_id,
            Indicator.indicator_set == indicator_sets.SIP_SET,
            Indicator.code == TREND_CODE,
            Indicator.hidden.is_(False),
        )
    ).first()
    if indicator is None:
        return "", []
    indicator_id, name_sv, name_en = indicator
    # Through the (period, indicator) index, a period at a time.
    total = (
        select(func.sum(SipCount.value))
        .where(SipCount.period_id == SipPeriod.id, SipCount.indicator_id == indicator_id)
        .correlate(SipPeriod)
        .scalar_subquery()
    )
    rows = session.execute(
        select(SipPeriod.kind, SipPeriod.starts_on, total)
        .where(SipPeriod.group_id == group_id, SipPeriod.ends_on < day)
        .order_by(SipPeriod.starts_on.desc())
        .limit(TREND_PERIODS)
    ).all()
    points = [
        SipPoint(kind, starts, None if value is None else int(value))
        for kind, starts, value in reversed(rows)
    ]
    name = name_en if current_language() == "en" and name_en else name_sv
    return name, points
