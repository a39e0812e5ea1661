"""Backups beside the database: made and verified, once a day, rotated, restored."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from naravard_desktop.errors import DatabaseFileError, DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.read_models import AUTO, BEFORE_RESTORE, MANUAL

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file beside it")

NOON = dt.datetime(2026, 11, 22, 12, 0)


def _group_names(path: Path) -> list[str]:
    database = open_database(str(path))
    try:
        return [g.name for g in groups.list_groups(database)]
    finally:
        database.dispose()


def test_a_backup_is_one_verified_private_file(db: Database, db_path: Path) -> None:
    groups.create_group(db, GroupInput(name="Samverkan Ånge"))
    made = backups.make_backup(db_path)
    assert made.parent == db_path.parent / "backups"
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # no -wal/-shm
    if os.name == "posix":
        assert made.stat().st_mode & 0o077 == 0
    assert _group_names(made) == ["Samverkan Ånge"]
    (info,) = backups.list_backups(db_path)
    assert info.kind == MANUAL and info.counts["groups"] == 1
    assert info.summary().startswith("Grupper: 1")


def test_automatic_backups_at_most_once_a_day(db: Database, db_path: Path) -> None:
    assert backups.automatic_backup(db_path, NOON) is not None
    assert backups.automatic_backup(db_path, NOON + dt.timedelta(hours=3)) is None
    assert backups.automatic_backup(db_path, NOON + dt.timedelta(days=1)) is not None
    assert len(backups.list_backups(db_path)) == 2


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    made = [NOON - dt.timedelta(days=n) for n in range(500)]
    kept = backups.to_keep(made, NOON)
    days = sorted(kept, reverse=True)
    assert days[:7] == made[:7]  # the last seven days
    assert len(kept) <= 7 + 4 + 12
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 12  # one for each of the last twelve months
    assert min(kept) > NOON - dt.timedelta(days=366)


def test_rotation_deletes_only_automatic_backups(db: Database, db_path: Path) -> None:
    for n in range(30):
        backups.make_backup(db_path, AUTO, NOON - dt.timedelta(days=n))
    manual = backups.make_backup(db_path, MANUAL, NOON - dt.timedelta(days=40))
    removed = backups.rotate(db_path, NOON)
    left = backups.list_backups(db_path)
    assert removed and manual.exists()
    assert len([b for b in left if b.kind == AUTO]) == len(
        backups.to_keep([NOON - dt.timedelta(days=n) for n in range(30)], NOON)
    )


def test_restore_brings_back_the_old_state_after_a_safety_copy(db: Database, db_path: Path) -> None:
    groups.create_group(db, GroupInput(name="Före"))
    saved = backups.make_backup(db_path)
    groups.create_group(db, GroupInput(name="Efter"))
    db.dispose()

    safety = backups.restore(db_path, saved)

    assert _group_names(db_path) == ["Före"]
    assert _group_names(safety) == ["Efter", "Före"]
    kinds = [b.kind for b in backups.list_backups(db_path)]
    assert sorted(kinds) == [BEFORE_RESTORE, MANUAL]


def test_a_damaged_backup_is_not_restored(db: Database, db_path: Path, tmp_path: Path) -> None:
    groups.create_group(db, GroupInput(name="Kvar"))
    db.dispose()
    bad = tmp_path / "trasig.sqlite"
    bad.write_bytes(b"inte en databas" * 100)
    with pytest.raises(DomainError, match="kan inte återställas"):
        backups.restore(db_path, bad)
    assert _group_names(db_path) == ["Kvar"]


def test_a_damaged_database_is_set_aside_and_the_newest_good_backup_used(
    db: Database, db_path: Path
) -> None:
    groups.create_group(db, GroupInput(name="Sparad"))
    backups.make_backup(db_path, AUTO, NOON - dt.timedelta(days=1))
    db.dispose()
    damaged = db_path.read_bytes()[:4096] + b"\x00garbage" * 2000
    db_path.write_bytes(damaged)

    aside, used = backups.recover_from_newest_backup(db_path)

    assert aside.read_bytes() == damaged  # kept, never overwritten
    assert used.kind == AUTO
    assert _group_names(db_path) == ["Sparad"]


def test_no_backup_to_recover_from(db_path: Path) -> None:
    db_path.write_bytes(b"x" * 100)
    with pytest.raises(DatabaseFileError, match="Det finns ingen felfri säkerhetskopia"):
        backups.recover_from_newest_backup(db_path)
    assert db_path.read_bytes() == b"x" * 100
