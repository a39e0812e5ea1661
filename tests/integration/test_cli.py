"""The headless commands end to end, as a user or a script runs them: `python -m naravard_desktop`.

Each command runs in a fresh interpreter with its own data folder, so start-up, argument
parsing, logging and exit codes are tested as shipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from naravard_desktop import __version__
from naravard_desktop.documents import demo
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.system.database import Database, open_database
from tests.db_backends import target_of
from tests.unit.approval_setup import raw

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.strip().splitlines()


Cli = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run the CLI with a private data folder; extra environment variables as keywords."""
    data_dir = tmp_path / "cli-data"

    def run(*args: str | Path, **env_extra: str) -> Result:
        env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
        env.update(NARAVARD_DATA_DIR=str(data_dir), PYTHONUTF8="1", QT_QPA_PLATFORM="offscreen")
        env.update(env_extra)
        completed = subprocess.run(
            [sys.executable, "-m", "naravard_desktop", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
            check=False,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    return run


@pytest.fixture
def demo_db(db: Database, demo_group: GroupData) -> str:
    """A database holding the demo group (a test using it is marked `demo`: a copy of the
    demo built once); what --database names it (the SQLite file, or the server's URL)."""
    db.dispose()
    return target_of(db)


def assert_one_line_error(result: Result) -> None:
    assert result.code != 0
    assert len(result.err_lines) == 1, result.err
    assert "Traceback" not in result.err
    assert result.err_lines[0].strip()


def table_counts(check_output: str) -> dict[str, int]:
    """The `  table   count` lines of `check`."""
    counts = {}
    for line in check_output.splitlines():
        parts = line.split()
        if line.startswith("  ") and len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


# --- start-up -------------------------------------------------------------------------------


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"naravard-desktop {__version__}"


def test_help_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("check", "backup", "demo", "groups", "members"):
        assert command in result.out
    assert "--database" in result.out


@pytest.mark.demo()
def test_unknown_language_is_refused_by_the_parser(cli: Cli, demo_db: str) -> None:
    result = cli("--lang", "xx", "check", "--database", demo_db)
    assert result.code == 2
    assert "Traceback" not in result.err


# --- demo and check -------------------------------------------------------------------------


@pytest.mark.slow  # two subprocesses, or a migration: over a second
def test_demo_then_check(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "ny.sqlite"

    made = cli("demo", "--database", path)
    assert made.code == 0, made.err
    assert demo.DEMO_GROUP.name in made.out

    checked = cli("check", "--database", path)
    assert checked.code == 0, checked.err
    assert str(path) in checked.out
    counts = table_counts(checked.out)
    assert counts["groups"] == 1
    assert counts["persons"] == len(demo.DEMO_MEMBERS) + 1
    assert counts["meetings"] >= 7  # a year of demo meetings and an upcoming one
    assert counts["protocol_revisions"] == counts["meetings"] - 1


@pytest.mark.demo()
def test_demo_twice_is_refused_the_second_time(cli: Cli, demo_db: str) -> None:
    result = cli("demo", "--database", demo_db)
    assert_one_line_error(result)
    db = open_database(str(demo_db))
    try:
        assert len(groups.list_groups(db)) == 1
    finally:
        db.dispose()


@pytest.mark.demo()
def test_check_json(cli: Cli, demo_db: str) -> None:
    result = cli("check", "--json", "--database", demo_db)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["ok"] is True
    assert report["revision"] == report["head"]
    assert report["problems"] == []
    assert report["counts"]["groups"] == 1


@pytest.mark.parametrize(
    "order",
    [
        ("--database", "{db}", "check"),
        ("check", "--database", "{db}"),
        ("--database", "{db}", "--lang", "en", "check"),
        ("check", "--lang", "en", "--database", "{db}"),
        ("--lang", "en", "check", "--database", "{db}"),
    ],
)
@pytest.mark.demo()
def test_global_options_before_or_after_the_command(
    cli: Cli, demo_db: str, order: tuple[str, ...]
) -> None:
    result = cli(*(arg.format(db=demo_db) for arg in order))
    assert result.code == 0, result.err
    assert str(demo_db) in result.out
    assert table_counts(result.out)["groups"] == 1


@pytest.mark.parametrize(
    "order",
    [
        ("--database", "{db}", "groups", "list"),
        ("groups", "--database", "{db}", "list"),
        ("groups", "list", "--database", "{db}"),
    ],
)
@pytest.mark.demo()
def test_database_option_at_any_level_of_a_nested_command(
    cli: Cli, demo_db: str, order: tuple[str, ...]
) -> None:
    result = cli(*(arg.format(db=demo_db) for arg in order))
    assert result.code == 0, result.err
    assert demo.DEMO_GROUP.name in result.out


@pytest.mark.demo()
def test_database_from_the_environment(cli: Cli, demo_db: str, tmp_path: Path) -> None:
    result = cli("check", NARAVARD_DATABASE=str(demo_db))
    assert result.code == 0, result.err
    assert str(demo_db) in result.out
    assert table_counts(result.out)["groups"] == 1
    assert not (tmp_path / "cli-data" / "naravard.sqlite").exists()


@pytest.mark.demo()
def test_database_option_wins_over_the_environment(cli: Cli, demo_db: str, tmp_path: Path) -> None:
    other = tmp_path / "tom.sqlite"
    open_database(str(other)).dispose()  # `check` creates none (issue 11)
    result = cli("check", "--database", other, NARAVARD_DATABASE=str(demo_db))
    assert result.code == 0, result.err
    assert str(other) in result.out
    assert table_counts(result.out)["groups"] == 0


def test_default_database_lives_in_the_data_folder(cli: Cli, tmp_path: Path) -> None:
    default = tmp_path / "cli-data" / "naravard.sqlite"
    missing = cli("check")  # looks only: says the database is not there, creates none
    assert missing.code == 2 and str(default) in missing.err
    assert not default.exists()
    assert cli("groups", "list").code == 0  # a command that may create it
    result = cli("check")
    assert result.code == 0, result.err
    assert default.exists()
    assert str(default) in result.out


@pytest.mark.demo()
def test_english_output(cli: Cli, demo_db: str) -> None:
    result = cli("--lang", "en", "check", "--database", demo_db)
    assert result.code == 0, result.err
    assert "Database:" in result.out
    assert "The database is sound." in result.out


@pytest.mark.slow  # two subprocesses, or a migration: over a second
def test_old_database_is_upgraded_by_check(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "gammal.sqlite"
    shutil.copyfile(FIXTURES / "schema_0001.sqlite", path)

    result = cli("check", "--database", path)

    assert result.code == 0, result.err
    assert table_counts(result.out)["persons"] == 4
    assert len(list((tmp_path / "backups").iterdir())) == 1


# --- files that are not (our) databases ------------------------------------------------------


def test_check_of_a_text_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "notadb.txt"
    path.write_text("Detta är ingen databas.\n" * 20, encoding="utf-8")

    result = cli("check", "--database", path)

    assert_one_line_error(result)
    assert str(path) in result.err
    assert result.out == ""


@pytest.mark.demo()
def test_check_of_a_newer_database_is_one_line(cli: Cli, db: Database, demo_db: str) -> None:
    raw(db, "UPDATE alembic_version SET version_num = '9999'")

    result = cli("check", "--database", demo_db)

    assert_one_line_error(result)
    assert "9999" in result.err


@pytest.mark.demo()
@pytest.mark.sqlite_only("a page of the SQLite file is overwritten")
def test_check_of_a_damaged_database_is_one_line(cli: Cli, demo_db: str) -> None:
    connection = sqlite3.connect(demo_db)
    connection.execute("PRAGMA journal_mode = DELETE")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_persons_group_id'"
    )
    page = root.fetchone()[0]
    connection.close()
    with Path(demo_db).open("r+b") as handle:
        handle.seek((page - 1) * page_size + 8)
        handle.write(b"\xff" * 40)

    result = cli("check", "--database", demo_db)

    assert_one_line_error(result)
    assert str(demo_db) in result.err


# --- backup ---------------------------------------------------------------------------------


@pytest.mark.demo()
@pytest.mark.slow  # two subprocesses, or a migration: over a second
@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_writes_a_file_that_check_accepts(cli: Cli, demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "säkerhetskopia.sqlite"

    made = cli("backup", "--database", demo_db, "--out", out)
    assert made.code == 0, made.err
    assert str(out) in made.out

    checked = cli("check", "--database", out)
    assert checked.code == 0, checked.err
    assert table_counts(checked.out)["persons"] == len(demo.DEMO_MEMBERS) + 1


@pytest.mark.demo()
@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_into_a_missing_folder_is_one_line(cli: Cli, demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "finns-inte" / "kopia.sqlite"
    result = cli("backup", "--database", demo_db, "--out", out)
    assert_one_line_error(result)
    assert not out.parent.exists()


@pytest.mark.demo()
def test_backup_needs_out(cli: Cli, demo_db: str) -> None:
    result = cli("backup", "--database", demo_db)
    assert result.code == 2
    assert "--out" in result.err


# --- lists ----------------------------------------------------------------------------------


@pytest.mark.demo()
def test_groups_list(cli: Cli, demo_db: str) -> None:
    result = cli("groups", "list", "--database", demo_db)
    assert result.code == 0, result.err
    (line,) = result.out.splitlines()
    group_id, name, *_rest = line.split("\t")
    assert group_id == "1"
    assert name == demo.DEMO_GROUP.name


@pytest.mark.demo()
def test_groups_list_json(cli: Cli, demo_db: str) -> None:
    result = cli("groups", "list", "--json", "--database", demo_db)
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload == [
        {
            "id": 1,
            "name": demo.DEMO_GROUP.name,
            "municipality": demo.DEMO_GROUP.municipality,
            "region": demo.DEMO_GROUP.region,
        }
    ]


@pytest.mark.demo()
def test_members_list_of_the_only_group(cli: Cli, demo_db: str) -> None:
    db = open_database(str(demo_db))
    try:
        expected = members.list_members(db, 1)
    finally:
        db.dispose()

    result = cli("members", "list", "--database", demo_db)

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == len(expected)
    for line, row in zip(lines, expected, strict=True):
        membership_id, name, *_rest = line.split("\t")
        assert int(membership_id) == row.membership_id
        assert name == row.name


@pytest.mark.demo()
def test_members_list_json(cli: Cli, demo_db: str) -> None:
    result = cli("members", "list", "--json", "--database", demo_db)
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert len(payload) == len(demo.DEMO_MEMBERS) + 1
    assert all(isinstance(item, dict) and isinstance(item["id"], int) for item in payload)
    by_name = {item["name"]: item for item in payload}
    assert by_name["Anna Berg"]["role"] == "chair"
    assert by_name["Anna Berg"]["active"] is True
    assert by_name["Gustav Myr"]["active"] is False
    assert by_name["Gustav Myr"]["active_to"].endswith("-06-30")


@pytest.mark.demo()
@pytest.mark.slow  # two subprocesses, or a migration: over a second
def test_members_list_needs_group_when_there_are_two(cli: Cli, demo_db: str) -> None:
    db = open_database(str(demo_db))
    try:
        second = groups.create_group(db, GroupInput(name="Samverkan Norrby"))
        members.add_member(db, second.id, MemberInput(name="Nils Norr"))
    finally:
        db.dispose()

    without = cli("members", "list", "--database", demo_db)
    assert_one_line_error(without)
    assert "--group" in without.err
    assert without.out == ""

    chosen = cli("members", "list", "--group", str(second.id), "--database", demo_db)
    assert chosen.code == 0, chosen.err
    (line,) = chosen.out.splitlines()
    assert line.split("\t")[1] == "Nils Norr"


@pytest.mark.demo()
def test_members_list_of_a_missing_group_is_one_line(cli: Cli, demo_db: str) -> None:
    result = cli("members", "list", "--group", "4711", "--database", demo_db)
    assert_one_line_error(result)
    assert "4711" in result.err


def test_members_list_of_an_empty_database_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("members", "list", "--database", tmp_path / "tom.sqlite")
    assert_one_line_error(result)
