"""Two clients on one database (two windows on a region's server, or two copies of the app
on a shared file): each editable kind refuses the stale save of the client that read first,
and the other client's value stays. Issue 16, points 4 and 7."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from naravard_desktop.db.enums import (
    ActivityStatus,
    AttendanceStatus,
    CategoryKind,
    PeriodKind,
    Role,
)
from naravard_desktop.errors import StaleEditError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import actions, agenda, attendance, meetings
from naravard_desktop.services.meetings.read_models import (
    ActionInput,
    AttendanceInput,
    MeetingData,
    MeetingInput,
)
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))


@pytest.fixture
def meeting(db: Database, group: GroupData) -> MeetingData:
    members.add_member(db, group.id, MemberInput(name="Anna Berg", role=Role.CHAIR))
    return meetings.create_meeting(db, group.id, MeetingInput(held_on=DAY, place="Rum 1"))


# --- the group and its members ------------------------------------------------------------


def test_group(db: Database, other: Database, group: GroupData) -> None:
    seen = groups.get_group(db, group.id)
    theirs = groups.get_group(other, group.id)
    groups.update_group(other, group.id, GroupInput(name="Samverkan Bergsjö"), theirs.version)
    with pytest.raises(StaleEditError):
        groups.update_group(db, group.id, GroupInput(name="Bergsjögruppen"), seen.version)
    assert groups.get_group(db, group.id).name == "Samverkan Bergsjö"


def test_person(db: Database, other: Database, group: GroupData) -> None:
    added = members.add_member(db, group.id, MemberInput(name="Erik Lund"))
    seen = members.get_member(db, added.membership_id)
    theirs = members.get_member(other, added.membership_id)
    members.update_member(other, theirs, replace(theirs.as_input(), phone="070-123 45 67"))
    with pytest.raises(StaleEditError):
        members.update_member(db, seen, replace(seen.as_input(), organisation="Vårdcentralen"))
    with pytest.raises(StaleEditError):
        members.delete_member(db, seen.membership_id, seen)
    stored = members.get_member(db, added.membership_id)
    assert (stored.phone, stored.organisation) == ("070-123 45 67", "")


def test_membership(db: Database, other: Database, group: GroupData) -> None:
    added = members.add_member(db, group.id, MemberInput(name="Erik Lund"))
    seen = members.get_member(db, added.membership_id)
    theirs = members.get_member(other, added.membership_id)
    members.update_member(other, theirs, replace(theirs.as_input(), role=Role.SUBSTITUTE))
    with pytest.raises(StaleEditError):
        members.deactivate_member(db, seen, DAY)
    stored = members.get_member(db, added.membership_id)
    assert (stored.role, stored.active_to) == (Role.SUBSTITUTE, None)


# --- meetings -------------------------------------------------------------------------------


def test_meeting(db: Database, other: Database, meeting: MeetingData) -> None:
    seen = meetings.get_meeting(db, meeting.id)
    theirs = meetings.get_meeting(other, meeting.id)
    meetings.update_meeting(other, meeting.id, MeetingInput(DAY, place="Rum 2"), theirs.version)
    with pytest.raises(StaleEditError):
        meetings.update_meeting(db, meeting.id, MeetingInput(DAY, place="Rum 3"), seen.version)
    with pytest.raises(StaleEditError):
        meetings.delete_meeting(db, meeting.id, seen.version)
    assert meetings.get_meeting(db, meeting.id).place == "Rum 2"


def test_attendance(db: Database, other: Database, meeting: MeetingData) -> None:
    [seen] = attendance.list_attendance(db, meeting.id)
    [theirs] = attendance.list_attendance(other, meeting.id)
    attendance.set_attendance(
        other, theirs.id, AttendanceInput(AttendanceStatus.ABSENT), theirs.version
    )
    with pytest.raises(StaleEditError):
        attendance.set_attendance(
            db, seen.id, AttendanceInput(AttendanceStatus.PRESENT, note="sen"), seen.version
        )
    with pytest.raises(StaleEditError):
        attendance.remove_attendance(db, seen.id, seen.version)
    [stored] = attendance.list_attendance(db, meeting.id)
    assert (stored.status, stored.note) == (AttendanceStatus.ABSENT, "")


def test_guest(db: Database, other: Database, meeting: MeetingData) -> None:
    guest = attendance.add_guest(db, meeting.id, "Maja Sten", "Kommunen")
    attendance.rename_guest(other, guest.id, "Maja Stenberg", "Kommunen", guest.version)
    with pytest.raises(StaleEditError):
        attendance.rename_guest(db, guest.id, "Maja Sten", "Regionen", guest.version)
    stored = [r for r in attendance.list_attendance(db, meeting.id) if r.id == guest.id]
    assert [(r.name, r.organisation) for r in stored] == [("Maja Stenberg", "Kommunen")]


def test_agenda_item(db: Database, other: Database, meeting: MeetingData) -> None:
    seen = agenda.list_items(db, meeting.id)[0]
    theirs = agenda.list_items(other, meeting.id)[0]
    agenda.update_item(
        other, theirs.id, replace(theirs.as_input(), presenter="Anna Berg"), theirs.version
    )
    with pytest.raises(StaleEditError):
        agenda.update_item(db, seen.id, replace(seen.as_input(), planned_minutes=5), seen.version)
    stored = agenda.list_items(db, meeting.id)[0]
    assert (stored.presenter, stored.planned_minutes) == ("Anna Berg", seen.planned_minutes)


def test_removing_an_agenda_item_changed_elsewhere(
    db: Database, other: Database, meeting: MeetingData
) -> None:
    """Removing what one saw must not delete the notes someone else has just written."""
    seen = agenda.list_items(db, meeting.id)[1]
    agenda.save_text(other, seen.id, "notes", "Anteckningar från Anna")
    with pytest.raises(StaleEditError):
        agenda.remove_item(db, seen.id, seen.version)
    stored = {i.id: i.notes for i in agenda.list_items(db, meeting.id)}
    assert stored[seen.id] == "Anteckningar från Anna"
    fresh = agenda.list_items(db, meeting.id)[1]
    agenda.remove_item(db, fresh.id, fresh.version)
    assert fresh.id not in {i.id for i in agenda.list_items(db, meeting.id)}


def test_attachment(db: Database, other: Database, meeting: MeetingData) -> None:
    """Attachments are edited as the item's list: changing only the list is a new version
    of the item too, or the first client would silently put back the old list."""
    first = agenda.list_items(db, meeting.id)[0]
    item = agenda.update_item(
        db, first.id, replace(first.as_input(), attachments=("Bilaga 1",)), first.version
    )
    theirs = agenda.list_items(other, meeting.id)[0]
    agenda.update_item(
        other,
        item.id,
        replace(theirs.as_input(), attachments=("Bilaga 1", "Budget 2024")),
        theirs.version,
    )
    with pytest.raises(StaleEditError):
        agenda.update_item(
            db, item.id, replace(item.as_input(), attachments=("Bilaga A",)), item.version
        )
    assert agenda.list_items(db, meeting.id)[0].attachments == ("Bilaga 1", "Budget 2024")


def test_action_item(db: Database, other: Database, meeting: MeetingData) -> None:
    item = agenda.list_items(db, meeting.id)[0]
    seen = actions.add_action(db, item.id, ActionInput(what="Boka lokal"))
    [theirs] = actions.actions_of_item(other, item.id)
    actions.update_action(other, theirs.id, ActionInput("Boka lokal", done=True), theirs.version)
    with pytest.raises(StaleEditError):
        actions.update_action(db, seen.id, ActionInput("Boka lokal", who="Erik"), seen.version)
    with pytest.raises(StaleEditError):
        actions.remove_action(db, seen.id, seen.version)
    [stored] = actions.actions_of_item(db, item.id)
    assert (stored.done, stored.who) == (True, "")


# --- the plan -------------------------------------------------------------------------------


def test_plan(db: Database, other: Database, group: GroupData) -> None:
    seen = plans.create_plan(db, group.id, PlanInput(title="Lokal plan 2024"))
    theirs = plans.get_plan(other, seen.id)
    plans.update_plan(other, theirs, PlanInput(title="Lokal plan 2024–2026"))
    with pytest.raises(StaleEditError):
        plans.update_plan(db, seen, PlanInput(title="Plan 2024"))
    with pytest.raises(StaleEditError):
        plans.delete_plan(db, seen.id, seen.version)
    assert plans.get_plan(db, seen.id).title == "Lokal plan 2024–2026"


def _area(db: Database, group: GroupData) -> tuple[int, int]:
    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan 2024"))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Fast vårdkontakt", number="1"))
    return plan.id, area.id


def test_area(db: Database, other: Database, group: GroupData) -> None:
    plan_id, area_id = _area(db, group)
    seen = plan_items.get_area(db, area_id)
    theirs = plan_items.get_area(other, area_id)
    plan_items.update_area(
        other, area_id, replace(theirs.as_input(), description="Alla med SIP"), theirs.version
    )
    with pytest.raises(StaleEditError):
        plan_items.update_area(
            db, area_id, replace(seen.as_input(), title="Vårdkontakt"), seen.version
        )
    with pytest.raises(StaleEditError):
        plan_items.delete_area(db, area_id, seen.version)
    [stored] = plan_items.load_tree(db, plan_id).areas
    assert (stored.title, stored.description) == ("Fast vårdkontakt", "Alla med SIP")


def _activity(db: Database, group: GroupData) -> int:
    _plan_id, area_id = _area(db, group)
    return plan_items.add_activity(db, area_id, ActivityInput(title="Gemensam rutin")).id


def test_activity(db: Database, other: Database, group: GroupData) -> None:
    activity_id = _activity(db, group)
    seen = plan_items.get_activity(db, activity_id)
    theirs = plan_items.get_activity(other, activity_id)
    plan_items.update_activity(other, theirs, replace(theirs.as_input(), responsible="Kommunen"))
    with pytest.raises(StaleEditError):
        plan_items.update_activity(db, seen, replace(seen.as_input(), progress=50))
    with pytest.raises(StaleEditError):
        plan_items.delete_activity(db, activity_id, seen.version)
    stored = plan_items.get_activity(db, activity_id)
    assert (stored.responsible, stored.progress) == ("Kommunen", 0)


def test_follow_up(db: Database, other: Database, group: GroupData) -> None:
    """Removing an entry sets the activity from the log again: refused when the activity
    was changed elsewhere since it was read, which that would silently undo."""
    activity_id = _activity(db, group)
    entry = follow_ups.add_follow_up(
        db, activity_id, FollowUpInput(DAY, ActivityStatus.IN_PROGRESS, 30, "Rutin på remiss")
    )
    seen = plan_items.get_activity(db, activity_id)
    theirs = plan_items.get_activity(other, activity_id)
    plan_items.update_activity(
        other, theirs, replace(theirs.as_input(), status=ActivityStatus.DONE, progress=100)
    )
    with pytest.raises(StaleEditError):
        follow_ups.delete_follow_up(db, entry.id, entry.version, seen.version)
    stored = plan_items.get_activity(db, activity_id)
    assert (stored.status, stored.progress) == (ActivityStatus.DONE, 100)
    assert [f.id for f in follow_ups.list_follow_ups(db, activity_id)] == [entry.id]


# --- SIP follow-up ----------------------------------------------------------------------------


def test_indicator(db: Database, other: Database, group: GroupData) -> None:
    seen = sip_setup.get_setup(db, group.id).indicators[0]
    theirs = sip_setup.get_setup(other, group.id).indicators[0]
    sip_setup.rename_indicator(other, theirs.id, "Antal SIP-möten", "", theirs.version)
    with pytest.raises(StaleEditError):
        sip_setup.set_indicator_hidden(db, seen.id, True, seen.version)
    with pytest.raises(StaleEditError):
        sip_setup.rename_indicator(db, seen.id, "SIP-möten", "", seen.version)
    stored = sip_setup.get_setup(db, group.id).indicators[0]
    assert (stored.name_sv, stored.hidden) == ("Antal SIP-möten", False)


def test_sip_category(db: Database, other: Database, group: GroupData) -> None:
    sip_setup.get_setup(db, group.id)
    unit = sip_setup.add_category(db, group.id, CategoryKind.UNIT, "Hemtjänst")
    sip_setup.add_category(db, group.id, CategoryKind.UNIT, "Vårdcentral")
    sip_setup.rename_category(other, unit.id, "Hemtjänst norr", unit.version)
    with pytest.raises(StaleEditError):
        sip_setup.set_category_hidden(db, unit.id, True, unit.version)
    with pytest.raises(StaleEditError):
        sip_setup.rename_category(db, unit.id, "Hemsjukvård", unit.version)
    [stored] = [u for u in sip_setup.get_setup(db, group.id).units if u.id == unit.id]
    assert (stored.name, stored.hidden) == ("Hemtjänst norr", False)


def test_sip_period(db: Database, other: Database, group: GroupData) -> None:
    seen = sip_periods.create_period(db, group.id, 2024, 1)
    theirs = sip_periods.get_period(other, seen.id)
    sip_periods.set_closed(other, seen.id, True, theirs.version)
    with pytest.raises(StaleEditError):
        sip_periods.set_closed(db, seen.id, False, seen.version)
    assert sip_periods.get_period(db, seen.id).closed


def test_sip_count(db: Database, other: Database, group: GroupData) -> None:
    """A cell typed in one window never overwrites a newer value saved from another."""
    setup = sip_setup.get_setup(db, group.id)
    unit, target = setup.columns()[0]
    cell = (setup.visible_indicators()[0].id, unit.id, target.id)
    period = sip_periods.create_period(db, group.id, 2024, 1)
    seen = sip_counts.load_counts(db, period.id)
    theirs = sip_counts.load_counts(other, period.id)
    sip_counts.save_counts(other, period.id, {cell: 7}, theirs.period.version)
    with pytest.raises(StaleEditError):
        sip_counts.save_counts(db, period.id, {cell: 3}, seen.period.version)
    assert sip_counts.load_counts(db, period.id).values == {cell: 7}


def test_sip_settings(db: Database, other: Database, group: GroupData) -> None:
    """The period kind and the small-number limit are the group's: a limit chosen in stale
    settings does not replace one saved elsewhere."""
    seen = sip_setup.get_setup(db, group.id)
    theirs = sip_setup.get_setup(other, group.id)
    sip_setup.set_suppress_below(other, group.id, seen.suppress_below + 2, theirs.group_version)
    with pytest.raises(StaleEditError):
        sip_setup.set_suppress_below(db, group.id, 4, seen.group_version)
    with pytest.raises(StaleEditError):
        sip_setup.set_period_kind(db, group.id, PeriodKind.MONTH, seen.group_version)
    stored = sip_setup.get_setup(db, group.id)
    assert (stored.suppress_below, stored.period_kind) == (
        seen.suppress_below + 2,
        seen.period_kind,
    )
