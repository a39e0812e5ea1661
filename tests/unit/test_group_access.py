"""Row-level security on a server (issue 16, point 5): a role reads only the groups granted
to it, writes only those granted without read-only, loses them when revoked; checked through
the app and with plain SQL as psql would send it. Real login roles on the test cluster (its
`app` role is a superuser, which row-level security does not hold), made and dropped here."""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DatabaseError, ProgrammingError

from naravard_desktop.db import schema
from naravard_desktop.db.models import ProtocolRevision
from naravard_desktop.errors import DatabaseFileError, DomainError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import approval, decisions
from naravard_desktop.services.meetings.approval_check import check_approvals
from naravard_desktop.services.meetings.approval_record import record_hash, stored_moment
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database, open_database
from tests.group_rows import fill_group, group_tables
from tests.login_roles import login_role
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)
from tests.unit.approval_setup import approved_meeting, make_group, raw

NO_WRITE = "får inte ändra detta på databasservern"


@pytest.fixture
def login(db: Database, server: Server) -> Iterator[tuple[str, str]]:
    """A login role without any rights (not a superuser): its name and the URL it uses."""
    with login_role(db, server) as made:
        yield made


def visible_ids(url: str, table: str) -> set[int]:
    """The ids a role sees with plain SQL, as in psql."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text(f"SELECT id FROM {table}")).scalars())
    finally:
        engine.dispose()


def run_as(url: str, sql: str, **params: object) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql), params)
    finally:
        engine.dispose()


def test_every_group_table_is_guarded_but_not_against_its_owner(
    db: Database, server: Server
) -> None:
    with db.engine.connect() as connection:
        rows = dict(
            connection.execute(
                text(
                    "SELECT relname, relrowsecurity AND NOT relforcerowsecurity FROM pg_class "
                    "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"
                )
            ).all()
        )
    assert {table: rows.get(table) for table in group_tables()} == dict.fromkeys(
        group_tables(), True
    )


def test_a_role_sees_only_its_groups_rows_even_with_plain_sql(
    db: Database, login: tuple[str, str]
) -> None:
    role, url = login
    mine, my_rows = fill_group(db, "Samverkansgrupp Norrby")
    other, other_rows = fill_group(db, "Samverkansgrupp Söderby")
    with pytest.raises(ProgrammingError, match="permission denied"):
        visible_ids(url, "meetings")  # before any grant, not even the tables

    access.grant(db, role, mine)

    for table in group_tables():
        seen = visible_ids(url, table)
        assert seen == my_rows[table], table
        assert not seen & other_rows[table], table
    clerk = open_database(url)
    try:
        assert [g.id for g in groups.list_groups(clerk)] == [mine]
    finally:
        clerk.dispose()
    assert {g.group_id for g in access.list_grants(db)} == {mine}
    assert other in {g.id for g in groups.list_groups(db)}  # the owner still sees everything


def test_a_read_only_role_reads_but_is_told_it_may_not_change(
    db: Database, login: tuple[str, str]
) -> None:
    role, url = login
    group, rows = fill_group(db, "Samverkansgrupp Norrby")
    access.grant(db, role, group, read_only=True)
    clerk = open_database(url)
    try:
        shown = groups.get_group(clerk, group)
        with pytest.raises(DatabaseFileError, match=NO_WRITE):
            groups.update_group(clerk, group, GroupInput(name="Nytt namn"), shown.version)
    finally:
        clerk.dispose()
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as(url, "DELETE FROM meetings")
    assert visible_ids(url, "meetings") == rows["meetings"]


def test_write_access_to_one_group_is_no_write_access_to_another(
    db: Database, login: tuple[str, str]
) -> None:
    role, url = login
    writable, _rows = fill_group(db, "Samverkansgrupp Norrby")
    readable, rows = fill_group(db, "Samverkansgrupp Söderby")
    access.grant(db, role, writable)
    access.grant(db, role, readable, read_only=True)
    person = next(iter(rows["persons"]))
    membership = next(iter(rows["memberships"]))
    refused = [
        ("UPDATE persons SET name = 'X' WHERE id = :id", {"id": person}),
        ("DELETE FROM memberships WHERE person_id = :id", {"id": person}),
        ("DELETE FROM persons WHERE id = :id", {"id": person}),
        (
            "INSERT INTO persons (group_id, name, organisation, principal, email, phone, notes)"
            " VALUES (:g, 'X', '', 'other', '', '', '')",
            {"g": readable},
        ),
    ]
    for sql, params in refused:
        with pytest.raises(DatabaseError, match=r"row-level security|permission denied"):
            run_as(url, sql, **params)
    run_as(url, "UPDATE groups SET name = 'Norrby' WHERE id = :id", id=writable)
    clerk = open_database(url)
    try:
        with pytest.raises(DatabaseFileError, match=NO_WRITE):
            members.delete_member(clerk, membership)
        assert {m.person_id for m in members.list_members(clerk, readable)} == {person}
    finally:
        clerk.dispose()


def test_revoking_takes_the_group_away(db: Database, login: tuple[str, str]) -> None:
    role, url = login
    group, _rows = fill_group(db, "Samverkansgrupp Norrby")
    access.grant(db, role, group)
    assert visible_ids(url, "groups") == {group}

    assert access.revoke(db, role, group)
    assert not access.revoke(db, role, group)

    with pytest.raises(ProgrammingError, match="permission denied"):
        visible_ids(url, "groups")
    with pytest.raises(DatabaseFileError, match=f"Rollen {role} får inte läsa tabellerna"):
        open_database(url)
    assert access.list_grants(db) == []


def test_only_the_owner_grants_and_creates_groups(db: Database, login: tuple[str, str]) -> None:
    role, url = login
    group, _rows = fill_group(db, "Samverkansgrupp Norrby")
    access.grant(db, role, group)
    assert access.may_create_groups(db)
    clerk = open_database(url)
    try:
        assert not access.may_create_groups(clerk)
        with pytest.raises(DomainError, match=f"Rollen {role} får inte ge tillgång"):
            access.grant(clerk, role, group)
        with pytest.raises(DatabaseFileError, match=NO_WRITE):
            groups.create_group(clerk, GroupInput(name="En egen grupp"))
    finally:
        clerk.dispose()
    with pytest.raises(DomainError, match="Det finns ingen roll"):
        access.grant(db, "ingen_sadan_roll", group)


def test_an_approval_records_the_logged_in_role(db: Database, login: tuple[str, str]) -> None:
    role, url = login
    group, people = make_group(db)
    access.grant(db, role, group.id)
    clerk = open_database(url)
    try:
        meeting = approved_meeting(clerk, group, people)
    finally:
        clerk.dispose()
    with db.session() as session:
        assert check_approvals(session).problems == []
    pdf = approval.stored_pdf(db, meeting)
    assert pdf is not None
    found = approval.verify_pdf(db, pdf)
    assert found is not None and found.approved_login == role
    assert f"inloggningen {role}" in approval.describe_verification(found)
    assert approval.revisions(db, meeting)[-1].approved_login == role


def test_an_approval_in_a_file_records_the_computer_login(db: Database) -> None:
    if db.path is None:
        pytest.skip("the server's case is the test above (a role of its own)")
    group, people = make_group(db)
    meeting = approved_meeting(db, group, people)
    pdf = approval.stored_pdf(db, meeting)
    assert pdf is not None
    found = approval.verify_pdf(db, pdf)
    assert found is not None and found.approved_login == getpass.getuser()


def test_a_changed_login_breaks_the_approval_record(db: Database) -> None:
    group, people = make_group(db)
    approved_meeting(db, group, people)
    raw(db, "UPDATE protocol_revisions SET approved_login = 'someone_else'")
    with db.session() as session:
        problems = check_approvals(session).problems
    assert any("ändrats efter justeringen" in p for p in problems), problems


def test_the_search_finds_the_roles_own_items_and_no_others(
    db: Database, login: tuple[str, str]
) -> None:
    role, url = login
    mine, _mine = fill_group(db, "Samverkansgrupp Norrby")
    other, _other = fill_group(db, "Samverkansgrupp Söderby")
    access.grant(db, role, mine, read_only=True)
    clerk = open_database(url)
    try:
        assert [h.title for h in decisions.search_items(clerk, mine, "öppnande")] == [
            "Mötets öppnande"
        ]
        assert decisions.search_items(clerk, other, "öppnande") == []
    finally:
        clerk.dispose()
    assert len(decisions.search_items(db, other, "öppnande")) == 1


def test_a_record_without_a_login_hashes_as_records_made_before_0007(db: Database) -> None:
    """Approvals made before the login was recorded keep the hash they were chained with."""
    group, people = make_group(db)
    approved_meeting(db, group, people)
    with db.session() as session:
        row = session.scalars(select(ProtocolRevision)).one()
        row.approved_login = ""
        before_0007 = {
            "group": group.id,
            "meeting": row.meeting_id,
            "revision": row.revision,
            "approved_at": stored_moment(row.approved_at),
            "approved_by": row.approved_by,
            "reason": row.reason,
            "pdf_sha256": row.sha256,
            "data_sha256": row.data_sha256 or "",
            "previous": row.chain_previous or "",
        }
        text_form = json.dumps(before_0007, sort_keys=True, ensure_ascii=False)
        assert record_hash(group.id, row) == hashlib.sha256(text_form.encode()).hexdigest()
        session.rollback()


def test_0007_goes_down_and_up_again_on_a_server(server: Server) -> None:
    url = server.database_at("0007")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(schema.alembic_config(connection), "0006")  # type: ignore[arg-type]
        with engine.connect() as connection:
            guarded = connection.execute(
                text("SELECT count(*) FROM pg_class WHERE relrowsecurity")
            ).scalar_one()
        assert guarded == 0
        schema.upgrade(engine)
        with engine.connect() as connection:
            assert schema.current_revision(connection) == schema.HEAD_REVISION
    finally:
        engine.dispose()


def group_copy(db: Database, table: str, row_id: int) -> int | None:
    with db.engine.connect() as connection:
        found = connection.execute(
            text(f"SELECT group_id FROM {table} WHERE id = :id"), {"id": row_id}
        ).scalar_one()
    return None if found is None else int(found)


def test_the_copied_group_follows_the_parent_whatever_is_written(db: Database) -> None:
    """activities and sip_counts carry their group for the server's policies (a cheap check
    in a count over every group); the copy is the database's, on either database."""
    first, a = fill_group(db, "Samverkansgrupp Norrby")
    second, b = fill_group(db, "Samverkansgrupp Söderby")
    activity, count = next(iter(a["activities"])), next(iter(a["sip_counts"]))
    assert (group_copy(db, "activities", activity), group_copy(db, "sip_counts", count)) == (
        first,
        first,
    )

    raw(db, "UPDATE activities SET group_id = :g WHERE id = :id", g=second, id=activity)
    assert group_copy(db, "activities", activity) == first  # not moved by writing the copy

    raw(db, "UPDATE areas SET plan_id = :p", p=next(iter(b["plans"])))
    assert group_copy(db, "activities", activity) == second
    raw(db, "UPDATE plans SET group_id = :g WHERE id = :p", g=first, p=next(iter(b["plans"])))
    assert group_copy(db, "activities", activity) == first
    raw(db, "DELETE FROM sip_periods WHERE group_id = :g", g=second)
    raw(db, "UPDATE sip_periods SET group_id = :g", g=second)
    assert group_copy(db, "sip_counts", count) == second
