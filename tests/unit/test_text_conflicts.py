"""Two secretaries autosaving the same agenda item (two apps on one server, or two windows on
one file): a note or decision saved by one is never overwritten by the other's autosave,
which is refused with the stored text to merge with; the same secretary's autosaves go on."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.errors import TextConflictError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingInput
from naravard_desktop.services.system.database import Database


@pytest.fixture
def item(db: Database) -> ItemData:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 5, 17)))
    return agenda.add_item(db, meeting.id, ItemInput(title="Fast vårdkontakt"))


def stored(db: Database, item: ItemData) -> ItemData:
    return next(i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id)


def test_a_note_saved_elsewhere_is_not_overwritten_by_an_old_autosave(
    db: Database, other: Database, item: ItemData
) -> None:
    mine = agenda.save_text(
        db, item.id, "notes", "Åsa redovisar", base_version=item.version, base_text=""
    )
    assert not mine.changed_elsewhere
    theirs = agenda.save_text(
        other,
        item.id,
        "notes",
        "Rutinen prövas på två enheter.",
        base_version=mine.version,
        base_text="Åsa redovisar",
    )
    with pytest.raises(TextConflictError) as raised:
        agenda.save_text(
            db,
            item.id,
            "notes",
            "Åsa redovisar läget.",
            base_version=mine.version,
            base_text="Åsa redovisar",
        )
    conflict = raised.value
    assert (conflict.field, conflict.theirs, conflict.version) == (
        "notes",
        "Rutinen prövas på två enheter.",
        theirs.version,
    )
    assert "Anteckningar sparades av någon annan" in conflict.message
    assert stored(db, item).notes == "Rutinen prövas på två enheter."
    # Merged knowingly: saved against the text and version the conflict named.
    merged = "Rutinen prövas på två enheter.\nÅsa redovisar läget."
    agenda.save_text(
        db, item.id, "notes", merged, base_version=conflict.version, base_text=conflict.theirs
    )
    assert stored(other, item).notes == merged


def test_a_draft_of_unknown_base_is_not_saved_over_a_changed_text(
    db: Database, other: Database, item: ItemData
) -> None:
    """A draft left by a crash knows only the version it was typed on."""
    agenda.save_text(other, item.id, "decision", "Gruppen beslutar att anta planen.")
    with pytest.raises(TextConflictError):
        agenda.save_text(
            db, item.id, "decision", "Skrivet före kraschen", base_version=item.version
        )
    assert stored(db, item).decision == "Gruppen beslutar att anta planen."


def test_repeated_autosaves_of_one_secretary_go_on(db: Database, item: ItemData) -> None:
    version, text = item.version, ""
    for typed in ("Gruppen", "Gruppen beslutar", "Gruppen beslutar att anta planen."):
        saved = agenda.save_text(
            db, item.id, "decision", typed, base_version=version, base_text=text
        )
        assert not saved.changed_elsewhere
        version, text = saved.version, typed
    assert stored(db, item).decision == "Gruppen beslutar att anta planen."
    assert stored(db, item).version == version


def test_another_field_changed_elsewhere_is_no_conflict(
    db: Database, other: Database, item: ItemData
) -> None:
    renamed = agenda.update_item(
        other, item.id, ItemInput(title="Fast vårdkontakt och uppföljning"), item.version
    )
    agenda.save_text(other, item.id, "decision", "Beslut från den andra datorn.")
    saved = agenda.save_text(
        db, item.id, "notes", "Åsa redovisar.", base_version=item.version, base_text=""
    )
    assert saved.changed_elsewhere and saved.version > renamed.version
    after = stored(db, item)
    assert (after.title, after.notes, after.decision) == (
        "Fast vårdkontakt och uppföljning",
        "Åsa redovisar.",
        "Beslut från den andra datorn.",
    )


def test_the_same_text_saved_elsewhere_is_no_conflict(
    db: Database, other: Database, item: ItemData
) -> None:
    agenda.save_text(other, item.id, "notes", "Samma text")
    saved = agenda.save_text(
        db, item.id, "notes", "Samma text  ", base_version=item.version, base_text=""
    )
    assert stored(db, item).notes == "Samma text" and saved.changed_elsewhere
