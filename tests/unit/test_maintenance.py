"""Health check and manual backup of the whole database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from naravard_desktop.db import schema
from naravard_desktop.db.base import Base
from naravard_desktop.documents import demo
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.database import Database, open_database
from tests.unit.approval_setup import raw


def test_fresh_database_is_sound_and_empty(db: Database) -> None:
    report = maintenance.check_database(db)

    assert report.ok
    assert report.problems == []
    assert report.revision == schema.HEAD_REVISION
    assert set(report.counts) == set(Base.metadata.tables)
    assert set(report.counts.values()) == {0}


@pytest.mark.demo()
def test_check_counts_rows_per_table(db: Database, demo_group: GroupData) -> None:
    group = demo_group
    people = len(members.list_members(db, group.id))

    report = maintenance.check_database(db)

    assert report.ok
    assert report.counts["groups"] == 1
    assert report.counts["persons"] == people
    assert report.counts["memberships"] == people
    assert report.counts["meetings"] == len(meetings.list_meetings(db, group.id)) > 0


def test_check_finds_rows_pointing_nowhere(db: Database) -> None:
    """Another tool wrote a member of a group that does not exist (foreign keys off)."""
    raw(
        db,
        "INSERT INTO persons (group_id, name, organisation, principal, email, phone, notes,"
        " version) VALUES (4711, 'Ingen', '', 'other', '', '', '', 1)",
        foreign_keys=False,
    )

    report = maintenance.check_database(db)

    assert not report.ok
    assert any("persons" in problem for problem in report.problems)


def test_check_reports_an_old_schema(db: Database) -> None:
    raw(db, "UPDATE alembic_version SET version_num = '0001'")

    report = maintenance.check_database(db)

    assert not report.ok
    assert report.revision == "0001"
    assert any("0001" in problem for problem in report.problems)


@pytest.mark.demo()
@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_is_a_sound_copy_with_the_same_rows(
    db: Database, demo_group: GroupData, tmp_path: Path
) -> None:
    group = demo_group
    expected = members.list_members(db, group.id)
    out = tmp_path / "kopior" / "bergsjo-backup.sqlite"
    out.parent.mkdir()

    written = maintenance.backup_to(db, out)

    assert written == out
    assert not out.with_name(out.name + ".part").exists()
    copy = open_database(str(out), migrate=False)
    try:
        assert maintenance.check_database(copy).ok
        assert members.list_members(copy, group.id) == expected
        assert [g.name for g in groups.list_groups(copy)] == [group.name]
    finally:
        copy.dispose()


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_includes_changes_not_yet_checkpointed(db: Database, tmp_path: Path) -> None:
    """With WAL, recent commits live in the -wal file: the copy must still hold them."""
    group = demo.create_demo(db)  # the database stays open: nothing is checkpointed on close
    out = tmp_path / "copy.sqlite"

    maintenance.backup_to(db, out)

    copy = sqlite3.connect(out)
    try:
        names = [row[0] for row in copy.execute("SELECT name FROM groups")]
    finally:
        copy.close()
    assert names == [group.name]


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_over_an_earlier_backup_replaces_it(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite"
    maintenance.backup_to(db, out)
    demo.create_demo(db)

    maintenance.backup_to(db, out)

    copy = sqlite3.connect(out)
    try:
        assert copy.execute("SELECT count(*) FROM groups").fetchone() == (1,)
    finally:
        copy.close()


@pytest.mark.parametrize("spelling", ["same", "dotted"])
@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
@pytest.mark.demo()
def test_backup_refuses_to_overwrite_the_database(
    db: Database, db_path: Path, spelling: str
) -> None:
    out = db_path if spelling == "same" else db_path.parent / "x" / ".." / db_path.name

    with pytest.raises(DomainError):
        maintenance.backup_to(db, out)

    assert maintenance.check_database(db).counts["groups"] == 1


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_refuses_a_folder(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "kopior"
    folder.mkdir()

    with pytest.raises(DomainError) as caught:
        maintenance.backup_to(db, folder)

    assert str(folder) in caught.value.message
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_into_a_missing_folder_is_refused(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "finns-inte" / "copy.sqlite"

    with pytest.raises(DomainError) as caught:
        maintenance.backup_to(db, out)

    assert str(out) in caught.value.message
    assert not out.parent.exists()  # no folder made behind the user's back


def test_check_on_a_server_finds_a_constraint_it_never_checked(db: Database) -> None:
    """On PostgreSQL a constraint added NOT VALID does not vouch for the rows already there."""
    if db.path is not None:
        pytest.skip("a server's own bookkeeping: pytest --database=postgresql")
    assert maintenance.check_database(db).ok
    raw(db, "ALTER TABLE persons ADD CONSTRAINT named_person CHECK (name <> '') NOT VALID")

    report = maintenance.check_database(db)

    assert not report.ok
    assert [p for p in report.problems if "named_person" in p and "persons" in p]
