"""The annual follow-up report as the layers above see it: the year's plan, SIP and meetings
figures, and the secretary's analysis per section with the report's state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from naravard_desktop.db.enums import ActivityStatus, MeetingKind, Principal
from naravard_desktop.db.models.report import ReportState
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.read_models import DecisionRow
from naravard_desktop.services.sip.read_models import YearReport


class Section(StrEnum):
    """The report's sections, each with an analysis the secretary writes."""

    SUMMARY = "summary"
    PLAN = "plan"
    SIP = "sip"
    MEETINGS = "meetings"


class Outcome(StrEnum):
    """Where an activity stood at the year's end: each activity in exactly one."""

    DONE = "done"
    ONGOING = "ongoing"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    PAUSED = "paused"
    DROPPED = "dropped"


@dataclass(frozen=True)
class FollowUpNote:
    """A follow-up written during the year, with the meeting and § it was made at."""

    on: dt.date
    status: ActivityStatus
    progress: int
    note: str
    meeting_on: dt.date | None
    paragraph: int | None


@dataclass(frozen=True)
class ActivityYear:
    id: int
    title: str
    responsible: str
    responsible_principal: Principal | None
    schedule_text: str
    due_date: dt.date | None
    status: ActivityStatus  # as last followed up by the year's end
    progress: int
    outcome: Outcome
    notes: tuple[FollowUpNote, ...]


@dataclass(frozen=True)
class AreaYear:
    id: int
    label: str  # "1 Fast vårdkontakt", as the plan writes it
    depth: int  # 0 for an area, 1 for a sub-area …
    activities: tuple[ActivityYear, ...]

    @property
    def progress(self) -> int | None:
        """The mean progress of the activities not dropped (None when there are none)."""
        kept = [a.progress for a in self.activities if a.outcome is not Outcome.DROPPED]
        return round(sum(kept) / len(kept)) if kept else None


@dataclass(frozen=True)
class PlanYear:
    id: int
    title: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    adopted_on: dt.date | None  # the meeting that adopted the plan, when recorded
    adopted_paragraph: int | None
    areas: tuple[AreaYear, ...]


@dataclass(frozen=True)
class SeatShare:
    """A principal's seats at the year's meetings and how many were filled (by the member or
    a substitute for them)."""

    principal: Principal
    seats: int
    filled: int

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.seats) if self.seats else 0


@dataclass(frozen=True)
class MeetingYear:
    id: int
    held_on: dt.date
    kind: MeetingKind
    approved: bool
    seats: tuple[SeatShare, ...]
    decisions: int


@dataclass(frozen=True)
class SipBrief:
    """A main SIP indicator's year as the SIP summary prints it ("..": hidden), against the
    same months of last year."""

    name: str
    this_label: str  # "År 2025", or "Jan–sep 2026" while the year runs
    this_text: str
    last_label: str
    last_text: str
    change: str  # "+12 %", or "" when either side is hidden


@dataclass(frozen=True)
class Adoption:
    """The meeting and § that adopted the report, and who recorded it."""

    meeting_on: dt.date
    paragraph: int | None
    adopted_by: str
    adopted_at: dt.datetime | None


@dataclass(frozen=True)
class SupersededRevision:
    """An earlier adoption of the report, replaced by a later one: its PDF stays stored."""

    revision: int
    meeting_on: dt.date | None  # the meeting and § that adopted it (None: § deleted since)
    paragraph: int | None
    adopted_at: dt.datetime
    sha256: str
    reopened_because: str  # the reason given when it was reopened


@dataclass(frozen=True)
class ReportAnalysis:
    """The written analysis per section and the report's state; `version` 0 when nothing has
    been stored for the year yet."""

    group_id: int
    year: int
    texts: dict[Section, str]
    state: ReportState
    version: int
    adoption: Adoption | None = None
    sha256: str | None = None
    # The revision adopted, or while a draft the one adopting it will make (1 at first).
    revision: int = 1
    # Why this revision replaces the one before: the reason the report was reopened ("" for
    # the first revision).
    reason: str = ""
    superseded: tuple[SupersededRevision, ...] = ()  # earlier revisions, oldest first
    # The code of the group's approval before this adoption in the chain of approvals ("" for
    # a draft, or when nothing was approved before it).
    chain_code: str = ""

    @property
    def replaces(self) -> SupersededRevision | None:
        """The revision this one replaces (None for the first)."""
        return self.superseded[-1] if self.superseded else None

    @property
    def adopted(self) -> bool:
        return self.state is ReportState.ADOPTED


@dataclass(frozen=True)
class AnnualReport:
    """Everything the annual report prints for `year`."""

    group: GroupData
    year: int
    as_of: dt.date  # the year's last day, or today while the year runs
    plans: tuple[PlanYear, ...]
    outcomes: dict[Outcome, int]
    meetings: tuple[MeetingYear, ...]
    seats: tuple[SeatShare, ...]  # per principal over the whole year
    decisions: tuple[DecisionRow, ...]  # oldest first
    sip: YearReport | None  # suppressed as the SIP export is; None without counts
    sip_brief: tuple[SipBrief, ...]
    analysis: ReportAnalysis

    @property
    def activities(self) -> int:
        return sum(self.outcomes.values())

    @property
    def approved_protocols(self) -> int:
        return sum(m.approved for m in self.meetings)

    @property
    def areas(self) -> list[tuple[PlanYear, AreaYear]]:
        return [(plan, area) for plan in self.plans for area in plan.areas]


@dataclass(frozen=True)
class AdoptionSnapshot:
    """The report read as it will be once adopted, and the version it was read at: the PDF
    is rendered from `report` outside any transaction and stored only if nothing changed."""

    report: AnnualReport
    item_id: int
    version: int
    sip_inputs: tuple[int, ...]  # what the SIP part was made from (adoption.sip_inputs)
    chain_previous: str = ""  # the chain head's hash the adoption will link to


@dataclass(frozen=True)
class AdoptionChoice:
    """An agenda item (§) of a meeting that may adopt a year's report, with who would
    usually adopt it there (the meeting's chair and adjusters)."""

    item_id: int
    held_on: dt.date
    paragraph: int | None
    title: str
    adopted_by: str
    likely: bool  # the item's title speaks of the follow-up or report


@dataclass(frozen=True)
class SipPart:
    """A year's SIP part as worked out, and what it was made from (adoption.sip_inputs): the
    page shows it again without the long suppression while that is unchanged."""

    group_id: int
    year: int
    inputs: tuple[int, ...]
    sip: YearReport | None
    brief: tuple[SipBrief, ...]
