"""Justering: a protocol goes from draft to approved. The PDF made at approval is stored with
its SHA-256, the § numbers freeze and the meeting locks. A later correction reopens it with a
stated reason and ends in a new, visible revision; earlier revisions stay stored."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState
from naravard_desktop.db.models import Group, Meeting, Person, ProtocolRevision
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import (
    _,
    format_date,
    format_date_in_text,
    format_iso_date,
    join_typed_names,
)
from naravard_desktop.services.meetings.approval_record import (
    chain_head,
    data_hash,
    protocol_named,
    record_hash,
)
from naravard_desktop.services.meetings.meetings import load, load_editable
from naravard_desktop.services.meetings.paragraphs import freeze_paragraphs
from naravard_desktop.services.meetings.protocol import build_protocol_data
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import Problem, RevisionData
from naravard_desktop.services.system.access import current_login
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.validation import clean_line, clean_text


@dataclass(frozen=True)
class VerifyResult:
    """What `verify` says about a file that matched a stored protocol."""

    meeting_id: int
    group_name: str
    held_on: dt.date
    revision: int
    approved_at: dt.datetime
    approved_by: str
    latest: bool
    approved_login: str = ""  # the role or computer login that approved ("" before 0007)
    # What no longer matches in the stored approval the file is identical to: a file that
    # matches a record altered after approval is not the approved protocol.
    problems: tuple[str, ...] = ()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Attendance that counts as being at the meeting (also for part of it, "från § 5"):
# present, substituting for a member, co-opted, or a guest. Absent, or not on the list at
# all, does not.
PRESENT_STATUSES = frozenset(
    {
        AttendanceStatus.PRESENT,
        AttendanceStatus.SUBSTITUTE,
        AttendanceStatus.COOPTED,
        AttendanceStatus.GUEST,
    }
)


def justering_problems(
    session: Session, meeting: Meeting, approved_on: dt.date, today: dt.date | None = None
) -> list[Problem]:
    """The rules of justering, in one place for the GUI, the CLI and the services: the
    meeting has been held, the justering date lies between the meeting day and today, the
    protocol has paragraphs, and the chair and the adjusters are recorded as present."""
    now = today or dt.date.today()
    problems: list[Problem] = []
    if meeting.held_on > now:
        problems.append(
            Problem(
                _(
                    "The meeting is held {date} and cannot be approved until it has been held. "
                    "Approve the protocol on the meeting day or later."
                ).format(date=format_date_in_text(meeting.held_on))
            )
        )
    elif approved_on > now:
        problems.append(
            Problem(
                _(
                    "The date of approval {date} is after today's date ({today}): give the "
                    "date the protocol was approved, today at the latest."
                ).format(date=format_iso_date(approved_on), today=format_iso_date(now)),
                "approved_on",
            )
        )
    elif approved_on < meeting.held_on:
        problems.append(
            Problem(
                _(
                    "The date of approval {date} is before the meeting day ({day}): a protocol "
                    "is approved on the meeting day or later. Give the meeting day or a later "
                    "date."
                ).format(date=format_iso_date(approved_on), day=format_date(meeting.held_on)),
                "approved_on",
            )
        )
    if not meeting.items:
        problems.append(Problem(_("The protocol has no paragraphs.")))
    if meeting.chair_id is None:
        problems.append(Problem(_("Choose the chair of the meeting.")))
    if meeting.adjuster1_id is None:
        problems.append(Problem(_("Choose at least one adjuster.")))
    present = {
        a.person_id
        for a in meeting.attendance
        if a.person_id is not None and a.status in PRESENT_STATUSES
    }
    if meeting.chair_id is not None and meeting.chair_id not in present:
        problems.append(
            Problem(
                _(
                    "The chair {name} is not recorded as present: change the attendance, or "
                    "choose another chair."
                ).format(name=_person_name(session, meeting.chair_id))
            )
        )
    for person_id in (meeting.adjuster1_id, meeting.adjuster2_id):
        if person_id is not None and person_id not in present:
            problems.append(
                Problem(
                    _(
                        "The adjuster {name} is not recorded as present: change the "
                        "attendance, or choose another adjuster."
                    ).format(name=_person_name(session, person_id))
                )
            )
    return problems


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.name if person else "?"


def approval_problems(
    db: Database, meeting_id: int, approved_on: dt.date, today: dt.date | None = None
) -> list[Problem]:
    """What stands in the way of approving the meeting's protocol on `approved_on` (empty
    when nothing does); the dialog asks this before it approves."""
    with db.session() as session:
        return justering_problems(session, load_editable(session, meeting_id), approved_on, today)


def approve(
    db: Database,
    meeting_id: int,
    approved_by: str,
    approved_on: dt.date | None = None,
    *,
    render: Callable[[ProtocolData], bytes],
    today: dt.date | None = None,
) -> RevisionData:
    """Approve the protocol: checks, freezes §, renders the PDF with `render` and stores it,
    locks the meeting; all in one transaction, so a failure leaves the draft as it was.
    `today` is the date the justering rules take as today (the real date unless given).
    The documents layer passes its PDF writer (documents.meeting_files.approve)."""
    who = clean_line(approved_by)
    if not who:
        raise ValidationError({"approved_by": _("Write who approved the protocol.")})
    day = approved_on or today or dt.date.today()
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        problems = justering_problems(session, meeting, day, today)
        if problems:
            raise DomainError(" ".join(p.message for p in problems))
        previous = max((r.revision for r in meeting.protocols), default=0)
        freeze_paragraphs(session, meeting)
        meeting.state = ProtocolState.APPROVED
        reason = meeting.correction_reason
        meeting.correction_reason = ""
        now = dt.datetime.now().astimezone()
        approved_at = (
            now if day == now.date() else dt.datetime.combine(day, dt.time(12), now.tzinfo)
        )
        head = chain_head(session, meeting.group_id)
        revision = ProtocolRevision(
            meeting_id=meeting.id,
            revision=previous + 1,
            approved_at=approved_at,
            approved_by=who,
            approved_login=current_login(session),
            reason=reason,
            pdf=b"",
            sha256="",
            chain_previous=head.chain_hash if head else "",
        )
        session.add(revision)
        session.flush()
        # Everything hashed is read back as stored, so `check` recomputes the same hashes.
        session.expire(revision, ["approved_at"])
        session.refresh(meeting)
        data = build_protocol_data(session, meeting)
        pdf = render(data)
        revision.pdf = pdf
        revision.sha256 = sha256_of(pdf)
        revision.data_sha256 = data_hash(data)
        revision.chain_hash = record_hash(meeting.group_id, revision)
        session.flush()
        return RevisionData(
            meeting.id,
            revision.revision,
            approved_at,
            who,
            reason,
            revision.sha256,
            revision.approved_login,
        )


def start_correction(db: Database, meeting_id: int, reason: str) -> None:
    """Reopen an approved protocol for a correction; the reason is printed on the new revision."""
    why = clean_text(reason)
    if not why:
        raise ValidationError({"reason": _("Write why the approved protocol is corrected.")})
    with db.session() as session:
        meeting = load(session, meeting_id)
        if meeting.state != ProtocolState.APPROVED:
            raise DomainError(_("Only an approved protocol can be corrected."))
        meeting.state = ProtocolState.DRAFT
        meeting.correction_reason = why


def revisions(db: Database, meeting_id: int) -> list[RevisionData]:
    with db.session() as session:
        rows = load(session, meeting_id).protocols
        return [
            RevisionData(
                r.meeting_id,
                r.revision,
                r.approved_at,
                r.approved_by,
                r.reason,
                r.sha256,
                r.approved_login,
            )
            for r in rows
        ]


def stored_pdf(db: Database, meeting_id: int, revision: int | None = None) -> bytes | None:
    """The approved PDF, byte for byte (the latest revision unless one is named)."""
    with db.session() as session:
        rows = list(load(session, meeting_id).protocols)
        if revision is not None:
            rows = [r for r in rows if r.revision == revision]
        return rows[-1].pdf if rows else None


def verify_pdf(db: Database, data: bytes) -> VerifyResult | None:
    """Whether `data` is byte-identical to an approved protocol, and which one."""
    digest = sha256_of(data)
    with db.session() as session:
        row = session.scalars(
            select(ProtocolRevision).where(ProtocolRevision.sha256 == digest)
        ).first()
        if row is None or row.pdf != data:
            return None
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None
        group = session.get(Group, meeting.group_id)
        newest = max(r.revision for r in meeting.protocols)
        from naravard_desktop.services.meetings.approval_check import revision_problems

        return VerifyResult(
            meeting_id=meeting.id,
            group_name=group.name if group else "",
            held_on=meeting.held_on,
            revision=row.revision,
            approved_at=row.approved_at,
            approved_by=row.approved_by,
            latest=row.revision == newest and meeting.state == ProtocolState.APPROVED,
            approved_login=row.approved_login,
            problems=tuple(revision_problems(session, meeting, row)),
        )


def describe_verification(result: VerifyResult | None) -> str:
    if result is None:
        return _("The file is NOT identical to any approved protocol in this database.")
    if result.problems:
        return " ".join(
            (
                _(
                    "The file is identical to the stored copy of a protocol of {group}, but "
                    "that approval was altered afterwards, so the file is NOT the approved "
                    "protocol."
                ).format(group=result.group_name),
                *result.problems,
            )
        )
    text = _(
        "The file is identical to the approved protocol of {group}, meeting {date} "
        "(id {id}), revision {revision}, approved by {who}."
    ).format(
        **protocol_named(result.group_name, result.held_on, result.meeting_id, result.revision),
        who=join_typed_names(result.approved_by),
    )
    if result.approved_login:
        text += " " + _("The approval was recorded by the login {login}.").format(
            login=result.approved_login
        )
    if not result.latest:
        text += " " + _("A later revision of this protocol exists.")
    return text
