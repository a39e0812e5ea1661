"""Bad input through every service that takes what a user types: any text (control
characters, right-to-left, emoji, huge), dates far in the past and future, numbers at and
past the limits. Each call either succeeds or raises a DomainError a person can read, and a
refused call leaves the database exactly as it was.

HYPOTHESIS_PROFILE=long (make test-long) runs ten times as many examples."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naravard_desktop.db.enums import (
    ActivityStatus,
    AttendanceStatus,
    CategoryKind,
    Principal,
    Role,
)
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput, MemberRow
from naravard_desktop.services.meetings import actions, agenda, attendance, meetings
from naravard_desktop.services.meetings.read_models import (
    ActionInput,
    AttendanceInput,
    ItemInput,
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
from naravard_desktop.services.system.database import Database, open_database

EXAMPLES = 500 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 50
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what users type ----------------------------------------------------------------------

SPECIAL = [
    "",
    " ",
    "\x00",
    "\x1b[31m",
    "\u202eevil\u202c",  # right-to-left override
    "مجموعة التعاون المحلي",  # Arabic (RTL)
    "קבוצת שיתוף",  # Hebrew (RTL)
    "Samverkan 👩‍⚕️🏥👨‍👩‍👧",
    "e\u0301",  # e + combining accent (NFC → é)
    "\ufeffBOM",
    "Robert'); DROP TABLE persons;--",
    "%s %(x)s {0} {name}",
    "a\r\nb\rc\u2028d",
    "\t",
]
texts = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "å", "😀", " "]), st.integers(0, 2100)),
)
long_texts = st.one_of(
    texts, st.builds(lambda n: "ö" * n, st.sampled_from([199_999, 200_000, 200_001]))
)
dates = st.one_of(
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1989, 12, 31), dt.date(2201, 1, 1)]),
)
optional_dates = st.none() | dates
times = st.none() | st.times()
numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([-1, 0, 1, 99, 100, 101, 600, 601, 9999, 10_000, 2**31, 2**63 - 1, 2**63]),
)
optional_numbers = st.none() | numbers


# --- the database before and after --------------------------------------------------------


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    finally:
        connection.close()


def readable(error: DomainError) -> None:
    text = str(error)
    assert text.strip(), "an empty message"
    assert len(text) < 3000
    for leak in ("Traceback", "sqlite3.", "sqlalchemy", "OverflowError", "[SQL:"):
        assert leak not in text, text


def attempt(path: Path, call: Callable[[], object]) -> object | None:
    """Run `call`; on a DomainError check the message and that nothing changed."""
    before = dump(path)
    try:
        return call()
    except DomainError as error:
        readable(error)
        assert dump(path) == before, "a refused call changed the database"
        return None


class World:
    """A group with a member, a meeting with an item, a plan with an area and activity, and
    a SIP period: everything the services below need to exist."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db, self.path = db, path
        self.group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
        self.member = members.add_member(
            db, self.group.id, MemberInput(name="Anna Berg", active_from=None)
        )
        self.meeting = meetings.create_meeting(
            db, self.group.id, MeetingInput(held_on=dt.date(2024, 5, 17))
        )
        self.item = agenda.add_item(db, self.meeting.id, ItemInput(title="SIP"))
        self.plan = plans.create_plan(db, self.group.id, PlanInput(title="Plan"))
        self.area = plan_items.add_area(db, self.plan.id, AreaInput("Område"))
        self.activity = plan_items.add_activity(db, self.area.id, ActivityInput(title="Aktivitet"))
        self.setup = sip_setup.get_setup(db, self.group.id)
        self.period = sip_periods.create_period(db, self.group.id, 2024, 1)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "bad-input.sqlite"
    db = open_database(str(path))
    yield World(db, path)
    db.dispose()


# --- the services -------------------------------------------------------------------------


@SETTINGS
@given(name=texts, municipality=texts, region=texts, logo=st.none() | st.binary(max_size=64))
def test_group_settings(
    world: World, name: str, municipality: str, region: str, logo: bytes | None
) -> None:
    data = GroupInput(name=name, municipality=municipality, region=region, logo=logo)
    attempt(world.path, lambda: groups.create_group(world.db, data))
    current = groups.get_group(world.db, world.group.id)
    attempt(world.path, lambda: groups.update_group(world.db, current.id, data, current.version))


@SETTINGS
@given(
    name=texts,
    organisation=texts,
    email=texts,
    phone=texts,
    active_from=optional_dates,
    active_to=optional_dates,
    principal=st.sampled_from(list(Principal)),
    role=st.sampled_from(list(Role)),
)
def test_members(world: World, **fields: Any) -> None:
    data = MemberInput(**fields)
    added = attempt(world.path, lambda: members.add_member(world.db, world.group.id, data))
    before = members.get_member(world.db, world.member.membership_id)
    attempt(world.path, lambda: members.update_member(world.db, before, data))
    if isinstance(added, MemberRow):
        attempt(world.path, lambda: members.deactivate_member(world.db, added, fields["active_to"]))


