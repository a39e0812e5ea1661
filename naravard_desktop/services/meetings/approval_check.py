"""Whether the approved protocols are still what was approved: each stored PDF against its
hash, an approved meeting's current data against the data hash stored at approval, and each
group's chain of approvals link by link. Used by `check`, `verify`, the meeting window's
banner and the Word export of an approved protocol."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Group, Meeting, ProtocolRevision, ReportRevision
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date_in_text, ngettext
from naravard_desktop.services.meetings.approval_record import (
    chain_code,
    data_hash,
    group_chain,
    protocol_named,
    record_hash,
    sha256_of,
)
from naravard_desktop.services.meetings.protocol import build_protocol_data
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.system.database import Database


@dataclass
class ApprovalReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not problems: what could not be checked
    bad_meetings: set[int] = field(default_factory=set)


def _name(meeting: Meeting, row: ProtocolRevision) -> str:
    return _("The protocol of the meeting {date} (id {id}, revision {revision})").format(
        date=format_date_in_text(meeting.held_on), id=meeting.id, revision=row.revision
    )


def revision_problems(session: Session, meeting: Meeting, row: ProtocolRevision) -> list[str]:
    """What no longer matches in one approval record (empty when all does). The data are
    compared only for the latest revision of an approved meeting: earlier revisions were
    followed by a correction that changed them."""
    name = _name(meeting, row)
    problems: list[str] = []
    if sha256_of(row.pdf) != row.sha256:
        problems.append(
            _(
                "{name}: the stored PDF does not match its checksum; it was changed after "
                "approval. Export the archived copy and compare it with `verify`."
            ).format(name=name)
        )
    if row.chain_hash is not None and record_hash(meeting.group_id, row) != row.chain_hash:
        problems.append(
            _(
                "{name}: the approval record (time, approvers or checksums) was changed after "
                "approval. Compare the archived PDF with `verify`."
            ).format(name=name)
        )
    latest = max(r.revision for r in meeting.protocols)
    if (
        row.data_sha256 is not None
        and row.revision == latest
        and meeting.state == ProtocolState.APPROVED
        and data_hash(build_protocol_data(session, meeting)) != row.data_sha256
    ):
        problems.append(
            _(
                "{name}: the meeting's data (decisions, paragraphs, attendance or names) no "
                "longer match the approved protocol. Compare the archived PDF with `verify`; "
                "to change an approved protocol, start a correction."
            ).format(name=name)
        )
    return problems


def _chain_problems(session: Session, group: Group) -> list[str]:
    """Walk the group's chain: each record must name the hash of the one before it."""
    problems = []
    previous = ""
    for row in group_chain(session, group.id):
        if (row.chain_previous or "") == previous:
            pass
        elif isinstance(row, ReportRevision):
            problems.append(_report_link_broken(session, row))
        else:
            meeting = session.get(Meeting, row.meeting_id)
            assert meeting is not None
            problems.append(
                _(
                    "The chain of approvals of {group} is broken before the protocol of the "
                    "meeting {date} (id {id}, revision {revision}): an earlier approval was "
                    "deleted or rewritten. That protocol names the previous approval "
                    "{code}; compare it with the codes printed in the protocols and sent to "
                    "the registrar."
                ).format(
                    **protocol_named(group.name, meeting.held_on, meeting.id, row.revision),
                    code=chain_code(row.chain_previous),
                )
            )
        previous = row.chain_hash or ""
    return problems


def _report_link_broken(session: Session, row: ReportRevision) -> str:
    from naravard_desktop.services.report.report_record import report_name

    return _(
        "The chain of approvals is broken before {report}: an earlier approval was deleted or "
        "rewritten. The report names the previous approval {code}; compare it with the codes "
        "printed in the protocols and reports, and run `verify` on the copies kept."
    ).format(report=report_name(session, row), code=chain_code(row.chain_previous))


