"""Justering rules (services/meetings/approval.py, the one place for GUI, CLI and services): the
meeting has been held, the date of approval lies between the meeting day and today, the chair and
the adjusters are recorded as present; each refusal names what to fix and changes nothing. And the
demo approves its meetings in date order, so its stored protocols are plausible."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from pypdf import PdfReader

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState, Role
from naravard_desktop.documents import meeting_files
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import format_date
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import actions, agenda, approval, attendance, meetings
from naravard_desktop.services.meetings.read_models import (
    AttendanceInput,
    AttendanceRow,
    MeetingData,
    MeetingInput,
)
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)
TODAY = dt.date(2024, 6, 3)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))


@pytest.fixture
def people(db: Database, group: GroupData) -> dict[str, int]:
    found = {}
    for name, role in (
        ("Anna Berg", Role.CHAIR),
        ("Erik Lund", Role.MEMBER),
        ("Maja Fors", Role.MEMBER),
        ("Lisa Nord", Role.SECRETARY),
        ("Sara Holm", Role.SUBSTITUTE),
    ):
        row = add_member(
            db, group.id, MemberInput(name=name, role=role, active_from=dt.date(2023, 1, 1))
        )
        found[name] = row.person_id
    return found


def _meeting(
    db: Database,
    group: GroupData,
    people: dict[str, int],
    day: dt.date = DAY,
    second_adjuster: str | None = None,
) -> MeetingData:
    return meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            chair_id=people["Anna Berg"],
            secretary_id=people["Lisa Nord"],
            adjuster1_id=people["Erik Lund"],
            adjuster2_id=people[second_adjuster] if second_adjuster else None,
        ),
    )


def _attendance(db: Database, meeting_id: int) -> dict[str, AttendanceRow]:
    return {r.name: r for r in attendance.list_attendance(db, meeting_id)}


def _refused(db: Database, meeting_id: int, day: dt.date, today: dt.date | None = TODAY) -> str:
    with pytest.raises(DomainError) as caught:
        meeting_files.approve(db, meeting_id, "Anna Berg och Erik Lund", day, today=today)
    assert meetings.get_meeting(db, meeting_id).state == ProtocolState.DRAFT
    assert approval.revisions(db, meeting_id) == []
    assert approval.stored_pdf(db, meeting_id) is None
    return caught.value.message


# --- the meeting day and the date of approval ------------------------------------------------


def test_a_meeting_two_months_ahead_cannot_be_approved(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    ahead = dt.date.today() + dt.timedelta(days=60)
    meeting = _meeting(db, group, people, ahead)
    message = _refused(db, meeting.id, ahead + dt.timedelta(days=2), today=None)
    assert message == (
        f"Mötet hålls den {format_date(ahead)} och kan inte justeras förrän det har hållits. "
        "Justera protokollet tidigast på mötesdagen."
    )
    [row] = meetings.list_meetings(db, group.id)
    assert row.state == ProtocolState.DRAFT


def test_a_date_of_approval_after_today_is_refused(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    assert _refused(db, meeting.id, TODAY + dt.timedelta(days=1)) == (
        "Justeringsdatumet 2024-06-04 ligger efter dagens datum (2024-06-03): ange det datum "
        "då protokollet justerades, senast i dag."
    )
    # Without `today` the real date is today.
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert "ligger efter dagens datum" in _refused(db, meeting.id, tomorrow, today=None)


def test_a_date_of_approval_before_the_meeting_is_refused(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    assert _refused(db, meeting.id, DAY - dt.timedelta(days=1)) == (
        "Justeringsdatumet 2024-05-16 ligger före mötesdagen (17 maj 2024): ett protokoll "
        "justeras tidigast samma dag som mötet hålls. Ange mötesdagen eller ett senare datum."
    )


@pytest.mark.parametrize("day", [DAY, TODAY], ids=["the meeting day", "today"])
def test_the_meeting_day_and_today_are_both_allowed(
    db: Database, group: GroupData, people: dict[str, int], day: dt.date
) -> None:
    meeting = _meeting(db, group, people)
    assert approval.approval_problems(db, meeting.id, day, today=TODAY) == []
    revision = meeting_files.approve(db, meeting.id, "Anna Berg", day, today=TODAY)
    assert revision.approved_at.date() == day
    assert meetings.get_meeting(db, meeting.id).locked


# --- who must be present ---------------------------------------------------------------------


def test_the_chair_recorded_as_absent_is_refused_by_name(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    anna = _attendance(db, meeting.id)["Anna Berg"]
    attendance.set_attendance(db, anna.id, AttendanceInput(AttendanceStatus.ABSENT), anna.version)
    assert _refused(db, meeting.id, TODAY) == (
        "Ordföranden Anna Berg är inte antecknad som närvarande: ändra närvaron eller välj en "
        "annan ordförande."
    )


def test_a_chair_missing_from_the_attendance_list_is_not_present(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    anna = _attendance(db, meeting.id)["Anna Berg"]
    attendance.remove_attendance(db, anna.id, anna.version)
    assert "Ordföranden Anna Berg är inte antecknad som närvarande" in _refused(
        db, meeting.id, TODAY
    )


def test_every_adjuster_must_be_recorded_as_present(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people, second_adjuster="Maja Fors")
    rows = _attendance(db, meeting.id)
    attendance.remove_attendance(db, rows["Erik Lund"].id, rows["Erik Lund"].version)
    maja = rows["Maja Fors"]
    attendance.set_attendance(db, maja.id, AttendanceInput(AttendanceStatus.ABSENT), maja.version)
    message = _refused(db, meeting.id, TODAY)
    assert message == (
        "Justeraren Erik Lund är inte antecknad som närvarande: ändra närvaron eller välj en "
        "annan justerare. Justeraren Maja Fors är inte antecknad som närvarande: ändra "
        "närvaron eller välj en annan justerare."
    )
    # The same problems, one by one, for the dialog.
    problems = approval.approval_problems(db, meeting.id, TODAY, today=TODAY)
    assert [p.field for p in problems] == ["", ""]
    assert " ".join(p.message for p in problems) == message


def test_present_for_part_of_the_meeting_or_as_a_substitute_counts(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people, second_adjuster="Sara Holm")
    rows = _attendance(db, meeting.id)
    attendance.set_attendance(
        db,
        rows["Anna Berg"].id,
        AttendanceInput(AttendanceStatus.PRESENT, from_paragraph=3),
        rows["Anna Berg"].version,
    )
    attendance.set_attendance(
        db,
        rows["Sara Holm"].id,
        AttendanceInput(AttendanceStatus.SUBSTITUTE, substitute_for_id=people["Maja Fors"]),
        rows["Sara Holm"].version,
    )
    meeting_files.approve(db, meeting.id, "Anna Berg, Erik Lund och Sara Holm", TODAY, today=TODAY)
    assert meetings.get_meeting(db, meeting.id).locked


def test_the_date_problem_is_marked_for_the_date_field_and_all_are_named_at_once(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    anna = _attendance(db, meeting.id)["Anna Berg"]
    attendance.set_attendance(db, anna.id, AttendanceInput(AttendanceStatus.ABSENT), anna.version)
    problems = approval.approval_problems(db, meeting.id, DAY - dt.timedelta(days=3), TODAY)
    assert [p.field for p in problems] == ["approved_on", ""]
    assert problems[0].message.startswith("Justeringsdatumet 2024-05-14 ligger före")
    assert problems[1].message.startswith("Ordföranden Anna Berg")


# --- the demo ------------------------------------------------------------------------------


DEMO_TODAY = dt.date(2025, 3, 14)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.demo(DEMO_TODAY)
def test_the_demo_approves_its_meetings_in_date_order_between_meeting_day_and_today(
    db: Database, demo_group: GroupData
) -> None:
    created = demo_group
    held = sorted(meetings.list_meetings(db, created.id), key=lambda m: m.held_on)
    approved = [m for m in held if m.state == ProtocolState.APPROVED]
    assert len(approved) == 6 and held[-1].state == ProtocolState.DRAFT
    approval_days = []
    for meeting in approved:
        [revision] = approval.revisions(db, meeting.id)
        day = revision.approved_at.date()
        assert meeting.held_on < day <= DEMO_TODAY
        approval_days.append(day)
    assert approval_days == sorted(approval_days)
    assert approval_days[0] < approved[1].held_on  # approved before the next meeting


@pytest.mark.demo(DEMO_TODAY)
def test_no_stored_demo_protocol_shows_an_action_done_after_its_approval(
    db: Database, demo_group: GroupData
) -> None:
    created = demo_group
    held = [m for m in meetings.list_meetings(db, created.id) if m.state == ProtocolState.APPROVED]
    every_action = [
        action
        for meeting in held
        for item in agenda.list_items(db, meeting.id)
        for action in actions.actions_of_item(db, item.id)
    ]
    done_later = 0
    for meeting in held:
        [revision] = approval.revisions(db, meeting.id)
        approved_on = revision.approved_at.date()
        pdf = approval.stored_pdf(db, meeting.id)
        assert pdf is not None
        lines = _pdf_text(pdf).splitlines()
        for action in every_action:
            assert action.due_on is not None
            start = f"• {action.what} — {action.who} — {action.due_on.isoformat()}"
            for line in (line for line in lines if line.startswith(start)):
                after_due = line.removeprefix(start).strip()
                marked_done = bool(after_due) and not after_due.startswith("(från")
                done_then = action.done_on is not None and action.done_on <= approved_on
                assert marked_done == done_then, (meeting.held_on, approved_on, line)
                done_later += bool(action.done_on and action.done_on > approved_on)
    # The demo has actions carried out after the protocol that set them was approved.
    assert done_later >= 2
    assert any(a.done for a in every_action) and not all(a.done for a in every_action)


@pytest.mark.demo(DEMO_TODAY)
def test_every_stored_demo_protocol_names_the_next_meeting(
    db: Database, demo_group: GroupData
) -> None:
    """Each demo meeting was planned at the one before, so its approved protocol's "Nästa
    möte" names the meeting that followed (planned by the time it was approved)."""
    created = demo_group
    held = sorted(meetings.list_meetings(db, created.id), key=lambda m: m.held_on)
    for meeting, following in itertools.pairwise(held):
        assert meeting.state == ProtocolState.APPROVED
        pdf = approval.stored_pdf(db, meeting.id)
        assert pdf is not None
        text = " ".join(_pdf_text(pdf).split())
        assert f"Nästa möte hålls den {format_date(following.held_on)}, kl. 13.00" in text
