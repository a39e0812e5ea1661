"""Areas and activities of a plan: the tree, edits, order, moves, and delete with a snapshot
that undo can restore.

An activity's due date is derived from its schedule text (services/plan/schedule.py) unless the
user overrides it; "overdue" is computed from it when asked, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.models import Activity, Area, FollowUp, Plan
from naravard_desktop.errors import NotFoundError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_rows import (
    ActivityInput,
    ActivityRow,
    ActivitySnapshot,
    AreaInput,
    AreaRow,
    AreaSnapshot,
    FollowUpData,
    PlanTree,
    activity_row,
    area_row,
    validate_activity,
    validate_area,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text

# The rows and inputs are re-exported: callers import everything about areas and
# activities from here.
__all__ = [
    "ActivityInput",
    "ActivityRow",
    "ActivitySnapshot",
    "AreaInput",
    "AreaRow",
    "AreaSnapshot",
    "FollowUpData",
    "PlanTree",
    "add_activity",
    "add_area",
    "area_snapshot",
    "count_activities",
    "delete_activity",
    "delete_area",
    "get_activity",
    "get_area",
    "load_tree",
    "move_activity",
    "move_area",
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
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise NotFoundError(_("There is no plan with id {id}.").format(id=plan_id))
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
            _ordered_areas([area_row(a) for a in areas]),
            [activity_row(a) for a in activities],
        )


def _ordered_areas(areas: list[AreaRow]) -> list[AreaRow]:
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
        return activity_row(_load_activity(session, activity_id))


def get_area(db: Database, area_id: int) -> AreaRow:
    with db.session() as session:
        return area_row(_load_area(session, area_id))


# --- areas --------------------------------------------------------------------------------


def add_area(
    db: Database,
    plan_id: int,
    data: AreaInput,
    parent_id: int | None = None,
    position: int | None = None,
    *,
    privacy_override: str | None = None,
) -> AreaRow:
    """A title or description holding a personal identity number is refused
    (PrivacyWarning) unless `privacy_override` gives a reason."""
    cleaned = validate_area(data)
    with db.session() as session:
        if session.get(Plan, plan_id) is None:
            raise NotFoundError(_("There is no plan with id {id}.").format(id=plan_id))
        _check_area_privacy(cleaned, privacy_override, f"new area in plan {plan_id}")
        if parent_id is not None and _load_area(session, parent_id).plan_id != plan_id:
            raise NotFoundError(
                _("The area no longer exists (it may have been removed). Reload and try again.")
            )
        siblings = _area_siblings(session, plan_id, parent_id)
        at = len(siblings) if position is None else max(0, min(position, len(siblings)))
        area = Area(
            plan_id=plan_id,
            parent_id=parent_id,
            number=cleaned.number,
            title=cleaned.title,
            description=cleaned.description,
        )
        session.add(area)
        siblings.insert(at, area)
        _renumber(siblings)
        session.flush()
        return area_row(area)


def update_area(
    db: Database, area_id: int, data: AreaInput, *, privacy_override: str | None = None
) -> AreaRow:
    """Refused (PrivacyWarning) if it adds a personal identity number to the title or
    description without `privacy_override`."""
    cleaned = validate_area(data)
    with db.session() as session:
        area = _load_area(session, area_id)
        _check_area_privacy(cleaned, privacy_override, f"area {area.id}", area)
        area.number = cleaned.number
        area.title = cleaned.title
        area.description = cleaned.description
        session.flush()
        return area_row(area)


def move_area(db: Database, area_id: int, position: int) -> AreaRow:
    """Put the area at `position` among its siblings."""
    with db.session() as session:
        area = _load_area(session, area_id)
        siblings = [
            a for a in _area_siblings(session, area.plan_id, area.parent_id) if a is not area
        ]
        siblings.insert(max(0, min(position, len(siblings))), area)
        _renumber(siblings)
        session.flush()
        return area_row(area)


def delete_area(db: Database, area_id: int) -> AreaSnapshot:
    """Remove the area, its sub-areas and their activities; returns them for undo."""
    with db.session() as session:
        area = _load_area(session, area_id)
        snapshot = area_snapshot(session, area)
        session.delete(area)
        session.flush()
        _renumber(_area_siblings(session, snapshot.plan_id, snapshot.parent_id))
        return snapshot


def restore_area(db: Database, snapshot: AreaSnapshot, parent_id: int | None = None) -> AreaRow:
    """Put a deleted area back where it was (with new ids)."""
    with db.session():
        parent = parent_id if parent_id is not None else snapshot.parent_id
        area = add_area(
            db,
            snapshot.plan_id,
            snapshot.data,
            parent,
            snapshot.position,
            privacy_override=_RESTORED,
        )
        for activity in snapshot.activities:
            restore_activity(db, replace(activity, area_id=area.id))
        for child in snapshot.children:
            restore_area(db, replace(child, plan_id=snapshot.plan_id), area.id)
        return area


def area_snapshot(session: Session, area: Area) -> AreaSnapshot:
    children = session.scalars(
        select(Area).where(Area.parent_id == area.id).order_by(Area.position, Area.id)
    )
    return AreaSnapshot(
        plan_id=area.plan_id,
        parent_id=area.parent_id,
        position=area.position,
        data=area_row(area).as_input(),
        activities=tuple(_activity_snapshot(a) for a in area.activities),
        children=tuple(area_snapshot(session, child) for child in children),
    )


def _area_siblings(session: Session, plan_id: int, parent_id: int | None) -> list[Area]:
    query = select(Area).where(Area.plan_id == plan_id).order_by(Area.position, Area.id)
    query = query.where(
        Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
    )
    return list(session.scalars(query))


# --- activities ---------------------------------------------------------------------------


def add_activity(
    db: Database,
    area_id: int,
    data: ActivityInput,
    position: int | None = None,
    *,
    privacy_override: str | None = None,
) -> ActivityRow:
    """A description (or title) holding a personal identity number is refused
    (PrivacyWarning) unless `privacy_override` gives a reason."""
    cleaned = validate_activity(data)
    with db.session() as session:
        area = _load_area(session, area_id)
        _check_privacy(cleaned, privacy_override, f"new activity in area {area.id}")
        count = len(area.activities)
        at = count if position is None else max(0, min(position, count))
        activity = Activity()
        _apply(activity, cleaned)
        area.activities.insert(at, activity)
        _renumber(area.activities)
        session.flush()
        return activity_row(activity)


def update_activity(
    db: Database,
    before: ActivityRow,
    data: ActivityInput,
    *,
    privacy_override: str | None = None,
) -> ActivityRow:
    """Save an edit of the activity the user saw as `before`; refused if it changed since,
    and (PrivacyWarning) if it adds a personal identity number without `privacy_override`."""
    cleaned = validate_activity(data)
    with db.session() as session:
        activity = _load_activity(session, before.id)
        if activity.version != before.version:
            raise StaleEditError(
                _("“{title}” was changed elsewhere. Reload and try again.").format(
                    title=_short(activity.title)
                )
            )
        _check_privacy(cleaned, privacy_override, f"activity {activity.id}", activity)
        _apply(activity, cleaned)
        session.flush()
        return activity_row(activity)


def move_activity(
    db: Database, activity_id: int, area_id: int, position: int | None = None
) -> ActivityRow:
    """Move an activity within its area or to another area of the same plan."""
    with db.session() as session:
        activity = _load_activity(session, activity_id)
        target = _load_area(session, area_id)
        source = activity.area
        if target.plan_id != source.plan_id:
            raise NotFoundError(_("The area belongs to another plan."))
        if source is not target:
            source.activities.remove(activity)
            _renumber(source.activities)
            activity.area = target
        siblings = [a for a in target.activities if a is not activity]
        at = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(at, activity)
        _renumber(siblings)
        session.flush()
        return activity_row(activity)


def delete_activity(db: Database, activity_id: int) -> ActivitySnapshot:
    with db.session() as session:
        activity = _load_activity(session, activity_id)
        snapshot = _activity_snapshot(activity)
        area = activity.area
        area.activities.remove(activity)
        session.delete(activity)
        _renumber(area.activities)
        session.flush()
        return snapshot


def restore_activity(db: Database, snapshot: ActivitySnapshot) -> ActivityRow:
    with db.session() as session:
        row = add_activity(
            db,
            snapshot.area_id,
            snapshot.data,
            snapshot.position,
            privacy_override=_RESTORED,
        )
        for entry in snapshot.follow_ups:
            session.add(
                FollowUp(
                    activity_id=row.id,
                    followed_up_on=entry.followed_up_on,
                    status=entry.status,
                    progress=entry.progress,
                    note=entry.note,
                    agenda_item_id=entry.agenda_item_id,
                )
            )
        session.flush()
        return row


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


def _activity_snapshot(activity: Activity) -> ActivitySnapshot:
    return ActivitySnapshot(
        area_id=activity.area_id,
        position=activity.position,
        data=activity_row(activity).as_input(),
        follow_ups=tuple(
            FollowUpData(f.followed_up_on, f.status, f.progress, f.note, f.agenda_item_id)
            for f in activity.follow_ups
        ),
    )


def _apply(activity: Activity, data: ActivityInput) -> None:
    activity.title = data.title
    activity.description = data.description
    activity.responsible = data.responsible
    activity.responsible_principal = data.responsible_principal
    activity.schedule_text = data.schedule_text
    activity.due_date_overridden = data.due_date_overridden
    activity.due_date = data.effective_due_date()
    activity.status = data.status
    activity.progress = data.progress
    activity.follow_up_method = data.follow_up_method


_RESTORED = "put back by undo (the text had been saved before)"


# Every free-text field of an activity: a number is as public in Ansvar or Uppföljning
# as in the title.
ACTIVITY_TEXTS = ("title", "description", "responsible", "schedule_text", "follow_up_method")


def activity_privacy_labels() -> dict[str, str]:
    """The activity's text fields as the user knows them (Aktivitet, Beskrivning …)."""
    return {
        "title": _("Activity"),
        "description": _("Description"),
        "responsible": _("Responsible"),
        "schedule_text": _("Schedule"),
        "follow_up_method": _("Follow-up"),
    }


def _check_privacy(
    data: ActivityInput, override: str | None, where: str, activity: Activity | None = None
) -> None:
    check_free_text(
        {name: getattr(data, name) for name in ACTIVITY_TEXTS},
        override,
        where=where,
        labels=activity_privacy_labels(),
        previous={name: getattr(activity, name) for name in ACTIVITY_TEXTS} if activity else None,
    )


def area_privacy_labels() -> dict[str, str]:
    return {"title": _("Area"), "description": _("Description")}


def _check_area_privacy(
    data: AreaInput, override: str | None, where: str, area: Area | None = None
) -> None:
    check_free_text(
        {"title": data.title, "description": data.description},
        override,
        where=where,
        labels=area_privacy_labels(),
        previous={"title": area.title, "description": area.description} if area else None,
    )


def _renumber(rows: Sequence[Area | Activity]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _load_area(session: Session, area_id: int) -> Area:
    area = session.get(Area, area_id)
    if area is None:
        raise NotFoundError(
            _("The area no longer exists (it may have been removed). Reload and try again.")
        )
    return area


def _load_activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(
            _("The activity no longer exists (it may have been removed). Reload and try again.")
        )
    return activity
