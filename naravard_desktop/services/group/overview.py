"""The overview page's numbers: activities per status, overdue activities and the next
meeting, across the group's plans. Overdue is computed here from the due dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.db.models import Activity, Area, Meeting, Plan
from naravard_desktop.services.group.read_models import NextMeeting, OverdueActivity, Overview
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES
from naravard_desktop.services.system.database import Database


def overview(db: Database, group_id: int, today: dt.date | None = None) -> Overview:
    day = today or dt.date.today()
    with db.session() as session:
        in_group = (
            select(Activity)
            .join(Area, Activity.area_id == Area.id)
            .join(Plan, Area.plan_id == Plan.id)
            .where(Plan.group_id == group_id)
        ).subquery()
        counts = {status: 0 for status in ActivityStatus}
        for status, count in session.execute(
            select(in_group.c.status, func.count()).group_by(in_group.c.status)
        ):
            counts[ActivityStatus(status)] = int(count)
        overdue_rows = session.execute(
            select(Activity, Plan.id, Plan.title)
            .join(Area, Activity.area_id == Area.id)
            .join(Plan, Area.plan_id == Plan.id)
            .where(
                Plan.group_id == group_id,
                Activity.due_date.is_not(None),
                Activity.due_date < day,
                Activity.status.not_in(list(CLOSED_STATUSES)),
            )
            .order_by(Activity.due_date, Activity.id)
        ).all()
        overdue = [
            OverdueActivity(
                a.id,
                plan_id,
                plan_title,
                a.title,
                a.responsible,
                a.schedule_text,
                a.due_date,
                a.status,
                a.progress,
            )
            for a, plan_id, plan_title in overdue_rows
            if a.due_date is not None
        ]
        plans = int(
            session.scalar(select(func.count()).select_from(Plan).where(Plan.group_id == group_id))
            or 0
        )
        meeting = session.scalars(
            select(Meeting)
            .where(Meeting.group_id == group_id, Meeting.held_on >= day)
            .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
            .limit(1)
        ).first()
        upcoming = (
            NextMeeting(meeting.id, meeting.held_on, meeting.starts_at, meeting.place)
            if meeting is not None
            else None
        )
        return Overview(counts, overdue, upcoming, plans)
