"""Migrating a shared PostgreSQL database is the administrator's step (issue 16, point 2).

`naravard-desktop migrate` upgrades under an advisory lock, so two at once never race; the
window and every other command leave an old or empty server database alone and say who must
run `migrate`. These run only against PostgreSQL (`make test-postgresql`), each on databases
and roles of its own in the throwaway cluster.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from naravard_desktop.db import schema
from naravard_desktop.services.system.migrations import MIGRATION_LOCK
from tests.cli_run import run_cli
from tests.server_databases import Server, revision, server_fixture  # noqa: F401 (fixture)

MIGRATE_HINT = "naravard-desktop migrate"


def _environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(folder / "data"), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    return env


def _migrate(folder: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "naravard_desktop", "migrate", "--database", url, *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_environment(folder),
    )


def test_two_migrations_at_once_on_an_empty_database_both_succeed_once(
    server: Server, tmp_path: Path
) -> None:
    url = server.empty_database()
    first, second = _migrate(tmp_path, url, "--yes"), _migrate(tmp_path, url, "--yes")
    results = [process.communicate(timeout=120) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    outputs = [out for out, _err in results]
    assert sum("skapades" in out for out in outputs) == 1, outputs
    assert sum("redan" in out for out in outputs) == 1, outputs
    assert revision(url) == schema.HEAD_REVISION
    assert "UniqueViolation" not in "".join(err for _out, err in results)


def test_migrate_tells_to_take_a_pg_dump_first_and_asks(server: Server, tmp_path: Path) -> None:
    url = server.database_at("0003")
    secret_url = make_url(url).set(password="hemligt").render_as_string(hide_password=False)
    declined = _migrate(tmp_path, secret_url)
    out, err = declined.communicate("n\n", timeout=120)
    assert declined.returncode == 1
    assert "pg_dump" in out and "hemligt" not in out + err
    assert "***" in out
    assert "Databasen uppgraderades inte" in err
    assert revision(url) == "0003"

    accepted = _migrate(tmp_path, url)
    out, err = accepted.communicate("j\n", timeout=120)
    assert accepted.returncode == 0, err
    assert "pg_dump" in out and "uppgraderades från schema 0003" in out
    assert revision(url) == schema.HEAD_REVISION


def test_a_client_leaves_an_old_server_schema_alone(server: Server, tmp_path: Path) -> None:
    url = server.database_at("0003")
    result = run_cli(tmp_path, "groups", "list", "--database", url)
    assert result.returncode != 0
    assert "äldre än programmet" in result.stderr
    assert MIGRATE_HINT in result.stderr
    assert "Traceback" not in result.stderr
    assert revision(url) == "0003"


def test_a_client_leaves_an_empty_server_database_alone(server: Server, tmp_path: Path) -> None:
    url = server.empty_database()
    result = run_cli(tmp_path, "groups", "list", "--database", url)
    assert result.returncode != 0
    assert "tom" in result.stderr and MIGRATE_HINT in result.stderr
    assert revision(url) is None


def test_a_role_that_may_only_connect_is_told_so(server: Server, tmp_path: Path) -> None:
    owner_url = server.database_at("0003")
    clerk_url = server.login_role(owner_url)
    clerk = make_url(clerk_url).username

    opened = run_cli(tmp_path, "groups", "list", "--database", clerk_url)
    assert opened.returncode != 0
    assert f"Rollen {clerk} får inte läsa tabellerna" in opened.stderr

    migrated = run_cli(tmp_path, "migrate", "--yes", "--database", clerk_url)
    assert migrated.returncode != 0
    assert f"Rollen {clerk} får inte" in migrated.stderr
    assert "Traceback" not in migrated.stderr
    assert revision(owner_url) == "0003"


def test_a_role_without_create_rights_is_told_so(server: Server, tmp_path: Path) -> None:
    owner_url = server.database_at("0003")
    clerk_url = server.login_role(owner_url, data_rights=True)
    clerk = make_url(clerk_url).username
    no_rights = f"Rollen {clerk} får inte skapa eller ändra tabeller"

    opened = run_cli(tmp_path, "groups", "list", "--database", clerk_url)
    assert opened.returncode != 0
    assert "äldre än programmet" in opened.stderr and no_rights in opened.stderr
    assert MIGRATE_HINT in opened.stderr

    migrated = run_cli(tmp_path, "migrate", "--yes", "--database", clerk_url)
    assert migrated.returncode != 0
    assert no_rights in migrated.stderr
    assert "Traceback" not in migrated.stderr
    assert revision(owner_url) == "0003"


def test_migrate_on_a_current_database_has_nothing_to_do(server: Server, tmp_path: Path) -> None:
    url = server.database_at(schema.HEAD_REVISION)
    result = run_cli(tmp_path, "migrate", "--database", url)  # no question: nothing to change
    assert result.returncode == 0, result.stderr
    assert "redan" in result.stdout and "pg_dump" not in result.stdout


def test_migrate_waits_for_an_upgrade_already_running(server: Server, tmp_path: Path) -> None:
    url = server.empty_database()
    engine = create_engine(url)
    with engine.connect() as holder:  # another administrator's upgrade, still running
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        waiting = _migrate(tmp_path, url, "--yes")
        assert waiting.stdout is not None
        assert "väntar på att den ska bli klar" in waiting.stdout.readline()
        assert waiting.poll() is None and revision(url) is None
        holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
        out, err = waiting.communicate(timeout=120)
    engine.dispose()
    assert waiting.returncode == 0, err
    assert "skapades" in out and revision(url) == schema.HEAD_REVISION
