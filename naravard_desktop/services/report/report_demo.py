"""The demo group's annual report of last year: the plan's activities followed up at last
year's meeting (at its § on the local plan), and the secretary's draft analysis of each
section, so the report shows what a year of follow-up looks like. Invented texts only, but
each says what the report's own figures say: how many meetings last year held depends on
the day the demo is made, so those sentences are written from the figures."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.db.models import Activity, AgendaItem, Area, Meeting, Plan
from naravard_desktop.services.group.labels import principal_label
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import follow_ups
from naravard_desktop.services.plan.read_models import FollowUpInput
from naravard_desktop.services.report.analysis import save_analysis
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import AnnualReport, Outcome, Section
from naravard_desktop.services.system.database import Database

# What an activity had reached by last year's meeting, by where it stands now.
_EARLIER = {
    ActivityStatus.DONE: (ActivityStatus.IN_PROGRESS, 60, "Arbetet pågår enligt plan."),
    ActivityStatus.IN_PROGRESS: (ActivityStatus.IN_PROGRESS, 20, "Arbetet har startat."),
    ActivityStatus.PAUSED: (
        ActivityStatus.IN_PROGRESS,
        10,
        "Startat, men resurserna räcker inte i år.",
    ),
}

# The SIP counts of the demo's last year are the same whatever the day (sip_demo's seed).
_SIP_TEXT = (
    "Initierade SIP ökade från 78 till 84 och genomförda SIP-möten från 63 till 72 jämfört "
    "med året innan, medan uppföljda SIP låg kvar på samma nivå. Nästan nio av tio "
    "initierade SIP ledde till ett möte, men drygt en tredjedel av de uppföljda följdes upp "
    "sent.\n\nSmå tal visas inte (..) så att ingen enskild kan identifieras. Gruppen "
    "följer nästa år särskilt upp hur många SIP som följs upp i tid."
)

_PLAN_TEXT = (
    "Arbetet med fasta kontakter har kommit längst: området {best} har i genomsnitt nått "
    "{percent}\u00a0%. Aktiviteterna om digital tillgång och om information till medborgarna "
    "väntar på beslut om gemensamma verktyg hos huvudmännen.\n\nFlera aktiviteter har en "
    "tidsplan utan datum (”Löpande”, ”Hösten …”) eller ett datum från tiden före planen. "
    "Det gör dem svåra att följa upp. Gruppen föreslår att varje aktivitet får ett datum "
    "för klart senast när planen revideras."
)

_SMALL = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


def _number(n: int, one: str = "en") -> str:
    """A count as Swedish running text writes it: in words up to ten ("ett möte")."""
    if n == 1:
        return one
    return _SMALL[n] if n < len(_SMALL) else str(n)


def _summary_text(report: AnnualReport) -> str:
    counts = report.outcomes
    done = counts[Outcome.DONE]
    finished = {0: "Ingen aktivitet hann bli klar.", 1: "En aktivitet blev klar."}.get(
        done, f"{_number(done).capitalize()} aktiviteter blev klara."
    )
    return (
        "Året var planens första. Vid årets slut pågick "
        f"{_number(counts[Outcome.ONGOING])} av planens {report.activities} aktiviteter "
        "enligt tidsplanen, "
        f"{_number(counts[Outcome.OVERDUE])} var försenade och "
        f"{_number(counts[Outcome.NOT_STARTED])} hade ännu inte påbörjats. {finished}\n\n"
        "Gruppen föreslår att de försenade aktiviteterna får nya tidsplaner när planen "
        "revideras, och att planen följs upp vid varje möte under nästa år."
    )


def _plan_text(report: AnnualReport) -> str:
    measured = [(area.progress, area.label) for _plan, area in report.areas if area.progress]
    if not measured:
        return _PLAN_TEXT.split("\n\n")[1]
    percent, label = max(measured)
    best = label.split(" ", 1)[-1].lower()
    return _PLAN_TEXT.format(best=f"”{best}”", percent=percent)


def _meetings_text(report: AnnualReport) -> str:
    if not report.meetings:
        return (
            f"Gruppen höll inget möte under {report.year}. Planen följdes upp skriftligt i "
            "november."
        )
    held = len(report.meetings)
    if held == 1:
        day = report.meetings[0].held_on
        opening = (
            f"Gruppen höll ett möte under {report.year}, den {day.day} "
            f"{_MONTHS[day.month - 1]}, då planen följdes upp för första gången."
        )
        protocols = "Protokollet justerades inom en vecka."
    else:
        opening = f"Gruppen höll {_number(held, 'ett')} möten under {report.year}."
        protocols = "Protokollen justerades inom en vecka efter varje möte."
    if report.approved_protocols < held:
        protocols = f"{report.approved_protocols} av {held} protokoll är justerade."
    full = all(s.filled == s.seats for s in report.seats)
    seats = " och ".join(
        f"{_DEFINITE.get(s.principal, principal_label(s.principal))} {s.filled} av {s.seats}"
        for s in report.seats
    )
    attendance = (
        f"Båda huvudmännen var fullt företrädda (besatta platser: {seats})."
        if full
        else f"Besatta platser: {seats}."
    )
    plans = (
        "Gruppen planerar att hålla ett möte varannan månad under nästa år, så att planen "
        "och SIP-talen kan följas upp oftare."
        if held < 4
        else "Gruppen fortsätter att mötas varannan månad och följer då upp planen och SIP-talen."
    )
    return (
        f"{opening} {attendance} {protocols} Under {report.year} fattades "
        f"{_number(len(report.decisions), 'ett')} beslut.\n\n{plans}"
    )


_DEFINITE = {Principal.REGION: "regionen", Principal.MUNICIPALITY: "kommunen"}

_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def add_demo_report(db: Database, group: GroupData, today: dt.date) -> None:
    """Follow-ups at last year's § on the plan (dated before this year's, so every
    activity keeps the status it has now) and a draft analysis of last year."""
    year = today.year - 1
    with db.session() as session:
        item = session.execute(
            select(AgendaItem.id, Meeting.held_on)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .where(
                Meeting.group_id == group.id,
                Meeting.held_on >= dt.date(year, 1, 1),
                Meeting.held_on <= dt.date(year, 12, 31),
                AgendaItem.title.like("Uppföljning av lokal plan%"),
            )
            .limit(1)
        ).first()
        activities = session.execute(
            select(Activity.id, Activity.status)
            .join(Area, Activity.area_id == Area.id)
            .join(Plan, Area.plan_id == Plan.id)
            .where(Plan.group_id == group.id)
            .order_by(Activity.id)
        ).all()
    item_id, day = item if item is not None else (None, dt.date(year, 11, 30))
    for activity_id, status in activities:
        if status not in _EARLIER:
            continue
        earlier, progress, note = _EARLIER[status]
        follow_ups.add_follow_up(
            db, activity_id, FollowUpInput(day, earlier, progress, note, item_id)
        )
    report = annual_report(db, group.id, year, today=today, with_sip=False)
    texts = {
        Section.SUMMARY: _summary_text(report),
        Section.PLAN: _plan_text(report),
        Section.SIP: _SIP_TEXT,
        Section.MEETINGS: _meetings_text(report),
    }
    version = 0
    for section, text in texts.items():
        version = save_analysis(db, group.id, year, section, text, version).version
