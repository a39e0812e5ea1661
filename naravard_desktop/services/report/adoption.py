"""Adopting (fastställa) a year's report at a meeting §, as a protocol is approved: the report
is read as it will be adopted (`prepare_adoption`), its PDF rendered outside any transaction,
and stored with its SHA-256 and the hash of what it was made from (`store_adoption`), refused
when the texts, the figures or the chain's head changed in between. Adopting locks the texts
and links the adoption into the group's chain of approvals; `reopen` unlocks them for a
correction, and adopting again stores the next revision beside the earlier ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.models import AnnualReport as ReportRow
from naravard_desktop.db.models import (
    Group,
    Indicator,
    ReportRevision,
    SipCategory,
    SipCount,
    SipPeriod,
)
from naravard_desktop.db.models.report import ReportState
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.i18n import _, current_language, format_date_in_text
from naravard_desktop.services.meetings.approval_record import (
    chain_code,
    chain_head,
    protocol_position,
)
from naravard_desktop.services.report.analysis import (
    adoption_of,
    analysis_of,
    get_analysis,
    report_row,
)
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import (
    AdoptionSnapshot,
    AnnualReport,
    ReportAnalysis,
)
from naravard_desktop.services.report.report_record import record_hash
from naravard_desktop.services.system.access import current_login
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import check_version
from naravard_desktop.services.system.validation import clean_line, clean_text


def figures_hash(report: AnnualReport) -> str:
    """SHA-256 of what the PDF shows: the figures, the SIP counts as printed and the texts."""
    sip = report.sip
    record = {
        "plans": [dataclasses.asdict(p) for p in report.plans],
        "meetings": [dataclasses.asdict(m) for m in report.meetings],
        "decisions": [dataclasses.asdict(d) for d in report.decisions],
        "sip": sorted(f"{k}={v}" for k, v in sip.printed.items()) if sip else [],
        "texts": {str(k): v for k, v in report.analysis.texts.items()},
    }
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sip_inputs(session: Session, group_id: int, year: int) -> tuple[int, ...]:
    """A fingerprint of what the year's SIP part is made from (the group's setting, its
    indicators, units and target groups, and the periods and counts of the years the
    report compares): how many rows, their versions summed and the newest id per table,
    and the counts summed. A change to any of them changes it."""
    since, until = dt.date(year - 4, 1, 1), dt.date(year, 12, 31)
    periods = select(SipPeriod.id).where(
        SipPeriod.group_id == group_id, SipPeriod.starts_on.between(since, until)
    )
    found: list[int] = []
    for table, where in (
        (Group, Group.id == group_id),
        (Indicator, Indicator.group_id == group_id),
        (SipCategory, SipCategory.group_id == group_id),
        (SipPeriod, SipPeriod.id.in_(periods)),
        (SipCount, SipCount.period_id.in_(periods)),
    ):
        row = session.execute(
            select(
                func.count(), func.coalesce(func.sum(table.version), 0), func.max(table.id)
            ).where(where)
        ).one()
        found += [int(row[0]), int(row[1]), int(row[2] or 0)]
    total = session.scalar(
        select(func.coalesce(func.sum(SipCount.value), 0)).where(SipCount.period_id.in_(periods))
    )
    return (*found, int(total or 0))


def prepare_adoption(
    db: Database,
    group_id: int,
    year: int,
    item_id: int,
    adopted_by: str,
    *,
    today: dt.date | None = None,
) -> AdoptionSnapshot:
    """The report as it will read once adopted at the agenda item `item_id` (a § of one of
    the group's meetings held in the year or later, not after today)."""
    who = clean_line(adopted_by)
    if not who:
        raise ValidationError({"adopted_by": _("Write who adopted the report.")})
    day = today or dt.date.today()
    with db.session() as session:  # before the report: a change after it is caught on storing
        inputs = sip_inputs(session, group_id, year)
    report = annual_report(db, group_id, year, today=day)
    if report.analysis.adopted:
        raise DomainError(
            _("The annual report {year} is already adopted. Export the stored copy.").format(
                year=year
            )
        )
    with db.session() as session:
        adoption = adoption_of(session, group_id, item_id, who)
        head = chain_head(session, group_id)
        previous = (head.chain_hash if head else None) or ""
    if adoption.meeting_on.year < year or adoption.meeting_on > day:
        raise DomainError(
            _(
                "The meeting of {date} cannot have adopted the report {year}. Choose a § of a "
                "meeting held in {year} or later, today at the latest."
            ).format(date=format_date_in_text(adoption.meeting_on), year=year)
        )
    analysis = dataclasses.replace(
        report.analysis,
        state=ReportState.ADOPTED,
        adoption=adoption,
        chain_code=chain_code(previous),
    )
    return AdoptionSnapshot(
        dataclasses.replace(report, analysis=analysis),
        item_id,
        report.analysis.version,
        inputs,
        previous,
    )


def store_adoption(
    db: Database, snapshot: AdoptionSnapshot, pdf: bytes, *, today: dt.date | None = None
) -> AnnualReport:
    """Store `pdf`, rendered from `snapshot.report`, as the adopted report; refused
    (StaleEditError) when the texts or the figures changed since the snapshot was read (the
    SIP part is not worked out again: what it is made from is compared instead)."""
    report = snapshot.report
    group_id, year = report.group.id, report.year
    again = dataclasses.replace(
        annual_report(db, group_id, year, today=today, with_sip=False), sip=report.sip
    )
    changed = StaleEditError(
        _(
            "The report {year} changed while it was being adopted; it was not adopted. "
            "Adopt it again."
        ).format(year=year)
    )
    with db.session() as session:
        if figures_hash(again) != figures_hash(report):  # the texts are hashed too
            raise changed
        if sip_inputs(session, group_id, year) != snapshot.sip_inputs:
            raise changed
        row = report_row(session, group_id, year)
        if row is None:
            if snapshot.version != 0:
                raise changed
            row = ReportRow(group_id=group_id, year=year)
            session.add(row)
        elif row.version != snapshot.version or row.state is ReportState.ADOPTED:
            raise changed
        head = chain_head(session, group_id)
        if ((head.chain_hash if head else None) or "") != snapshot.chain_previous:
            raise changed  # another approval came first: the PDF names the wrong link
        _store_revision(session, row, snapshot, pdf)
    return dataclasses.replace(again, analysis=get_analysis(db, group_id, year))


def _store_revision(
    session: Session, row: ReportRow, snapshot: AdoptionSnapshot, pdf: bytes
) -> ReportRevision:
    """The report's next revision, linked to the group's chain head; the report locks."""
    report = snapshot.report
    session.flush()  # a report's first row gets its id
    previous = session.scalar(
        select(func.max(ReportRevision.revision)).where(ReportRevision.report_id == row.id)
    )
    revision = ReportRevision(
        report_id=row.id,
        group_id=row.group_id,
        year=row.year,
        revision=(previous or 0) + 1,
        adopted_by_item_id=snapshot.item_id,
        adopted_at=dt.datetime.now().astimezone(),
        adopted_by=report.analysis.adoption.adopted_by if report.analysis.adoption else "",
        adopted_login=current_login(session),
        language=current_language(),
        reason=row.correction_reason,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        data_sha256=figures_hash(report),
        chain_previous=snapshot.chain_previous,
        chain_after=protocol_position(session, row.group_id),
    )
    row.state = ReportState.ADOPTED
    row.correction_reason = ""
    session.add(revision)
    session.flush()
    # The moment is hashed as the database gives it back (SQLite keeps no zone).
    session.expire(revision, ["adopted_at"])
    revision.chain_hash = record_hash(revision)
    session.flush()
    return revision


def reopen(db: Database, group_id: int, year: int, reason: str, version: int) -> ReportAnalysis:
    """Reopen the adopted report to correct it, for `reason` (required; printed on the next
    revision): its texts unlock, and its adopted PDF stays stored as a superseded revision
    once the report is adopted again. `version` is the report's as the caller read it."""
    why = clean_text(reason)
    if not why:
        raise ValidationError({"reason": _("Write why the adopted report is reopened.")})
    name = _("The annual report {year}").format(year=year)
    with db.session() as session:
        row = report_row(session, group_id, year)
        if row is None:
            if version != 0:
                raise StaleEditError(
                    _("{name} was changed elsewhere. Reload and try again.").format(name=name)
                )
        else:
            check_version(row, version, name)
        if row is None or row.state is not ReportState.ADOPTED:
            raise DomainError(
                _(
                    "The annual report {year} is not adopted, so there is nothing to reopen. "
                    "Edit its texts and adopt it."
                ).format(year=year)
            )
        row.state = ReportState.DRAFT
        row.correction_reason = why
        session.flush()
        return analysis_of(session, group_id, year)


def adopt(
    db: Database,
    group_id: int,
    year: int,
    item_id: int,
    adopted_by: str,
    *,
    render: Callable[[AnnualReport], bytes],
    today: dt.date | None = None,
) -> AnnualReport:
    """Adopt the report: read it, render its PDF with `render` (the documents layer's writer),
    store both. Returns the report as adopted."""
    snapshot = prepare_adoption(db, group_id, year, item_id, adopted_by, today=today)
    return store_adoption(db, snapshot, render(snapshot.report), today=today)


def stored_pdf(
    db: Database, group_id: int, year: int, revision: int | None = None
) -> tuple[bytes, str] | None:
    """The adopted report's PDF byte for byte and its language, or None while a draft; with
    `revision`, that revision's (a superseded one too), or None when there is none."""
    with db.session() as session:
        row = report_row(session, group_id, year)
        if row is None or (revision is None and row.state is not ReportState.ADOPTED):
            return None
        wanted = select(ReportRevision).where(ReportRevision.report_id == row.id)
        if revision is not None:
            wanted = wanted.where(ReportRevision.revision == revision)
        found = session.scalars(wanted.order_by(ReportRevision.revision.desc()).limit(1)).first()
        return (found.pdf, found.language) if found else None
