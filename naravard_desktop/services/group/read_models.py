"""The group as the window, the command line and the documents see it: the group and its
settings, its members, the overview; and the inputs that change them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naravard_desktop.db.enums import (
    ActivityStatus,
    ParagraphNumbering,
    PeriodKind,
    Principal,
    Role,
)
from naravard_desktop.i18n import _
from naravard_desktop.services.system.records import copy_fields


@dataclass(frozen=True)
class GroupInput:
    """What the set-up dialog and the group page edit."""

    name: str
    municipality: str = ""
    region: str = ""
    logo: bytes | None = None
    paragraph_numbering: ParagraphNumbering = ParagraphNumbering.PER_YEAR
    protocol_language: str = "sv"


@dataclass(frozen=True)
class GroupData:
    id: int
    name: str
    municipality: str
    region: str
    logo: bytes | None
    logo_mime: str | None
    paragraph_numbering: ParagraphNumbering
    protocol_language: str
    version: int

    @property
    def principals_line(self) -> str:
        """ "Region Mittland och Bergsjö kommun", as under the name in a protocol header."""
        parts = [p for p in (self.region, self.municipality) if p]
        return _(" and ").join(parts) if len(parts) == 2 else "".join(parts)

    def as_input(self) -> GroupInput:
        return copy_fields(GroupInput, self)


@dataclass(frozen=True)
class MemberInput:
    """One row of the members table as the user edits it."""

    name: str
    organisation: str = ""
    principal: Principal = Principal.OTHER
    role: Role = Role.MEMBER
    email: str = ""
    phone: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None


@dataclass(frozen=True)
class MemberRow:
    membership_id: int
    person_id: int
    name: str
    organisation: str
    principal: Principal
    role: Role
    email: str
    phone: str
    active_from: dt.date | None
    active_to: dt.date | None
    person_version: int
    membership_version: int

    def is_active(self, on: dt.date | None = None) -> bool:
        day = on or dt.date.today()
        started = self.active_from is None or self.active_from <= day
        return started and (self.active_to is None or self.active_to >= day)

    def as_input(self) -> MemberInput:
        return copy_fields(MemberInput, self)


@dataclass(frozen=True)
class OverdueActivity:
    id: int
    plan_id: int
    plan_title: str
    title: str
    responsible: str
    schedule_text: str
    due_date: dt.date
    status: ActivityStatus
    progress: int


@dataclass(frozen=True)
class OverviewMeeting:
    """The next meeting, or a held one whose protocol awaits justering."""

    id: int
    held_on: dt.date
    starts_at: dt.time | None
    place: str


@dataclass(frozen=True)
class OverviewAction:
    """An open action item of a meeting, for the overview to lead to its agenda item."""

    id: int
    meeting_id: int
    agenda_item_id: int
    meeting_on: dt.date
    paragraph: int
    what: str
    who: str
    due_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class OwnerActions:
    """One owner's open action items, the overdue ones first; `who` "" when nobody is named."""

    who: str
    actions: tuple[OverviewAction, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)


@dataclass(frozen=True)
class AreaProgress:
    """A top area of the current plan: its activities (and its sub-areas'), cancelled ones
    left out, and how many of them are done."""

    id: int
    label: str
    activities: int
    done: int

    @property
    def share(self) -> float | None:
        return self.done / self.activities if self.activities else None


def _period_label(kind: PeriodKind, starts_on: dt.date) -> str:
    """ "Kvartal 3 2026", imported when asked for: the SIP read models bring Babel's dates and
    the spreadsheet helpers, which the window's start has no need of."""
    from naravard_desktop.services.sip.read_models import label

    return label(kind, starts_on)


@dataclass(frozen=True)
class PeriodToFill:
    """A SIP period that has ended without counts: added and empty (`id`), or not added
    (`id` None, the next one the SIP page offers to add)."""

    id: int | None
    kind: PeriodKind
    starts_on: dt.date

    @property
    def label(self) -> str:
        return _period_label(self.kind, self.starts_on)


@dataclass(frozen=True)
class SipPoint:
    """One ended period's total of the trend's indicator (None: nothing counted)."""

    kind: PeriodKind
    starts_on: dt.date
    value: int | None

    @property
    def label(self) -> str:
        return _period_label(self.kind, self.starts_on)


@dataclass(frozen=True)
class Overview:
    """What the secretary has to do next, and where the plan and the SIP counts stand. The
    plan's figures are of the current plan (the one the plan page opens first)."""

    today: dt.date
    next_meeting: OverviewMeeting | None
    awaiting_justering: list[OverviewMeeting]
    actions: list[OwnerActions]
    plan_id: int | None
    plan_title: str
    status_counts: dict[ActivityStatus, int]
    overdue: list[OverdueActivity]
    areas: list[AreaProgress]
    periods_to_fill: list[PeriodToFill]
    sip_trend: list[SipPoint]
    sip_trend_name: str  # the indicator the trend follows, "" without one
    plans: int

    @property
    def activities(self) -> int:
        return sum(self.status_counts.values())

    @property
    def overdue_actions(self) -> int:
        return sum(owner.overdue for owner in self.actions)

    @property
    def open_actions(self) -> int:
        return sum(len(owner.actions) for owner in self.actions)


@dataclass(frozen=True)
class SipTotal:
    """A year's SIP count as the region overview publishes it: `value` None when the group
    has no counts for it or when it is `hidden` (small, or it would give a small one away)."""

    code: str
    value: int | None
    hidden: bool = False


@dataclass(frozen=True)
class RegionGroup:
    """One group's line of the region overview (services/group/region.py says what each
    figure counts)."""

    id: int
    name: str
    plan_id: int | None
    plan_title: str | None
    status_counts: dict[ActivityStatus, int]  # of the current plan
    overdue: int
    meetings_held: int
    awaiting_justering: int
    sip: tuple[SipTotal, ...]  # in the order of RegionOverview.sip_names

    @property
    def activities(self) -> int:
        return sum(self.status_counts.values())

    @property
    def done(self) -> int:
        return self.status_counts.get(ActivityStatus.DONE, 0)

    @property
    def done_share(self) -> float | None:
        """Done activities of the current plan's, None without activities."""
        return self.done / self.activities if self.activities else None


@dataclass(frozen=True)
class RegionOverview:
    year: int
    today: dt.date
    sip_names: tuple[str, ...]
    groups: list[RegionGroup]
    sip_totals: tuple[SipTotal, ...]  # the region's total per indicator, suppressed too
    suppress_below: int | None  # the threshold used; None when the year has no SIP counts
    hidden_counts: tuple[int, int]  # (primary, secondary)
