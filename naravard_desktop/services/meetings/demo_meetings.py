"""Demo meetings: a year of invented meetings, the past ones approved, one upcoming."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from naravard_desktop.db.enums import AttendanceStatus
from naravard_desktop.db.models import Meeting
from naravard_desktop.services.group.members import list_members
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda, approval, attendance, meetings
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import (
    ActionData,
    ActionInput,
    AttendanceInput,
    ItemInput,
    MeetingData,
    MeetingInput,
)
from naravard_desktop.services.system.database import Database

# (title, presenter, minutes, notes, decision, action: (what, who, days until due) or None)
_TOPICS = (
    (
        "Uppföljning av lokal plan: fast vårdkontakt",
        "Sara Holm",
        30,
        "Sara Holm redogör för läget. Rutinen för fast vårdkontakt är införd på båda "
        "hälsocentralerna. Hemsjukvården efterfrågar en gemensam kontaktlista.",
        "Gruppen godkänner lägesrapporten.",
        ("Ta fram gemensam kontaktlista för hemsjukvården", "Karin Vik", 45),
    ),
    (
        "SIP-uppföljning",
        "Maja Fors",
        20,
        "Antalet initierade SIP har ökat jämfört med samma period förra året. Flera SIP "
        "följs upp sent; orsaken är oftast att mötestid saknas.",
        "Gruppen ger arbetsgruppen i uppdrag att föreslå fasta mötestider för uppföljning.",
        ("Föreslå fasta tider för SIP-uppföljning", "Maja Fors", 60),
    ),
    (
        "Barn och unga: samverkan med elevhälsan",
        "Olof Strand",
        25,
        "Elevhälsan och barn- och ungdomsmedicin har haft två gemensamma träffar. "
        "Målgruppen barn med långvarig frånvaro lyfts som prioriterad.",
        "Gruppen noterar informationen.",
        None,
    ),
    (
        "Anhörigstöd",
        "Jonas Ås",
        15,
        "Anhörigföreningen berättar om höstens anhörigcafé och önskar bättre "
        "information på hälsocentralerna.",
        "Gruppen ställer sig bakom att informationen sprids via hälsocentralerna.",
        ("Sprid information om anhörigcaféet på hälsocentralerna", "Erik Lund", 30),
    ),
)


# Days from a meeting to its justering (capped at today).
_JUSTERING_AFTER = 7

# An action item still to be carried out: (the day it is done, the action).
_Pending = list[tuple[dt.date, ActionData]]


def add_demo_meetings(
    db: Database, group: GroupData, today: dt.date, *, render: Callable[[ProtocolData], bytes]
) -> None:
    """Past meetings held, approved and followed up in the order it happened: each protocol
    is approved a week after its meeting (never after today), and an action item is marked
    done only after the approvals that came before its done date, so every stored protocol
    shows what was true when it was approved."""
    people = {m.name: m.person_id for m in list_members(db, group.id) if m.is_active(today)}
    days = [today - dt.timedelta(days=61 * n) for n in range(6, 0, -1)]
    held = [_meeting(db, group, people, day.replace(day=min(day.day, 28))) for day in days]
    upcoming = _meeting(db, group, people, today + dt.timedelta(days=21))
    # Each meeting was planned at the one before, so its protocol's "Nästa möte" names it.
    planned_on = [days[0] - dt.timedelta(days=61), *(m.held_on for m in held)]
    for meeting, day in zip([*held, upcoming], planned_on, strict=True):
        _set_planned_on(db, meeting.id, day)
    pending: _Pending = []
    for number, meeting in enumerate(held):
        pending += _fill(db, meeting, people, number, today)
        justering = min(meeting.held_on + dt.timedelta(days=_JUSTERING_AFTER), today)
        pending = _carry_out(db, pending, justering)
        approval.approve(
            db, meeting.id, "Anna Berg, Erik Lund", justering, render=render, today=today
        )
    _carry_out(db, pending, today)
    _plan_standard_items(db, upcoming.id)
    agenda.add_item(
        db,
        upcoming.id,
        ItemInput(
            title="Uppföljning av lokal plan: ökad kontinuitet",
            presenter="Erik Lund",
            planned_minutes=30,
            attachments=("Lägesrapport lokal plan",),
        ),
    )


# Planned minutes of the standard items, so the kallelse shows a running time.
_STANDARD_MINUTES = {
    "opening": 5,
    "adjusters": 2,
    "agenda": 3,
    "previous_minutes": 10,
    "other_business": 10,
    "next_meeting": 5,
    "closing": 2,
}


def _set_planned_on(db: Database, meeting_id: int, day: dt.date) -> None:
    """Date the demo meeting's creation back to the day it was planned."""
    with db.session() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        row.created_at = dt.datetime.combine(day, dt.time(12), dt.UTC)


