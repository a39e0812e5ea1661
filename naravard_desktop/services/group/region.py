"""The region overview: every group the connected role may open, side by side, for one year.

Which groups those are is the database's business: on a server, row-level security shows a
role only its groups (and their rows); a file holds only groups its user may open. So the
overview asks for all groups, in a handful of queries each grouped by group (never a query per
group: a region has hundreds).

Per group: the current plan's activities per status (the plan its plan page opens first, the
measure of its overview page) and that plan's overdue activities (as its overview page counts
them: an old plan's leftovers are not today's work), meetings held in the year, protocols of
held meetings still awaiting justering (whatever the year: they are work to do now), and the
year's SIP totals over all units.

The SIP totals are published as one table with the region's total per indicator, suppressed as
the SIP exports are (services/sip/suppression.py over a system built with sip_disclosure's
builder): counts from 1 to below the threshold are hidden, zeros shown, and as many others as it
takes for no hidden total to be worked out from the region's total. The threshold is the highest
of the groups', so no group's count is shown that its own exports would hide as small."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus, ProtocolState
from naravard_desktop.db.models import (
    Activity,
    Area,
    Group,
    Indicator,
    Meeting,
    Plan,
    SipCount,
    SipPeriod,
)
from naravard_desktop.i18n import current_language, sort_key
from naravard_desktop.services.group.read_models import (
    RegionGroup,
    RegionOverview,
    SipTotal,
)
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES
from naravard_desktop.services.sip import indicator_sets, sip_disclosure
from naravard_desktop.services.sip.disclosure_audit import Structure
from naravard_desktop.services.sip.suppression import Publication, protect
from naravard_desktop.services.system.database import Database

# The SIP indicators the overview sums: those the exports' trend chart follows.
SIP_CODES = sip_disclosure.TREND_CODES

StatusCounts = dict[ActivityStatus, int]


def region_overview(db: Database, year: int, today: dt.date | None = None) -> RegionOverview:
    """The overview of `year` (see the module doc), the groups in Swedish order of name."""
    day = today or dt.date.today()
    with db.session() as session:
        groups = session.execute(select(Group.id, Group.name, Group.suppress_below)).all()
        plans = _current_plans(session)
        statuses = _plan_statuses(session, plans)
        overdue = _overdue(session, plans, day)
        meetings = _meetings(session, year, day)
        sip = _sip_sums(session, year)
    thresholds = {gid: limit for gid, _name, limit in groups}
    shown, totals, threshold, hidden = _suppressed(sip, thresholds)
    rows = []
    for group_id, name, _limit in groups:
        plan = plans.get(group_id)
        held, awaiting = meetings.get(group_id, (0, 0))
        rows.append(
            RegionGroup(
                id=group_id,
                name=name,
                plan_id=plan[0] if plan else None,
                plan_title=plan[1] if plan else None,
                status_counts=statuses.get(group_id, _no_statuses()),
                overdue=overdue.get(group_id, 0),
                meetings_held=held,
                awaiting_justering=awaiting,
                sip=tuple(shown.get((group_id, code), SipTotal(code, None)) for code in SIP_CODES),
            )
        )
    rows.sort(key=lambda r: (sort_key(r.name), r.id))
    return RegionOverview(
        year=year,
        today=day,
        sip_names=sip_names(),
        groups=rows,
        sip_totals=totals,
        suppress_below=threshold,
        hidden_counts=hidden,
    )


def sip_names() -> tuple[str, ...]:
    """The shipped names of SIP_CODES in the language in use (groups may rename their own)."""
    shipped = {i.code: i for i in indicator_sets.get_set(indicator_sets.SIP_SET).indicators}
    return tuple(
        shipped[c].name_sv if current_language() == "sv" else shipped[c].name_en for c in SIP_CODES
    )


def _no_statuses() -> StatusCounts:
    return {status: 0 for status in ActivityStatus}


def _current_plans(session: Session) -> dict[int, tuple[int, str]]:
    """group id → (plan id, title) of the plan its plan page opens first: the newest period,
    a plan without one last, then the oldest made."""
    order = func.row_number().over(
        partition_by=Plan.group_id, order_by=(Plan.valid_from.desc().nulls_last(), Plan.id)
    )
    ranked = select(Plan.group_id, Plan.id, Plan.title, order.label("n")).subquery()
    query = select(ranked.c.group_id, ranked.c.id, ranked.c.title).where(ranked.c.n == 1)
    return {group_id: (plan_id, title) for group_id, plan_id, title in session.execute(query)}


def _plan_statuses(session: Session, plans: dict[int, tuple[int, str]]) -> dict[int, StatusCounts]:
    """group id → its current plan's activities per status."""
    current = [plan_id for plan_id, _title in plans.values()]
    found: dict[int, StatusCounts] = {}
    if not current:
        return found
    query = (
        select(Plan.group_id, Activity.status, func.count())
        .join(Area, Area.plan_id == Plan.id)
        .join(Activity, Activity.area_id == Area.id)
        .where(Plan.id.in_(current))
        .group_by(Plan.group_id, Activity.status)
    )
    for group_id, status, count in session.execute(query):
        found.setdefault(group_id, _no_statuses())[ActivityStatus(status)] = int(count)
    return found


