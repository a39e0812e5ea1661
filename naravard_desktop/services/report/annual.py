"""Årsuppföljning: the figures of a group's year for the annual follow-up report to its
principals: the plan as it stood at the year's end, the SIP counts exactly as the SIP export
shows them (the same report, the same small-number suppression and the same audit), the
meetings with attendance and decisions, and the secretary's analysis."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from naravard_desktop.db.models import SipPeriod
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.meetings.decisions import list_decisions
from naravard_desktop.services.report.analysis import analysis_of
from naravard_desktop.services.report.meetings_year import meetings_year
from naravard_desktop.services.report.plan_year import plan_year, plans_in_force
from naravard_desktop.services.report.read_models import AnnualReport, Outcome, SipBrief
from naravard_desktop.services.sip import sip_analysis, sip_setup
from naravard_desktop.services.sip.read_models import YearReport
from naravard_desktop.services.sip.sip_audit import refuse_unless_audited
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database


class NoDataForYear(DomainError):
    """The year has no plan in force, no meeting and no SIP period: no report to make."""


def annual_report(
    db: Database,
    group_id: int,
    year: int,
    *,
    today: dt.date | None = None,
    with_sip: bool = True,
) -> AnnualReport:
    """The report of `year` as it reads today (the year's last day once it has ended);
    without its SIP part when not `with_sip` (the suppression is most of the work).

    Raises NoDataForYear for a year without a plan in force, a meeting or SIP counts, and
    DomainError for a year not yet begun or when the SIP audit fails."""
    day = today or dt.date.today()
    if year > day.year:
        raise DomainError(
            _("The year {year} has not begun. Choose {this} or an earlier year.").format(
                year=year, this=day.year
            )
        )
    as_of = min(dt.date(year, 12, 31), day)
    decisions = sorted(
        (d for d in list_decisions(db, group_id, year=year) if d.held_on <= as_of),
        key=lambda d: (d.held_on, d.paragraph),
    )
    with db.session() as session:
        group = get_group(db, group_id)
        plans = plans_in_force(session, group_id, year)
        meetings, seats = meetings_year(session, group_id, as_of, decisions)
        has_periods = (
            session.scalars(
                select(SipPeriod.id)
                .where(
                    SipPeriod.group_id == group_id,
                    SipPeriod.starts_on >= dt.date(year, 1, 1),
                    SipPeriod.starts_on <= dt.date(year, 12, 31),
                )
                .limit(1)
            ).first()
            is not None
        )
        if not plans and not meetings and not has_periods:
            raise NoDataForYear(
                _(
                    "There is nothing to report for {year}: no adopted plan was in force, no "
                    "meeting was held and no SIP counts were recorded. Choose a year with data."
                ).format(year=year)
            )
        planned = plan_year(session, group_id, plans, year, as_of)
        analysis = analysis_of(session, group_id, year)
    outcomes = dict.fromkeys(Outcome, 0)
    for plan in planned:
        for area in plan.areas:
            for activity in area.activities:
                outcomes[activity.outcome] += 1
    sip = sip_year(db, group_id, year) if has_periods and with_sip else None
    return AnnualReport(
        group=group,
        year=year,
        as_of=as_of,
        plans=planned,
        outcomes=outcomes,
        meetings=meetings,
        seats=seats,
        decisions=tuple(decisions),
        sip=sip,
        sip_brief=_brief(db, sip) if sip is not None else (),
        analysis=analysis,
    )


def sip_year(db: Database, group_id: int, year: int) -> YearReport | None:
    """The year's SIP report as the SIP export makes it with the group's limit for small
    numbers, refused as that export is when the audit finds a hidden count that could be
    worked out; None when no period of the year holds a count."""
    setup = sip_setup.get_setup(db, group_id)
    report = year_report(db, group_id, year, setup.suppress_below)
    if not report.has_counts:
        return None
    refuse_unless_audited(report)
    return report


def _brief(db: Database, sip: YearReport) -> tuple[SipBrief, ...]:
    """The main indicators' (the trend's) year column, last year's and the change, taken
    from the summary as printed, so a hidden count stays hidden."""
    quarters = len(sip_analysis.load_sums(db, sip.group.id, [sip.year]).buckets(sip.year))
    columns = sip.summary.columns
    main = {i.id for i in sip.trend_indicators}
    return tuple(
        SipBrief(
            indicator.name,
            columns[quarters],
            texts[quarters],
            columns[-2],
            texts[-2],
            texts[-1],
        )
        for indicator, texts in sip.summary.rows
        if indicator.id in main
    )


def with_analysis(report: AnnualReport, db: Database) -> AnnualReport:
    """`report` with its analysis read afresh (after a text was saved)."""
    with db.session() as session:
        return replace(report, analysis=analysis_of(session, report.group.id, report.year))
