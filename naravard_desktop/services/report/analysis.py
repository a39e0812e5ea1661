"""The secretary's written analysis of each section of a year's report, stored with the
report while it is a draft. The row is made by the first text saved; an adopted report's
texts are locked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.models import AgendaItem, AnnualReport, Meeting
from naravard_desktop.db.models.report import ReportState
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import N_, _
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.report.read_models import Adoption, ReportAnalysis, Section
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
    """The stored analysis of the year, or an empty draft (version 0) when none is stored."""
    row = report_row(session, group_id, year)
    if row is None:
        empty = dict.fromkeys(Section, "")
        return ReportAnalysis(group_id, year, empty, ReportState.DRAFT, 0)
    texts = {section: str(getattr(row, column)) for section, column in COLUMNS.items()}
    adoption = None
    if row.state is ReportState.ADOPTED and row.adopted_by_item_id is not None:
        adoption = adoption_of(
            session, group_id, row.adopted_by_item_id, row.adopted_by, row.adopted_at
        )
    return ReportAnalysis(
        group_id, year, texts, row.state, row.version, adoption, row.sha256 or None
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