def _overdue(session: Session, plans: dict[int, tuple[int, str]], day: dt.date) -> dict[int, int]:
    """group id → its current plan's activities past their due date and neither done nor
    cancelled (services/group/overview_plan.py counts them so)."""
    current = [plan_id for plan_id, _title in plans.values()]
    if not current:
        return {}
    query = (
        select(Plan.group_id, func.count())
        .join(Area, Area.plan_id == Plan.id)
        .join(Activity, Activity.area_id == Area.id)
        .where(
            Plan.id.in_(current),
            Activity.due_date.is_not(None),
            Activity.due_date < day,
            Activity.status.not_in(list(CLOSED_STATUSES)),
        )
        .group_by(Plan.group_id)
    )
    return {group_id: int(count) for group_id, count in session.execute(query)}


def _meetings(session: Session, year: int, day: dt.date) -> dict[int, tuple[int, int]]:
    """group id → (meetings held in `year`, held meetings whose protocol awaits justering)."""
    in_year = and_(Meeting.held_on >= dt.date(year, 1, 1), Meeting.held_on <= dt.date(year, 12, 31))
    held = func.sum(case((in_year, 1), else_=0))
    awaiting = func.sum(case((Meeting.state == ProtocolState.DRAFT, 1), else_=0))
    query = (
        select(Meeting.group_id, held, awaiting)
        .where(Meeting.held_on <= day)
        .group_by(Meeting.group_id)
    )
    return {gid: (int(h or 0), int(a or 0)) for gid, h, a in session.execute(query)}


def _sip_sums(session: Session, year: int) -> dict[tuple[int, str], int]:
    """(group id, code) → the year's count over all units and target groups, of periods
    starting in `year`, as the exports' year column sums them; indicators a group hides are
    not published, so they are left out."""
    # A period's count of one indicator, found through the (period, indicator) index: as a
    # plain join SQLite without statistics reads every count of every year, and joined by
    # period alone all indicators' counts of the year.
    per_period = (
        select(func.sum(SipCount.value))
        .where(SipCount.period_id == SipPeriod.id, SipCount.indicator_id == Indicator.id)
        .correlate(SipPeriod, Indicator)
        .scalar_subquery()
    )
    query = (
        select(SipPeriod.group_id, Indicator.code, func.sum(per_period))
        .join(Indicator, Indicator.group_id == SipPeriod.group_id)
        .where(
            SipPeriod.starts_on >= dt.date(year, 1, 1),
            SipPeriod.starts_on <= dt.date(year, 12, 31),
            Indicator.indicator_set == indicator_sets.SIP_SET,
            Indicator.code.in_(SIP_CODES),
            Indicator.hidden.is_(False),
        )
        .group_by(SipPeriod.group_id, Indicator.code)
    )
    rows = session.execute(query)
    return {(gid, code): int(total) for gid, code, total in rows if total is not None}


def _suppressed(
    sums: dict[tuple[int, str], int], thresholds: dict[int, int]
) -> tuple[dict[tuple[int, str], SipTotal], tuple[SipTotal, ...], int | None, tuple[int, int]]:
    """The totals as published: each group's and the region's per code, with the cells the
    suppression hides emptied; the threshold used and (primary, secondary) hidden."""
    if not sums:
        return {}, tuple(SipTotal(code, None) for code in SIP_CODES), None, (0, 0)
    threshold = max(thresholds[gid] for gid, _code in sums)
    b = sip_disclosure.Builder()
    cells: dict[tuple[int, str], int] = {}
    region: list[int | None] = []
    for code in SIP_CODES:
        keys = sorted(k for k in sums if k[1] == code)
        parts: list[int | None] = []
        for key in keys:
            cells[key] = _cell(b, [b.unknown(key, sums[key])])
            parts.append(cells[key])
        total = b.cell(b.unknown(key, 0) for key in keys)
        region.append(total)
        b.rule(total, parts)
    structure = Structure(len(b.values), b.cells, b.relations, b.differences, b.partitions())
    result = protect(Publication(structure, b.values, b.rules), threshold)

    def published(code: str, cell: int | None) -> SipTotal:
        if cell is None:
            return SipTotal(code, None)
        if cell in result.hidden:
            return SipTotal(code, None, hidden=True)
        return SipTotal(code, b.value(cell))

    shown = {key: published(key[1], cell) for key, cell in cells.items()}
    totals = tuple(published(code, cell) for code, cell in zip(SIP_CODES, region, strict=True))
    return shown, totals, threshold, (len(result.primary), len(result.secondary))


def _cell(b: sip_disclosure.Builder, unknowns: Sequence[int]) -> int:
    cell = b.cell(unknowns)
    assert cell is not None  # one unknown at least
    return cell
