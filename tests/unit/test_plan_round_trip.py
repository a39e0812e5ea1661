"""Our own exports come back whole (issue 13, point 4): the XLSX with its revision history,
the CSV with its title, period and revisions above the table; and, for any plan, the same
tree of areas, sub-areas and activities (a property test, few examples in the normal suite)."""

from __future__ import annotations

import datetime as dt
import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naravard_desktop.db.enums import PlanState
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.plan_import import apply_import, read_plan_file
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    PlanInput,
    RevisionInput,
)
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 3, 1)
REVISIONS = [
    RevisionInput(dt.date(2022, 3, 14), ""),
    RevisionInput(dt.date(2024, 2, 9), "Beslut i Fredagsgruppen"),
]


def shape(db: Database, plan_id: int) -> list[tuple[object, ...]]:
    tree = plan_items.load_tree(db, plan_id)
    index = {area.id: number for number, area in enumerate(tree.areas)}
    out: list[tuple[object, ...]] = []
    for area in tree.areas:
        parent = index[area.parent_id] if area.parent_id is not None else None
        out.append((area.number, area.title, area.description, parent))
        out.extend((a.as_input(),) for a in tree.activities_of(area.id))
    return out


def summary(db: Database, plan_id: int) -> tuple[object, ...]:
    plan = plans.get_plan(db, plan_id)
    revisions = [r.as_input() for r in plan.revisions]
    return (plan.title, plan.valid_from, plan.valid_to, plan.state, revisions)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Samverkan Åre"))


def _plan(db: Database, group_id: int) -> int:
    plan = plans.create_plan(
        db,
        group_id,
        PlanInput(
            "Handlingsplan 2024",
            dt.date(2021, 9, 24),
            dt.date(2026, 12, 31),
            PlanState.ADOPTED,
        ),
        template_key="skane",
    )
    plans.update_plan(
        db, plans.get_plan(db, plan.id), plans.get_plan(db, plan.id).as_input(), REVISIONS
    )
    area = plan_items.load_tree(db, plan.id).areas[1]
    plan_items.add_activity(
        db,
        area.id,
        ActivityInput(
            title="- Utbildningsinsatser\n- Uppföljning av SIP-avvikelser",
            responsible="Fredagsgruppen",
            schedule_text="Hösten 2022",
        ),
    )
    return plan.id


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_plan_and_revision_history(
    tmp_path: Path, db: Database, group: GroupData, suffix: str
) -> None:
    plan_id = _plan(db, group.id)
    path = tmp_path / f"export{suffix}"
    path.write_bytes(plan_file_bytes(db, plan_id, suffix, TODAY))
    preview = read_plan_file(path)
    assert preview.problems == []
    assert preview.plan.title == "Handlingsplan 2024"  # not the file's name
    assert preview.bullets_split == 0  # a list we wrote stays one activity
    again = apply_import(db, group.id, preview)
    assert summary(db, again.id) == summary(db, plan_id)
    assert shape(db, again.id) == shape(db, plan_id)


_TEXT = st.text(
    alphabet=string.ascii_letters + "åäöÅÄÖ0123456789 .,-()/:;\"'", min_size=1, max_size=25
).map(lambda text: " ".join(text.split()))
_NUMBERS = st.sampled_from(["", "1", "2", "7", "a)", "b)", "1 a", "1.2", "x"])


@st.composite
def plan_trees(draw: st.DrawFn) -> list[tuple[str, str, list[tuple[str, str, list[str]]]]]:
    """Top areas (number, title, [sub-areas (number, title, activity titles)]) with the
    activities of the top area as a sub-area of number "" first."""
    tops = []
    for _ in range(draw(st.integers(1, 3))):
        subs = [
            (
                draw(_NUMBERS),
                draw(_TEXT.filter(bool)),
                draw(st.lists(_TEXT.filter(bool), max_size=3)),
            )
            for _sub in range(draw(st.integers(0, 2)))
        ]
        tops.append((draw(_NUMBERS), draw(_TEXT.filter(bool)), subs))
    return tops


@settings(
    max_examples=int(os.environ.get("ROUND_TRIP_EXAMPLES", "4")),  # more: a longer hunt
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=plan_trees(), responsible=_TEXT, title=_TEXT.filter(bool))
def test_any_exported_plan_reimports_to_the_same_tree(
    tmp_path: Path,
    db: Database,
    group: GroupData,
    tree: list[tuple[str, str, list[tuple[str, str, list[str]]]]],
    responsible: str,
    title: str,
) -> None:
    plan = plans.create_plan(db, group.id, PlanInput(title=title))
    for number, area_title, subs in tree:
        top = plan_items.add_area(db, plan.id, AreaInput(area_title, number))
        for sub_number, sub_title, activities in subs:
            sub = plan_items.add_area(db, plan.id, AreaInput(sub_title, sub_number), top.id)
            for activity in activities:
                plan_items.add_activity(
                    db, sub.id, ActivityInput(activity, responsible=responsible)
                )
    path = tmp_path / "plan.xlsx"
    path.write_bytes(plan_file_bytes(db, plan.id, ".xlsx", TODAY))
    preview = read_plan_file(path)
    assert [p for p in preview.problems if p.blocking] == []
    again = apply_import(db, group.id, preview, privacy_override="Fiktiva testdata")
    assert again.title == plan.title
    assert shape(db, again.id) == shape(db, plan.id)
