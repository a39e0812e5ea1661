"""`naravard-desktop migrate` on a SQLite file: a backup first, as the app does on open; and
the pg_dump command it shows an administrator, password hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from naravard_desktop.db import schema
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.migrations import pg_dump_command
from naravard_desktop.services.system.read_models import BEFORE_UPGRADE
from tests.cli_run import run_cli


def _file_at(path: Path, revision: str) -> Path:
    engine = create_engine(f"sqlite:///{path}")
    try:
        schema.upgrade(engine, revision)
    finally:
        engine.dispose()
    return path


def _revision(path: Path) -> str | None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return schema.current_revision(connection)
    finally:
        engine.dispose()


@pytest.mark.sqlite_only("migrates a file and backs it up beside itself")
def test_migrate_backs_up_an_old_file_first(tmp_path: Path) -> None:
    path = _file_at(tmp_path / "old.sqlite", "0003")
    result = run_cli(tmp_path, "migrate", "--database", path)
    assert result.returncode == 0, result.stderr
    assert "uppgraderades från schema 0003" in result.stdout
    assert _revision(path) == schema.HEAD_REVISION
    made = [b for b in backups.list_backups(path) if b.kind == BEFORE_UPGRADE]
    assert len(made) == 1 and str(made[0].path) in result.stdout
    assert _revision(made[0].path) == "0003"


def test_migrate_on_a_current_file_has_nothing_to_do(db: Database, tmp_path: Path) -> None:
    result = run_cli(tmp_path, "migrate", "--database", str(db.path or db.url))
    assert result.returncode == 0, result.stderr
    assert "redan" in result.stdout


@pytest.mark.sqlite_only("a mistyped file name")
def test_migrate_creates_no_file(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "migrate", "--database", tmp_path / "missing.sqlite")
    assert result.returncode != 0
    assert not (tmp_path / "missing.sqlite").exists()


def test_the_pg_dump_command_hides_the_password() -> None:
    command = pg_dump_command("postgresql+psycopg://admin:s3cret@db.region.se:5432/naravard")
    assert command.startswith("pg_dump ")
    assert "s3cret" not in command
    assert "postgresql://admin:***@db.region.se:5432/naravard" in command
    assert "psycopg" not in command
