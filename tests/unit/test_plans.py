"""Plans, areas, activities, follow-ups and the overview, through the services on a real
database file."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.errors import NotFoundError, StaleEditError, ValidationError
from naravard_desktop.services.group import groups, overview
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_labels import status_from_text, status_label
from naravard_desktop.services.plan.plan_templates import load_templates
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def group_id(db: Database) -> int:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö")).id


@pytest.fixture
def plan_id(db: Database, group_id: int) -> int:
    return plans.create_plan(db, group_id, PlanInput(title="Lokal plan 2024–2026")).id


def add_meeting_item(db: Database, group_id: int, held_on: dt.date, title: str) -> int:
    with db.session() as session:
        meeting = Meeting(group_id=group_id, held_on=held_on, place="Kommunhuset")
        item = AgendaItem(meeting=meeting, title=title, paragraph=16)
        session.add_all([meeting, item])
        session.flush()
        return item.id


def test_templates_are_data_files_with_the_areas_of_the_source_documents() -> None:
    by_key = {t.key: t for t in load_templates()}
    assert list(by_key) == ["empty", "national-2024", "jamtland-harjedalen", "skane"]
    assert by_key["empty"].areas == ()
    national = [a.title for a in by_key["national-2024"].areas]
    assert len(national) == 7
    assert national[0] == "Utvecklingen av den nära vården med primärvården som nav"
    assert national[6] == "Strukturerad information om läkemedel för förbättrad patientsäkerhet"
    strategies = [a.title for a in by_key["jamtland-harjedalen"].areas]
    assert strategies == [
        "Ökad delaktighet",
        "Ökad kontinuitet",
        "Ökad tillgänglighet",
        "Hälsofrämjande och förebyggande fokus",
        "Ökad samordning och samverkan",
    ]
    skane = by_key["skane"].areas
    assert [a.number for a in skane] == ["1", "2", "3", "4", "5", "6"]
    assert [a.number for a in skane[0].areas] == ["a)", "b)", "c)", "d)"]
    assert by_key["skane"].area_count() == 17
    assert by_key["national-2024"].name.startswith("Överenskommelsen God och nära vård 2024")


@pytest.mark.parametrize(
    ("key", "areas"),
    [("empty", 0), ("national-2024", 7), ("jamtland-harjedalen", 5), ("skane", 17)],
)
def test_a_plan_starts_from_a_template(db: Database, group_id: int, key: str, areas: int) -> None:
    plan = plans.create_plan(db, group_id, PlanInput(title="Plan"), template_key=key)
    assert (plan.areas, plan.activities) == (areas, 0)
    tree = plan_items.load_tree(db, plan.id)
    if key == "skane":
        first, sub_a = tree.areas[0], tree.areas[1]
        assert (first.label, sub_a.label) == (
            "1 Personcentrerat arbets- och förhållningssätt",
            "a) Patientkontrakt och Samordnad individuell plan, SIP",
        )
        assert sub_a.parent_id == first.id
        assert tree.areas[5].label == "2 Förebyggande och hälsofrämjande insatser"


def test_plan_validation_stale_edits_and_revisions(db: Database, group_id: int) -> None:
    with pytest.raises(ValidationError) as error:
        plans.create_plan(
            db,
            group_id,
            PlanInput(title="  ", valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2024, 1, 1)),
        )
    assert set(error.value.fields) == {"title", "valid_to"}
    plan = plans.create_plan(db, group_id, PlanInput(title="Handlingsplan 2024"))
    item = add_meeting_item(db, group_id, dt.date(2024, 2, 9), "Beslut om handlingsplan")
    adopted = plans.update_plan(
        db, plan, PlanInput("Handlingsplan 2024", state=PlanState.ADOPTED, adopted_by_item_id=item)
    )
    assert adopted.state is PlanState.ADOPTED and adopted.adopted_by_item_id == item
    with pytest.raises(StaleEditError):
        plans.update_plan(db, plan, PlanInput("Gammal titel"))
    plans.add_revision(db, plan.id, dt.date(2024, 2, 9), "Beslut i Fredagsgruppen", item)
    plans.add_revision(db, plan.id, dt.date(2022, 3, 14))
    revisions = plans.get_plan(db, plan.id).revisions
    assert [(r.revised_on.isoformat(), r.note) for r in revisions] == [
        ("2022-03-14", ""),
        ("2024-02-09", "Beslut i Fredagsgruppen"),
    ]
    assert revisions[1].agenda_item_id == item


def test_activities_keep_the_schedule_as_written_and_derive_the_due_date(
    db: Database, plan_id: int
) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput("Fast vårdkontakt", number="1"))
    written = "2022-12-31 Delvis Fast vårdkontakt finns 2024-12-31"
    activity = plan_items.add_activity(
        db,
        area.id,
        ActivityInput(
            title="Översyn av medarbetares tillgång till information om den fasta kontakter",
            responsible="Ansvarig för verksamhet och IT-stöd hos respektive huvudman",
            responsible_principal=Principal.JOINT,
            schedule_text=written,
        ),
    )
    assert activity.schedule_text == written
    assert activity.due_date == dt.date(2024, 12, 31) and not activity.due_date_overridden
    assert activity.is_overdue(TODAY)
    # The user overrides the date; the text stays as it was written.
    moved = plan_items.update_activity(
        db,
        activity,
        ActivityInput(
            **{
                **activity.as_input().__dict__,
                "due_date": dt.date(2025, 6, 30),
                "due_date_overridden": True,
            }
        ),
    )
    assert (moved.schedule_text, moved.due_date) == (written, dt.date(2025, 6, 30))
    assert not moved.is_overdue(TODAY)
    # Back to the derived date when the override is removed; "Löpande" has none.
    again = plan_items.update_activity(
        db, moved, ActivityInput(title=moved.title, schedule_text="Löpande")
    )
    assert again.due_date is None and not again.is_overdue(TODAY)
    with pytest.raises(StaleEditError):
        plan_items.update_activity(db, activity, activity.as_input())


def test_done_and_cancelled_activities_are_never_overdue(db: Database, plan_id: int) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput("Område"))
    for status, overdue in [
        (ActivityStatus.NOT_STARTED, True),
        (ActivityStatus.IN_PROGRESS, True),
        (ActivityStatus.PAUSED, True),
        (ActivityStatus.DONE, False),
        (ActivityStatus.CANCELLED, False),
    ]:
        row = plan_items.add_activity(
            db, area.id, ActivityInput(title="A", schedule_text="Hösten 2022", status=status)
        )
        assert row.is_overdue(TODAY) is overdue, status


def test_activity_validation_names_each_field(db: Database, plan_id: int) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput("Område"))
    with pytest.raises(ValidationError) as error:
        plan_items.add_activity(db, area.id, ActivityInput(title=" ", progress=140))
    assert set(error.value.fields) == {"title", "progress"}


def test_reorder_and_move_activities_between_areas(db: Database, plan_id: int) -> None:
    first = plan_items.add_area(db, plan_id, AreaInput("Första"))
    second = plan_items.add_area(db, plan_id, AreaInput("Andra"))
    a, b, c = (
        plan_items.add_activity(db, first.id, ActivityInput(title=t)) for t in ("A", "B", "C")
    )
    plan_items.move_activity(db, c.id, first.id, 0)
    tree = plan_items.load_tree(db, plan_id)
    assert [x.title for x in tree.activities_of(first.id)] == ["C", "A", "B"]
    plan_items.move_activity(db, a.id, second.id)
    tree = plan_items.load_tree(db, plan_id)
    assert [x.title for x in tree.activities_of(first.id)] == ["C", "B"]
    assert [x.title for x in tree.activities_of(second.id)] == ["A"]
    assert [x.position for x in tree.activities_of(first.id)] == [0, 1]
    plan_items.move_area(db, second.id, 0)
    assert [x.title for x in plan_items.load_tree(db, plan_id).areas] == ["Andra", "Första"]
    assert b.id in {x.id for x in tree.activities}


def test_deleting_an_area_can_be_undone_with_sub_areas_activities_and_follow_ups(
    db: Database, group_id: int
) -> None:
    plan = plans.create_plan(db, group_id, PlanInput(title="Skåne"), template_key="skane")
    tree = plan_items.load_tree(db, plan.id)
    area_1, sub_b = tree.areas[0], tree.areas[2]
    activity = plan_items.add_activity(db, sub_b.id, ActivityInput(title="Mobila vårdteam"))
    follow_ups.add_follow_up(
        db, activity.id, FollowUpInput(dt.date(2024, 5, 17), ActivityStatus.IN_PROGRESS, 40, "Ok")
    )
    snapshot = plan_items.delete_area(db, area_1.id, area_1.version)
    assert plans.get_plan(db, plan.id).areas == 17 - 5
    restored = plan_items.restore_area(db, snapshot)
    tree = plan_items.load_tree(db, plan.id)
    assert tree.areas[0].id == restored.id and tree.areas[0].title == area_1.title
    assert [a.number for a in tree.children_of(restored.id)] == ["a)", "b)", "c)", "d)"]
    again = tree.activities_of(tree.children_of(restored.id)[1].id)
    assert [(a.title, a.status, a.progress) for a in again] == [
        ("Mobila vårdteam", ActivityStatus.IN_PROGRESS, 40)
    ]
    assert [f.note for f in follow_ups.list_follow_ups(db, again[0].id)] == ["Ok"]


def test_follow_up_log_sets_status_and_links_to_the_agenda_item(
    db: Database, group_id: int, plan_id: int
) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput("Område"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Punktmätning"))
    item = add_meeting_item(db, group_id, dt.date(2024, 11, 15), "Uppföljning av lokal plan")
    assert [c.label for c in follow_ups.agenda_item_choices(db, group_id)] == [
        "2024-11-15 § 16 Uppföljning av lokal plan"
    ]
    follow_ups.add_follow_up(
        db, activity.id, FollowUpInput(dt.date(2024, 5, 1), ActivityStatus.IN_PROGRESS, 30)
    )
    follow_ups.add_follow_up(
        db,
        activity.id,
        FollowUpInput(dt.date(2024, 11, 15), ActivityStatus.DONE, 100, "Klar", item),
    )
    # An older entry added later does not change the current status.
    follow_ups.add_follow_up(
        db, activity.id, FollowUpInput(dt.date(2024, 1, 10), ActivityStatus.NOT_STARTED, 0)
    )
    current = plan_items.get_activity(db, activity.id)
    assert (current.status, current.progress) == (ActivityStatus.DONE, 100)
    timeline = follow_ups.list_follow_ups(db, activity.id)
    assert [f.followed_up_on.isoformat() for f in timeline] == [
        "2024-01-10",
        "2024-05-01",
        "2024-11-15",
    ]
    assert timeline[2].agenda_item_label == "2024-11-15 § 16 Uppföljning av lokal plan"
    assert [(a.activity_title, a.status) for a in follow_ups.followed_up_at(db, item)] == [
        ("Punktmätning", ActivityStatus.DONE)
    ]
    activity_now = plan_items.get_activity(db, timeline[2].activity_id)
    removed = follow_ups.delete_follow_up(
        db, timeline[2].id, timeline[2].version, activity_now.version
    )
    assert removed.agenda_item_id == item
    assert plan_items.get_activity(db, activity.id).status is ActivityStatus.IN_PROGRESS
    with pytest.raises(NotFoundError):
        follow_ups.add_follow_up(
            db, activity.id, FollowUpInput(TODAY, ActivityStatus.DONE, 100, agenda_item_id=999)
        )


def test_overview_counts_statuses_lists_overdue_and_finds_the_next_meeting(
    db: Database, group_id: int, plan_id: int
) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput("Område"))
    for title, schedule, status in [
        ("Sen", "Hösten 2022", ActivityStatus.IN_PROGRESS),
        ("Senare", "2024-12-31", ActivityStatus.NOT_STARTED),
        ("Klar", "2021-12-31", ActivityStatus.DONE),
        ("Löpande", "Löpande", ActivityStatus.IN_PROGRESS),
        ("Framtida", "2026", ActivityStatus.NOT_STARTED),
    ]:
        plan_items.add_activity(
            db, area.id, ActivityInput(title=title, schedule_text=schedule, status=status)
        )
    add_meeting_item(db, group_id, dt.date(2025, 1, 10), "Förra mötet")
    add_meeting_item(db, group_id, dt.date(2025, 4, 4), "Nästa möte")
    add_meeting_item(db, group_id, dt.date(2025, 9, 5), "Hösten")
    summary = overview.overview(db, group_id, TODAY)
    assert summary.status_counts[ActivityStatus.IN_PROGRESS] == 2
    assert summary.status_counts[ActivityStatus.NOT_STARTED] == 2
    assert summary.status_counts[ActivityStatus.DONE] == 1
    assert summary.activities == 5 and summary.plans == 1
    assert [a.title for a in summary.overdue] == ["Sen", "Senare"]
    assert summary.next_meeting is not None
    assert summary.next_meeting.held_on == dt.date(2025, 4, 4)


def test_list_plans_counts_areas_and_activities(db: Database, group_id: int) -> None:
    plan = plans.create_plan(db, group_id, PlanInput(title="A"), template_key="national-2024")
    area = plan_items.load_tree(db, plan.id).areas[0]
    plan_items.add_activity(db, area.id, ActivityInput(title="X"))
    plan_items.add_activity(db, area.id, ActivityInput(title="Y"))
    listed = plans.list_plans(db, group_id)
    assert [(p.title, p.areas, p.activities) for p in listed] == [("A", 7, 2)]
    plans.delete_plan(db, plan.id)
    assert plans.list_plans(db, group_id) == []


def test_status_words_in_both_languages() -> None:
    assert status_from_text("Pågår") is ActivityStatus.IN_PROGRESS
    assert status_from_text(" KLAR ") is ActivityStatus.DONE
    assert status_from_text("ej påbörjad") is ActivityStatus.NOT_STARTED
    assert status_from_text("Utgår") is ActivityStatus.CANCELLED
    assert status_from_text("paused") is ActivityStatus.PAUSED
    assert status_from_text("kanske") is None
    assert status_label(ActivityStatus.IN_PROGRESS) == "Pågår"
