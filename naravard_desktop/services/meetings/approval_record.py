"""What an approval record commits to: the hash of the protocol's data, and the group's chain
of approvals (each record holds the hash of the previous one, so deleting or rewriting an old
approval breaks every later link). The chain code is the head's hash, short enough to write
in the next protocol or send to the registrar, so a copy outside the database anchors it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, defer

from naravard_desktop.db.models import Meeting, ProtocolRevision, ReportRevision
from naravard_desktop.i18n import format_date_in_text
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.system.database import Database

CODE_LENGTH = 16  # hex digits in a chain code: 64 bits, four groups of four


def protocol_named(group: str, held_on: dt.date, meeting_id: int, revision: int) -> dict[str, Any]:
    """The placeholders {group}, {date}, {id} and {revision} by which a message names one
    approved protocol, filled the same way in every message."""
    return {
        "group": group,
        "date": format_date_in_text(held_on),
        "id": meeting_id,
        "revision": revision,
    }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    raise TypeError(f"cannot hash {type(value).__name__}")


def data_hash(data: ProtocolData) -> str:
    """SHA-256 of what the protocol shows from its own meeting, in a canonical JSON form.
    Left out: whether action items are done, the open actions carried from earlier meetings
    and the next meeting. They are follow-up that may rightly change after approval (an
    action marked done with an earlier date) and belong to other meetings' records."""
    fields = dataclasses.asdict(data)
    fields["next_meeting"] = None
    for item in fields["items"]:
        item["carried_actions"] = []
        for action in item["actions"]:
            action["done"] = None
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_moment(moment: dt.datetime) -> str:
    """A stored timestamp as text the same way on every read (SQLite keeps no zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None).isoformat()


def record_hash(group_id: int, row: ProtocolRevision, pdf_sha256: str | None = None) -> str:
    """The hash of one approval record: meeting, revision, time, approvers (and the login that
    approved, when recorded), PDF hash, data hash and the previous link. Read `row` from the
    database before hashing (see approve). `pdf_sha256` asks whether the record was made for
    another PDF (the genuine one, when the stored copy was replaced)."""
    record: dict[str, Any] = {
        "group": group_id,
        "meeting": row.meeting_id,
        "revision": row.revision,
        "approved_at": stored_moment(row.approved_at),
        "approved_by": row.approved_by,
        "reason": row.reason,
        "pdf_sha256": pdf_sha256 or row.sha256,
        "data_sha256": row.data_sha256 or "",
        "previous": row.chain_previous or "",
    }
    if row.approved_login:  # recorded since schema 0007; earlier records keep their hashes
        record["login"] = row.approved_login
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_code(digest: str | None) -> str:
    """ "3F9A-12BC-77DE-0451": the start of a chain hash, for people to copy and compare."""
    if not digest:
        return ""
    head = digest[:CODE_LENGTH].upper()
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))


def _chained(group_id: int) -> Select[ProtocolRevision]:
    """The group's chained records; the PDFs themselves are not loaded (not needed here)."""
    return (
        select(ProtocolRevision)
        .join(Meeting, Meeting.id == ProtocolRevision.meeting_id)
        .where(Meeting.group_id == group_id, ProtocolRevision.chain_hash.is_not(None))
        .options(defer(ProtocolRevision.pdf), defer(ProtocolRevision.signed_pdf))
    )


# A link of a group's chain: a protocol's approval or an annual report's adoption.
ChainLink = ProtocolRevision | ReportRevision


def _reports_chained(group_id: int) -> Select[ReportRevision]:
    return select(ReportRevision).where(
        ReportRevision.group_id == group_id, ReportRevision.chain_hash.is_not(None)
    )


def _place(row: ChainLink) -> tuple[int, int, int]:
    """Where a link stands: protocols in the order approved, a report after the protocol
    that was the newest when it was adopted (and after the reports adopted before it)."""
    if isinstance(row, ProtocolRevision):
        return (row.id, 0, 0)
    return (row.chain_after, 1, row.id)


def group_chain(session: Session, group_id: int) -> list[ChainLink]:
    """The group's chained approval records (protocols and annual reports), oldest first
    (records made before the chain existed are left out)."""
    protocols = session.scalars(_chained(group_id)).all()
    reports = session.scalars(_reports_chained(group_id).options(defer(ReportRevision.pdf))).all()
    return sorted([*protocols, *reports], key=_place)


def _newest_protocol(session: Session, group_id: int) -> ProtocolRevision | None:
    return session.scalars(_chained(group_id).order_by(ProtocolRevision.id.desc()).limit(1)).first()


def protocol_position(session: Session, group_id: int) -> int:
    """The id of the group's newest chained protocol approval (0 when none): a report
    adopted now stands after it in the chain."""
    row = _newest_protocol(session, group_id)
    return row.id if row else 0


def chain_head(session: Session, group_id: int) -> ChainLink | None:
    """The newest chained record: its hash is the link the next approval stores."""
    protocol = _newest_protocol(session, group_id)
    report = session.scalars(
        _reports_chained(group_id)
        .options(defer(ReportRevision.pdf))
        .order_by(ReportRevision.chain_after.desc(), ReportRevision.id.desc())
        .limit(1)
    ).first()
    return max((r for r in (protocol, report) if r is not None), key=_place, default=None)


@dataclass(frozen=True)
class ChainHead:
    """The newest link of a group's chain, for `chain` and the registrar."""

    code: str  # "" when nothing has been approved since the chain existed
    digest: str
    length: int
    meeting_id: int | None
    held_on: dt.date | None
    revision: int | None
    approved_at: dt.datetime | None
    report_year: int | None = None  # when the newest link is an annual report's adoption


def head_of(db: Database, group_id: int) -> ChainHead:
    with db.session() as session:
        chain = group_chain(session, group_id)
        if not chain:
            return ChainHead("", "", 0, None, None, None, None)
        row = chain[-1]
        if isinstance(row, ReportRevision):
            return ChainHead(
                chain_code(row.chain_hash),
                row.chain_hash or "",
                len(chain),
                None,
                None,
                row.revision,
                row.adopted_at,
                row.year,
            )
        meeting = session.get(Meeting, row.meeting_id)
        return ChainHead(
            code=chain_code(row.chain_hash),
            digest=row.chain_hash or "",
            length=len(chain),
            meeting_id=row.meeting_id,
            held_on=meeting.held_on if meeting else None,
            revision=row.revision,
            approved_at=row.approved_at,
        )
