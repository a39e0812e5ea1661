"""What the Årsuppföljning page offers to choose from: the years a report can be made for
(from the group's first meeting, plan or SIP period to this year), and the agenda items (§)
of the meetings that may adopt a year's report."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from naravard_desktop.db.enums import PlanState
from naravard_desktop.db.models import AgendaItem, Meeting, Person, Plan, SipPeriod
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.report.read_models import AdoptionChoice
from naravard_desktop.services.system.database import Database

# Titles that speak of the follow-up or the report, in either language.
_LIKELY = re.compile(r"årsuppföljning|årsrapport|verksamhetsberättelse|annual", re.I)


def report_years(db: Database, group_id: int, today: dt.date | None = None) -> list[int]:
    """Newest first: this year back to the year of the group's earliest meeting, adopted
    plan or SIP period (only this year when there is none)."""
    day = today or dt.date.today()
    adopted = (Plan.group_id == group_id) & (Plan.state == PlanState.ADOPTED)
    with db.session() as session:
        firsts = [
            session.scalar(select(func.min(Meeting.held_on)).where(Meeting.group_id == group_id)),
            session.scalar(
                select(func.min(SipPeriod.starts_on)).where(SipPeriod.group_id == group_id)
            ),
            session.scalar(select(func.min(Plan.valid_from)).where(adopted)),
            session.scalar(
                select(func.min(Plan.created_at)).where(adopted, Plan.valid_from.is_(None))
            ),
        ]
    years = [first.year for first in firsts if first is not None and first.year <= day.year]
    return list(range(day.year, min(years, default=day.year) - 1, -1))


def adoption_choices(
    db: Database, group_id: int, year: int, today: dt.date | None = None
) -> list[AdoptionChoice]:
    """The § of the group's meetings held from the report's year to today, newest meeting
    first, with the meeting's chair and adjusters as who adopted it."""
    day = today or dt.date.today()
    chair, first, second = aliased(Person), aliased(Person), aliased(Person)
    with db.session() as session:
        rows = session.execute(
            select(
                AgendaItem.id,
                Meeting.held_on,
                AgendaItem.paragraph,
                AgendaItem.title,
                chair.name,
                first.name,
                second.name,
            )
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .outerjoin(chair, Meeting.chair_id == chair.id)
            .outerjoin(first, Meeting.adjuster1_id == first.id)
            .outerjoin(second, Meeting.adjuster2_id == second.id)
            .where(
                Meeting.group_id == group_id,
                Meeting.held_on >= dt.date(year, 1, 1),
                Meeting.held_on <= day,
            )
            .order_by(Meeting.held_on.desc(), AgendaItem.position)
        ).all()
        numbers = numbers_of(session, group_id, [(r[0], r[1], r[2]) for r in rows])
    return [
        AdoptionChoice(
            item_id=item_id,
            held_on=held_on,
            paragraph=numbers.get(item_id),
            title=title,
            adopted_by=", ".join(n for n in (chair_name, one, two) if n),
            likely=bool(_LIKELY.search(title)),
        )
        for item_id, held_on, _stored, title, chair_name, one, two in rows
    ]
