"""The words of the annual report, the same in its PDF and its DOCX: the title, the cover's
lines, the key figures, a follow-up note as a line, and what an empty section says."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import (
    _,
    format_date,
    format_date_in_text,
    format_iso_date,
    format_iso_range,
    format_percent,
    join_names,
    ngettext,
)
from naravard_desktop.services.group.labels import principal_label
from naravard_desktop.services.meetings.meeting_labels import kind_label
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.report.read_models import (
    AnnualReport,
    FollowUpNote,
    MeetingYear,
    Outcome,
    PlanYear,
    Section,
)
from naravard_desktop.services.report.report_labels import outcome_label


def title(report: AnnualReport) -> str:
    return _("Annual follow-up {year}").format(year=report.year)


def footer(report: AnnualReport) -> str:
    text = f"{report.group.name} – {title(report)}"
    return text if report.analysis.adopted else f"{text} – {draft_mark()}"


def draft_mark() -> str:
    return _("DRAFT – not adopted")


def principals_line(report: AnnualReport) -> str:
    """ "Till Region Mittland och Bergsjö kommun" ("" when the group names neither)."""
    line = report.group.principals_line
    return _("To {principals}").format(principals=line) if line else ""


def paragraph_at(day: dt.date, paragraph: int | None) -> str:
    """ "12 februari 2026, § 5" (without § when the item has no number yet)."""
    date = format_date_in_text(day)
    return f"{date}, § {paragraph}" if paragraph is not None else date


def state_line(report: AnnualReport) -> str:
    adoption = report.analysis.adoption
    if adoption is not None:
        return _("Adopted by {group} {meeting}.").format(
            group=report.group.name, meeting=paragraph_at(adoption.meeting_on, adoption.paragraph)
        ) + revision_note(report)
    return _("Draft: not yet adopted by the group.") + revision_note(report)


def revision_note(report: AnnualReport) -> str:
    """ " Ersätter versionen fastställd den 28 juli 2026, § 35, därför att … Föregående
    justering 3F9A-…": which adoption a corrected report replaces and why, and its link in
    the chain of approvals ("" for a first draft)."""
    analysis, text = report.analysis, ""
    replaced = analysis.replaces
    if replaced is not None:
        when = replaced.meeting_on or replaced.adopted_at.date()
        text += " " + _("It replaces the version adopted {meeting}, because: {reason}").format(
            meeting=paragraph_at(when, replaced.paragraph), reason=analysis.reason.rstrip(".")
        )
        text += "."
    if analysis.adopted and analysis.chain_code:
        text += " " + _("Previous approval {code}").format(code=analysis.chain_code) + "."
    return text


def as_of_line(report: AnnualReport) -> str:
    if report.as_of.month == 12 and report.as_of.day == 31:
        return _("The figures show the year as it stood at its end, {date}.").format(
            date=format_date_in_text(report.as_of)
        )
    return _("The year is not over: the figures show it as it stood {date}.").format(
        date=format_date_in_text(report.as_of)
    )


def plan_line(report: AnnualReport) -> str:
    """ "Lokal samverkansplan 2025–2027: 17 aktiviteter" """
    if not report.plans:
        return _("No adopted plan was in force in {year}.").format(year=report.year)
    return ngettext("{plans}: {n} activity", "{plans}: {n} activities", report.activities).format(
        plans=join_names(p.title for p in report.plans), n=report.activities
    )


def outcome_figures(report: AnnualReport) -> list[tuple[str, str]]:
    """Activities per outcome at the year's end, as (label, count)."""
    return [(outcome_label(o), str(report.outcomes[o])) for o in Outcome]


def meeting_figures(report: AnnualReport) -> list[tuple[str, str]]:
    """Meetings held, protocols approved, decisions and seats filled per principal."""
    rows = [
        (_("Meetings held"), str(len(report.meetings))),
        (_("Protocols approved"), str(report.approved_protocols)),
        (_("Decisions taken"), str(len(report.decisions))),
    ]
    rows += [
        (
            _("{principal}: seats filled").format(principal=principal_label(s.principal)),
            f"{s.filled}/{s.seats} ({format_percent(s.percent)})",
        )
        for s in report.seats
    ]
    return rows


def sip_brief_rows(report: AnnualReport) -> list[list[str]]:
    """A head row and per main indicator its year, last year's like for like and the change,
    as the SIP summary prints them ("..": hidden; "–": no count recorded, not a zero)."""
    if not report.sip_brief:
        return []
    first = report.sip_brief[0]
    rows = [[_("Indicator"), first.this_label, first.last_label, _("Change")]]
    rows += [
        [b.name, b.this_text or "–", b.last_text or "–", b.change or "–"] for b in report.sip_brief
    ]
    return rows


