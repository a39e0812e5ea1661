"""Read models, inputs and validation of a plan's areas and activities (the data the plan
page and exports use), and their database rows found by id; plan_areas.py and
plan_activities.py hold the changes, plan_items.py the whole tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.db.models import Activity, Area
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES
from naravard_desktop.services.plan.schedule import derive_due_date
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
class AreaInput:
    title: str
    number: str = ""
    description: str = ""


@dataclass(frozen=True)
class AreaRow:
    id: int
    plan_id: int
    parent_id: int | None
    position: int
    number: str
    title: str
    description: str

    @property
    def label(self) -> str:
        """ "1 a) Patientkontrakt" as the plan writes it."""
        return f"{self.number} {self.title}" if self.number else self.title

    def as_input(self) -> AreaInput:
        return copy_fields(AreaInput, self)


@dataclass(frozen=True)
class ActivityInput:
    title: str
    description: str = ""
    responsible: str = ""
    responsible_principal: Principal | None = None
    schedule_text: str = ""
    due_date: dt.date | None = None  # used only when due_date_overridden
    due_date_overridden: bool = False
    status: ActivityStatus = ActivityStatus.NOT_STARTED
    progress: int = 0
    follow_up_method: str = ""

    def effective_due_date(self) -> dt.date | None:
        return self.due_date if self.due_date_overridden else derive_due_date(self.schedule_text)


@dataclass(frozen=True)
class ActivityRow:
    id: int
    area_id: int
    position: int
    title: str
    description: str
    responsible: str
    responsible_principal: Principal | None
    schedule_text: str
    due_date: dt.date | None
    due_date_overridden: bool
    status: ActivityStatus
    progress: int
    follow_up_method: str
    version: int

    def is_overdue(self, today: dt.date | None = None) -> bool:
        day = today or dt.date.today()
        return (
            self.due_date is not None and self.due_date < day and self.status not in CLOSED_STATUSES
        )

    def as_input(self) -> ActivityInput:
        return copy_fields(ActivityInput, self)


@dataclass(frozen=True)
class FollowUpData:
    followed_up_on: dt.date
    status: ActivityStatus
    progress: int
    note: str = ""
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class ActivitySnapshot:
    """A removed activity with its follow-up log, to put back on undo."""

    area_id: int
    position: int
    data: ActivityInput
    follow_ups: tuple[FollowUpData, ...] = ()


@dataclass(frozen=True)
class AreaSnapshot:
    plan_id: int
    parent_id: int | None
    position: int
    data: AreaInput
    activities: tuple[ActivitySnapshot, ...] = ()
    children: tuple[AreaSnapshot, ...] = ()


@dataclass(frozen=True)
class PlanTree:
    """A plan's areas (parents before children, in order) and activities (in order)."""

    plan_id: int
    title: str
    areas: list[AreaRow]
    activities: list[ActivityRow]
    _by_area: dict[int, list[ActivityRow]] = field(default_factory=dict, repr=False)

    def activities_of(self, area_id: int) -> list[ActivityRow]:
        if not self._by_area and self.activities:
            for row in self.activities:
                self._by_area.setdefault(row.area_id, []).append(row)
        return self._by_area.get(area_id, [])

    def children_of(self, area_id: int | None) -> list[AreaRow]:
        return [a for a in self.areas if a.parent_id == area_id]


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
