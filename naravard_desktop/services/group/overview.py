"""The overview page's read: what the secretary has to do next (the next meeting, protocols
awaiting justering, open action items by owner, the current plan's overdue activities, SIP
periods to fill in) and where things stand (the plan's areas, the SIP trend). One
transaction of a handful of queries, each bounded by the group (the page opens the window).
The plan's part is in overview_plan.py, the SIP counts' in overview_sip.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import ActionItem, AgendaItem, Meeting, Plan
from naravard_desktop.i18n import sort_key
from naravard_desktop.services.group.overview_plan import current_plan
from naravard_desktop.services.group.overview_sip import periods_to_fill, sip_trend
from naravard_desktop.services.group.read_models import (
    Overview,
    OverviewAction,
    OverviewMeeting,
    OwnerActions,
)
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.system.database import Database


def overview(db: Database, group_id: int, today: dt.date | None = None) -> Overview:
    day = today or dt.date.today()
    with db.session() as session:
        plan = current_plan(session, group_id, day)
        trend_name, trend = sip_trend(session, group_id, day)
        plans = session.scalar(select(func.count()).where(Plan.group_id == group_id))
        return Overview(
            today=day,
            next_meeting=_next_meeting(session, group_id, day),
            awaiting_justering=_awaiting_justering(session, group_id, day),
            actions=_open_actions(session, group_id, day),
            plan_id=plan.plan_id,
            plan_title=plan.title,
            status_counts=plan.status_counts,
            overdue=plan.overdue,
            areas=plan.areas,
            periods_to_fill=periods_to_fill(session, group_id, day),
            sip_trend=trend,
            sip_trend_name=trend_name,
            plans=int(plans or 0),
        )


def _meeting(row: Meeting) -> OverviewMeeting:
    return OverviewMeeting(row.id, row.held_on, row.starts_at, row.place)


def _next_meeting(session: Session, group_id: int, day: dt.date) -> OverviewMeeting | None:
    found = session.scalars(
        select(Meeting)
        .where(Meeting.group_id == group_id, Meeting.held_on >= day)
        .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
        .limit(1)
    ).first()
    return _meeting(found) if found is not None else None


def _awaiting_justering(session: Session, group_id: int, day: dt.date) -> list[OverviewMeeting]:
    """Meetings held before today whose protocol is not approved, the oldest first (today's
    meeting is still the next meeting)."""
    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.group_id == group_id,
            Meeting.held_on < day,
            Meeting.state == ProtocolState.DRAFT,
        )
        .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
    )
    return [_meeting(row) for row in rows]


def _open_actions(session: Session, group_id: int, day: dt.date) -> list[OwnerActions]:
    """Open action items by owner: the owners with the most overdue first, then by name;
    each owner's items overdue first, by due date (none last), then by meeting."""
    rows = session.execute(
        select(
            ActionItem.id,
            Meeting.id,
            AgendaItem.id,
            Meeting.held_on,
            AgendaItem.paragraph,
            ActionItem.what,
            ActionItem.who,
            ActionItem.due_on,
        )
        .join(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.group_id == group_id, ActionItem.done.is_(False))
    ).all()
    numbers = numbers_of(session, group_id, ((r[2], r[3], r[4]) for r in rows))
    owners: defaultdict[str, list[OverviewAction]] = defaultdict(list)
    for action_id, meeting_id, item_id, held_on, _stored, what, who, due_on in rows:
        overdue = due_on is not None and due_on < day
        owner = " ".join(who.split())
        owners[owner.casefold()].append(
            OverviewAction(
                action_id,
                meeting_id,
                item_id,
                held_on,
                numbers.get(item_id, 0),
                what,
                owner,
                due_on,
                overdue,
            )
        )
    grouped = [
        OwnerActions(
            items[0].who,
            tuple(
                sorted(
                    items,
                    key=lambda a: (not a.overdue, a.due_on or dt.date.max, a.meeting_on, a.id),
                )
            ),
        )
        for items in owners.values()
    ]
    return sorted(grouped, key=lambda o: (-o.overdue, not o.who, sort_key(o.who)))
