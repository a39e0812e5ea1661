"""The rows of one group of the large benchmark database (benchmarks/large_data.py): members,
a plan a year with follow-ups, meetings with their items, actions and attendance, and SIP
counts. Ids are given here; the approval records are added after (large_data.approve_all)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from benchmarks.bulk_rows import Rows, month_end, year_plan
from benchmarks.large_data_text import AREAS, FIRST_NAMES, ORGANISATIONS, SURNAMES, Writer
from benchmarks.region_data import _column, _indicators

YEARS = tuple(range(2017, 2027))
TODAY = dt.date(2026, 11, 30)  # the data's today: later meetings are planned, not held
APPROVED_BEFORE = TODAY - dt.timedelta(days=10)  # held since then: still a draft
ITEMS_PER_MEETING = 20  # on average; a pair of meetings differs by up to ±10 items
UNITS = (
    "Hälsocentralen", "Hemsjukvården", "Socialtjänsten", "Psykiatrin", "Äldreomsorgen",
    "Elevhälsan",
)  # fmt: skip
TARGET_GROUPS = ("Barn och unga", "Vuxna", "Äldre")
OPENING = (
    ("opening", "Mötets öppnande"),
    ("adjusters", "Val av justerare"),
    ("agenda", "Fastställande av dagordning"),
    ("previous_minutes", "Föregående protokoll"),
)
CLOSING = (
    ("other_business", "Övriga frågor"),
    ("next_meeting", "Nästa möte"),
    ("closing", "Mötets avslutande"),
)


@dataclass(frozen=True)
class Shape:
    """How much one group holds: meetings a year, the plan's areas × activities, people, SIP
    units and whether SIP is counted per month (else per quarter)."""

    meetings: int
    areas: int
    activities: int
    persons: int
    units: int
    monthly: bool


@dataclass
class SipCells:
    """The SIP counts of all groups, without ids: those of past periods, and those of the
    periods still being entered (large_data keeps these up to the promised total)."""

    past: list[dict[str, Any]] = field(default_factory=list)
    open: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Approval:
    """A meeting to approve: the first of a group through the project's own justering, the
    others as records linked into the chain (large_data.approve_all)."""

    group_id: int
    meeting_id: int
    held_on: dt.date
    approved_by: str


def group_rows(
    rows: Rows, rng: random.Random, name: str, shape: Shape, cells: SipCells
) -> list[Approval]:
    """One group's rows; returns its meetings to approve, oldest first."""
    from naravard_desktop.db.enums import PeriodKind

    group = rows.add(
        "groups",
        name=name,
        municipality=f"{name.split()[-1]}s kommun",
        region="Region Mittland",
        sip_period_kind=PeriodKind.MONTH if shape.monthly else PeriodKind.QUARTER,
        suppress_below=5,
    )
    people = _members(rows, rng, group, shape.persons)
    writer = Writer(rng, [p[1] for p in people])
    approvals: list[Approval] = []
    for year in YEARS:
        _plan(rows, rng, writer, group, year, shape)
        approvals += _meetings(rows, rng, writer, group, year, shape.meetings, people)
    _sip(rows, rng, group, shape, cells)
    return approvals


# (person id, name, from, to): who sits in the group when
_Person = tuple[int, str, dt.date, dt.date | None]


def _members(rows: Rows, rng: random.Random, group: int, count: int) -> list[_Person]:
    """Chair, secretary and adjusters from the start; a third of the others join later and
    some leave, so the members page and attendance change over the years."""
    from naravard_desktop.db.enums import Principal, Role

    names = rng.sample([f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES], count)
    people: list[_Person] = []
    for n, name in enumerate(names):
        steady = n < 4 or n % 3
        start = dt.date(YEARS[0], 1, 1) if steady else dt.date(rng.choice(YEARS[1:]), 3, 1)
        end = None if n < 4 or rng.random() < 0.7 else start + dt.timedelta(days=700)
        organisation = rng.choice(ORGANISATIONS)
        person = rows.add(
            "persons",
            group_id=group,
            name=name,
            organisation=organisation,
            principal=Principal.REGION if "Region" in organisation else Principal.MUNICIPALITY,
            email=f"{name.lower().replace(' ', '.')}@example.se",
            phone=f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        )
        role = (Role.CHAIR, Role.SECRETARY)[n] if n < 2 else Role.MEMBER
        rows.add("memberships", person_id=person, role=role, active_from=start, active_to=end)
        people.append((person, name, start, end))
    return people