@SETTINGS
@given(held_on=st.none() | dates, starts_at=times, ends_at=times, place=texts)
def test_meetings(
    world: World,
    held_on: dt.date | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    place: str,
) -> None:
    data = MeetingInput(held_on=held_on, starts_at=starts_at, ends_at=ends_at, place=place)
    attempt(world.path, lambda: meetings.create_meeting(world.db, world.group.id, data))
    current = meetings.get_meeting(world.db, world.meeting.id)
    attempt(
        world.path,
        lambda: meetings.update_meeting(world.db, current.id, data, current.version),
    )


@SETTINGS
@given(
    title=texts,
    presenter=texts,
    minutes=optional_numbers,
    notes=long_texts,
    decision=texts,
    attachments=st.lists(texts, max_size=3),
    position=optional_numbers,
)
def test_agenda_items_and_autosave(
    world: World,
    title: str,
    presenter: str,
    minutes: int | None,
    notes: str,
    decision: str,
    attachments: list[str],
    position: int | None,
) -> None:
    data = ItemInput(title, presenter, minutes, notes, decision, tuple(attachments))
    attempt(world.path, lambda: agenda.add_item(world.db, world.meeting.id, data, position))
    attempt(world.path, lambda: agenda.save_text(world.db, world.item.id, "notes", notes))
    attempt(world.path, lambda: agenda.save_text(world.db, world.item.id, "decision", decision))
    if position is not None:
        attempt(world.path, lambda: agenda.move_item(world.db, world.item.id, position))


@SETTINGS
@given(
    name=texts,
    organisation=texts,
    note=texts,
    first=optional_numbers,
    last=optional_numbers,
    status=st.sampled_from(list(AttendanceStatus)),
)
def test_attendance(
    world: World,
    name: str,
    organisation: str,
    note: str,
    first: int | None,
    last: int | None,
    status: AttendanceStatus,
) -> None:
    details = AttendanceInput(
        status=status,
        substitute_for_id=world.member.person_id,
        from_paragraph=first,
        to_paragraph=last,
        note=note,
    )
    attempt(
        world.path,
        lambda: attendance.add_guest(world.db, world.meeting.id, name, organisation, details),
    )
    (row, *_rest) = attendance.list_attendance(world.db, world.meeting.id)
    attempt(world.path, lambda: attendance.set_attendance(world.db, row.id, details, row.version))


@SETTINGS
@given(what=texts, who=texts, due_on=optional_dates, done=st.booleans(), done_on=optional_dates)
def test_action_items(
    world: World,
    what: str,
    who: str,
    due_on: dt.date | None,
    done: bool,
    done_on: dt.date | None,
) -> None:
    data = ActionInput(what=what, who=who, due_on=due_on, done=done, done_on=done_on)
    attempt(world.path, lambda: actions.add_action(world.db, world.item.id, data))


@SETTINGS
@given(
    title=texts,
    valid_from=optional_dates,
    valid_to=optional_dates,
    number=texts,
    description=long_texts,
    schedule=texts,
    due=optional_dates,
    overridden=st.booleans(),
    progress=numbers,
    status=st.sampled_from(list(ActivityStatus)),
)
def test_plans_areas_and_activities(
    world: World,
    title: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    number: str,
    description: str,
    schedule: str,
    due: dt.date | None,
    overridden: bool,
    progress: int,
    status: ActivityStatus,
) -> None:
    plan = PlanInput(title=title, valid_from=valid_from, valid_to=valid_to)
    attempt(world.path, lambda: plans.create_plan(world.db, world.group.id, plan))
    area = AreaInput(title=title, number=number, description=description)
    attempt(world.path, lambda: plan_items.add_area(world.db, world.plan.id, area))
    activity = ActivityInput(
        title=title,
        description=description,
        responsible=number,
        schedule_text=schedule,
        due_date=due,
        due_date_overridden=overridden,
        status=status,
        progress=progress,
        follow_up_method=schedule,
    )
    attempt(world.path, lambda: plan_items.add_activity(world.db, world.area.id, activity))
    before = plan_items.get_activity(world.db, world.activity.id)
    attempt(world.path, lambda: plan_items.update_activity(world.db, before, activity))
    follow = FollowUpInput(
        followed_up_on=due or dt.date(2024, 1, 1), status=status, progress=progress, note=schedule
    )
    attempt(world.path, lambda: follow_ups.add_follow_up(world.db, world.activity.id, follow))


@SETTINGS
@given(
    values=st.lists(st.none() | numbers, min_size=1, max_size=4),
    year=numbers,
    number=numbers,
    name=texts,
    threshold=numbers,
)
def test_sip_counts_periods_and_set_up(
    world: World, values: list[int | None], year: int, number: int, name: str, threshold: int
) -> None:
    cells = [
        (indicator.id, unit.id, target.id)
        for indicator in world.setup.indicators[:2]
        for unit, target in world.setup.columns()[:2]
    ]
    changes = dict(zip(cells, values, strict=False))
    period = sip_periods.get_period(world.db, world.period.id)
    attempt(
        world.path,
        lambda: sip_counts.save_counts(world.db, period.id, changes, period.version),
    )
    attempt(world.path, lambda: sip_periods.create_period(world.db, world.group.id, year, number))
    attempt(world.path, lambda: sip_setup.add_indicator(world.db, world.group.id, name, name))
    attempt(
        world.path,
        lambda: sip_setup.add_category(world.db, world.group.id, CategoryKind.UNIT, name),
    )
    attempt(world.path, lambda: sip_setup.set_suppress_below(world.db, world.group.id, threshold))
