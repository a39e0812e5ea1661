"""Meetings as the layers above see them: meetings, agenda items, attendance, action items,
decisions found by search, approvals and signature fields, with the inputs that change them.
The protocol itself has its own read model (protocol_model.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, Principal, ProtocolState, Role
from naravard_desktop.services.system.records import copy_fields

if TYPE_CHECKING:
    from naravard_desktop.services.meetings import pdf_signatures as pdfsig
    from naravard_desktop.services.meetings.protocol_model import ProtocolData


@dataclass(frozen=True)
class ActionInput:
    what: str
    who: str = ""
    due_on: dt.date | None = None
    done: bool = False
    activity_id: int | None = None
    done_on: dt.date | None = None  # when it was done; today if left out


@dataclass(frozen=True)
class ActionData:
    id: int
    agenda_item_id: int
    meeting_id: int
    meeting_on: dt.date
    paragraph: int
    what: str
    who: str
    due_on: dt.date | None
    done: bool
    done_on: dt.date | None
    activity_id: int | None
    version: int

    def as_input(self) -> ActionInput:
        return ActionInput(
            self.what, self.who, self.due_on, self.done, self.activity_id, self.done_on
        )


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    person_id: int | None
    name: str
    role: Role | None
    principal: Principal | None
    organisation: str
    status: AttendanceStatus
    substitute_for_id: int | None
    substitute_for: str
    from_paragraph: int | None
    to_paragraph: int | None
    note: str
    version: int  # what a change or removal names as the row the user saw

    @property
    def is_guest(self) -> bool:
        return self.person_id is None


@dataclass(frozen=True)
class AttendanceInput:
    status: AttendanceStatus
    substitute_for_id: int | None = None
    from_paragraph: int | None = None
    to_paragraph: int | None = None
    note: str = ""


SNIPPET_LENGTH = 160


_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DecisionRow:
    """One agenda item with a decision."""

    item_id: int
    meeting_id: int
    held_on: dt.date
    paragraph: int
    title: str
    decision: str
    approved: bool


@dataclass(frozen=True)
class SearchHit:
    """An agenda item that matched; `snippet` is the text around the first matching word."""

    item_id: int
    meeting_id: int
    held_on: dt.date
    paragraph: int
    title: str
    snippet: str


def snippet(words: str, *texts: str) -> str:
    """About SNIPPET_LENGTH characters on one line around the first word found (as a prefix)
    in the first text that has one; the start of the first non-empty text otherwise."""
    terms = [t.casefold() for t in _WORD.findall(words)]
    for text in texts:
        flat = " ".join(text.split())
        lowered = flat.casefold()
        positions = [p for p in (_find_word(lowered, t) for t in terms) if p >= 0]
        if positions:
            start = max(0, min(positions) - SNIPPET_LENGTH // 3)
            return _cut(flat, start)
    for text in texts:
        flat = " ".join(text.split())
        if flat:
            return _cut(flat, 0)
    return ""


def _find_word(text: str, term: str) -> int:
    """Where a word starting with `term` begins (FTS5 matches prefixes of words)."""
    for match in re.finditer(re.escape(term), text):
        if match.start() == 0 or not text[match.start() - 1].isalnum():
            return match.start()
    return -1


def _cut(text: str, start: int) -> str:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = start + SNIPPET_LENGTH
    piece = text[start:end]
    if end < len(text):
        space = piece.rfind(" ")
        piece = (piece[:space] if space > SNIPPET_LENGTH // 2 else piece) + " …"
    return ("… " if start > 0 else "") + piece


@dataclass(frozen=True)
class SignatureField:
    name: str  # the PDF field name, "Ordforande"
    role: str  # "Ordförande", in the protocol's language
    person: str  # who is expected to sign it ("" when nobody is chosen)
    required: bool  # the chair and the adjusters; the secretary signs if they like


@dataclass(frozen=True)
class SigningStatus:
    meeting_id: int
    revision: int
    fields: tuple[SignatureField, ...]
    signatures: tuple[pdfsig.SignatureInfo, ...]

    @property
    def signed_fields(self) -> set[str]:
        return {s.field for s in self.signatures}

    @property
    def missing(self) -> list[SignatureField]:
        return [f for f in self.fields if f.required and f.name not in self.signed_fields]

    @property
    def complete(self) -> bool:
        return bool(self.signatures) and not self.missing


@dataclass(frozen=True)
class FieldsState:
    """Which signature fields hold a signature, read without checking the signatures (fast,
    for the window's banner; `check` and `verify` do the checking)."""

    signed: tuple[SignatureField, ...]
    signed_by: dict[str, str]  # field name → the name in the signature's certificate
    missing: tuple[SignatureField, ...]  # required and not signed
    open_fields: tuple[SignatureField, ...]  # every field not signed, the optional ones too


@dataclass(frozen=True)
class ItemInput:
    title: str
    presenter: str = ""
    planned_minutes: int | None = None
    notes: str = ""
    decision: str = ""
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemData:
    id: int
    meeting_id: int
    position: int
    paragraph: int
    title: str
    presenter: str
    planned_minutes: int | None
    planned_start: dt.time | None
    notes: str
    decision: str
    attachments: tuple[str, ...]
    standard_key: str | None
    version: int

    def as_input(self) -> ItemInput:
        return copy_fields(ItemInput, self)


@dataclass(frozen=True)
class SavedText:
    """An autosaved note or decision: the item's version now, and whether the item had been
    changed elsewhere since the version the text was based on (another field: a change of
    this text is a TextConflictError instead)."""

    version: int
    changed_elsewhere: bool


@dataclass(frozen=True)
class MeetingInput:
    held_on: dt.date | None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    place: str = ""
    kind: MeetingKind = MeetingKind.ORDINARY
    chair_id: int | None = None
    secretary_id: int | None = None
    adjuster1_id: int | None = None
    adjuster2_id: int | None = None


@dataclass(frozen=True)
class MeetingSummary:
    """A row of the meetings list."""

    id: int
    held_on: dt.date
    starts_at: dt.time | None
    place: str
    kind: MeetingKind
    state: ProtocolState
    number: str  # "2024:3", the meeting's ordinal in its year
    first_paragraph: int | None
    last_paragraph: int | None
    version: int
    # Digital justering begun but not every required signer has signed
    # (services/meetings/signing.py): the protocol does not count as justerat yet.
    awaiting_signatures: bool = False

    @property
    def upcoming(self) -> bool:
        return self.held_on >= dt.date.today()


@dataclass(frozen=True)
class MeetingData:
    id: int
    group_id: int
    held_on: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    place: str
    kind: MeetingKind
    chair_id: int | None
    secretary_id: int | None
    adjuster1_id: int | None
    adjuster2_id: int | None
    state: ProtocolState
    language: str
    version: int
    correction_reason: str = ""  # set while an approved protocol is being corrected

    @property
    def locked(self) -> bool:
        return self.state == ProtocolState.APPROVED

    def as_input(self) -> MeetingInput:
        return copy_fields(MeetingInput, self)


@dataclass(frozen=True)
class RevisionData:
    meeting_id: int
    revision: int
    approved_at: dt.datetime
    approved_by: str
    reason: str
    sha256: str
    approved_login: str = ""  # the role or computer login that approved ("" before 0007)


@dataclass(frozen=True)
class ApprovalSnapshot:
    """A protocol as it will be approved, read before its PDF is made: the PDF is rendered
    from `data` outside any transaction and stored only if the meeting still reads the same
    (`versions`: the meeting's and its agenda items' (id, version), the meeting first)."""

    meeting_id: int
    approved_by: str
    approved_on: dt.date
    approved_at: dt.datetime
    data: ProtocolData
    versions: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Problem:
    """Why a protocol cannot be approved yet. `field` is "approved_on" when the justering
    date is what must change, "" when the meeting itself must (its date, attendance …)."""

    message: str
    field: str = ""


class ActionStatus(StrEnum):
    """The action register's status filter; open ones count the overdue ones too."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    ALL = "all"


@dataclass(frozen=True)
class ActionFilter:
    """Which action items the register lists. `who` None is everyone, "" those with no one
    named; `year` is the calendar year of the meeting; `text` is looked for in what, who
    and the linked activity (case-insensitive)."""

    status: ActionStatus = ActionStatus.ALL
    who: str | None = None
    year: int | None = None
    text: str = ""


@dataclass(frozen=True)
class ActionRegister:
    """Every action item of a group's meetings, newest meeting first and in agenda order,
    with the label ("Plan › område › aktivitet") of each linked plan activity by its id."""

    rows: tuple[ActionData, ...]
    activities: Mapping[int, str]

    def activity(self, row: ActionData) -> str:
        return self.activities.get(row.activity_id, "") if row.activity_id is not None else ""
