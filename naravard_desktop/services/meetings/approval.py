"""Justering: a protocol goes from draft to approved. The PDF made at approval is stored with
its SHA-256, the § numbers freeze and the meeting locks (the steps: justering.py). A later
correction reopens it with a stated reason and ends in a new, visible revision; earlier
revisions stay stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Group, Meeting, ProtocolRevision
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, join_typed_names
from naravard_desktop.services.meetings.approval_record import protocol_named
from naravard_desktop.services.meetings.approval_record import (  # `approval.sha256_of` too
    sha256_of as sha256_of,
)
from naravard_desktop.services.meetings.justering import (
    justering_problems,
    prepare_approval,
    store_approval,
)
from naravard_desktop.services.meetings.meetings import load, load_editable
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import Problem, RevisionData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.validation import clean_text


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
    """Approve the protocol: read it as approved, render its PDF with `render` outside any
    transaction, then store it (refused if the meeting changed meanwhile); see
    services/meetings/justering.py. `today` is the date the justering rules take as today
    (the real date unless given). The documents layer passes its PDF writer
    (documents.meeting_files.approve); the window runs the same steps with the rendering on
    another thread."""
    snapshot = prepare_approval(db, meeting_id, approved_by, approved_on, today=today)
    return store_approval(db, snapshot, render(snapshot.data), today=today)


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
