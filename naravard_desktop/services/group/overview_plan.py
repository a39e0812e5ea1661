"""The overview's part of the plan: the current plan (the one the plan page opens first: the
newest period, a plan without one last), its activities per status, its overdue activities
and how far each of its top areas has come. Older plans' activities are left to the plan page:
years of them overdue buried what is due now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.db.models import Activity, Area, Plan
from naravard_desktop.services.group.read_models import AreaProgress, OverdueActivity
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES


@dataclass
class CurrentPlan:
    plan_id: int | None = None
    title: str = ""
    status_counts: dict[ActivityStatus, int] = field(
        default_factory=lambda: dict.fromkeys(ActivityStatus, 0)
    )
    overdue: list[OverdueActivity] = field(default_factory=list)
    areas: list[AreaProgress] = field(default_factory=list)


def current_plan(session: Session, group_id: int, day: dt.date) -> CurrentPlan:
    found = session.execute(
        select(Plan.id, Plan.title)
        .where(Plan.group_id == group_id)
        .order_by(Plan.valid_from.desc().nulls_last(), Plan.id)
        .limit(1)
    ).first()
    if found is None:
        return CurrentPlan()
    plan_id: int = found[0]
    plan = CurrentPlan(plan_id, found[1])
    areas = session.execute(
        select(Area.id, Area.parent_id, Area.number, Area.title)
        .where(Area.plan_id == plan_id)
        .order_by(Area.position, Area.id)
    ).all()
    top = _top_areas([(a[0], a[1]) for a in areas])
    counts: dict[int, list[int]] = {a[0]: [0, 0] for a in areas if a[1] is None}
    per_status = session.execute(
        select(Activity.area_id, Activity.status, func.count())
        .join(Area, Area.id == Activity.area_id)
        .where(Area.plan_id == plan_id)
        .group_by(Activity.area_id, Activity.status)
    )
    for area_id, status, count in per_status:
        status = ActivityStatus(status)
        plan.status_counts[status] += int(count)
        tally = counts.get(top.get(area_id, area_id))
        if tally is not None and status is not ActivityStatus.CANCELLED:
            tally[0] += int(count)
            tally[1] += int(count) if status is ActivityStatus.DONE else 0
    plan.areas = [
        AreaProgress(area_id, f"{number} {title}" if number else title, *counts[area_id])
        for area_id, parent_id, number, title in areas
        if parent_id is None
    ]
    plan.overdue = _overdue(session, plan_id, found[1], day)
    return plan


def _top_areas(areas: list[tuple[int, int | None]]) -> dict[int, int]:
    """Area id → the id of the top area it is under (itself for a top area)."""
    parents = dict(areas)
    top: dict[int, int] = {}
    for area_id in parents:
        seen, current = {area_id}, area_id
        while (parent := parents.get(current)) is not None and parent not in seen:
            seen.add(parent)
            current = parent
        top[area_id] = current
    return top


def _overdue(session: Session, plan_id: int, title: str, day: dt.date) -> list[OverdueActivity]:
    rows = session.execute(
        select(
            Activity.id,
            Activity.title,
            Activity.responsible,
            Activity.schedule_text,
            Activity.due_date,
            Activity.status,
            Activity.progress,
        )
        .join(Area, Area.id == Activity.area_id)
        .where(
            Area.plan_id == plan_id,
            Activity.due_date.is_not(None),
            Activity.due_date < day,
            Activity.status.not_in(list(CLOSED_STATUSES)),
        )
        .order_by(Activity.due_date, Activity.id)
    )
    return [
        OverdueActivity(
            activity_id,
            plan_id,
            title,
            text,
            responsible,
            schedule,
            due,
            ActivityStatus(status),
            progress,
        )
        for activity_id, text, responsible, schedule, due, status, progress in rows
        if due is not None
    ]
