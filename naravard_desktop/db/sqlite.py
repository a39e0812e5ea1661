"""Everything SQLite-specific: pragmas, integrity checks, online backup. Nothing else in the
app knows it may be running on SQLite, so the same code runs on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import re
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


def read_only_engine(path: Path, *, immutable: bool = False) -> Engine:
    """An engine that can only read `path` (a second copy of the app, a read-only medium).

    `immutable` for a file nobody can change (a read-only medium or folder, a file without
    write permission): SQLite then needs no -shm file beside a WAL database, which it could
    not create there."""
    from sqlalchemy import create_engine

    uri = read_only_uri(path, immutable=immutable)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
    install_pragmas(engine, read_only=True)
    return engine


def driver_connection(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (for pragmas SQLAlchemy does not wrap)."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def integrity_problems(
    connection: sqlite3.Connection, *, quick: bool, foreign_keys: bool | None = None
) -> list[str]:
    """Problems reported by SQLite's own check; empty when the file is sound. The full check
    also lists broken foreign keys unless `foreign_keys` is False."""
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
    if foreign_keys if foreign_keys is not None else not quick:
        for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} -> {parent}")
    return problems


_INDEX_PROBLEM = re.compile(
    r"^(row \d+ missing from index |wrong # of entries in index |non-unique entry in index )"
)


def is_index_problem(problem: str) -> bool:
    """True for damage confined to an index (the rows themselves are readable; REINDEX or
    a restore repairs it), as reported by the full integrity check only."""
    return bool(_INDEX_PROBLEM.match(problem))


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A sqlite3 URI opening `path` read-only. Percent-encoded: a raw "#", "?" or "%" in a
    folder name would otherwise open another file."""
    uri = "file:" + quote(str(path), safe="/:\\") + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def backup_file(source: Path, target: Path) -> None:
    """Copy a live database with the online backup API (consistent even while in use), to a
    temporary name first; the copy is readable only by its owner."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    _remove_with_journal(partial)  # what a killed earlier copy left
    # Created owner-only before a byte is written: it will hold names and protocols.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A backup is one self-contained file: no -wal/-shm beside it when opened.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
    except BaseException:  # a full disk, an interrupt: no half copy is left behind
        _remove_with_journal(partial)
        raise


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


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
