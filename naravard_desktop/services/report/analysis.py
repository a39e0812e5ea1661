"""The secretary's written analysis of each section of a year's report, stored with the
report while it is a draft. The row is made by the first text saved; an adopted report's
texts are locked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from naravard_desktop.db.models import AgendaItem, AnnualReport, Meeting, ReportRevision
from naravard_desktop.db.models.report import ReportState
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import N_, _
from naravard_desktop.services.meetings.approval_record import chain_code
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.report.read_models import (
    Adoption,
    ReportAnalysis,
    Section,
    SupersededRevision,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import check_version
from naravard_desktop.services.system.validation import TEXT_LIMIT, FieldErrors, clean_text

COLUMNS = {
    Section.SUMMARY: "summary_text",
    Section.PLAN: "plan_text",
    Section.SIP: "sip_text",
    Section.MEETINGS: "meetings_text",
}
_TITLES = {
    Section.SUMMARY: N_("Summary"),
    Section.PLAN: N_("The plan"),
    Section.SIP: N_("SIP"),
    Section.MEETINGS: N_("Meetings and decisions"),
}


def section_title(section: Section) -> str:
    return _(_TITLES[section])


def report_row(session: Session, group_id: int, year: int) -> AnnualReport | None:
    return session.scalars(
        select(AnnualReport).where(AnnualReport.group_id == group_id, AnnualReport.year == year)
    ).first()


def analysis_of(session: Session, group_id: int, year: int) -> ReportAnalysis:
    """The stored analysis of the year, or an empty draft (version 0) when none is stored;
    with the adopted revision (or the one adopting will make) and the earlier ones."""
    row = report_row(session, group_id, year)
    if row is None:
        empty = dict.fromkeys(Section, "")
        return ReportAnalysis(group_id, year, empty, ReportState.DRAFT, 0)
    texts = {section: str(getattr(row, column)) for section, column in COLUMNS.items()}
    revisions = list(
        session.scalars(
            select(ReportRevision)
            .where(ReportRevision.report_id == row.id)
            .order_by(ReportRevision.revision)
            .options(defer(ReportRevision.pdf))
        )
    )
    adopted = revisions[-1] if revisions and row.state is ReportState.ADOPTED else None
    earlier = revisions[:-1] if adopted else revisions
    reasons = [r.reason for r in revisions[1:]] + [row.correction_reason]
    return ReportAnalysis(
        group_id,
        year,
        texts,
        row.state,
        row.version,
        _adoption(session, adopted) if adopted else None,
        adopted.sha256 if adopted else None,
        revision=adopted.revision if adopted else len(revisions) + 1,
        reason=adopted.reason if adopted else row.correction_reason,
        superseded=tuple(
            _superseded(session, r, reason) for r, reason in zip(earlier, reasons, strict=False)
        ),
        chain_code=chain_code(adopted.chain_previous) if adopted else "",
    )


def _adoption(session: Session, row: ReportRevision) -> Adoption | None:
    if row.adopted_by_item_id is None:  # the § was deleted since
        return None
    return adoption_of(
        session, row.group_id, row.adopted_by_item_id, row.adopted_by, row.adopted_at
    )


def _superseded(session: Session, row: ReportRevision, reason: str) -> SupersededRevision:
    adoption = _adoption(session, row)
    return SupersededRevision(
        row.revision,
        adoption.meeting_on if adoption else None,
        adoption.paragraph if adoption else None,
        row.adopted_at,
        row.sha256,
        reason,
    )


def adoption_of(
    session: Session,
    group_id: int,
    item_id: int,
    adopted_by: str,
    adopted_at: dt.datetime | None = None,
) -> Adoption:
    """The meeting day and § of the agenda item `item_id` of the group."""
    found = session.execute(
        select(AgendaItem.paragraph, Meeting.held_on)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(AgendaItem.id == item_id, Meeting.group_id == group_id)
    ).first()
    if found is None:
        raise DomainError(
            _("The agenda item is not one of this group's. Choose the § that adopted the report.")
        )
    paragraph, held_on = found
    number = numbers_of(session, group_id, [(item_id, held_on, paragraph)]).get(item_id)
    return Adoption(held_on, number, adopted_by, adopted_at)


def get_analysis(db: Database, group_id: int, year: int) -> ReportAnalysis:
    with db.session() as session:
        return analysis_of(session, group_id, year)


def save_analysis(
    db: Database,
    group_id: int,
    year: int,
    section: Section,
    text: str,
    version: int,
    *,
    privacy_override: str | None = None,
) -> ReportAnalysis:
    """Store the analysis of `section`, refused when the report changed since it was read at
    `version` (0: none stored yet), when it is adopted, or (PrivacyWarning) when the text
    holds a personal identity number, unless `privacy_override` gives a reason."""
    cleaned = clean_text(text)
    errors = FieldErrors()
    errors.text("text", text, cleaned, TEXT_LIMIT, section_title(section))
    errors.raise_if_any()
    with db.session() as session:
        row = report_row(session, group_id, year)
        name = _("The annual report {year}").format(year=year)
        if row is None:
            if version != 0:
                raise StaleEditError(
                    _("{name} was changed elsewhere. Reload and try again.").format(name=name)
                )
            row = AnnualReport(group_id=group_id, year=year)
            session.add(row)
        else:
            check_version(row, version, name)
        if row.state is ReportState.ADOPTED:
            raise DomainError(
                _(
                    "The annual report {year} is adopted and its texts are locked. Write "
                    "further comments in next year's report."
                ).format(year=year)
            )
        column = COLUMNS[section]
        check_free_text(
            {column: cleaned},
            privacy_override,
            where=f"annual report {year} of group {group_id}",
            labels={column: section_title(section)},
            previous={column: str(getattr(row, column) or "")},
        )
        setattr(row, column, cleaned)
        session.flush()
        return analysis_of(session, group_id, year)
