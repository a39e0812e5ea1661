"""What the Årsuppföljning page offers: the years from the group's first meeting, plan or
SIP period to this year, and the § of the meetings that may adopt a year's report, newest
first with the meeting's chair and adjusters as who adopted it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemInput, MeetingInput
from naravard_desktop.services.report.report_choices import adoption_choices, report_years
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2026, 11, 30)


@pytest.mark.demo(TODAY)
def test_the_years_run_from_the_first_data_to_this_year(
    db: Database, demo_group: GroupData
) -> None:
    with db.session() as session:
        first = session.scalar(
            select(Meeting.held_on)
            .where(Meeting.group_id == demo_group.id)
            .order_by(Meeting.held_on)
        )
    assert first is not None
    years = report_years(db, demo_group.id, TODAY)
    assert years[0] == TODAY.year and years == sorted(years, reverse=True)
    assert years[-1] <= first.year
    assert years == list(range(TODAY.year, years[-1] - 1, -1))  # no year left out


def test_a_group_without_data_has_this_year_only(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Tom grupp"))
    assert report_years(db, group.id, TODAY) == [TODAY.year]
    assert adoption_choices(db, group.id, TODAY.year - 1, TODAY) == []


@pytest.mark.demo(TODAY)
def test_the_choices_are_the_items_of_meetings_held_from_the_year_to_today(
    db: Database, demo_group: GroupData
) -> None:
    year = TODAY.year - 1
    choices = adoption_choices(db, demo_group.id, year, TODAY)
    assert choices
    assert all(dt.date(year, 1, 1) <= c.held_on <= TODAY for c in choices)
    assert [c.held_on for c in choices] == sorted((c.held_on for c in choices), reverse=True)
    with db.session() as session:
        items = session.scalars(
            select(AgendaItem.id)
            .join(Meeting)
            .where(
                Meeting.group_id == demo_group.id,
                Meeting.held_on >= dt.date(year, 1, 1),
                Meeting.held_on <= TODAY,
            )
        ).all()
    assert sorted(c.item_id for c in choices) == sorted(items)
    assert all(c.paragraph is not None for c in choices)
    assert choices[0].adopted_by  # the chair (and adjusters) by name
    assert not any(c.likely for c in choices)  # no item of the demo names the follow-up
    # A meeting whose agenda has an item for the report: that item is the likely one.
    held = meetings.create_meeting(db, demo_group.id, MeetingInput(held_on=TODAY))
    added = agenda.add_item(db, held.id, ItemInput(title=f"Årsuppföljning {year}"))
    found = {c.item_id: c for c in adoption_choices(db, demo_group.id, year, TODAY)}
    assert found[added.id].likely and found[added.id].held_on == TODAY
    assert sum(c.likely for c in found.values()) == 1
