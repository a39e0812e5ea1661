"""A plan's details through the services: title, period, state, the meeting decision that
adopted it, the revision history as a list, and deleting a plan with everything in it so that
undo can put it back."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.db.enums import ActivityStatus, PlanState
from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.errors import NotFoundError, StaleEditError, ValidationError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_decisions import decision_choices, decision_labels
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    FollowUpInput,
    PlanInput,
    PlanSummary,
    RevisionInput,
)
from naravard_desktop.services.system.database import Database


@pytest.fixture
def group_id(db: Database) -> int:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö")).id


def add_meeting(
    db: Database, group_id: int, held_on: dt.date, items: list[tuple[str, str]]
) -> list[int]:
    """A meeting with agenda items (title, decision); returns the item ids."""
    with db.session() as session:
        meeting = Meeting(group_id=group_id, held_on=held_on, place="Kommunhuset")
        rows = [
            AgendaItem(meeting=meeting, title=title, decision=decision, position=number)
            for number, (title, decision) in enumerate(items)
        ]
        session.add_all([meeting, *rows])
        session.flush()
        return [row.id for row in rows]


def test_decision_choices_are_items_with_a_decision_newest_meeting_first(
    db: Database, group_id: int
) -> None:
    first = add_meeting(
        db,
        group_id,
        dt.date(2024, 2, 9),
        [("Mötets öppnande", ""), ("Lokal plan 2024–2026", "Planen fastställs.")],
    )
    second = add_meeting(
        db,
        group_id,
        dt.date(2024, 5, 17),
        [
            ("Mötets öppnande", ""),
            ("Revidering av planen", "Revideringen godkänns."),
            ("Övrigt", " "),
        ],
    )
    choices = decision_choices(db, group_id)
    assert [c.label for c in choices] == [
        "§ 4, 17 maj 2024: Revidering av planen",
        "§ 2, 9 februari 2024: Lokal plan 2024–2026",
    ]
    assert [c.item_id for c in choices] == [second[1], first[1]]
    # An item already linked stays choosable though its decision was emptied.
    kept = decision_choices(db, group_id, keep=[first[0], None])
    assert [c.label for c in kept][-2:] == [
        "§ 1, 9 februari 2024: Mötets öppnande",
        "§ 2, 9 februari 2024: Lokal plan 2024–2026",
    ]
    assert kept[-2].has_decision is False
    assert decision_labels(db, group_id, [second[1], None]) == {
        second[1]: "§ 4, 17 maj 2024: Revidering av planen"
    }
    other = groups.create_group(db, GroupInput(name="Annan grupp")).id
    assert decision_choices(db, other, keep=[first[1]]) == []


def test_details_and_revision_history_saved_together_and_put_back(
    db: Database, group_id: int
) -> None:
    adopted_at, revised_at = add_meeting(
        db,
        group_id,
        dt.date(2024, 2, 9),
        [("Lokal plan", "Fastställs."), ("Revidering", "Godkänns.")],
    )
    plan = plans.create_plan(db, group_id, PlanInput("Lokal plan"))
    before = plan
    saved = plans.update_plan(
        db,
        plan,
        PlanInput(
            "Lokal plan 2024–2026",
            dt.date(2024, 1, 1),
            dt.date(2026, 12, 31),
            PlanState.ADOPTED,
            adopted_at,
        ),
        [
            RevisionInput(dt.date(2024, 2, 9), "  Beslut i Fredagsgruppen ", revised_at),
            RevisionInput(dt.date(2022, 3, 14)),
        ],
    )
    assert (saved.title, saved.state, saved.adopted_by_item_id) == (
        "Lokal plan 2024–2026",
        PlanState.ADOPTED,
        adopted_at,
    )
    assert [r.as_input() for r in saved.revisions] == [
        RevisionInput(dt.date(2022, 3, 14)),
        RevisionInput(dt.date(2024, 2, 9), "Beslut i Fredagsgruppen", revised_at),
    ]
    # The same list again keeps the rows; None leaves the history alone.
    again = plans.update_plan(db, saved, saved.as_input(), [r.as_input() for r in saved.revisions])
    assert [r.id for r in again.revisions] == [r.id for r in saved.revisions]
    untouched = plans.update_plan(db, again, replace_title(again, "Ny titel"))
    assert len(untouched.revisions) == 2
    # Undo: the values the user saw, with the history as it was.
    with pytest.raises(StaleEditError):
        plans.update_plan(db, before, before.as_input(), [])
    back = plans.update_plan(db, untouched, before.as_input(), [])
    assert (back.title, back.state, back.adopted_by_item_id, back.revisions) == (
        "Lokal plan",
        PlanState.DRAFT,
        None,
        (),
    )


def replace_title(plan: PlanSummary, title: str) -> PlanInput:
    data = plan.as_input()
    return PlanInput(title, data.valid_from, data.valid_to, data.state, data.adopted_by_item_id)


def test_revisions_are_validated_and_a_missing_item_is_refused(db: Database, group_id: int) -> None:
    plan = plans.create_plan(db, group_id, PlanInput("Plan"))
    with pytest.raises(ValidationError) as error:
        plans.update_plan(
            db, plan, plan.as_input(), [RevisionInput(dt.date(2024, 1, 1), "x" * 1001)]
        )
    assert set(error.value.fields) == {"revisions"}
    with pytest.raises(NotFoundError):
        plans.update_plan(db, plan, plan.as_input(), [RevisionInput(dt.date(2024, 1, 1), "", 999)])
    assert plans.get_plan(db, plan.id).revisions == ()
    row = plans.add_revision(db, plan.id, dt.date(2024, 1, 1), "Första")
    assert plans.delete_revision(db, row.id) == RevisionInput(dt.date(2024, 1, 1), "Första")
    assert plans.delete_revision(db, row.id) is None


def test_a_deleted_plan_comes_back_whole(db: Database, group_id: int) -> None:
    (item,) = add_meeting(db, group_id, dt.date(2024, 5, 17), [("Planen", "Fastställs.")])
    plan = plans.create_plan(
        db,
        group_id,
        PlanInput("Lokal plan", dt.date(2024, 1, 1), None, PlanState.ADOPTED, item),
        template_key="skane",
    )
    plans.add_revision(db, plan.id, dt.date(2024, 2, 9), "Beslut i Fredagsgruppen", item)
    tree = plan_items.load_tree(db, plan.id)
    sub_area = tree.areas[1]  # "a) Patientkontrakt …" under "1 …"
    activity = plan_items.add_activity(
        db, sub_area.id, ActivityInput(title="Mäta fasta kontakter", schedule_text="Hösten 2024")
    )
    plan_items.add_area(db, plan.id, AreaInput("Egen", number="7"))
    follow_ups.add_follow_up(
        db,
        activity.id,
        FollowUpInput(dt.date(2024, 5, 17), ActivityStatus.IN_PROGRESS, 40, "Halvvägs", item),
    )
    shape = [(a.label, a.parent_id is None) for a in plan_items.load_tree(db, plan.id).areas]

    snapshot = plans.delete_plan(db, plan.id)
    assert plans.list_plans(db, group_id) == []
    with pytest.raises(NotFoundError):
        plans.get_plan(db, plan.id)

    back = plans.restore_plan(db, snapshot)
    assert (back.title, back.state, back.adopted_by_item_id, back.areas, back.activities) == (
        "Lokal plan",
        PlanState.ADOPTED,
        item,
        18,
        1,
    )
    assert [(r.revised_on, r.note, r.agenda_item_id) for r in back.revisions] == [
        (dt.date(2024, 2, 9), "Beslut i Fredagsgruppen", item)
    ]
    restored = plan_items.load_tree(db, back.id)
    assert [(a.label, a.parent_id is None) for a in restored.areas] == shape
    (again,) = restored.activities
    assert (again.title, again.status, again.progress) == (
        "Mäta fasta kontakter",
        ActivityStatus.IN_PROGRESS,
        40,
    )
    assert again.area_id == restored.areas[1].id
    assert [f.note for f in follow_ups.list_follow_ups(db, again.id)] == ["Halvvägs"]


def test_restoring_a_plan_drops_links_to_items_removed_meanwhile(
    db: Database, group_id: int
) -> None:
    (item,) = add_meeting(db, group_id, dt.date(2024, 5, 17), [("Planen", "Fastställs.")])
    plan = plans.create_plan(db, group_id, PlanInput("Plan", adopted_by_item_id=item))
    plans.add_revision(db, plan.id, dt.date(2024, 5, 17), "", item)
    snapshot = plans.delete_plan(db, plan.id)
    with db.session() as session:
        session.delete(session.get(AgendaItem, item))
    back = plans.restore_plan(db, snapshot)
    assert back.adopted_by_item_id is None
    assert [r.agenda_item_id for r in back.revisions] == [None]
