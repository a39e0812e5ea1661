"""Read models, inputs and validation of a plan's areas and activities (the data the plan
page and exports use), and their database rows found by id; plan_areas.py and
plan_activities.py hold the changes, plan_items.py the whole tree."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.db.models import Activity, Area
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    AreaRow,
    FollowUpInput,
)
from naravard_desktop.services.system.records import copy_fields, load
from naravard_desktop.services.system.validation import (
    LINE_LIMIT,
    SHORT_TEXT_LIMIT,
    TEXT_LIMIT,
    FieldErrors,
    cleaned_fields,
)

NUMBER_LIMIT = 20
TITLE_LIMIT = LINE_LIMIT
# Every free-text field of an activity, cleaned alike and checked alike for identity
# numbers: a number is as public in Ansvar or Uppföljning as in the title.
ACTIVITY_TEXTS = ("title", "description", "responsible", "schedule_text", "follow_up_method")


@dataclass(frozen=True)
class ActivitySnapshot:
    """A removed activity with its follow-up log, to put back on undo."""

    area_id: int
    position: int
    data: ActivityInput
    follow_ups: tuple[FollowUpInput, ...] = ()


@dataclass(frozen=True)
class AreaSnapshot:
    plan_id: int
    parent_id: int | None
    position: int
    data: AreaInput
    activities: tuple[ActivitySnapshot, ...] = ()
    children: tuple[AreaSnapshot, ...] = ()


# --- validation ---------------------------------------------------------------------------


def validate_area(data: AreaInput) -> AreaInput:
    cleaned = cleaned_fields(data, lines=("title", "number"), texts=("description",))
    errors = FieldErrors()
    errors.required("title", cleaned.title, _("Title"))
    errors.text("title", data.title, cleaned.title, TITLE_LIMIT, _("Title"))
    errors.text("number", data.number, cleaned.number, NUMBER_LIMIT, _("Number"))
    errors.text("description", data.description, cleaned.description, TEXT_LIMIT, _("Description"))
    errors.raise_if_any()
    return cleaned


def validate_activity(data: ActivityInput) -> ActivityInput:
    cleaned = cleaned_fields(
        data,
        texts=ACTIVITY_TEXTS,
        due_date=data.due_date if data.due_date_overridden else None,
    )
    errors = FieldErrors()
    errors.required("title", cleaned.title, _("Activity"))
    for name, limit, label in (
        ("title", SHORT_TEXT_LIMIT, _("Activity")),
        ("description", TEXT_LIMIT, _("Description")),
        ("responsible", SHORT_TEXT_LIMIT, _("Responsible")),
        ("schedule_text", LINE_LIMIT, _("Schedule")),
        ("follow_up_method", TEXT_LIMIT, _("Follow-up")),
    ):
        errors.text(name, getattr(data, name), getattr(cleaned, name), limit, label)
    if not isinstance(cleaned.progress, int) or not 0 <= cleaned.progress <= 100:
        errors.add("progress", _("Progress is a whole number from 0 to 100 (per cent)."))
    errors.choice("status", cleaned.status, ActivityStatus, _("Choose a status from the list."))
    if cleaned.responsible_principal is not None:
        errors.choice(
            "responsible_principal",
            cleaned.responsible_principal,
            Principal,
            _("Choose region, municipality or joint."),
        )
    errors.raise_if_any()
    return cleaned


# --- from the database rows -----------------------------------------------------------


def area_row(area: Area) -> AreaRow:
    return copy_fields(AreaRow, area)


def activity_row(activity: Activity) -> ActivityRow:
    return copy_fields(ActivityRow, activity)


def load_area(session: Session, area_id: int) -> Area:
    gone = _("The area no longer exists (it may have been removed). Reload and try again.")
    return load(session, Area, area_id, gone)


def load_activity(session: Session, activity_id: int) -> Activity:
    gone = _("The activity no longer exists (it may have been removed). Reload and try again.")
    return load(session, Activity, activity_id, gone)
