"""The areas of a plan, nested to any depth: add, edit, move among their siblings, delete with
a snapshot (sub-areas and activities included) that undo puts back."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.models import Area, Plan
from naravard_desktop.errors import NotFoundError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_activities import (
    RESTORED,
    activity_snapshot,
    restore_activity,
)
from naravard_desktop.services.plan.plan_rows import (
    AreaSnapshot,
    area_row,
    load_area,
    validate_area,
)
from naravard_desktop.services.plan.read_models import AreaInput, AreaRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import (
    check_version,
    field_values,
    load,
    place,
    renumber,
)


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
        load(session, Plan, plan_id, _("There is no plan with id {id}.").format(id=plan_id))
        _check_area_privacy(cleaned, privacy_override, f"new area in plan {plan_id}")
        if parent_id is not None and load_area(session, parent_id).plan_id != plan_id:
            raise NotFoundError(
                _("The area no longer exists (it may have been removed). Reload and try again.")
            )
        siblings = _area_siblings(session, plan_id, parent_id)
        area = Area(plan_id=plan_id, parent_id=parent_id, **field_values(cleaned))
        session.add(area)
        place(siblings, area, position)
        session.flush()
        return area_row(area)


def update_area(
    db: Database,
    area_id: int,
    data: AreaInput,
    version: int,
    *,
    privacy_override: str | None = None,
) -> AreaRow:
    """Save an edit of the area the user saw at `version`; refused if it changed since, and
    (PrivacyWarning) if it adds a personal identity number to the title or description
    without `privacy_override`."""
    cleaned = validate_area(data)
    with db.session() as session:
        area = load_area(session, area_id)
        check_version(area, version, _area_name(area))
        _check_area_privacy(cleaned, privacy_override, f"area {area.id}", area)
        area.number = cleaned.number
        area.title = cleaned.title
        area.description = cleaned.description
        session.flush()
        return area_row(area)


def move_area(db: Database, area_id: int, position: int) -> AreaRow:
    """Put the area at `position` among its siblings."""
    with db.session() as session:
        area = load_area(session, area_id)
        siblings = [
            a for a in _area_siblings(session, area.plan_id, area.parent_id) if a is not area
        ]
        place(siblings, area, position)
        session.flush()
        return area_row(area)


def delete_area(db: Database, area_id: int, version: int) -> AreaSnapshot:
    """Remove the area the user saw at `version` (refused if it changed since), its sub-areas
    and their activities; returns them for undo."""
    with db.session() as session:
        area = load_area(session, area_id)
        check_version(area, version, _area_name(area))
        snapshot = area_snapshot(session, area)
        session.delete(area)
        session.flush()
        renumber(_area_siblings(session, snapshot.plan_id, snapshot.parent_id))
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
            privacy_override=RESTORED,
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
        activities=tuple(activity_snapshot(a) for a in area.activities),
        children=tuple(area_snapshot(session, child) for child in children),
    )


def _area_name(area: Area) -> str:
    return f"“{area_row(area).label}”"


def _area_siblings(session: Session, plan_id: int, parent_id: int | None) -> list[Area]:
    query = select(Area).where(Area.plan_id == plan_id).order_by(Area.position, Area.id)
    query = query.where(
        Area.parent_id.is_(None) if parent_id is None else Area.parent_id == parent_id
    )
    return list(session.scalars(query))


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
