"""Issue 19 point 1: the overview's read (services/group/overview.py) on the demo and on a
group changed from it: open action items by owner, protocols awaiting justering, the current
plan's overdue activities and areas, SIP periods to fill in and the SIP trend."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from naravard_desktop.db.enums import ActivityStatus, PeriodKind
from naravard_desktop.db.models import Indicator, SipCount, SipPeriod
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.overview import overview
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip import sip_periods
from naravard_desktop.services.system.database import Database

DEMO_TODAY = dt.date(2026, 11, 30)
demo = pytest.mark.demo(DEMO_TODAY)


@demo
def test_the_demo_has_six_overdue_action_items_by_three_owners(
    db: Database, demo_group: GroupData
) -> None:
    found = overview(db, demo_group.id, DEMO_TODAY)
    assert found.overdue_actions == 6 and found.open_actions == 6
    assert [(o.who, o.overdue) for o in found.actions] == [
        ("Maja Fors", 3),
        ("Erik Lund", 2),
        ("Karin Vik", 1),
    ]
    dues = [a.due_on for a in found.actions[0].actions]
    assert dues == sorted(dues)
    # A day before the first was due, none is overdue yet; all six are still open.
    earlier = overview(db, demo_group.id, dt.date(2026, 6, 27))
    assert earlier.overdue_actions == 0 and earlier.open_actions == 6


@demo
def test_protocols_of_held_meetings_not_approved_await_justering(
    db: Database, demo_group: GroupData
) -> None:
    assert overview(db, demo_group.id, DEMO_TODAY).awaiting_justering == []
    held = meetings.create_meeting(db, demo_group.id, MeetingInput(held_on=dt.date(2026, 11, 2)))
    meetings.create_meeting(db, demo_group.id, MeetingInput(held_on=DEMO_TODAY))
    found = overview(db, demo_group.id, DEMO_TODAY)
    assert [m.id for m in found.awaiting_justering] == [held.id]
    assert found.next_meeting is not None and found.next_meeting.held_on == DEMO_TODAY


@demo
def test_only_the_current_plans_overdue_activities_are_listed(
    db: Database, demo_group: GroupData
) -> None:
    before = overview(db, demo_group.id, DEMO_TODAY)
    old = plans.create_plan(
        db, demo_group.id, PlanInput(title="Gammal plan", valid_from=dt.date(2020, 1, 1))
    )
    area = plan_items.add_area(db, old.id, AreaInput("Område"))
    plan_items.add_activity(db, area.id, ActivityInput(title="Gammal", schedule_text="2021"))
    found = overview(db, demo_group.id, DEMO_TODAY)
    assert found.plans == 2 and found.plan_id == before.plan_id
    assert "Gammal" not in [a.title for a in found.overdue]
    assert len(found.overdue) == len(before.overdue) == 6
    assert {a.plan_id for a in found.overdue} == {before.plan_id}


@demo
def test_areas_count_their_activities_and_the_done_ones(
    db: Database, demo_group: GroupData
) -> None:
    found = overview(db, demo_group.id, DEMO_TODAY)
    counts = found.status_counts
    assert (
        sum(a.activities for a in found.areas)
        == found.activities - counts[ActivityStatus.CANCELLED]
    )
    assert sum(a.done for a in found.areas) == counts[ActivityStatus.DONE]
    assert found.areas[0].label == "1 Ökad delaktighet"


@demo
def test_sip_periods_ended_without_counts_and_not_added(
    db: Database, demo_group: GroupData
) -> None:
    assert overview(db, demo_group.id, DEMO_TODAY).periods_to_fill == []
    empty = sip_periods.create_period(db, demo_group.id, 2022, 4)
    later = overview(db, demo_group.id, dt.date(2027, 7, 15))
    assert [(p.id, p.label) for p in later.periods_to_fill] == [
        (empty.id, "Kvartal 4 2022"),
        (None, "Kvartal 1 2027"),
        (None, "Kvartal 2 2027"),
    ]
    assert all(p.kind is PeriodKind.QUARTER for p in later.periods_to_fill)


@demo
def test_the_sip_trend_sums_the_initiated_of_the_last_eight_ended_periods(
    db: Database, demo_group: GroupData
) -> None:
    found = overview(db, demo_group.id, DEMO_TODAY)
    assert found.sip_trend_name == "Initierade SIP"
    assert [p.starts_on for p in found.sip_trend] == [
        dt.date(2024, 10, 1),
        *(dt.date(year, month, 1) for year in (2025, 2026) for month in (1, 4, 7, 10)),
    ][:8]
    with db.session() as session:
        sums = dict(
            session.execute(
                select(SipPeriod.starts_on, func.sum(SipCount.value))
                .join(SipCount, SipCount.period_id == SipPeriod.id)
                .join(Indicator, Indicator.id == SipCount.indicator_id)
                .where(SipPeriod.group_id == demo_group.id, Indicator.code == "initiated")
                .group_by(SipPeriod.starts_on)
            ).all()
        )
    assert [p.value for p in found.sip_trend] == [sums[p.starts_on] for p in found.sip_trend]


def test_an_empty_group_has_nothing_to_do(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Tom grupp"))
    found = overview(db, group.id, DEMO_TODAY)
    assert found.next_meeting is None and found.awaiting_justering == []
    assert found.actions == [] and found.overdue == [] and found.areas == []
    assert found.plan_id is None and found.periods_to_fill == [] and found.sip_trend == []
