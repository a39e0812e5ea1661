"""Justering in two short transactions around the PDF: the rules a protocol must meet, a read
of the protocol as it will be approved (`prepare_approval`), and the store of the PDF made
from that read (`store_approval`), refused when the meeting changed in between. The PDF is
rendered between the two, outside any transaction, so nobody else's save waits for it and
the window can render on another thread."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState
from naravard_desktop.db.models import Meeting, Person, ProtocolRevision
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.i18n import _, format_date, format_date_in_text, format_iso_date
from naravard_desktop.services.meetings.approval_record import (
    chain_head,
    data_hash,
    record_hash,
    sha256_of,
)
from naravard_desktop.services.meetings.meetings import load_editable
from naravard_desktop.services.meetings.paragraphs import freeze_paragraphs
from naravard_desktop.services.meetings.protocol import build_protocol_data
from naravard_desktop.services.meetings.read_models import ApprovalSnapshot, Problem, RevisionData
from naravard_desktop.services.system.access import current_login
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.validation import clean_line

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


def _refuse_problems(
    session: Session, meeting: Meeting, day: dt.date, today: dt.date | None
) -> None:
    problems = justering_problems(session, meeting, day, today)
    if problems:
        raise DomainError(" ".join(p.message for p in problems))


def _versions(meeting: Meeting) -> tuple[tuple[int, int], ...]:
    """The meeting's own version and each agenda item's, as (id, version); the meeting's id
    first."""
    return ((meeting.id, meeting.version), *((item.id, item.version) for item in meeting.items))


def _changed_elsewhere(meeting: Meeting) -> StaleEditError:
    return StaleEditError(
        _(
            "The meeting {date} was changed elsewhere while its protocol was being made, so "
            "the protocol was not approved. Approve the protocol again."
        ).format(date=format_date_in_text(meeting.held_on))
    )


def prepare_approval(
    db: Database,
    meeting_id: int,
    approved_by: str,
    approved_on: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> ApprovalSnapshot:
    """Read the protocol as it will be once approved (a short read; nothing is written): the
    justering rules are checked, and the data are the draft's on the approval date with the
    approval's facts. `today` is the date the rules take as today (the real date unless
    given)."""
    who = clean_line(approved_by)
    if not who:
        raise ValidationError({"approved_by": _("Write who approved the protocol.")})
    day = approved_on or today or dt.date.today()
    now = dt.datetime.now().astimezone()
    approved_at = now if day == now.date() else dt.datetime.combine(day, dt.time(12), now.tzinfo)
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        _refuse_problems(session, meeting, day, today)
        # The moment as the database will give it back (SQLite keeps no zone, a server
        # answers in its session's zone): its date is the one the approved protocol shows.
        stored = session.scalar(select(literal(approved_at, ProtocolRevision.approved_at.type)))
        assert stored is not None
        # Read afresh with its items and their actions (a refresh cascades), as the store
        # reads it: a unit of work this joins (the demo's) may hold them from before its
        # latest changes.
        session.refresh(meeting)
        as_approved = build_protocol_data(session, meeting, stored.date())
        data = dataclasses.replace(
            as_approved, approved=True, approved_on=stored.date(), approved_by=who
        )
        return ApprovalSnapshot(meeting.id, who, day, approved_at, data, _versions(meeting))


def store_approval(
    db: Database, snapshot: ApprovalSnapshot, pdf: bytes, *, today: dt.date | None = None
) -> RevisionData:
    """Store `pdf`, rendered from `snapshot.data`, as the approved protocol: checks the rules
    again, refuses (StaleEditError) when the meeting or anything its protocol shows changed
    since the snapshot was read, freezes §, locks the meeting and links the record into the
    group's chain; all in one short transaction, so a refusal leaves the draft as it was."""
    with db.session() as session:
        meeting = load_editable(session, snapshot.meeting_id)
        _refuse_problems(session, meeting, snapshot.approved_on, today)
        if _versions(meeting) != snapshot.versions:
            raise _changed_elsewhere(meeting)
        revision = _approval_record(session, meeting, snapshot)
        # Everything hashed is read back as stored, so `check` recomputes the same hashes,
        # and the protocol read back must be the one the PDF was made from.
        session.expire(revision, ["approved_at"])
        session.refresh(meeting)
        data = build_protocol_data(session, meeting)
        if data != snapshot.data:
            raise _changed_elsewhere(meeting)
        revision.pdf = pdf
        revision.sha256 = sha256_of(pdf)
        revision.data_sha256 = data_hash(data)
        revision.chain_hash = record_hash(meeting.group_id, revision)
        session.flush()
        return RevisionData(
            meeting.id,
            revision.revision,
            snapshot.approved_at,
            snapshot.approved_by,
            revision.reason,
            revision.sha256,
            revision.approved_login,
        )


def _approval_record(
    session: Session, meeting: Meeting, snapshot: ApprovalSnapshot
) -> ProtocolRevision:
    """Freeze §, lock the meeting and add its next revision (its PDF and hashes still empty),
    linked to the group's chain head."""
    previous = max((r.revision for r in meeting.protocols), default=0)
    freeze_paragraphs(session, meeting)
    meeting.state = ProtocolState.APPROVED
    reason = meeting.correction_reason
    meeting.correction_reason = ""
    head = chain_head(session, meeting.group_id)
    revision = ProtocolRevision(
        meeting_id=meeting.id,
        revision=previous + 1,
        approved_at=snapshot.approved_at,
        approved_by=snapshot.approved_by,
        approved_login=current_login(session),
        reason=reason,
        pdf=b"",
        sha256="",
        chain_previous=head.chain_hash if head else "",
    )
    session.add(revision)
    session.flush()
    return revision
