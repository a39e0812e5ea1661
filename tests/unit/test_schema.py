"""Schema versions and opening files: migrate old databases, refuse what is not ours."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

import naravard_desktop.db.models  # noqa: F401  (registers every table)
from naravard_desktop.db import schema
from naravard_desktop.db.base import Base
from naravard_desktop.db.engine import make_engine, to_url
from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.db.search import is_search_object
from naravard_desktop.errors import DatabaseFileError, SchemaTooNewError
from naravard_desktop.services.group import members
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.database import Database, open_database
from tests.db_backends import demo_file, target_of
from tests.unit.approval_setup import raw

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def revision_of(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def revision_in(db: Database) -> str | None:
    """The schema revision stamped in the database behind `db` (a file or a server)."""
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_diffs(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _p: not is_search_object(name, kind),
            },
        )
        return list(compare_metadata(context, Base.metadata))


def make_first_schema_db(path: Path) -> None:
    """A database as version 0001 of the app left it, filled with plain SQL."""
    engine = make_engine(to_url(path))
    schema.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO groups (name, municipality, region, paragraph_numbering,"
                " protocol_language, sip_period_kind, suppress_below)"
                " VALUES ('Samverkan Norrby', 'Norrby kommun', 'Region Väst', 'per_year',"
                " 'sv', 'quarter', 5)"
            )
        )
        for name, principal in (("Britt Ek", "kommun"), ("Ali Sand", "region")):
            connection.execute(
                text(
                    "INSERT INTO persons (group_id, name, organisation, principal, email,"
                    " phone, notes) VALUES (1, :name, '', :principal, '', '', '')"
                ),
                {"name": name, "principal": principal},
            )
        connection.execute(
            text(
                "INSERT INTO memberships (person_id, role, active_from, active_to) VALUES"
                " (1, 'chair', '2023-01-01', NULL), (2, 'member', '2022-01-01', '2023-12-31')"
            )
        )
    engine.dispose()


# --- revisions -------------------------------------------------------------------------------


def test_known_revisions_match_migration_scripts() -> None:
    assert tuple(schema.script_revisions()) == schema.KNOWN_REVISIONS
    assert schema.KNOWN_REVISIONS[-1] == schema.HEAD_REVISION


def test_new_database_is_at_head_and_matches_models(db: Database) -> None:
    assert revision_in(db) == schema.HEAD_REVISION
    assert schema_diffs(db) == []


# --- upgrading old databases ----------------------------------------------------------------


def test_first_schema_database_is_upgraded_with_rows_kept_and_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_first_schema_db(path)
    assert revision_of(path) == "0001"

    db = open_database(str(path))
    try:
        assert revision_of(path) == schema.HEAD_REVISION
        assert schema_diffs(db) == []
        rows = members.list_members(db, 1)
    finally:
        db.dispose()

    assert [(r.name, r.role, r.principal) for r in rows] == [
        ("Ali Sand", Role.MEMBER, Principal.REGION),
        ("Britt Ek", Role.CHAIR, Principal.MUNICIPALITY),
    ]
    assert rows[0].active_to == dt.date(2023, 12, 31)
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    assert "0001" in backups[0].name
    # The backup is the database as it was before the upgrade, rows included.
    assert revision_of(backups[0]) == "0001"
    connection = sqlite3.connect(backups[0])
    try:
        assert connection.execute("SELECT count(*) FROM persons").fetchone() == (2,)
    finally:
        connection.close()


def test_upgrade_backup_is_the_real_file_when_the_folder_name_has_url_characters(
    tmp_path: Path,
) -> None:
    """'#' and '%' are legal in folder names; they must not redirect the backup elsewhere."""
    folder = tmp_path / "Möten #2 100%41"
    folder.mkdir()
    path = folder / "old.sqlite"
    make_first_schema_db(path)

    db = open_database(str(path))
    try:
        assert db.path == path
        assert [r.name for r in members.list_members(db, 1)] == ["Ali Sand", "Britt Ek"]
    finally:
        db.dispose()

    (backup,) = (folder / "backups").iterdir()
    assert revision_of(backup) == "0001"
    # Nothing was created next to the folder by a mis-parsed path.
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_committed_first_schema_fixture_opens_and_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "schema_0001.sqlite"
    shutil.copyfile(FIXTURES / "schema_0001.sqlite", path)
    assert revision_of(path) == "0001"

    db = open_database(str(path))
    try:
        assert revision_of(path) == schema.HEAD_REVISION
        assert schema_diffs(db) == []
        report = maintenance.check_database(db)
        rows = members.list_members(db, 1)
    finally:
        db.dispose()

    assert report.ok, report.problems
    assert report.counts["groups"] == 1
    assert report.counts["persons"] == 4
    assert [r.name for r in rows] == [
        "Ingrid Åberg",
        "Mats Holmgren",
        "Sofia Lind",
        "Tove Berglund",
    ]
    former = rows[-1]
    assert former.active_to == dt.date(2023, 6, 30)
    assert not former.is_active()
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_fixture_script_still_makes_the_committed_fixture(tmp_path: Path) -> None:
    """The generator is kept runnable, so the fixture can be rebuilt if it is ever lost."""
    spec = importlib.util.spec_from_file_location(
        "make_schema_0001", FIXTURES / "make_schema_0001.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    rebuilt = module.build(tmp_path / "rebuilt.sqlite")

    def content(path: Path) -> dict[str, list[tuple[object, ...]]]:
        connection = sqlite3.connect(path)
        try:
            return {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("alembic_version", "groups", "persons", "memberships")
            }
        finally:
            connection.close()

    assert content(rebuilt) == content(FIXTURES / "schema_0001.sqlite")


def test_up_to_date_database_is_opened_without_a_backup(db_path: Path) -> None:
    open_database(str(db_path)).dispose()  # created at head
    open_database(str(db_path)).dispose()  # opened again: nothing to migrate
    assert not (db_path.parent / "backups").exists()


def test_open_without_migrate_refuses_an_old_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_first_schema_db(path)
    with pytest.raises(DatabaseFileError):
        open_database(str(path), migrate=False)
    assert revision_of(path) == "0001"


# --- refusing files -------------------------------------------------------------------------


def test_database_from_a_newer_version_is_refused(db: Database) -> None:
    raw(db, "UPDATE alembic_version SET version_num = '9999'")
    db.dispose()

    with pytest.raises(SchemaTooNewError) as caught:
        open_database(target_of(db))

    # The wording is the translators' (sv: "… en nyare version …"); the revision must show.
    assert "9999" in caught.value.message
    # Refused, not touched: still stamped with the newer revision.
    assert revision_in(db) == "9999"


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anteckningar.txt"
    original = "Mötesanteckningar 2024-05-17\n" * 50
    path.write_text(original, encoding="utf-8")

    with pytest.raises(DatabaseFileError) as caught:
        open_database(str(path))

    assert str(path) in caught.value.message
    assert path.read_text(encoding="utf-8") == original


def test_other_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kalender.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
    connection.execute("INSERT INTO events (title) VALUES ('Möte')")
    connection.commit()
    connection.close()

    with pytest.raises(DatabaseFileError) as caught:
        open_database(str(path))

    assert str(path) in caught.value.message
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert tables == {"events"}  # nothing of ours was created in it


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError):
        open_database(str(tmp_path))


def _damaged_copy(request: pytest.FixtureRequest, tmp_path: Path, table: str) -> Path:
    """A real database with data (the demo) whose `table` page is overwritten in the middle."""
    path = tmp_path / f"damaged-{table}.sqlite"
    demo_file(request, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")  # everything into the main file
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 40)
        handle.seek((root - 1) * page_size + page_size // 2)
        handle.write(b"\xa5" * 500)
    return path


@pytest.mark.parametrize("table", ["persons", "memberships", "ix_persons_group_id"])
def test_damaged_database_is_refused_with_one_line(
    request: pytest.FixtureRequest, tmp_path: Path, table: str
) -> None:
    path = _damaged_copy(request, tmp_path, table)

    with pytest.raises(DatabaseFileError) as caught:
        open_database(str(path))

    message = caught.value.message
    assert str(path) in message
    assert "\n" not in message  # one sentence, not SQLite's multi-line report


# --- connection settings --------------------------------------------------------------------


@pytest.mark.sqlite_only("SQLite's pragmas (WAL, synchronous, busy timeout)")
def test_pragmas_in_force(db: Database) -> None:
    with db.engine.connect() as connection:

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("journal_mode") == "wal"
        busy_timeout = pragma("busy_timeout")
        assert isinstance(busy_timeout, int)
        assert busy_timeout >= 1000


def test_foreign_keys_are_enforced(db: Database) -> None:
    # SQLite says "FOREIGN KEY constraint failed", PostgreSQL "violates foreign key constraint".
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO persons (group_id, name, organisation, principal, email, phone,"
                " notes, version) VALUES (4711, 'Ingen', '', 'other', '', '', '', 1)"
            )
        )
