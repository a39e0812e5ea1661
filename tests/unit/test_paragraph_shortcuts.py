"""The § numbers worked out from less (one year's meetings, or the number an approval
stored) are the numbers worked out through all of a group's meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.paragraphs import (
    numbers_of,
    paragraph_numbers,
    paragraph_ranges,
)
from naravard_desktop.services.system.database import Database

DEMO_TODAY = dt.date(2025, 3, 14)


@pytest.mark.demo(DEMO_TODAY)
def test_a_years_numbers_and_stored_numbers_are_the_groups_numbers(
    db: Database, demo_group: GroupData
) -> None:
    with db.session() as session:
        everything = paragraph_numbers(session, demo_group.id)
        items = session.execute(
            select(AgendaItem.id, Meeting.held_on, AgendaItem.paragraph)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.group_id == demo_group.id)
        ).all()
        years = {held_on.year for _id, held_on, _paragraph in items}
        stored = [paragraph for _id, _held_on, paragraph in items if paragraph is not None]
        drafted = [item_id for item_id, _held_on, paragraph in items if paragraph is None]
        by_year: dict[int, int] = {}
        for year in years:
            by_year.update(paragraph_numbers(session, demo_group.id, year))
        shortcut = numbers_of(session, demo_group.id, [(i, day, n) for i, day, n in items])
        ranges = paragraph_ranges(session, demo_group.id)
        meeting_of = {
            item_id: meeting_id
            for item_id, meeting_id in session.execute(select(AgendaItem.id, AgendaItem.meeting_id))
        }
    assert len(years) > 1 and stored and drafted  # the demo has approved and draft meetings
    assert by_year == everything
    assert shortcut == everything
    counted: dict[int, list[int]] = {}
    for item_id, number in everything.items():
        counted.setdefault(meeting_of[item_id], []).append(number)
    assert ranges == {meeting: (min(n), max(n)) for meeting, n in counted.items()}
