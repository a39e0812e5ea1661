"""A group's plans (lokal samverkansplan, handlingsplan): create from a template, list with
counts, change title, period, state and revision history (kept as data), and delete with a
snapshot that undo can restore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import PlanState
from naravard_desktop.db.models import Activity, AgendaItem, Area, Plan, PlanRevision
from naravard_desktop.errors import StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.groups import load_group
from naravard_desktop.services.meetings.meetings import load_item
from naravard_desktop.services.plan.plan_items import AreaSnapshot, area_snapshot, restore_area
from naravard_desktop.services.plan.plan_templates import TemplateArea, get_template
from naravard_desktop.services.plan.read_models import (
    PlanInput,
    PlanSummary,
    RevisionInput,
    RevisionRow,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import assign, copy_fields, field_values, load
from naravard_desktop.services.system.validation import FieldErrors, clean_line, clean_text

TITLE_LIMIT = 300
NOTE_LIMIT = 1000


def validate_plan(data: PlanInput) -> PlanInput:
    cleaned = replace(data, title=clean_line(data.title))
    errors = FieldErrors()
    errors.required("title", cleaned.title, _("Title"))
    errors.text("title", data.title, cleaned.title, TITLE_LIMIT, _("Title"))
    errors.period("valid_to", cleaned.valid_from, cleaned.valid_to)
    errors.choice("state", cleaned.state, PlanState, _("Choose draft or adopted."))
    errors.raise_if_any()
    return cleaned


def validate_revisions(revisions: Sequence[RevisionInput]) -> list[RevisionInput]:
    cleaned = [replace(r, note=clean_text(r.note)) for r in revisions]
    errors = FieldErrors()
    for raw, revision in zip(revisions, cleaned, strict=True):
        if not isinstance(revision.revised_on, dt.date):
            errors.add("revisions", _("Give the date of each revision."))
        errors.text("revisions", raw.note, revision.note, NOTE_LIMIT, _("Revision note"))
    errors.raise_if_any()
    return cleaned


def _counts(session: Session, plan_ids: list[int]) -> dict[int, tuple[int, int]]:
    areas: dict[int, int] = {
        plan_id: count
        for plan_id, count in session.execute(
            select(Area.plan_id, func.count())
            .where(Area.plan_id.in_(plan_ids))
            .group_by(Area.plan_id)
        )
    }
    activities: dict[int, int] = {
        plan_id: count
        for plan_id, count in session.execute(
            select(Area.plan_id, func.count(Activity.id))
            .join(Activity, Activity.area_id == Area.id)
            .where(Area.plan_id.in_(plan_ids))
            .group_by(Area.plan_id)
        )
    }
    return {pid: (areas.get(pid, 0), activities.get(pid, 0)) for pid in plan_ids}


def _summary(plan: Plan, counts: tuple[int, int]) -> PlanSummary:
    return copy_fields(
        PlanSummary,
        plan,
        areas=counts[0],
        activities=counts[1],
        revisions=tuple(copy_fields(RevisionRow, r) for r in plan.revisions),
    )


def list_plans(db: Database, group_id: int | None = None) -> list[PlanSummary]:
    """Plans of a group (or of every group), newest period first, with area and activity
    counts."""
    with db.session() as session:
        query = select(Plan).order_by(Plan.valid_from.desc().nulls_last(), Plan.id)
        if group_id is not None:
            query = query.where(Plan.group_id == group_id)
        plans = list(session.scalars(query))
        counts = _counts(session, [p.id for p in plans])
        return [_summary(plan, counts[plan.id]) for plan in plans]


def get_plan(db: Database, plan_id: int) -> PlanSummary:
    with db.session() as session:
        plan = _load(session, plan_id)
        return _summary(plan, _counts(session, [plan_id])[plan_id])


def create_plan(
    db: Database,
    group_id: int,
    data: PlanInput,
    template_key: str = "empty",
    *,
    privacy_override: str | None = None,
) -> PlanSummary:
    """A new plan with the areas of the chosen template; a title holding a personal identity
    number is refused (PrivacyWarning) unless `privacy_override` gives a reason."""
    cleaned = validate_plan(data)
    template = get_template(template_key)
    with db.session() as session:
        load_group(session, group_id)
        _check_privacy(cleaned, None, privacy_override, f"new plan in group {group_id}")
        _check_item(session, cleaned.adopted_by_item_id)
        plan = Plan(group_id=group_id, **field_values(cleaned))
        session.add(plan)
        session.flush()
        _add_template_areas(session, plan.id, None, template.areas)
        session.flush()
        return _summary(plan, _counts(session, [plan.id])[plan.id])


def _add_template_areas(
    session: Session, plan_id: int, parent_id: int | None, areas: tuple[TemplateArea, ...]
) -> None:
    for position, area in enumerate(areas):
        row = Area(
            plan_id=plan_id,
            parent_id=parent_id,
            position=position,
            **field_values(area, leave_out=("areas",)),
        )
        session.add(row)
        session.flush()
        _add_template_areas(session, plan_id, row.id, area.areas)


def update_plan(
    db: Database,
    before: PlanSummary,
    data: PlanInput,
    revisions: Sequence[RevisionInput] | None = None,
    *,
    privacy_override: str | None = None,
) -> PlanSummary:
    """Save title, period, state and adopting decision of the plan the user saw as `before`
    (refused if it changed since); with `revisions`, the revision history becomes that list.
    A personal identity number added to the title or a revision note is refused
    (PrivacyWarning) unless `privacy_override` gives a reason."""
    cleaned = validate_plan(data)
    new_revisions = None if revisions is None else validate_revisions(revisions)
    with db.session() as session:
        plan = _load(session, before.id)
        if plan.version != before.version:
            raise StaleEditError(
                _("The plan “{title}” was changed elsewhere. Reload and try again.").format(
                    title=plan.title
                )
            )
        _check_item(session, cleaned.adopted_by_item_id)
        _check_privacy(cleaned, new_revisions, privacy_override, f"plan {plan.id}", plan)
        assign(plan, cleaned)
        if new_revisions is not None:
            _replace_revisions(session, plan, new_revisions)
        session.flush()
        return _summary(plan, _counts(session, [plan.id])[plan.id])


def _replace_revisions(session: Session, plan: Plan, revisions: list[RevisionInput]) -> None:
    for revision in revisions:
        _check_item(session, revision.agenda_item_id)
    wanted = sorted(revisions, key=lambda r: r.revised_on)
    kept = [r for r in plan.revisions]
    if [copy_fields(RevisionInput, r) for r in kept] == wanted:
        return
    for old in kept:
        plan.revisions.remove(old)
        session.delete(old)
    session.flush()
    for revision in wanted:
        plan.revisions.append(PlanRevision(**field_values(revision)))


@dataclass(frozen=True)
class PlanSnapshot:
    """A deleted plan with its revisions, areas, activities and follow-ups, to put back."""

    group_id: int
    data: PlanInput
    revisions: tuple[RevisionInput, ...]
    areas: tuple[AreaSnapshot, ...]


def delete_plan(db: Database, plan_id: int, version: int | None = None) -> PlanSnapshot:
    """Remove the plan and everything in it; returns it for undo. With `version` (the plan as
    the user saw it), refused when it was changed elsewhere since."""
    with db.session() as session:
        plan = _load(session, plan_id)
        if version is not None and plan.version != version:
            raise StaleEditError(
                _("The plan “{title}” was changed elsewhere. Reload and try again.").format(
                    title=plan.title
                )
            )
        top = session.scalars(
            select(Area)
            .where(Area.plan_id == plan_id, Area.parent_id.is_(None))
            .order_by(Area.position, Area.id)
        )
        snapshot = PlanSnapshot(
            group_id=plan.group_id,
            data=copy_fields(PlanInput, plan),
            revisions=tuple(copy_fields(RevisionInput, r) for r in plan.revisions),
            areas=tuple(area_snapshot(session, area) for area in top),
        )
        session.delete(plan)
        return snapshot


def restore_plan(db: Database, snapshot: PlanSnapshot) -> PlanSummary:
    """Put a deleted plan back (with new ids), in one transaction. A meeting item it was
    linked to that has since been removed is left out."""
    with db.session() as session:
        load_group(session, snapshot.group_id)

        def existing(item_id: int | None) -> int | None:
            return item_id if item_id and session.get(AgendaItem, item_id) else None

        data = replace(snapshot.data, adopted_by_item_id=existing(snapshot.data.adopted_by_item_id))
        plan = Plan(group_id=snapshot.group_id, **field_values(data))
        session.add(plan)
        for revision in snapshot.revisions:
            linked = replace(revision, agenda_item_id=existing(revision.agenda_item_id))
            plan.revisions.append(PlanRevision(**field_values(linked)))
        session.flush()
        for area in snapshot.areas:
            restore_area(db, replace(area, plan_id=plan.id, parent_id=None))
        session.flush()
        return _summary(plan, _counts(session, [plan.id])[plan.id])


def add_revision(
    db: Database,
    plan_id: int,
    revised_on: dt.date,
    note: str = "",
    agenda_item_id: int | None = None,
) -> RevisionRow:
    """ "reviderad 2024-02-09 (Beslut i Fredagsgruppen)" as a dated row, optionally linked to
    the agenda item that decided it."""
    with db.session() as session:
        _load(session, plan_id)
        _check_item(session, agenda_item_id)
        revision = PlanRevision(
            plan_id=plan_id,
            revised_on=revised_on,
            note=clean_text(note),
            agenda_item_id=agenda_item_id,
        )
        session.add(revision)
        session.flush()
        return copy_fields(RevisionRow, revision)


def delete_revision(db: Database, revision_id: int) -> RevisionInput | None:
    """Remove one revision row; returns what it held (None if it was already gone)."""
    with db.session() as session:
        revision = session.get(PlanRevision, revision_id)
        if revision is None:
            return None
        removed = copy_fields(RevisionInput, revision)
        session.delete(revision)
        return removed


def privacy_labels() -> dict[str, str]:
    return {"title": _("Plan title"), "revisions": _("Revision note")}


def _check_privacy(
    data: PlanInput,
    revisions: Sequence[RevisionInput] | None,
    override: str | None,
    where: str,
    plan: Plan | None = None,
) -> None:
    texts = {"title": data.title}
    previous = {"title": plan.title} if plan is not None else {}
    if revisions is not None:
        texts["revisions"] = "\n".join(r.note for r in revisions)
        if plan is not None:
            previous["revisions"] = "\n".join(r.note for r in plan.revisions)
    check_free_text(texts, override, where=where, labels=privacy_labels(), previous=previous)


def _check_item(session: Session, item_id: int | None) -> None:
    if item_id is not None:
        load_item(session, item_id)


def _load(session: Session, plan_id: int) -> Plan:
    return load(session, Plan, plan_id, _("There is no plan with id {id}.").format(id=plan_id))
