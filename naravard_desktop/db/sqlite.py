"""Everything SQLite-specific: pragmas, integrity checks, online backup. Nothing else in the
app knows it may be running on SQLite, so the same code runs on PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, event

BUSY_TIMEOUT_MS = 5000


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def install_pragmas(engine: Engine, *, read_only: bool = False) -> None:
    """Foreign keys on, WAL where the file system allows it, fully synchronous commits
    (a read-only connection changes nothing about the file)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                # Returns the mode in force: stays "delete" on media without shared memory.
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()


def read_only_engine(path: Path) -> Engine:
    """An engine that can only read `path` (a second copy of the app, a read-only medium)."""
    from sqlalchemy import create_engine

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
    install_pragmas(engine, read_only=True)
    return engine


def driver_connection(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (for pragmas SQLAlchemy does not wrap)."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def integrity_problems(connection: sqlite3.Connection, *, quick: bool) -> list[str]:
    """Problems reported by SQLite's own check; empty when the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    # One row may hold several lines under a "*** in database main ***" heading.
    problems = [
        line
        for row in rows
        if row[0] != "ok"
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("*** ")
    ]
    if not quick:
        for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} -> {parent}")
    return problems


def read_only_uri(path: Path) -> str:
    """A sqlite3 URI opening `path` read-only. Percent-encoded: a raw "#", "?" or "%" in a
    folder name would otherwise open another file."""
    return "file:" + quote(str(path), safe="/:\\") + "?mode=ro"


def backup_file(source: Path, target: Path) -> None:
    """Copy a live database with the online backup API (consistent even while in use), to a
    temporary name first; the copy is readable only by its owner."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal/-shm beside it when it is opened.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if os.name == "posix":
        partial.chmod(0o600)
    partial.replace(target)


def restore_file(backup: Path, target: Path) -> None:
    """Write the contents of `backup` into the database file `target` with the backup API
    (page by page, in one transaction on the target: a crash leaves the old contents)."""
    src = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def file_problems(path: Path) -> list[str]:
    """Integrity problems of a database file opened read-only; a file that is not a
    database is one problem."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        return integrity_problems(connection, quick=False)
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        connection.close()


def looks_like_sqlite(path: Path) -> bool:
    """True for an empty file or one starting with the SQLite header."""
    with path.open("rb") as handle:
        header = handle.read(16)
    return header == b"" or header == b"SQLite format 3\x00"