def _plan(
    rows: Rows, rng: random.Random, writer: Writer, group: int, year: int, shape: Shape
) -> None:
    from naravard_desktop.db.enums import ActivityStatus, Principal

    plan = year_plan(rows, group, year)
    past = year < TODAY.year
    for a in range(shape.areas):
        area = rows.add(
            "areas",
            plan_id=plan,
            position=a,
            number=str(a + 1),
            title=AREAS[a],
            description=writer.notes(AREAS[a].lower()) if a % 3 == 0 else "",
        )
        for n in range(shape.activities):
            month = rng.randint(1, 12)
            # not started, in progress, done, paused, cancelled: a past year's mostly closed
            weights = (1, 2, 88, 1, 8) if past else (35, 30, 30, 5, 0)
            status = rng.choices(list(ActivityStatus), weights)[0]
            progress = 100 if status is ActivityStatus.DONE else rng.randint(0, 90)
            activity = rows.add(
                "activities",
                area_id=area,
                position=n,
                title=writer.activity(),
                responsible=rng.choice(ORGANISATIONS),
                responsible_principal=rng.choice(list(Principal)),
                schedule_text=writer.schedule(year, month),
                due_date=month_end(year, month),
                status=status,
                progress=progress,
                follow_up_method="Rapport på gruppens möte" if n % 2 else "",
            )
            for half, month_of in enumerate((4, 10)):
                rows.add(
                    "follow_ups",
                    activity_id=activity,
                    followed_up_on=dt.date(year, month_of, 15),
                    status=status if half else ActivityStatus.IN_PROGRESS,
                    progress=progress if half else progress // 2,
                    note=writer.follow_up(),
                )


