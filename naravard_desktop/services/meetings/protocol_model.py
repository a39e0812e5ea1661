"""Plain read models of a meeting as documents show it (kallelse, protocol PDF, DOCX).

Built by services.protocol from the database; consumed by export/ without any database or Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, Principal, Role


@dataclass(frozen=True)
class AttendeeLine:
    """One person in the attendance lists."""

    name: str
    status: AttendanceStatus
    role: Role | None = None  # their role in the group (members), None for guests
    principal: Principal | None = None
    organisation: str = ""
    substitute_for: str = ""  # the member a substitute replaces
    from_paragraph: int | None = None  # partial attendance: § from …
    to_paragraph: int | None = None  # … to §
    note: str = ""


@dataclass(frozen=True)
class ActionLine:
    what: str
    who: str = ""
    due_on: dt.date | None = None
    done: bool = False
    from_meeting_on: dt.date | None = None  # for open items carried from earlier meetings
    from_paragraph: int | None = None


@dataclass(frozen=True)
class ItemLine:
    """One agenda item (§)."""

    paragraph: int
    title: str
    presenter: str = ""
    planned_minutes: int | None = None
    planned_start: dt.time | None = None  # running time in the kallelse
    notes: str = ""
    decision: str = ""
    attachments: tuple[str, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    standard_key: str | None = None
    carried_actions: tuple[ActionLine, ...] = ()  # open items from earlier meetings


@dataclass(frozen=True)
class NextMeetingLine:
    """The group's next planned meeting, named under "Nästa möte"."""

    held_on: dt.date
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    place: str = ""


@dataclass(frozen=True)
class SignatureLine:
    """A signature block entry: "Ordförande" above the line, the name below."""

    role_label: str
    name: str


@dataclass(frozen=True)
class ProtocolData:
    """Everything a kallelse or protocol shows. Texts are already in the document language
    except the fixed headings, which the writers translate with i18n.use_language."""

    language: str
    group_name: str
    principals_line: str  # "Region Mittland och Bergsjö kommun"
    logo: bytes | None
    meeting_id: int
    meeting_number: str  # "2024:3"
    kind: MeetingKind
    held_on: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    place: str
    chair: str
    secretary: str
    adjusters: tuple[str, ...]
    attendees: tuple[AttendeeLine, ...]
    items: tuple[ItemLine, ...]
    approved: bool = False
    approved_on: dt.date | None = None
    approved_by: str = ""
    revision: int = 1
    correction_reason: str = ""
    signatures: tuple[SignatureLine, ...] = field(default_factory=tuple)
    # The day whose state the document shows: the approval date of an approved protocol,
    # today for a draft (None: not known, the meeting counts as held).
    as_of: dt.date | None = None
    secretary_email: str = ""
    secretary_phone: str = ""
    next_meeting: NextMeetingLine | None = None
    # The chain code of the group's previous approval (services/meetings/approval_record.py),
    # printed in the footer so each protocol anchors the one before it.
    chain_code: str = ""

    @property
    def held(self) -> bool:
        """Whether the meeting has taken place (a draft of a coming meeting has not)."""
        return self.approved or self.as_of is None or self.held_on <= self.as_of

    @property
    def paragraph_range(self) -> tuple[int, int] | None:
        if not self.items:
            return None
        return self.items[0].paragraph, self.items[-1].paragraph
