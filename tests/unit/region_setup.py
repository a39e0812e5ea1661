"""Three invented groups in one database, built through the services, for the region overview's
tests (service, command and page): what each should show in 2025 seen from TODAY."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import approved_meeting, make_group

TODAY = dt.date(2025, 6, 15)
YEAR = 2025


@dataclass(frozen=True)
class Region:
    lillsjo: int  # plans, meetings, a small SIP count
    angsvik: int  # larger SIP counts, a plan without a period beside one with
    asberga: int  # nothing yet


def _plan(
    db: Database, group_id: int, title: str, start: dt.date | None, rows: list[tuple[str, str]]
) -> int:
    plan = plans.create_plan(db, group_id, PlanInput(title=title, valid_from=start))
    area = plan_items.add_area(db, plan.id, AreaInput("Område"))
    for schedule, status in rows:
        data = ActivityInput(
            title=f"Aktivitet {schedule}", schedule_text=schedule, status=ActivityStatus(status)
        )
        plan_items.add_activity(db, area.id, data)
    return plan.id


def _sip(db: Database, group_id: int, year: int, counts: dict[str, list[int]]) -> None:
    """Quarter 1 of `year`: each code's counts spread over the first columns."""
    setup = sip_setup.get_setup(db, group_id)
    ids = {i.code: i.id for i in setup.indicators}
    columns = setup.columns()
    period = sip_periods.create_period(db, group_id, year, 1)
    values: dict[tuple[int, int, int], int | None] = {}
    for code, numbers in counts.items():
        for (unit, target), number in zip(columns, numbers, strict=False):
            values[(ids[code], unit.id, target.id)] = number
    sip_counts.save_counts(db, period.id, values, period.version)


def make_region(db: Database) -> Region:
    lillsjo, people = make_group(db)  # "Samverkansgrupp Lillsjö"
    old = [("2023-06-30", "in_progress"), ("2022-12-31", "done")]
    _plan(db, lillsjo.id, "Handlingsplan 2022", dt.date(2022, 1, 1), old)
    current = [
        ("2025-03-01", "done"),
        ("2025-04-30", "in_progress"),  # overdue
        ("2026-12-31", "not_started"),
        ("2025-01-31", "cancelled"),  # late, but not overdue
    ]
    _plan(db, lillsjo.id, "Lokal plan 2025–2027", dt.date(2025, 1, 1), current)
    approved_meeting(db, lillsjo, people, dt.date(2025, 2, 10))
    for day in (dt.date(2025, 5, 5), dt.date(2024, 11, 4), dt.date(2025, 9, 1)):
        meetings.create_meeting(db, lillsjo.id, MeetingInput(held_on=day))
    _sip(db, lillsjo.id, YEAR, {"initiated": [7, 5], "held": [3], "followed_up": [0]})
    _sip(db, lillsjo.id, YEAR - 1, {"initiated": [40]})

    angsvik = groups.create_group(db, GroupInput(name="Ängsviks samverkan")).id
    _plan(db, angsvik, "Plan utan period", None, [("2024-01-31", "not_started")])
    _plan(db, angsvik, "Plan 2024", dt.date(2024, 1, 1), [("2024", "done"), ("2025", "done")])
    _sip(db, angsvik, YEAR, {"initiated": [20], "held": [9], "followed_up": [6]})

    asberga = groups.create_group(db, GroupInput(name="Åsberga vårdforum")).id
    return Region(lillsjo.id, angsvik, asberga)