def _signed_copy_problems(meeting: Meeting, row: ProtocolRevision) -> list[str]:
    """The stored signed PDF must still be the approved PDF plus intact signatures only."""
    from naravard_desktop.services.meetings.signing import signed_problems

    assert row.signed_pdf is not None
    try:
        problems, _signatures = signed_problems(row.pdf, row.signed_pdf)
    except Exception as error:  # an unreadable file is a finding, not a crash of `check`
        problems = [type(error).__name__]
    return (
        [
            _(
                "{name}: the stored signed PDF is not the approved protocol with intact "
                "signatures: {problems}"
            ).format(name=_name(meeting, row), problems=" ".join(problems))
        ]
        if problems
        else []
    )


def check_approvals(session: Session) -> ApprovalReport:
    report = ApprovalReport()
    unchecked = 0
    for meeting in session.scalars(select(Meeting).order_by(Meeting.held_on, Meeting.id)):
        for row in meeting.protocols:
            found = revision_problems(session, meeting, row)
            if row.signed_pdf is not None:
                found += _signed_copy_problems(meeting, row)
            if found:
                report.bad_meetings.add(meeting.id)
            report.problems += found
            if row.data_sha256 is None:
                unchecked += 1
    from naravard_desktop.services.report.report_record import report_problems

    found, unchained_reports = report_problems(session)
    report.problems += found
    for group in session.scalars(select(Group).order_by(Group.id)):
        report.problems += _chain_problems(session, group)
    if unchained_reports:
        report.notes.append(
            ngettext(
                "{count} annual report was adopted before it joined the chain of approvals: "
                "only its PDF checksum was checked.",
                "{count} annual reports were adopted before they joined the chain of "
                "approvals: only their PDF checksums were checked.",
                unchained_reports,
            ).format(count=unchained_reports)
        )
    if unchecked:
        report.notes.append(
            ngettext(
                "{count} protocol was approved before these checks existed: only its PDF "
                "checksum was checked, not its data or chain of approvals.",
                "{count} protocols were approved before these checks existed: only their PDF "
                "checksums were checked, not their data or chain of approvals.",
                unchecked,
            ).format(count=unchecked)
        )
    return report


def meeting_problems(db: Database, meeting_id: int) -> list[str]:
    """What no longer matches in the meeting's latest approval (for the window's banner)."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or not meeting.protocols:
            return []
        return revision_problems(session, meeting, meeting.protocols[-1])


def approved_protocol_data(db: Database, meeting_id: int) -> ProtocolData:
    """The protocol's data for a document made from data (Word): for an approved meeting only
    when they are still the data as approved; refused when they no longer match."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise DomainError(_("The meeting no longer exists. Choose another meeting."))
        data = build_protocol_data(session, meeting)
        if meeting.state != ProtocolState.APPROVED or not meeting.protocols:
            return data
        row = meeting.protocols[-1]
        if row.data_sha256 is not None and data_hash(data) != row.data_sha256:
            raise DomainError(
                _(
                    "The meeting's data no longer match its approved protocol, so no Word file "
                    "is made from them. Save the approved protocol as PDF, and run `check`."
                )
            )
        return data


@dataclass(frozen=True)
class Vouched:
    """A file the approval record was made for, though the stored copy was replaced."""

    meeting_id: int
    held_on: dt.date
    revision: int


def vouched_by_record(db: Database, digest: str) -> Vouched | None:
    """The altered approval whose record (its chain hash) was made for a PDF with the
    SHA-256 `digest`: the file is then the protocol as approved, and the copy in the
    database is the forgery."""
    with db.session() as session:
        rows = session.scalars(
            select(ProtocolRevision).where(ProtocolRevision.chain_hash.is_not(None))
        ).all()
        for row in rows:
            meeting = session.get(Meeting, row.meeting_id)
            if meeting is None or row.sha256 == digest:
                continue
            if record_hash(meeting.group_id, row, pdf_sha256=digest) == row.chain_hash:
                return Vouched(meeting.id, meeting.held_on, row.revision)
    return None
