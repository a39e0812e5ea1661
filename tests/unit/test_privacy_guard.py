"""Notes, decisions and plan activities holding a personnummer are refused until the user
gives a reason; what was saved before stays as it was, and the reason goes to the log."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingInput
from naravard_desktop.services.plan import plan_import, plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import PrivacyWarning, luhn_check_digit

# Made up here: a date, a serial and the check digit computed by the app's Luhn function.
NUMBER = "780214-035" + str(luhn_check_digit("780214035"))
OTHER = "19560607" + "271" + str(luhn_check_digit("560607271"))


@pytest.fixture
def item(db: Database) -> ItemData:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 5, 17)))
    return agenda.add_item(db, meeting.id, ItemInput(title="Fast vårdkontakt"))


def test_autosave_refuses_a_number_and_keeps_the_saved_notes(db: Database, item: ItemData) -> None:
    agenda.save_text(db, item.id, "notes", "Gruppen diskuterade rutiner.")
    with pytest.raises(PrivacyWarning) as caught:
        agenda.save_text(db, item.id, "notes", f"Gruppen diskuterade {NUMBER}.")
    assert "Anteckningar" in str(caught.value)
    assert [m.text for m in caught.value.matches["notes"]] == [NUMBER]
    (stored,) = [i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id]
    assert stored.notes == "Gruppen diskuterade rutiner."


def test_with_a_reason_the_text_is_saved_logged_and_not_asked_about_again(
    db: Database, item: ItemData, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        agenda.save_text(
            db,
            item.id,
            "decision",
            f"Beslut om {NUMBER}",
            privacy_override="Numret är fiktivt (utbildningsexempel)",
        )
    assert f"agenda item {item.id}" in caplog.text and "utbildningsexempel" in caplog.text
    assert NUMBER not in caplog.text
    # The next autosaves of the same text (more typed after it) pass without a reason ...
    agenda.save_text(db, item.id, "decision", f"Beslut om {NUMBER} och mer text")
    # ... but a second number is asked about.
    with pytest.raises(PrivacyWarning) as caught:
        agenda.save_text(db, item.id, "decision", f"Beslut om {NUMBER} och {OTHER}")
    assert [m.text for m in caught.value.matches["decision"]] == [OTHER]
    (stored,) = [i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id]
    assert stored.decision == f"Beslut om {NUMBER} och mer text"


def test_adding_and_editing_items_check_every_free_text(db: Database, item: ItemData) -> None:
    before = len(agenda.list_items(db, item.meeting_id))
    with pytest.raises(PrivacyWarning):
        agenda.add_item(db, item.meeting_id, ItemInput(title="Ärende", decision=f"Se {NUMBER}"))
    assert len(agenda.list_items(db, item.meeting_id)) == before
    with pytest.raises(PrivacyWarning):
        agenda.update_item(
            db, item.id, replace(item.as_input(), notes=f"Gäller {OTHER}"), item.version
        )
    saved = agenda.update_item(
        db,
        item.id,
        replace(item.as_input(), notes=f"Gäller {OTHER}"),
        item.version,
        privacy_override="Samordningsnummer i en fiktiv övning",
    )
    assert saved.notes == f"Gäller {OTHER}"


def test_plan_activity_descriptions_are_guarded_and_undo_restores_them(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan"))
    area = plan_items.add_area(db, plan.id, AreaInput("Fast vårdkontakt"))
    data = ActivityInput(title="Kartlägg", description=f"Exempel: {NUMBER}")
    with pytest.raises(PrivacyWarning) as caught:
        plan_items.add_activity(db, area.id, data)
    assert "Beskrivning" in str(caught.value)
    assert plan_items.count_activities(db, plan.id) == 0
    row = plan_items.add_activity(db, area.id, data, privacy_override="Fiktivt exempel")
    with pytest.raises(PrivacyWarning):
        plan_items.update_activity(db, row, replace(data, description=f"{NUMBER} {OTHER}"))
    assert plan_items.get_activity(db, row.id).description == f"Exempel: {NUMBER}"
    # Deleting and undoing puts the text back as it was, without asking again.
    snapshot = plan_items.delete_activity(db, row.id)
    again = plan_items.restore_activity(db, snapshot)
    assert again.description == f"Exempel: {NUMBER}"


def test_an_imported_plan_with_a_number_is_refused_until_a_reason_is_given(
    db: Database, tmp_path: Path
) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    source = tmp_path / "plan.csv"
    source.write_text(
        "Område;Aktivitet;Beskrivning\n"
        "Fast vårdkontakt;Kartlägg;Alla enheter\n"
        f";Följ upp;Exempel {NUMBER}\n",
        encoding="utf-8",
    )
    preview = plan_import.read_plan_file(source)
    with pytest.raises(PrivacyWarning) as caught:
        plan_import.apply_import(db, group.id, preview)
    assert "rad 3" in str(caught.value) and "Beskrivning" in str(caught.value)
    assert plans.list_plans(db, group.id) == []
    plan = plan_import.apply_import(db, group.id, preview, privacy_override="Fiktivt exempel")
    assert plan.activities == 2
