"""The demo group's annual report of last year: the plan's activities followed up at last
year's meeting (at its § on the local plan), and the secretary's draft analysis of each
section, so the report shows what a year of follow-up looks like. Invented texts only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.db.models import Activity, AgendaItem, Area, Meeting, Plan
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import follow_ups
from naravard_desktop.services.plan.read_models import FollowUpInput
from naravard_desktop.services.report.analysis import save_analysis
from naravard_desktop.services.report.read_models import Section
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

_ANALYSIS = {
    Section.SUMMARY: (
        "Året var planens första. Arbetet kom igång under hösten: flera aktiviteter "
        "startade, men ingen hann bli klar, och några som skulle ha varit klara är "
        "försenade. Gruppen föreslår att de försenade aktiviteterna får nya tidsplaner "
        "när planen revideras."
    ),
    Section.PLAN: (
        "Arbetet med fast vårdkontakt har kommit längst. Aktiviteterna om digital "
        "tillgång och information till medborgarna väntar på beslut om gemensamma "
        "verktyg.\n\nFlera aktiviteter saknar ett datum i sin tidsplan, vilket gör dem "
        "svåra att följa upp. Gruppen föreslår att varje aktivitet får ett datum."
    ),
    Section.SIP: (
        "Antalet genomförda SIP-möten ökade jämfört med året innan. Små tal har dolts "
        "för att ingen enskild ska kunna identifieras."
    ),
    Section.MEETINGS: (
        "Gruppen höll sina möten som planerat, med god närvaro från båda huvudmännen. "
        "Protokollen justerades inom en vecka."
    ),
}


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
    version = 0
    for section, text in _ANALYSIS.items():
        version = save_analysis(db, group.id, year, section, text, version).version
