"""A group with invented members and approvable meetings, for the approval integrity and
signing tests; and the attacker's tool: raw SQL on the database, without the app's services."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from naravard_desktop.db.enums import Role
from naravard_desktop.documents import meeting_files
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import ActionInput, MeetingInput
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)
DECISION = "Gruppen beslutar att anta handlingsplanen."


def make_group(db: Database) -> tuple[GroupData, dict[str, int]]:
    group = groups.create_group(db, GroupInput(name="Samverkansgrupp Lillsjö"))
    people = {}
    for name, role in (
        ("Vera Lindqvist", Role.CHAIR),
        ("Olof Brandt", Role.MEMBER),
        ("Hedda Strömberg", Role.MEMBER),
        ("Nils Ågren", Role.SECRETARY),
    ):
        row = add_member(
            db, group.id, MemberInput(name=name, role=role, active_from=dt.date(2023, 1, 1))
        )
        people[name] = row.person_id
    return group, people


def approved_meeting(
    db: Database,
    group: GroupData,
    people: dict[str, int],
    day: dt.date = DAY,
    action: str = "",
) -> int:
    """A held meeting with a decision (and an open action item), approved three days later;
    its id."""
    meeting = meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            chair_id=people["Vera Lindqvist"],
            secretary_id=people["Nils Ågren"],
            adjuster1_id=people["Olof Brandt"],
            adjuster2_id=people["Hedda Strömberg"],
        ),
    )
    item = agenda.list_items(db, meeting.id)[-1]
    agenda.save_text(db, item.id, "decision", DECISION)
    if action:
        actions.add_action(db, item.id, ActionInput(action, who="Nils Ågren"))
    meeting_files.approve(db, meeting.id, "Vera Lindqvist, Olof Brandt", day + dt.timedelta(days=3))
    return meeting.id


def raw(db: Database, sql: str, *, foreign_keys: bool = True, **params: object) -> None:
    """What anyone allowed to write to the database can do, without the app's services: SQL
    with `:name` parameters straight on its engine (the SQLite file or the server),
    committed at once; `foreign_keys=False` as another tool that does not check them."""
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.connect() as connection:
        if not foreign_keys and sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # outside a transaction
        if not foreign_keys and not sqlite:
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        connection.execute(text(sql), params)
        connection.commit()
        if not foreign_keys and sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
