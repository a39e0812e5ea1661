"""The plan activities a meeting can point at: an action item linked to an activity, and a
follow-up made at an agenda item. Read-only views of the group's plans, labelled the way a
secretary recognises them: "Plan › område › aktivitet"."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from naravard_desktop.db.models import Activity, Area, Plan
from naravard_desktop.services.meetings.meetings import load_item
from naravard_desktop.services.plan.plan_items import load_tree
from naravard_desktop.services.plan.plans import list_plans
from naravard_desktop.services.plan.read_models import SEPARATOR, ActivityChoice
from naravard_desktop.services.system.database import Database


def activity_choices(db: Database, group_id: int) -> list[ActivityChoice]:
    """Every activity of the group's plans, plan by plan, in the order of each plan."""
    found: list[ActivityChoice] = []
    for plan in list_plans(db, group_id):
        tree = load_tree(db, plan.id)
        paths: dict[int, str] = {}
        for area in tree.areas:  # parents come before their sub-areas
            parent = paths.get(area.parent_id) if area.parent_id is not None else None
            paths[area.id] = f"{parent}{SEPARATOR}{area.label}" if parent else area.label
        for area in tree.areas:
            for activity in tree.activities_of(area.id):
                found.append(
                    ActivityChoice(
                        activity.id,
                        plan.title,
                        paths[area.id],
                        activity.title,
                        activity.status,
                        activity.progress,
                    )
                )
    return found


def group_of_item(db: Database, item_id: int) -> int:
    with db.session() as session:
        item = load_item(session, item_id)
        return item.meeting.group_id


def activity_labels(db: Database, activity_ids: Iterable[int]) -> dict[int, str]:
    """ "Plan › område › aktivitet" for each of these activities that still exists."""
    wanted = set(activity_ids)
    if not wanted:
        return {}
    with db.session() as session:
        rows = session.execute(
            select(Activity.id, Activity.title, Area.id, Plan.id, Plan.title)
            .join(Area, Activity.area_id == Area.id)
            .join(Plan, Area.plan_id == Plan.id)
            .where(Activity.id.in_(wanted))
        ).all()
        plan_ids = {row[3] for row in rows}
        areas = {
            area.id: (area.parent_id, f"{area.number} {area.title}" if area.number else area.title)
            for area in session.scalars(select(Area).where(Area.plan_id.in_(plan_ids)))
        }

    def path(area_id: int | None) -> str:
        parts: list[str] = []
        while area_id is not None and area_id in areas:
            area_id, label = areas[area_id]
            parts.append(label)
        return SEPARATOR.join(reversed(parts))

    return {
        activity_id: SEPARATOR.join(p for p in (plan_title, path(area_id), title) if p)
        for activity_id, title, area_id, _plan_id, plan_title in rows
    }
