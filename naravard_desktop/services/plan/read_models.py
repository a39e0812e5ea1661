"""The local plan as the layers above see it: plans and revisions, the tree of areas and
activities, follow-ups and the choices the window offers, with the inputs that change them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.plan.plan_labels import CLOSED_STATUSES
from naravard_desktop.services.plan.schedule import derive_due_date
from naravard_desktop.services.system.records import copy_fields

SEPARATOR = " › "


@dataclass(frozen=True)
class ActivityChoice:
    id: int
    plan_title: str
    area_label: str  # "1 Fast vårdkontakt › a) Patientkontrakt" for a sub-area
    title: str
    status: ActivityStatus
    progress: int

    @property
    def label(self) -> str:
        return SEPARATOR.join(
            part for part in (self.plan_title, self.area_label, self.title) if part
        )


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
    version: int

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


@dataclass(frozen=True)
class PlanOutline:
    """A plan's areas (parents before children, in order) with how many activities each holds
    directly, and the plan's totals: what the plan page shows before an area is opened (its
    activities are read when it is, services/plan/plan_outline.py)."""

    plan_id: int
    title: str
    areas: list[AreaRow]
    counts: dict[int, int]  # area id → its own activities (not its sub-areas')
    overdue: int  # activities of the whole plan overdue on `today`
    today: dt.date

    @property
    def activity_count(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class FollowUpInput:
    followed_up_on: dt.date
    status: ActivityStatus
    progress: int
    note: str = ""
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    activity_id: int
    followed_up_on: dt.date
    status: ActivityStatus
    progress: int
    note: str
    agenda_item_id: int | None
    agenda_item_label: str  # "§ 16 Uppföljning av lokal plan, 2024-05-17", or ""
    version: int


@dataclass(frozen=True)
class AgendaItemChoice:
    """An agenda item a follow-up can be made from, for a picker."""

    id: int
    held_on: dt.date
    paragraph: int | None
    title: str

    @property
    def label(self) -> str:
        number = f"§ {self.paragraph} " if self.paragraph is not None else ""
        return f"{self.held_on.isoformat()} {number}{self.title}"


@dataclass(frozen=True)
class DecisionChoice:
    item_id: int
    meeting_id: int
    held_on: dt.date
    paragraph: int
    title: str
    has_decision: bool

    @property
    def label(self) -> str:
        """ "§ 12, 17 maj 2024: Lokal plan 2024–2026" """
        return _("§ {number}, {date}: {title}").format(
            number=self.paragraph, date=format_date(self.held_on), title=self.title
        )


@dataclass(frozen=True)
class PlanInput:
    title: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    state: PlanState = PlanState.DRAFT
    adopted_by_item_id: int | None = None


@dataclass(frozen=True)
class RevisionInput:
    """ "reviderad 2024-02-09 (beslut i Fredagsgruppen)": the date, a note, and optionally
    the agenda item that decided it."""

    revised_on: dt.date
    note: str = ""
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class RevisionRow:
    id: int
    revised_on: dt.date
    note: str
    agenda_item_id: int | None

    def as_input(self) -> RevisionInput:
        return copy_fields(RevisionInput, self)


@dataclass(frozen=True)
class PlanSummary:
    id: int
    group_id: int
    title: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    state: PlanState
    adopted_by_item_id: int | None
    areas: int
    activities: int
    version: int
    revisions: tuple[RevisionRow, ...] = ()

    def as_input(self) -> PlanInput:
        return copy_fields(PlanInput, self)
