"""What an annual report's adoption commits to, as a protocol's approval record does: the
record's hash (year, group, §, who, when, PDF and data hashes, the previous link), how
`check` finds a changed PDF, record or link, and how `verify` recognises an adopted report's
PDF. The chain itself, protocols and reports in one, is walked in meetings/approval_record."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from naravard_desktop.db.models import AnnualReport, Group, ReportRevision
from naravard_desktop.db.models.report import ReportState
from naravard_desktop.i18n import _, format_date_in_text, join_typed_names
from naravard_desktop.services.meetings.approval_record import sha256_of, stored_moment
from naravard_desktop.services.report.analysis import adoption_of
from naravard_desktop.services.system.database import Database


def record_hash(row: ReportRevision, pdf_sha256: str | None = None) -> str:
    """The hash of one adoption record; read `row` back from the database before hashing
    (the stored moment is what is hashed)."""
    record: dict[str, Any] = {
        "kind": "annual_report",
        "group": row.group_id,
        "year": row.year,
        "revision": row.revision,
        "item": row.adopted_by_item_id,
        "adopted_at": stored_moment(row.adopted_at),
        "adopted_by": row.adopted_by,
        "login": row.adopted_login,
        "reason": row.reason,
        "pdf_sha256": pdf_sha256 or row.sha256,
        "data_sha256": row.data_sha256 or "",
        "previous": row.chain_previous or "",
    }
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_name(session: Session, row: ReportRevision) -> str:
    """ "Årsuppföljningen 2025 för Samverkansgrupp Norrby (revision 2)", as messages name it."""
    group = session.get(Group, row.group_id)
    return _("The annual follow-up {year} of {group} (revision {revision})").format(
        year=row.year, group=group.name if group else row.group_id, revision=row.revision
    )


def revision_problems(session: Session, row: ReportRevision) -> list[str]:
    """What no longer matches in one adoption record (empty when all does)."""
    name = report_name(session, row)
    problems = []
    if sha256_of(row.pdf) != row.sha256:
        problems.append(
            _(
                "{name}: the stored PDF does not match its checksum; it was changed after "
                "adoption. Compare the archived PDF with `verify`."
            ).format(name=name)
        )
    if row.chain_hash is not None and record_hash(row) != row.chain_hash:
        problems.append(
            _(
                "{name}: the adoption record (time, §, who adopted it or the checksums) was "
                "changed after adoption. Compare the archived PDF with `verify`."
            ).format(name=name)
        )
    return problems


def report_problems(session: Session) -> tuple[list[str], int]:
    """What no longer matches in every adopted report, and how many were adopted before the
    chain existed (only their PDF checksum is checked)."""
    problems: list[str] = []
    rows = session.scalars(select(ReportRevision).order_by(ReportRevision.id)).all()
    for row in rows:
        problems += revision_problems(session, row)
    return problems, sum(row.chain_hash is None for row in rows)


def verify_report(db: Database, data: bytes) -> tuple[bool, list[str]] | None:
    """Whether `data` is byte for byte an adopted report's PDF, said in words (None when it
    is no report's: `verify` goes on to the protocols)."""
    with db.session() as session:
        row = session.scalars(
            select(ReportRevision).where(ReportRevision.sha256 == sha256_of(data))
        ).first()
        if row is None or row.pdf != data:
            return _vouched(session, sha256_of(data))
        name = report_name(session, row)
        problems = revision_problems(session, row)
        if problems:
            return False, [
                _(
                    "The file is identical to the stored copy of {name}, but that adoption was "
                    "altered afterwards, so the file is NOT the adopted report."
                ).format(name=name),
                *problems,
            ]
        lines = [_adopted_line(session, row, name)]
        newer = session.scalars(
            select(ReportRevision.revision)
            .where(ReportRevision.report_id == row.report_id)
            .where(ReportRevision.revision > row.revision)
            .order_by(ReportRevision.revision.desc())
        ).first()
        if newer is not None:
            lines.append(
                _("It was superseded by revision {revision}: that is the report in force.").format(
                    revision=newer
                )
            )
        else:
            report = session.get(AnnualReport, row.report_id)
            if report is not None and report.state is ReportState.DRAFT:
                lines.append(
                    _(
                        "The report has been reopened to be corrected ({reason}); no later "
                        "revision is adopted yet."
                    ).format(reason=report.correction_reason)
                )
        return True, lines


def _vouched(session: Session, digest: str) -> tuple[bool, list[str]] | None:
    """When an adoption record was made for this very file but the stored copy differs: the
    file is the report as adopted, and the database was altered (`verify` fails still)."""
    rows = session.scalars(
        select(ReportRevision)
        .where(ReportRevision.chain_hash.is_not(None))
        .options(defer(ReportRevision.pdf))
    ).all()
    for row in rows:
        if record_hash(row, pdf_sha256=digest) == row.chain_hash:
            return False, [
                _(
                    "The file is not the copy of {name} stored in the database, but its "
                    "adoption record was made for exactly this file: it is the report as "
                    "adopted, and the stored copy was replaced afterwards. Keep this file and "
                    "run `check`."
                ).format(name=report_name(session, row))
            ]
    return None


def _adopted_line(session: Session, row: ReportRevision, name: str) -> str:
    when = format_date_in_text(row.adopted_at.date())
    if row.adopted_by_item_id is None:
        return _("The file is identical to {name}, adopted {date} by {who}.").format(
            name=name, date=when, who=join_typed_names(row.adopted_by)
        )
    adoption = adoption_of(session, row.group_id, row.adopted_by_item_id, row.adopted_by)
    meeting = format_date_in_text(adoption.meeting_on)
    at = f"{meeting}, § {adoption.paragraph}" if adoption.paragraph is not None else meeting
    return _(
        "The file is identical to {name}, adopted at the meeting {meeting} by {who} "
        "(recorded {date})."
    ).format(name=name, meeting=at, who=join_typed_names(row.adopted_by), date=when)