def plan_note(report: AnnualReport) -> str:
    """What the plan's tables show, and by which day (the year's end, or today's while it runs)."""
    if report.as_of.month == 12 and report.as_of.day == 31:
        return _(
            "Status and progress as of the last follow-up before the year's end. Under each "
            "activity, the follow-ups made during the year."
        )
    return _(
        "Status and progress as of the last follow-up up to {date}. Under each activity, the "
        "follow-ups made during the year."
    ).format(date=format_date(report.as_of))


def attendance_note() -> str:
    return _(
        "Attendance per principal: seats filled of the group's seats (chair, vice chair and "
        "members). A seat counts as filled when its holder or a substitute for them attended."
    )


def trend_gaps_note() -> str:
    return _("A break in a line is a hidden value (..) or a period without counts.")


def trend_heading() -> str:
    """Over the periods (quarters or tertials) of up to three years: as many as have counts,
    so no claim of three."""
    return _("Trend per period, all units (counts)")


def plan_facts(plan: PlanYear) -> str:
    """ "Gäller 2025-01-01 – 2027-12-31. Antagen 14 mars 2025, § 5." """
    parts = []
    if plan.valid_from and plan.valid_to:
        parts.append(
            _("In force {period}.").format(period=format_iso_range(plan.valid_from, plan.valid_to))
        )
    elif plan.valid_from:
        parts.append(_("In force from {date}.").format(date=format_iso_date(plan.valid_from)))
    elif plan.valid_to:
        parts.append(_("In force until {date}.").format(date=format_iso_date(plan.valid_to)))
    if plan.adopted_on is not None:
        parts.append(
            _("Adopted {meeting}.").format(
                meeting=paragraph_at(plan.adopted_on, plan.adopted_paragraph)
            )
        )
    return " ".join(parts)


def status_text(status: ActivityStatus, outcome: Outcome) -> str:
    """The status at the year's end; "Försenad" for an open activity past its due date."""
    if outcome is Outcome.OVERDUE:
        return f"{status_label(status)}, {outcome_label(outcome).lower()}"
    return status_label(status)


def note_line(note: FollowUpNote) -> str:
    """ "28 november 2025, § 5: Arbetet har startat. – Pågår, 20 %" for a follow-up made on
    its meeting's day, "2 december 2025 (möte den 28 november 2025, § 5): …" otherwise."""
    where = format_date(note.on)
    if note.meeting_on == note.on:
        where = paragraph_at_short(note.on, note.paragraph)
    elif note.meeting_on is not None:
        where += " " + _("(meeting {meeting})").format(
            meeting=paragraph_at(note.meeting_on, note.paragraph)
        )
    state = f"{status_label(note.status)}, {format_percent(note.progress)}"
    text = " ".join(note.note.split())
    return f"{where}: {text} – {state}" if text else f"{where}: {state}"


def paragraph_at_short(day: dt.date, paragraph: int | None) -> str:
    """ "28 november 2025, § 5", for a table cell."""
    date = format_date(day)
    return f"{date}, § {paragraph}" if paragraph is not None else date


def meeting_cells(meeting: MeetingYear, report: AnnualReport) -> list[str]:
    """Date, kind, protocol, a column per principal of the year, decisions."""
    shares = {s.principal: s for s in meeting.seats}
    seats = [
        f"{shares[s.principal].filled}/{shares[s.principal].seats}"
        if s.principal in shares
        else "–"
        for s in report.seats
    ]
    protocol = _("approved") if meeting.approved else _("not approved")
    return [
        format_date(meeting.held_on),
        kind_label(meeting.kind),
        protocol,
        *seats,
        str(meeting.decisions),
    ]


def meeting_heads(report: AnnualReport) -> list[str]:
    return [
        _("Date"),
        _("Meeting"),
        _("Protocol"),
        *(principal_label(s.principal) for s in report.seats),
        _("Decisions"),
    ]


def analysis(report: AnnualReport, section: Section) -> str:
    return report.analysis.texts.get(section, "").strip()


def no_analysis() -> str:
    return _("No analysis has been written for this section.")


def empty_section(report: AnnualReport, section: Section) -> str:
    """What a section without figures says, or "" when it has them."""
    if section is Section.PLAN and not report.plans:
        return _("No adopted plan was in force in {year}.").format(year=report.year)
    if section is Section.SIP and report.sip is None:
        return _("No SIP counts were recorded for {year}.").format(year=report.year)
    if section is Section.MEETINGS and not report.meetings:
        return _("The group held no meeting in {year}.").format(year=report.year)
    return ""
