"""Meetings: template, attendance, agenda, numbering, action items, approval and corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from naravard_desktop.db.enums import AttendanceStatus, ParagraphNumbering, Role
from naravard_desktop.documents import meeting_files
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import actions, agenda, approval, attendance, meetings
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.meetings.read_models import (
    ActionInput,
    AttendanceInput,
    ItemInput,
    MeetingData,
    MeetingInput,
)
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))


@pytest.fixture
def people(db: Database, group: GroupData) -> dict[str, int]:
    """Invented members; returns name → person id."""
    start = dt.date(2023, 1, 1)
    rows = [
        ("Anna Berg", Role.CHAIR),
        ("Erik Lund", Role.MEMBER),
        ("Per Ek", Role.MEMBER),
        ("Sara Holm", Role.SUBSTITUTE),
        ("Lisa Nord", Role.SECRETARY),
        ("Jonas Ås", Role.COOPTED),
    ]
    found = {}
    for name, role in rows:
        row = add_member(db, group.id, MemberInput(name=name, role=role, active_from=start))
        found[name] = row.person_id
    # Someone who left before the meeting is not on the attendance list.
    gone = add_member(
        db,
        group.id,
        MemberInput(name="Gustav Myr", active_from=start, active_to=DAY.replace(month=1)),
    )
    found["Gustav Myr"] = gone.person_id
    return found


def _meeting(
    db: Database, group: GroupData, people: dict[str, int], day: dt.date = DAY
) -> MeetingData:
    return meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            starts_at=dt.time(13, 0),
            ends_at=dt.time(15, 30),
            place="Kommunhuset, sal Ljusnan",
            chair_id=people["Anna Berg"],
            secretary_id=people["Lisa Nord"],
            adjuster1_id=people["Erik Lund"],
        ),
    )


def test_new_meeting_has_the_standard_items_and_prefilled_attendance(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    titles = [i.title for i in agenda.list_items(db, meeting.id)]
    assert titles == [
        "Mötets öppnande",
        "Val av justerare",
        "Fastställande av dagordning",
        "Föregående protokoll",
        "Övriga frågor",
        "Nästa möte",
        "Mötets avslutande",
    ]
    rows = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    assert "Gustav Myr" not in rows
    assert rows["Anna Berg"].status == AttendanceStatus.PRESENT
    assert rows["Jonas Ås"].status == AttendanceStatus.COOPTED


def test_english_groups_get_english_standard_items(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    groups.update_group(
        db, group.id, GroupInput(name=group.name, protocol_language="en"), group.version
    )
    meeting = _meeting(db, group, people)
    assert agenda.list_items(db, meeting.id)[0].title == "Opening of the meeting"


def test_bad_meeting_input_is_refused_with_every_problem(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught:
        meetings.create_meeting(
            db,
            group.id,
            MeetingInput(
                held_on=None,
                starts_at=dt.time(15, 0),
                ends_at=dt.time(13, 0),
                chair_id=people["Anna Berg"],
                adjuster1_id=people["Anna Berg"],
            ),
        )
    assert {"held_on", "ends_at", "adjuster1_id"} <= set(caught.value.fields)
    assert caught.value.fields["ends_at"] == (
        "Mötet kan inte sluta innan det börjar. Kontrollera tiderna."
    )
    assert meetings.list_meetings(db, group.id) == []


def test_two_meetings_the_same_day_are_allowed_and_counted(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    first = _meeting(db, group, people)
    _meeting(db, group, people)
    assert meetings.same_day_meetings(db, group.id, DAY, exclude=first.id) == 1


def test_paragraphs_run_through_the_year_and_restart_per_meeting_when_set(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    march = _meeting(db, group, people, dt.date(2024, 3, 1))
    may = _meeting(db, group, people, DAY)
    next_year = _meeting(db, group, people, dt.date(2025, 2, 1))
    assert [i.paragraph for i in agenda.list_items(db, march.id)] == list(range(1, 8))
    assert [i.paragraph for i in agenda.list_items(db, may.id)] == list(range(8, 15))
    assert agenda.list_items(db, next_year.id)[0].paragraph == 1
    listed = {m.id: m for m in meetings.list_meetings(db, group.id)}
    assert (listed[may.id].first_paragraph, listed[may.id].last_paragraph) == (8, 14)
    assert listed[may.id].number == "2024:2"

    fresh = groups.get_group(db, group.id)
    groups.update_group(
        db,
        group.id,
        GroupInput(name=fresh.name, paragraph_numbering=ParagraphNumbering.PER_MEETING),
        fresh.version,
    )
    assert agenda.list_items(db, may.id)[0].paragraph == 1


def test_items_add_move_and_running_time(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    added = agenda.add_item(
        db,
        meeting.id,
        ItemInput(title="Uppföljning av lokal plan", presenter="Sara Holm", planned_minutes=30),
    )
    items = agenda.list_items(db, meeting.id)
    assert [i.title for i in items].index("Uppföljning av lokal plan") == 4  # before closing
    assert added.paragraph == 5
    moved = agenda.move_item(db, added.id, 0)
    assert moved[0].id == added.id and moved[0].paragraph == 1
    assert moved[0].planned_start == dt.time(13, 0)
    assert moved[1].planned_start == dt.time(13, 30)


def test_item_validation_and_huge_notes(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    with pytest.raises(ValidationError) as caught:
        agenda.add_item(db, meeting.id, ItemInput(title=" ", planned_minutes=-5))
    assert set(caught.value.fields) == {"title", "planned_minutes"}
    item = agenda.list_items(db, meeting.id)[0]
    long_note = "Anteckning med emoji 🙂 och עברית och العربية. " * 4000
    agenda.save_text(db, item.id, "notes", long_note)
    assert agenda.list_items(db, meeting.id)[0].notes == long_note.strip()
    with pytest.raises(ValidationError):
        agenda.save_text(db, item.id, "notes", "x" * (agenda.TEXT_LIMIT + 1))


def test_stale_item_update_is_refused(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    item = agenda.list_items(db, meeting.id)[0]
    agenda.update_item(db, item.id, ItemInput(title="Öppnande"), item.version)
    with pytest.raises(StaleEditError):
        agenda.update_item(db, item.id, ItemInput(title="Annat"), item.version)


def test_attendance_substitute_guest_and_partial(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    rows = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    attendance.set_attendance(
        db, rows["Per Ek"].id, AttendanceInput(AttendanceStatus.ABSENT), rows["Per Ek"].version
    )
    with pytest.raises(ValidationError) as caught:
        attendance.set_attendance(
            db,
            rows["Sara Holm"].id,
            AttendanceInput(AttendanceStatus.SUBSTITUTE),
            rows["Sara Holm"].version,
        )
    assert "substitute_for_id" in caught.value.fields
    sub = attendance.set_attendance(
        db,
        rows["Sara Holm"].id,
        AttendanceInput(AttendanceStatus.SUBSTITUTE, substitute_for_id=people["Per Ek"]),
        rows["Sara Holm"].version,
    )
    assert sub.substitute_for == "Per Ek"
    guest = attendance.add_guest(
        db,
        meeting.id,
        "Kim Varg",
        "Länsstyrelsen",
        AttendanceInput(AttendanceStatus.GUEST, from_paragraph=5),
    )
    assert guest.is_guest and guest.from_paragraph == 5
    with pytest.raises(ValidationError):
        attendance.add_guest(db, meeting.id, "  ")


def test_open_actions_carry_to_the_next_meeting_until_done(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    march = _meeting(db, group, people, dt.date(2024, 3, 1))
    may = _meeting(db, group, people, DAY)
    item = agenda.list_items(db, march.id)[3]
    action = actions.add_action(
        db, item.id, ActionInput("Ta fram rutin för fast vårdkontakt", "Sara Holm", DAY)
    )
    carried = actions.open_actions_before(db, may.id)
    assert [a.what for a in carried] == ["Ta fram rutin för fast vårdkontakt"]
    data = protocol_data(db, may.id)
    previous = next(i for i in data.items if i.standard_key == "previous_minutes")
    assert previous.carried_actions[0].from_paragraph == 4
    actions.update_action(db, action.id, replace(action.as_input(), done=True), action.version)
    assert actions.open_actions(db, group.id) == []


def test_approval_locks_the_meeting_and_stores_the_pdf(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    item = agenda.list_items(db, meeting.id)[1]
    agenda.update_item(
        db,
        item.id,
        replace(item.as_input(), decision="Erik Lund utses att justera."),
        item.version,
    )
    revision = meeting_files.approve(
        db, meeting.id, "Anna Berg och Erik Lund", DAY + dt.timedelta(days=3)
    )
    assert revision.revision == 1
    pdf = approval.stored_pdf(db, meeting.id)
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert approval.sha256_of(pdf) == revision.sha256
    found = approval.verify_pdf(db, pdf)
    assert found is not None and found.meeting_id == meeting.id and found.latest
    assert approval.verify_pdf(db, pdf[:-10] + b"tampered!!") is None
    with pytest.raises(DomainError, match="justerat och låst"):
        agenda.save_text(db, item.id, "decision", "Ändrat i efterhand")
    with pytest.raises(DomainError):
        agenda.add_item(db, meeting.id, ItemInput(title="Ny punkt"))
    with pytest.raises(DomainError):
        meetings.delete_meeting(db, meeting.id)
    assert meetings.get_meeting(db, meeting.id).locked


def test_approval_is_refused_with_an_absent_adjuster_and_nothing_changes(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    rows = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    erik = rows["Erik Lund"]
    attendance.set_attendance(db, erik.id, AttendanceInput(AttendanceStatus.ABSENT), erik.version)
    with pytest.raises(DomainError, match="Erik Lund"):
        meeting_files.approve(db, meeting.id, "Anna Berg", DAY)
    assert not meetings.get_meeting(db, meeting.id).locked
    assert approval.revisions(db, meeting.id) == []


def test_a_correction_is_a_new_visible_revision(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    first = meeting_files.approve(db, meeting.id, "Anna Berg", DAY)
    first_pdf = approval.stored_pdf(db, meeting.id)
    paragraphs = [i.paragraph for i in agenda.list_items(db, meeting.id)]
    with pytest.raises(ValidationError):
        approval.start_correction(db, meeting.id, " ")
    approval.start_correction(db, meeting.id, "Fel datum för nästa möte")
    item = agenda.list_items(db, meeting.id)[5]
    agenda.save_text(db, item.id, "decision", "Nästa möte hålls 2024-09-12.")
    assert protocol_data(db, meeting.id).revision == 2
    second = meeting_files.approve(db, meeting.id, "Anna Berg", DAY + dt.timedelta(days=7))
    assert (second.revision, second.reason) == (2, "Fel datum för nästa möte")
    assert [i.paragraph for i in agenda.list_items(db, meeting.id)] == paragraphs
    assert first_pdf is not None
    old = approval.verify_pdf(db, first_pdf)
    assert old is not None and old.revision == 1 and not old.latest
    assert first.sha256 != second.sha256


def test_the_chair_cannot_be_either_adjuster(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught:
        meetings.create_meeting(
            db,
            group.id,
            MeetingInput(
                held_on=DAY,
                chair_id=people["Anna Berg"],
                adjuster1_id=people["Erik Lund"],
                adjuster2_id=people["Anna Berg"],
            ),
        )
    assert set(caught.value.fields) == {"adjuster2_id"}


def test_a_correction_under_way_shows_its_reason(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    meeting_files.approve(db, meeting.id, "Anna Berg", DAY)
    approval.start_correction(db, meeting.id, "Stavfel i § 3")
    assert meetings.get_meeting(db, meeting.id).correction_reason == "Stavfel i § 3"
