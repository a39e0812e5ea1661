"""Attack: a personnummer in a field the guard did not look at.

Issue 11, point 4: only an activity's title and description were checked. A number typed
with a space ("811218 1238", invented, check digit computed) into Ansvar, Tidsplan,
Uppföljning, an area, the plan title, a revision note, a follow-up note or a meeting's
action item went straight into the plan or protocol and from there into every PDF and
XLSX. Each is now refused until a reason is given; nothing is stored by the refused call;
undo (restore) puts text back without asking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import ActionInput, ItemInput, MeetingInput
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    AreaRow,
    FollowUpInput,
    PlanInput,
    RevisionInput,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import PrivacyWarning

# Invented: 18 December 1981, serial 123, Luhn check digit 8; written with a space, the form
# the old guard missed.
SPACED = "811218 1238"
MASKED = "8112** ****"
TODAY = dt.date.today()


@pytest.fixture
def group_id(db: Database) -> int:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö")).id


@pytest.fixture
def area(db: Database, group_id: int) -> AreaRow:
    plan = plans.create_plan(db, group_id, PlanInput(title="Lokal plan 2025–2027"))
    return plan_items.add_area(db, plan.id, AreaInput("Fast vårdkontakt"))


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("title", "Aktivitet"),
        ("description", "Beskrivning"),
        ("responsible", "Ansvarig"),
        ("schedule_text", "Tidsplan"),
        ("follow_up_method", "Uppföljning"),
    ],
)
def test_every_text_field_of_an_activity_is_guarded(
    db: Database, area: AreaRow, field: str, label: str
) -> None:
    base = ActivityInput(title="Kartlägg vårdkontakter")
    data = replace(base, **{field: f"{getattr(base, field)} Kontakt {SPACED}".strip()})
    with pytest.raises(PrivacyWarning) as caught:
        plan_items.add_activity(db, area.id, data)
    assert label in str(caught.value) and MASKED in str(caught.value)
    assert SPACED not in str(caught.value)
    assert plan_items.count_activities(db, area.plan_id) == 0
    row = plan_items.add_activity(db, area.id, base)
    with pytest.raises(PrivacyWarning):
        plan_items.update_activity(db, row, data)
    assert getattr(plan_items.get_activity(db, row.id), field) == getattr(base, field)
    saved = plan_items.update_activity(db, row, data, privacy_override="Fiktivt exempel")
    assert getattr(saved, field) == getattr(data, field)


def test_area_title_and_description_are_guarded_and_undo_restores(
    db: Database, area: AreaRow
) -> None:
    with pytest.raises(PrivacyWarning) as caught:
        plan_items.add_area(db, area.plan_id, AreaInput(f"Område för {SPACED}"))
    assert "Område" in str(caught.value)
    assert len(plan_items.load_tree(db, area.plan_id).areas) == 1
    with pytest.raises(PrivacyWarning) as caught:
        plan_items.update_area(
            db, area.id, AreaInput(area.title, description=f"Se {SPACED}"), area.version
        )
    assert "Beskrivning" in str(caught.value)
    assert plan_items.get_area(db, area.id).description == ""
    kept = plan_items.update_area(
        db,
        area.id,
        AreaInput(area.title, description=f"Se {SPACED}"),
        area.version,
        privacy_override="Test",
    )
    # Deleting and undoing puts it back as it was, without a question.
    snapshot = plan_items.delete_area(db, kept.id, kept.version)
    again = plan_items.restore_area(db, snapshot)
    assert again.description == f"Se {SPACED}"


def test_plan_title_and_revision_notes_are_guarded(db: Database, group_id: int) -> None:
    with pytest.raises(PrivacyWarning) as caught:
        plans.create_plan(db, group_id, PlanInput(title=f"Plan för {SPACED}"))
    assert "Planens rubrik" in str(caught.value)
    assert plans.list_plans(db, group_id) == []
    plan = plans.create_plan(db, group_id, PlanInput(title="Lokal plan"))
    with pytest.raises(PrivacyWarning):
        plans.update_plan(db, plan, PlanInput(title=f"Lokal plan {SPACED}"))
    revision = RevisionInput(dt.date(2025, 2, 9), f"Reviderad efter ärende {SPACED}")
    with pytest.raises(PrivacyWarning) as caught:
        plans.update_plan(db, plan, plan.as_input(), [revision])
    assert "Anteckning om revideringen" in str(caught.value)
    stored = plans.get_plan(db, plan.id)
    assert stored.title == "Lokal plan" and stored.revisions == ()
    saved = plans.update_plan(db, plan, plan.as_input(), [revision], privacy_override="Test")
    # The next edit of the title does not ask again about the kept revision note.
    plans.update_plan(db, saved, replace(saved.as_input(), title="Lokal plan 2025"))


def test_a_follow_up_note_is_guarded(db: Database, area: AreaRow) -> None:
    row = plan_items.add_activity(db, area.id, ActivityInput(title="Kartlägg"))
    entry = FollowUpInput(dt.date(2025, 3, 14), ActivityStatus.IN_PROGRESS, 40, f"Ringt {SPACED}")
    with pytest.raises(PrivacyWarning) as caught:
        follow_ups.add_follow_up(db, row.id, entry)
    assert "Uppföljning" in str(caught.value)
    assert follow_ups.list_follow_ups(db, row.id) == []
    follow_ups.add_follow_up(db, row.id, entry, privacy_override="Fiktivt")
    assert len(follow_ups.list_follow_ups(db, row.id)) == 1


def test_action_items_are_guarded_like_the_decision_they_belong_to(
    db: Database, group_id: int
) -> None:
    meeting = meetings.create_meeting(db, group_id, MeetingInput(held_on=TODAY))
    item = agenda.add_item(db, meeting.id, ItemInput(title="Fast vårdkontakt"))
    with pytest.raises(PrivacyWarning) as caught:
        actions.add_action(db, item.id, ActionInput(what=f"Ring {SPACED}"))
    assert "Åtgärd" in str(caught.value) and MASKED in str(caught.value)
    assert actions.actions_of_item(db, item.id) == []
    row = actions.add_action(db, item.id, ActionInput(what="Ta fram rutin"))
    with pytest.raises(PrivacyWarning) as caught:
        actions.update_action(
            db, row.id, replace(row.as_input(), who=f"Kurator {SPACED}"), row.version
        )
    assert "Ansvarig" in str(caught.value)
    # Marking it done later does not ask about text kept with a reason before.
    kept = actions.update_action(
        db,
        row.id,
        replace(row.as_input(), who=f"Kurator {SPACED}"),
        row.version,
        privacy_override="Fingerat",
    )
    done = actions.update_action(db, kept.id, replace(kept.as_input(), done=True), kept.version)
    assert done.done and done.who == f"Kurator {SPACED}"