def _plan_standard_items(db: Database, meeting_id: int) -> None:
    for item in agenda.list_items(db, meeting_id):
        minutes = _STANDARD_MINUTES.get(item.standard_key or "")
        if minutes:
            agenda.update_item(
                db, item.id, replace(item.as_input(), planned_minutes=minutes), item.version
            )


def _meeting(db: Database, group: GroupData, people: dict[str, int], day: dt.date) -> MeetingData:
    return meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            starts_at=dt.time(13, 0),
            ends_at=dt.time(15, 30),
            place="Kommunhuset, sal Ljusnan, och via Teams",
            chair_id=people.get("Anna Berg"),
            secretary_id=people.get("Lisa Nord"),
            adjuster1_id=people.get("Erik Lund"),
        ),
    )


def _carry_out(db: Database, pending: _Pending, until: dt.date) -> _Pending:
    """Mark done the actions done on or before `until`; returns the ones still open."""
    for done_on, action in pending:
        if done_on <= until:
            actions.update_action(
                db,
                action.id,
                replace(action.as_input(), done=True, done_on=done_on),
                action.version,
            )
    return [(done_on, action) for done_on, action in pending if done_on > until]


def _fill(
    db: Database,
    meeting: MeetingData,
    people: dict[str, int],
    number: int,
    today: dt.date,
) -> _Pending:
    """Attendance, texts and topics of a past meeting; its action items are added open and
    returned with the day each will be done (the older ones are carried out by their due
    date)."""
    pending: _Pending = []
    rows = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    if number % 2 == 0 and "Per Ek" in rows and "Sara Holm" in rows:
        absent, substitute = rows["Per Ek"], rows["Sara Holm"]
        attendance.set_attendance(
            db, absent.id, AttendanceInput(AttendanceStatus.ABSENT), absent.version
        )
        attendance.set_attendance(
            db,
            substitute.id,
            AttendanceInput(AttendanceStatus.SUBSTITUTE, substitute_for_id=people["Per Ek"]),
            substitute.version,
        )
    _plan_standard_items(db, meeting.id)
    standard = {item.standard_key: item for item in agenda.list_items(db, meeting.id)}
    texts = {
        "opening": ("Ordföranden hälsar välkommen och förklarar mötet öppnat.", ""),
        "adjusters": ("", "Erik Lund utses att jämte ordföranden justera protokollet."),
        "agenda": ("", "Dagordningen fastställs."),
        "previous_minutes": ("Föregående protokoll läggs till handlingarna.", ""),
        "closing": ("Ordföranden tackar och förklarar mötet avslutat.", ""),
    }
    for key, (notes, decision) in texts.items():
        item = standard.get(key)
        if item is not None:
            agenda.update_item(
                db, item.id, replace(item.as_input(), notes=notes, decision=decision), item.version
            )
    for title, presenter, minutes, notes, decision, action in _TOPICS[number % 2 :: 1][:3]:
        added = agenda.add_item(
            db,
            meeting.id,
            ItemInput(
                title=title,
                presenter=presenter,
                planned_minutes=minutes,
                notes=notes,
                decision=decision,
            ),
        )
        if action is not None:
            what, who, days = action
            due = meeting.held_on + dt.timedelta(days=days)
            created = actions.add_action(db, added.id, ActionInput(what, who, due))
            if number < 3 and due <= today:
                pending.append((due, created))
    return pending
