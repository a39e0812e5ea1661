"""Decision register and full-text search over agenda items."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.db.enums import Role
from naravard_desktop.documents import meeting_files
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import agenda, decisions, meetings
from naravard_desktop.services.meetings.read_models import (
    ItemInput,
    MeetingData,
    MeetingInput,
    snippet,
)
from naravard_desktop.services.system.database import Database


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))


def _meeting(db: Database, group_id: int, day: dt.date) -> MeetingData:
    return meetings.create_meeting(db, group_id, MeetingInput(held_on=day))


def _decide(db: Database, meeting_id: int, title: str, decision: str, notes: str = "") -> int:
    item = agenda.add_item(db, meeting_id, ItemInput(title=title, notes=notes))
    agenda.save_text(db, item.id, "decision", decision)
    return item.id


@pytest.fixture
def register(db: Database, group: GroupData) -> dict[str, int]:
    """Two meetings in 2023 and 2024 with decisions; a second group with its own."""
    first = _meeting(db, group.id, dt.date(2023, 11, 8))
    second = _meeting(db, group.id, dt.date(2024, 3, 14))
    ids = {
        "first": first.id,
        "second": second.id,
        "rutin": _decide(
            db, first.id, "Fast vårdkontakt", "Gruppen fastställer rutinen för fast vårdkontakt."
        ),
        "sip": _decide(
            db,
            second.id,
            "SIP-uppföljning tertial 3",
            "Lägesrapporten godkänns.",
            notes="Antalet SIP:ar har ökat; elevhälsan deltar oftare.",
        ),
        "plan": _decide(db, second.id, "Lokal plan 2024", "Planen antas."),
    }
    other = groups.create_group(db, GroupInput(name="Samverkan Norrby"))
    other_meeting = _meeting(db, other.id, dt.date(2024, 3, 14))
    ids["other"] = _decide(db, other_meeting.id, "Fast vårdkontakt i Norrby", "Planen antas.")
    return ids


def test_register_lists_decisions_newest_meeting_first_in_agenda_order(
    db: Database, group: GroupData, register: dict[str, int]
) -> None:
    rows = decisions.list_decisions(db, group.id)
    assert [r.item_id for r in rows] == [register["sip"], register["plan"], register["rutin"]]
    sip = rows[0]
    assert sip.held_on == dt.date(2024, 3, 14)
    assert sip.decision == "Lägesrapporten godkänns."
    # § numbers continue through the year: the 2024 meeting has 7 standard items before
    # "Övriga frågor", so the added items are § 5 and § 6 (inserted before the closing ones).
    items = agenda.list_items(db, register["second"])
    by_id = {i.id: i.paragraph for i in items}
    assert sip.paragraph == by_id[register["sip"]] == 5
    assert rows[1].paragraph == 6
    # Items without a decision (the standard ones) are not in the register.
    assert all(r.decision for r in rows)


def test_register_filters_by_year_and_text(
    db: Database, group: GroupData, register: dict[str, int]
) -> None:
    assert [r.item_id for r in decisions.list_decisions(db, group.id, year=2023)] == [
        register["rutin"]
    ]
    assert decisions.list_decisions(db, group.id, year=2022) == []
    found = decisions.list_decisions(db, group.id, text="  PLANEN ")
    assert [r.item_id for r in found] == [register["plan"]]
    found = decisions.list_decisions(db, group.id, year=2024, text="vårdkontakt")
    assert found == []
    assert decisions.decision_years(db, group.id) == [2024, 2023]


def test_search_finds_titles_notes_and_decisions_of_this_group_only(
    db: Database, group: GroupData, register: dict[str, int]
) -> None:
    hits = decisions.search_items(db, group.id, "vårdkontakt")
    assert [h.item_id for h in hits] == [register["rutin"]]
    assert hits[0].meeting_id == register["first"]
    assert "fast vårdkontakt" in hits[0].snippet

    hits = decisions.search_items(db, group.id, "elevhälsa")  # a prefix of "elevhälsan"
    assert [h.item_id for h in hits] == [register["sip"]]
    assert hits[0].snippet.startswith("Antalet SIP:ar")
    assert hits[0].paragraph == 5

    assert decisions.search_items(db, group.id, "") == []
    assert decisions.search_items(db, group.id, "finnsinte") == []
    # Quotes and operators are plain words, never an FTS5 syntax error.
    assert [h.item_id for h in decisions.search_items(db, group.id, '"planen" (')] == [
        register["plan"]
    ]


def test_search_after_a_decision_changes(
    db: Database, group: GroupData, register: dict[str, int]
) -> None:
    agenda.save_text(db, register["plan"], "decision", "Planen återremitteras.")
    assert [h.item_id for h in decisions.search_items(db, group.id, "återremitteras")] == [
        register["plan"]
    ]
    assert decisions.search_items(db, group.id, "antas") == []


def test_register_marks_approved_protocols(db: Database, group: GroupData) -> None:
    chair = add_member(db, group.id, MemberInput(name="Anna Berg", role=Role.CHAIR))
    adjuster = add_member(db, group.id, MemberInput(name="Erik Lund"))
    meeting = meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=dt.date(2024, 5, 17),
            chair_id=chair.person_id,
            adjuster1_id=adjuster.person_id,
        ),
    )
    _decide(db, meeting.id, "Budget", "Budgeten fastställs.")
    meeting_files.approve(db, meeting.id, "Anna Berg", dt.date(2024, 5, 20))
    [row] = decisions.list_decisions(db, group.id)
    assert row.approved


def test_snippet_cuts_around_the_first_word_on_one_line() -> None:
    text = "Inledning. " + "ord " * 80 + "Beslut om\nsamverkan fattas. " + "slut " * 60
    piece = snippet("samverkan", text)
    assert piece.startswith("… ")
    assert piece.endswith(" …")
    assert "Beslut om samverkan fattas." in piece
    assert "\n" not in piece
    assert snippet("saknas", "", "Kort text") == "Kort text"
    assert snippet("x") == ""