def _meetings(
    rows: Rows,
    rng: random.Random,
    writer: Writer,
    group: int,
    year: int,
    count: int,
    people: list[_Person],
) -> list[Approval]:
    """`count` meetings spread over the year; items per meeting vary in pairs around the
    average, so the total is exact. Held more than ten days before TODAY: approved."""
    from naravard_desktop.db.enums import ProtocolState

    sizes = [ITEMS_PER_MEETING] * count
    for n in range(0, count - 1, 2):
        spread = rng.randint(0, 10)
        sizes[n], sizes[n + 1] = ITEMS_PER_MEETING + spread, ITEMS_PER_MEETING - spread
    approvals: list[Approval] = []
    paragraph = 0
    for n, size in enumerate(sizes):
        held_on = dt.date(year, 1, 12) + dt.timedelta(days=n * 340 // count)
        if held_on.weekday() >= 4:  # Monday to Thursday: Friday to Sunday move to Monday
            held_on += dt.timedelta(days=7 - held_on.weekday())
        present = [p for p in people if p[2] <= held_on and (p[3] is None or held_on <= p[3])]
        adjuster = rng.choice(present[2:4])
        approved = held_on <= APPROVED_BEFORE
        first = year == YEARS[0] and n == 0  # the group's first approved meeting
        meeting = rows.add(
            "meetings",
            group_id=group,
            held_on=held_on,
            starts_at=dt.time(13, 0),
            ends_at=dt.time(15, 30),
            place=rng.choice(("Kommunhuset, sal Ljusnan", "Hälsocentralen", "Via Teams")),
            chair_id=people[0][0],
            secretary_id=people[1][0],
            adjuster1_id=adjuster[0],
            # The first approved meeting goes through the real justering, which wants a draft.
            state=ProtocolState.APPROVED if approved and not first else ProtocolState.DRAFT,
        )
        frozen = approved and not first
        at = (meeting, held_on, adjuster[1])
        paragraph = _items(rows, rng, writer, at, size, paragraph, frozen, people)
        _attendance(rows, rng, meeting, present, {people[0][0], people[1][0], adjuster[0]})
        if approved:
            approvals.append(Approval(group, meeting, held_on, f"{people[0][1]}, {adjuster[1]}"))
    return approvals


def _items(
    rows: Rows,
    rng: random.Random,
    writer: Writer,
    meeting: tuple[int, dt.date, str],  # id, day, adjuster
    size: int,
    paragraph: int,
    frozen: bool,
    people: list[_Person],
) -> int:
    """The standard items around `size` - 7 topics; returns the year's last § so far."""
    topics = size - len(OPENING) - len(CLOSING)
    entries: list[tuple[str | None, str, str, str, str]] = [
        (*OPENING[0], "Ordföranden hälsar välkommen och förklarar mötet öppnat.", "", ""),
        (*OPENING[1], "", f"{meeting[2]} utses att jämte ordföranden justera protokollet.", ""),
        (*OPENING[2], "", "Dagordningen fastställs.", ""),
        (*OPENING[3], "Föregående protokoll läggs till handlingarna.", "", ""),
    ]
    for _ in range(topics):
        title, subject = writer.item_title()
        decision = writer.decision(subject) if rng.random() < 0.85 else ""
        entries.append((None, title, writer.notes(subject), decision, subject))
    entries += [
        (*CLOSING[0], "Inga övriga frågor anmäls.", "", ""),
        (*CLOSING[1], "", "Nästa möte hålls enligt den fastställda planen.", ""),
        (*CLOSING[2], "Ordföranden tackar och förklarar mötet avslutat.", "", ""),
    ]
    for position, (key, title, notes, decision, subject) in enumerate(entries):
        paragraph += 1
        item = rows.add(
            "agenda_items",
            meeting_id=meeting[0],
            position=position,
            paragraph=paragraph if frozen else None,
            title=title,
            presenter=rng.choice(people)[1] if key is None else "",
            planned_minutes=rng.choice((10, 15, 20, 30)) if key is None else 5,
            notes=notes,
            decision=decision,
            standard_key=key,
        )
        if key is None and rng.random() < 0.25:
            owner = rng.choice(people)
            due = meeting[1] + dt.timedelta(days=45)
            done = due < TODAY and rng.random() < 0.8
            rows.add(
                "action_items",
                agenda_item_id=item,
                position=0,
                what=writer.action(subject),
                who=owner[1],
                owner_id=owner[0],
                due_on=due,
                done=done,
                done_on=due - dt.timedelta(days=rng.randint(0, 20)) if done else None,
            )
    return paragraph


def _attendance(
    rows: Rows, rng: random.Random, meeting: int, present: list[_Person], needed: set[int]
) -> None:
    from naravard_desktop.db.enums import AttendanceStatus

    for person, _name, _start, _end in present:
        away = person not in needed and rng.random() < 0.15
        status = AttendanceStatus.ABSENT if away else AttendanceStatus.PRESENT
        rows.add("attendance", meeting_id=meeting, person_id=person, status=status)


def _sip(rows: Rows, rng: random.Random, group: int, shape: Shape, cells: SipCells) -> None:
    """Counts of every past period; those of the period holding TODAY, being entered, apart."""
    from naravard_desktop.db.enums import CategoryKind, PeriodKind

    indicators = _indicators(rows, group)
    units = [
        rows.add("sip_categories", group_id=group, kind=CategoryKind.UNIT, name=u, position=p)
        for p, u in enumerate(UNITS[: shape.units])
    ]
    targets = [
        rows.add(
            "sip_categories", group_id=group, kind=CategoryKind.TARGET_GROUP, name=t, position=p
        )
        for p, t in enumerate(TARGET_GROUPS)
    ]
    step = 1 if shape.monthly else 3
    size = 1.0 if shape.monthly else 2.5  # a month counts less than a quarter
    for year in YEARS:
        for first in range(1, 13, step):
            starts_on = dt.date(year, first, 1)
            if starts_on > TODAY:
                break
            ends_on = month_end(year, first + step - 1)
            period = rows.add(
                "sip_periods",
                group_id=group,
                kind=PeriodKind.MONTH if shape.monthly else PeriodKind.QUARTER,
                starts_on=starts_on,
                ends_on=ends_on,
                closed=year < TODAY.year,
                note="",
            )
            into = cells.open if ends_on >= TODAY else cells.past
            for unit in units:
                for target in targets:
                    for code, value in _column(rng, size).items():
                        into.append(
                            {
                                "period_id": period,
                                "indicator_id": indicators[code],
                                "unit_id": unit,
                                "target_group_id": target,
                                "value": value,
                            }
                        )
