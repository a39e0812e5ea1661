"""Automatic and manual backups beside the database, their rotation, and restoring one.

Backups are SQLite files in `backups/` next to the database, made with the online backup API
and checked with SQLite's integrity check after writing. Automatic ones are made at most once a
day and thinned out to 7 daily, 4 weekly and 12 monthly copies; copies made before an upgrade
or a restore are kept until the user removes them.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from naravard_desktop.db import sqlite
from naravard_desktop.errors import DatabaseFileError, DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.system.database_errors import file_error_reason, problem_summary
from naravard_desktop.services.system.read_models import AUTO, BEFORE_RESTORE, MANUAL, BackupInfo

DAMAGED = "damaged"

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12

_NAME = re.compile(r"-(\d{8}-\d{6})-(auto|manual|before-restore|before-upgrade)")
_SUMMARY_TABLES = ("groups", "persons", "meetings", "plans", "sip_counts")


def backup_dir(database: Path) -> Path:
    return database.parent / "backups"


def _target(database: Path, kind: str, now: dt.datetime, note: str) -> Path:
    stem = f"{database.stem}-{now.strftime('%Y%m%d-%H%M%S')}-{kind}" + (f"-{note}" if note else "")
    target = backup_dir(database) / f"{stem}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = backup_dir(database) / f"{stem}-{counter}.sqlite"
    return target


def make_backup(
    database: Path, kind: str = MANUAL, now: dt.datetime | None = None, note: str = ""
) -> Path:
    """Copy the database into backups/ and verify the copy; a bad copy is removed. `note`
    goes into the file name ("from-0001" for a backup before an upgrade)."""
    target = _target(database, kind, now or dt.datetime.now(), note)
    try:
        sqlite.backup_file(database, target)
    except (OSError, sqlite3.Error) as error:
        raise DomainError(
            _(
                "The backup could not be written to {path}: {reason}. Check the folder and try "
                "again."
            ).format(path=target, reason=file_error_reason(error))
        ) from error
    problems = sqlite.file_problems(target)
    if problems:
        target.unlink(missing_ok=True)
        raise DomainError(
            _(
                "The backup did not pass the integrity check ({problem}); it was removed. Try "
                "again, and check the disk if it happens again."
            ).format(problem=problem_summary(problems))
        )
    return target


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of this database, newest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{database.stem}-*.sqlite"):
        match = _NAME.search(path.stem)
        if match is None:
            continue
        made_at = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        found.append(BackupInfo(path, match.group(2), made_at, path.stat().st_size, _counts(path)))
    # Two made within one second: the file written last is the newer.
    return sorted(found, key=lambda b: (b.made_at, b.path.stat().st_mtime_ns), reverse=True)


def _counts(path: Path) -> dict[str, int]:
    try:
        connection = sqlite3.connect(sqlite.read_only_uri(path), uri=True)
    except sqlite3.Error:
        return {}
    counts = {}
    try:
        for table in _SUMMARY_TABLES:
            try:
                counts[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.Error:
                continue
    finally:
        connection.close()
    return counts


def automatic_backup(database: Path, now: dt.datetime | None = None) -> Path | None:
    """At most one automatic backup a day, then rotation; None when today's exists."""
    moment = now or dt.datetime.now()
    autos = [b for b in list_backups(database) if b.kind == AUTO]
    if any(b.made_at.date() == moment.date() for b in autos):
        return None
    made = make_backup(database, AUTO, moment)
    rotate(database, moment)
    return made


def to_keep(made: Iterable[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Which automatic backups the rotation keeps: the newest of each of the last 7 days,
    4 weeks and 12 months that have one."""
    newest_first = sorted(made, reverse=True)
    keep: set[dt.datetime] = set()
    for key, limit in (
        (lambda m: m.date(), KEEP_DAILY),
        (lambda m: m.isocalendar()[:2], KEEP_WEEKLY),
        (lambda m: (m.year, m.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for moment in newest_first:
            bucket = key(moment)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) <= limit:
                    keep.add(moment)
    return {m for m in keep if m <= now}


def rotate(database: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rotation does not keep; returns what was deleted."""
    autos = [b for b in list_backups(database) if b.kind == AUTO]
    keep = to_keep([b.made_at for b in autos], now or dt.datetime.now())
    removed = []
    for backup in autos:
        if backup.made_at not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore(database: Path, backup: Path) -> Path:
    """Replace the database's contents with the backup's, after a safety backup of the current
    state (returned). The caller must have closed its connections to the database."""
    problems = sqlite.file_problems(backup)
    if problems:
        raise DomainError(
            _(
                "{name} cannot be restored: it is damaged or not a database ({problem}). Choose "
                "another backup."
            ).format(name=backup.name, problem=problem_summary(problems))
        )
    safety = make_backup(database, BEFORE_RESTORE)
    try:
        sqlite.restore_file(backup, database)
    except sqlite3.Error as error:
        raise DomainError(
            _(
                "Restoring failed ({reason}). The database is unchanged; choose another backup or "
                "try again."
            ).format(reason=file_error_reason(error))
        ) from error
    return safety


def set_aside_damaged(database: Path, now: dt.datetime | None = None) -> Path:
    """Move a damaged database (and its -wal/-shm files) aside under a new name; never
    overwrites anything. Returns the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}.{DAMAGED}-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = database.with_name(f"{database.name}.{DAMAGED}-{stamp}-{counter}")
    database.rename(aside)
    for suffix in ("-wal", "-shm"):
        extra = database.with_name(database.name + suffix)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + suffix))
    return aside


def newest_good_backup(database: Path) -> BackupInfo | None:
    for backup in list_backups(database):
        if not sqlite.file_problems(backup.path):
            return backup
    return None


def recover_from_newest_backup(database: Path) -> tuple[Path, BackupInfo]:
    """For a damaged database: set it aside and put the newest good backup in its place.
    Returns (where the damaged file went, the backup used)."""
    backup = newest_good_backup(database)
    if backup is None:
        raise DatabaseFileError(
            _("There is no intact backup of {name}.").format(name=database.name)
        )
    aside = set_aside_damaged(database)
    sqlite.backup_file(backup.path, database)
    return aside, backup
