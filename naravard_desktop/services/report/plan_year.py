"""The plan part of the annual report: the adopted plans in force during the year, each
activity as it stood at the year's end (its newest follow-up by then) and the follow-ups
written during the year with the meeting and § they were made at. Four queries, whatever
the number of plans, areas and activities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus, PlanState
from naravard_desktop.db.models import Activity, AgendaItem, Area, FollowUp, Meeting, Plan
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.plan.plan_items import ordered_areas
from naravard_desktop.services.plan.plan_rows import area_row
from naravard_desktop.services.report.read_models import (
    ActivityYear,
    AreaYear,
    FollowUpNote,
    Outcome,
    PlanYear,
)

_OUTCOMES = {
    ActivityStatus.DONE: Outcome.DONE,
    ActivityStatus.CANCELLED: Outcome.DROPPED,
    ActivityStatus.PAUSED: Outcome.PAUSED,
    ActivityStatus.IN_PROGRESS: Outcome.ONGOING,
    ActivityStatus.NOT_STARTED: Outcome.NOT_STARTED,
}


def outcome(status: ActivityStatus, due: dt.date | None, as_of: dt.date) -> Outcome:
    """Done, dropped and paused as they are; an open activity due before `as_of` is overdue
    (as on the overview page), else ongoing or not started."""
    found = _OUTCOMES[status]
    if found in (Outcome.ONGOING, Outcome.NOT_STARTED) and due is not None and due < as_of:
        return Outcome.OVERDUE
    return found


def plans_in_force(session: Session, group_id: int, year: int) -> Sequence[Plan]:
    """The group's adopted plans whose validity overlaps the year (open ends count)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return session.scalars(
        select(Plan)
        .where(
            Plan.group_id == group_id,
            Plan.state == PlanState.ADOPTED,
            or_(Plan.valid_from.is_(None), Plan.valid_from <= last),
            or_(Plan.valid_to.is_(None), Plan.valid_to >= first),
        )
        .order_by(Plan.valid_from, Plan.id)
    ).all()


def plan_year(
    session: Session, group_id: int, plans: Sequence[Plan], year: int, as_of: dt.date
) -> tuple[PlanYear, ...]:
    if not plans:
        return ()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ids = [p.id for p in plans]
    areas = [
        area_row(a)
        for a in session.scalars(
            select(Area).where(Area.plan_id.in_(ids)).order_by(Area.plan_id, Area.position)
        )
    ]
    activities = session.scalars(
        select(Activity)
        .join(Area, Activity.area_id == Area.id)
        .where(Area.plan_id.in_(ids))
        .order_by(Activity.area_id, Activity.position, Activity.id)
    ).all()
    # Every follow-up of these activities up to the year's end (newest last), and which
    # activities were followed up only later: their state at the year's end is "not started".
    rows = session.execute(
        select(FollowUp, Meeting.held_on, AgendaItem.paragraph)
        .join(Activity, FollowUp.activity_id == Activity.id)
        .join(Area, Activity.area_id == Area.id)
        .outerjoin(AgendaItem, FollowUp.agenda_item_id == AgendaItem.id)
        .outerjoin(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Area.plan_id.in_(ids), FollowUp.followed_up_on <= last)
        .order_by(FollowUp.activity_id, FollowUp.followed_up_on, FollowUp.id)
    ).all()
    later = set(
        session.scalars(
            select(FollowUp.activity_id)
            .join(Activity, FollowUp.activity_id == Activity.id)
            .join(Area, Activity.area_id == Area.id)
            .where(Area.plan_id.in_(ids), FollowUp.followed_up_on > last)
            .distinct()
        )
    )
    numbers = numbers_of(
        session,
        group_id,
        ((f.agenda_item_id, held_on, n) for f, held_on, n in rows if f.agenda_item_id),
    )
    newest: dict[int, FollowUp] = {}
    notes: dict[int, list[FollowUpNote]] = {}
    for entry, held_on, _stored in rows:
        newest[entry.activity_id] = entry
        if entry.followed_up_on >= first:
            paragraph = numbers.get(entry.agenda_item_id) if entry.agenda_item_id else None
            notes.setdefault(entry.activity_id, []).append(
                FollowUpNote(
                    entry.followed_up_on,
                    entry.status,
                    entry.progress,
                    entry.note,
                    held_on,
                    paragraph,
                )
            )
    by_area: dict[int, list[ActivityYear]] = {}
    for activity in activities:
        status, progress = activity.status, activity.progress
        if activity.id in newest:
            status, progress = newest[activity.id].status, newest[activity.id].progress
        elif activity.id in later:
            status, progress = ActivityStatus.NOT_STARTED, 0
        by_area.setdefault(activity.area_id, []).append(
            ActivityYear(
                id=activity.id,
                title=activity.title,
                responsible=activity.responsible,
                responsible_principal=activity.responsible_principal,
                schedule_text=activity.schedule_text,
                due_date=activity.due_date,
                status=status,
                progress=progress,
                outcome=outcome(status, activity.due_date, as_of),
                notes=tuple(notes.get(activity.id, ())),
            )
        )
    adopting = _adopting_items(session, group_id, plans)
    result = []
    for plan in plans:
        ordered = ordered_areas([a for a in areas if a.plan_id == plan.id])
        depth: dict[int, int] = {}
        plan_areas = []
        for area in ordered:
            depth[area.id] = 0 if area.parent_id is None else depth.get(area.parent_id, 0) + 1
            plan_areas.append(
                AreaYear(area.id, area.label, depth[area.id], tuple(by_area.get(area.id, ())))
            )
        adopted_on, paragraph = adopting.get(plan.adopted_by_item_id or 0, (None, None))
        result.append(
            PlanYear(
                plan.id,
                plan.title,
                plan.valid_from,
                plan.valid_to,
                adopted_on,
                paragraph,
                tuple(plan_areas),
            )
        )
    return tuple(result)


def _adopting_items(
    session: Session, group_id: int, plans: Sequence[Plan]
) -> dict[int, tuple[dt.date, int | None]]:
    """Agenda item id → (meeting day, §) of the decisions that adopted these plans."""
    wanted = [p.adopted_by_item_id for p in plans if p.adopted_by_item_id is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(AgendaItem.id, Meeting.held_on, AgendaItem.paragraph)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(AgendaItem.id.in_(wanted))
    ).all()
    numbers = numbers_of(session, group_id, ((i, d, n) for i, d, n in rows))
    return {i: (d, numbers.get(i)) for i, d, _n in rows}
