"""The plan as the plan page reads it: the areas with their counts, an area's activities
when it is opened, and where an activity lives; the same rows the whole tree gives."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import NotFoundError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import plan_items, plan_outline, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def plan_id(db: Database) -> int:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan"))
    first = plan_items.add_area(db, plan.id, AreaInput("Kontinuitet"))
    sub = plan_items.add_area(db, plan.id, AreaInput("Fasta kontakter"), parent_id=first.id)
    plan_items.add_area(db, plan.id, AreaInput("Tomt område"))
    for area, title, due, status in [
        (first, "Punktmätning", dt.date(2025, 1, 1), ActivityStatus.IN_PROGRESS),
        (first, "Rutin", dt.date(2025, 1, 1), ActivityStatus.DONE),
        (sub, "Kontaktlista", dt.date(2099, 1, 1), ActivityStatus.NOT_STARTED),
    ]:
        plan_items.add_activity(
            db,
            area.id,
            ActivityInput(title=title, due_date=due, due_date_overridden=True, status=status),
        )
    return plan.id


def test_the_outline_counts_every_area_s_own_activities_and_the_overdue(
    db: Database, plan_id: int
) -> None:
    outline = plan_outline.load_outline(db, plan_id, TODAY)
    tree = plan_items.load_tree(db, plan_id)

    assert outline.areas == tree.areas  # parents before children, in order
    by_title = {a.title: outline.counts.get(a.id, 0) for a in outline.areas}
    assert by_title == {"Kontinuitet": 2, "Fasta kontakter": 1, "Tomt område": 0}
    assert outline.activity_count == 3
    assert outline.overdue == 1  # the done one is not


def test_an_area_s_activities_are_the_rows_of_the_whole_tree(db: Database, plan_id: int) -> None:
    tree = plan_items.load_tree(db, plan_id)
    area_ids = [a.id for a in tree.areas]

    assert plan_outline.activities_of(db, area_ids) == tree.activities
    assert [a.title for a in plan_outline.activities_of(db, area_ids[:1])] == [
        "Punktmätning",
        "Rutin",
    ]
    some = tree.activities[2]
    assert plan_outline.area_of_activity(db, some.id) == some.area_id
    assert plan_outline.area_of_activity(db, 10_000) is None


def test_an_outline_of_a_plan_that_is_gone_is_refused(db: Database) -> None:
    with pytest.raises(NotFoundError):
        plan_outline.load_outline(db, 4711)
