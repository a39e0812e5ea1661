"""Justering: a protocol goes from draft to approved. The PDF made at approval is stored with
its SHA-256, the § numbers freeze and the meeting locks. A later correction reopens it with a
stated reason and ends in a new, visible revision; earlier revisions stay stored."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Group, Meeting, ProtocolRevision
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.database import Database
from naravard_desktop.services.meetings import absent_adjusters, load, load_editable
from naravard_desktop.services.paragraphs import freeze_paragraphs
from naravard_desktop.services.protocol import build_protocol_data
from naravard_desktop.services.validation import clean_line, clean_text


@dataclass(frozen=True)
class RevisionData:
    meeting_id: int
    revision: int
    approved_at: dt.datetime
    approved_by: str
    reason: str
    sha256: str


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


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def approve(
    db: Database, meeting_id: int, approved_by: str, approved_on: dt.date | None = None
) -> RevisionData:
    """Approve the protocol: checks, freezes §, renders and stores the PDF, locks the meeting;
    all in one transaction, so a failure leaves the draft as it was."""
    from naravard_desktop.export.protocol_pdf import protocol_pdf

    who = clean_line(approved_by)
    if not who:
        raise ValidationError({"approved_by": _("Write who approved the protocol.")})
    day = approved_on or dt.date.today()
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        problems = []
        if not meeting.items:
            problems.append(_("The protocol has no paragraphs."))
        if meeting.chair_id is None:
            problems.append(_("Choose the chair of the meeting."))
        if meeting.adjuster1_id is None:
            problems.append(_("Choose at least one adjuster."))
        for name in absent_adjusters(session, meeting):
            problems.append(
                _("{name} is recorded as absent and cannot adjust the protocol.").format(name=name)
            )
        if day < meeting.held_on:
            problems.append(_("A protocol cannot be approved before the meeting was held."))
        if problems:
            raise DomainError(" ".join(problems))
        previous = max((r.revision for r in meeting.protocols), default=0)
        freeze_paragraphs(session, meeting)
        meeting.state = ProtocolState.APPROVED
        reason = meeting.correction_reason
        meeting.correction_reason = ""
        now = dt.datetime.now().astimezone()
        approved_at = (
            now if day == now.date() else dt.datetime.combine(day, dt.time(12), now.tzinfo)
        )
        revision = ProtocolRevision(
            meeting_id=meeting.id,
            revision=previous + 1,
            approved_at=approved_at,
            approved_by=who,
            reason=reason,
            pdf=b"",
            sha256="",
        )
        session.add(revision)
        session.flush()
        session.refresh(meeting)
        pdf = protocol_pdf(build_protocol_data(session, meeting))
        revision.pdf = pdf
        revision.sha256 = sha256_of(pdf)
        session.flush()
        return RevisionData(
            meeting.id, revision.revision, approved_at, who, reason, revision.sha256
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
            RevisionData(r.meeting_id, r.revision, r.approved_at, r.approved_by, r.reason, r.sha256)
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
        return VerifyResult(
            meeting_id=meeting.id,
            group_name=group.name if group else "",
            held_on=meeting.held_on,
            revision=row.revision,
            approved_at=row.approved_at,
            approved_by=row.approved_by,
            latest=row.revision == newest and meeting.state == ProtocolState.APPROVED,
        )


def describe_verification(result: VerifyResult | None) -> str:
    if result is None:
        return _("The file is NOT identical to any approved protocol in this database.")
    text = _(
        "The file is identical to the approved protocol of {group}, meeting {date} "
        "(id {id}), revision {revision}, approved by {who}."
    ).format(
        group=result.group_name,
        date=format_date(result.held_on),
        id=result.meeting_id,
        revision=result.revision,
        who=result.approved_by,
    )
    if not result.latest:
        text += " " + _("A later revision of this protocol exists.")
    return text
