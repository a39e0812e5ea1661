"""The meetings part of the annual report: the year's meetings, the attendance per principal
as the share of seats filled, and the decision register. A seat is a chair's, vice chair's
or member's on the meeting day (substitutes, the secretary and co-opted members hold none);
it is filled when its holder or a substitute for them attended, for all or part of the
meeting. Three queries besides the register's."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import Principal, ProtocolState, Role
from naravard_desktop.db.models import Attendance, Meeting, Membership, Person
from naravard_desktop.services.meetings.justering import PRESENT_STATUSES
from naravard_desktop.services.meetings.read_models import DecisionRow
from naravard_desktop.services.report.read_models import MeetingYear, SeatShare

SEAT_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER})
# The order principals are shown in (as the group's principals line: region first).
PRINCIPAL_ORDER = (Principal.REGION, Principal.MUNICIPALITY, Principal.JOINT, Principal.OTHER)

_Membership = tuple[dt.date | None, dt.date | None, Role]


def meetings_year(
    session: Session, group_id: int, as_of: dt.date, decisions: list[DecisionRow]
) -> tuple[tuple[MeetingYear, ...], tuple[SeatShare, ...]]:
    """The meetings held in the year of `as_of` up to that day (oldest first) and the seats
    per principal over them all."""
    first, last = dt.date(as_of.year, 1, 1), as_of
    meetings = session.execute(
        select(Meeting.id, Meeting.held_on, Meeting.kind, Meeting.state)
        .where(Meeting.group_id == group_id, Meeting.held_on >= first, Meeting.held_on <= last)
        .order_by(Meeting.held_on, Meeting.id)
    ).all()
    if not meetings:
        return (), ()
    attended: dict[int, set[int]] = {}
    for meeting_id, person_id, status, for_id in session.execute(
        select(
            Attendance.meeting_id,
            Attendance.person_id,
            Attendance.status,
            Attendance.substitute_for_id,
        ).where(Attendance.meeting_id.in_([m.id for m in meetings]))
    ):
        if status in PRESENT_STATUSES:
            seat = for_id if for_id is not None else person_id
            if seat is not None:
                attended.setdefault(meeting_id, set()).add(seat)
    principals: dict[int, Principal] = {}
    memberships: dict[int, list[_Membership]] = {}
    for person_id, principal, start, end, role in session.execute(
        select(
            Person.id,
            Person.principal,
            Membership.active_from,
            Membership.active_to,
            Membership.role,
        )
        .join(Membership, Membership.person_id == Person.id)
        .where(Person.group_id == group_id)
    ):
        principals[person_id] = principal
        memberships.setdefault(person_id, []).append((start, end, role))
    per_meeting = Counter(d.meeting_id for d in decisions)
    rows = []
    seats: Counter[Principal] = Counter()
    filled: Counter[Principal] = Counter()
    for meeting_id, held_on, kind, state in meetings:
        here_seats: Counter[Principal] = Counter()
        here_filled: Counter[Principal] = Counter()
        for person_id, held in memberships.items():
            if _role_on(held, held_on) in SEAT_ROLES:
                principal = principals[person_id]
                here_seats[principal] += 1
                here_filled[principal] += person_id in attended.get(meeting_id, set())
        seats.update(here_seats)
        filled.update(here_filled)
        rows.append(
            MeetingYear(
                meeting_id,
                held_on,
                kind,
                state == ProtocolState.APPROVED,
                _shares(here_seats, here_filled),
                per_meeting[meeting_id],
            )
        )
    return tuple(rows), _shares(seats, filled)


def _role_on(held: list[_Membership], day: dt.date) -> Role | None:
    """The role of the latest membership that covers `day` (as attendance.roles_on)."""
    covering = [
        (start or dt.date.min, role)
        for start, end, role in held
        if (start is None or start <= day) and (end is None or end >= day)
    ]
    return sorted(covering, key=lambda c: c[0])[-1][1] if covering else None


def _shares(seats: Counter[Principal], filled: Counter[Principal]) -> tuple[SeatShare, ...]:
    return tuple(SeatShare(p, seats[p], filled[p]) for p in PRINCIPAL_ORDER if seats[p])
