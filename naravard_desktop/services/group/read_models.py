"""The group as the window, the command line and the documents see it: the group and its
settings, its members, the overview; and the inputs that change them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naravard_desktop.db.enums import ActivityStatus, ParagraphNumbering, Principal, Role
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
class NextMeeting:
    id: int
    held_on: dt.date
    starts_at: dt.time | None
    place: str


@dataclass(frozen=True)
class Overview:
    status_counts: dict[ActivityStatus, int]
    overdue: list[OverdueActivity]
    next_meeting: NextMeeting | None
    plans: int

    @property
    def activities(self) -> int:
        return sum(self.status_counts.values())
