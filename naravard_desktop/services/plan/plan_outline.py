"""The plan as the plan page reads it: the areas with their counts first, each area's
activities only when the area is opened. A plan of 50,000 activities opens on its areas
alone; the columns read are the ones the page shows, as plain values (no ORM objects).

The queries filter activities by `area_id` and areas by `plan_id`, ordered by position and
id: the shapes the indexes on those keys serve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields

from sqlalchemy import func, select

from naravard_desktop.db.models import Activity, Area, Plan
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_items import ordered_areas
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow, PlanOutline
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import load

_AREA_COLUMNS = [getattr(Area, f.name) for f in fields(AreaRow)]
_ACTIVITY_COLUMNS = [getattr(Activity, f.name) for f in fields(ActivityRow)]
_CHUNK = 500  # area ids per IN list: well inside every database's limit of parameters


def load_outline(db: Database, plan_id: int, today: dt.date | None = None) -> PlanOutline:
    """The plan's areas in order, how many activities each holds and how many are overdue."""
    day = today or dt.date.today()
    with db.session() as session:
        plan = load(session, Plan, plan_id, _("There is no plan with id {id}.").format(id=plan_id))
        areas = [
            AreaRow(*row)
            for row in session.execute(
                select(*_AREA_COLUMNS)
                .where(Area.plan_id == plan_id)
                .order_by(Area.position, Area.id)
            )
        ]
        of_plan = select(Area.id).where(Area.plan_id == plan_id).scalar_subquery()
        counts = {
            area_id: int(count)
            for area_id, count in session.execute(
                select(Activity.area_id, func.count())
                .where(Activity.area_id.in_(of_plan))
                .group_by(Activity.area_id)
            )
        }
        overdue = session.scalar(
            select(func.count())
            .select_from(Activity)
            .where(
                Activity.area_id.in_(of_plan),
                Activity.due_date < day,
                Activity.status.not_in(list(CLOSED_STATUSES)),
            )
        )
        return PlanOutline(plan_id, plan.title, ordered_areas(areas), counts, overdue or 0, day)


def activities_of(db: Database, area_ids: Iterable[int]) -> list[ActivityRow]:
    """The activities of these areas, area by area in the order given, each in plan order."""
    wanted = list(dict.fromkeys(area_ids))
    found: dict[int, list[ActivityRow]] = {area_id: [] for area_id in wanted}
    with db.session() as session:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for row in session.connection().execute(  # plain rows: no ORM loading
                select(*_ACTIVITY_COLUMNS)
                .where(Activity.area_id.in_(chunk))
                .order_by(Activity.area_id, Activity.position, Activity.id)
            ):
                activity = ActivityRow(*row)
                found[activity.area_id].append(activity)
    return [activity for area_id in wanted for activity in found[area_id]]


def area_of_activity(db: Database, activity_id: int) -> int | None:
    """The area holding an activity (None once it is gone): where to open the tree to show
    it."""
    with db.session() as session:
        area_id: int | None = session.scalar(
            select(Activity.area_id).where(Activity.id == activity_id)
        )
        return area_id
