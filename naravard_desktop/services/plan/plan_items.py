"""Areas and activities of a plan: the tree as the plan page and the exports read it, and
(re-exported, so callers find everything about areas and activities here) the changes of
areas (services/plan/plan_areas.py) and of activities (services/plan/plan_activities.py):
edits, order, moves, and delete with a snapshot that undo can restore."""

from __future__ import annotations

from sqlalchemy import func, select

from naravard_desktop.db.models import Activity, Area, Plan
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_activities import (
    activity_privacy_labels,
    add_activity,
    delete_activity,
    move_activity,
    restore_activity,
    update_activity,
)
from naravard_desktop.services.plan.plan_areas import (
    add_area,
    area_privacy_labels,
    area_snapshot,
    delete_area,
    move_area,
    restore_area,
    update_area,
)
from naravard_desktop.services.plan.plan_rows import (
    ACTIVITY_TEXTS,
    ActivitySnapshot,
    AreaSnapshot,
    activity_row,
    area_row,
    load_activity,
    load_area,
    validate_activity,
    validate_area,
)
from naravard_desktop.services.plan.read_models import (
    ActivityRow,
    AreaRow,
    PlanTree,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import load

# The rows, inputs and changes are re-exported: callers import everything about areas and
# activities from here.
__all__ = [
    "ACTIVITY_TEXTS",
    "ActivitySnapshot",
    "AreaSnapshot",
    "activity_privacy_labels",
    "add_activity",
    "add_area",
    "area_privacy_labels",
    "area_snapshot",
    "count_activities",
    "delete_activity",
    "delete_area",
    "get_activity",
    "get_area",
    "load_tree",
    "move_activity",
    "move_area",
    "ordered_areas",
    "restore_activity",
    "restore_area",
    "update_activity",
    "update_area",
    "validate_activity",
    "validate_area",
]


# --- reading ------------------------------------------------------------------------------


def load_tree(db: Database, plan_id: int) -> PlanTree:
    with db.session() as session:
        plan = load(session, Plan, plan_id, _("There is no plan with id {id}.").format(id=plan_id))
        areas = list(
            session.scalars(
                select(Area).where(Area.plan_id == plan_id).order_by(Area.position, Area.id)
            )
        )
        activities = session.scalars(
            select(Activity)
            .join(Area, Activity.area_id == Area.id)
            .where(Area.plan_id == plan_id)
            .order_by(Activity.area_id, Activity.position, Activity.id)
        )
        return PlanTree(
            plan_id,
            plan.title,
            ordered_areas([area_row(a) for a in areas]),
            [activity_row(a) for a in activities],
        )


def ordered_areas(areas: list[AreaRow]) -> list[AreaRow]:
    """Depth first: each area followed by its sub-areas."""
    children: dict[int | None, list[AreaRow]] = {}
    for area in areas:
        children.setdefault(area.parent_id, []).append(area)
    ordered: list[AreaRow] = []

    def walk(parent: int | None) -> None:
        for area in children.get(parent, []):
            ordered.append(area)
            walk(area.id)

    walk(None)
    return ordered


def get_activity(db: Database, activity_id: int) -> ActivityRow:
    with db.session() as session:
        return activity_row(load_activity(session, activity_id))


def get_area(db: Database, area_id: int) -> AreaRow:
    with db.session() as session:
        return area_row(load_area(session, area_id))


def count_activities(db: Database, plan_id: int) -> int:
    with db.session() as session:
        return int(
            session.scalar(
                select(func.count(Activity.id))
                .join(Area, Activity.area_id == Area.id)
                .where(Area.plan_id == plan_id)
            )
            or 0
        )
