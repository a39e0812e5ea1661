"""Opening a database: resolve the target, check the file, back it up and migrate if due.

Every service receives a `Database` and runs each user action in its own short session.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from naravard_desktop.db import schema, sqlite
from naravard_desktop.db.engine import (
    SessionFactory,
    database_name,
    make_engine,
    make_session_factory,
    shown_url,
    sqlite_path,
    to_url,
)
from naravard_desktop.errors import (
    DatabaseFileError,
    SchemaTooNewError,
    ServerUnavailableError,
    StaleEditError,
)
from naravard_desktop.i18n import _
from naravard_desktop.paths import default_database_path, secure_file
from naravard_desktop.services.system import database_files, migrations
from naravard_desktop.services.system.database_errors import (
    ConnectionLostError,
    connection_lost_text,
    damaged_text,
    describe_open_error,
    describe_save_error,
    is_connection_failure,
)
from naravard_desktop.services.system.later_check import LaterCheck

log = logging.getLogger(__name__)

DATABASE_ENV = "NARAVARD_DATABASE"

# Why a database is open read-only (Database.read_only_reason).
IN_USE = "in-use"  # open in another copy of the program
READ_ONLY_FILE = "read-only-file"  # the file or its folder cannot be written
DAMAGED = "damaged"  # its indexes are damaged: restore a backup before saving anything


@dataclass
class Database:
    """An open, migrated database; `session()` is the unit of work for one user action."""

    url: str
    engine: Engine
    factory: SessionFactory = field(repr=False)
    path: Path | None = None  # the file, when SQLite
    read_only: bool = False  # opened for reading only: every save is refused
    read_only_reason: str = ""  # IN_USE, READ_ONLY_FILE or DAMAGED when read_only
    damage: tuple[str, ...] = ()  # SQLite's own words about the damage (for the log)
    later_check: LaterCheck | None = None  # the integrity check left for the window to run

    _active: ContextVar[Session | None] = field(
        default_factory=lambda: ContextVar("naravard_session", default=None), repr=False
    )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Commit on success, roll back on any error; stale edits become a readable error.

        Nested calls join the outer unit of work, so a use case built from several services
        (the demo, an import) commits once or not at all.
        """
        outer = self._active.get()
        if outer is not None:
            yield outer
            return
        session = self.factory()
        token = self._active.set(session)
        try:
            yield session
            session.commit()
        except StaleDataError as error:
            session.rollback()
            raise StaleEditError(
                _("Someone else saved this first. Reload and make your change again.")
            ) from error
        except DatabaseError as error:
            session.rollback()
            if is_connection_failure(error):
                log.warning("connection to %s lost: %s", self.display_name, error.orig or error)
                raise ConnectionLostError(connection_lost_text(self.display_name)) from error
            message = describe_save_error(error)
            if message is not None and self.read_only:
                message = self.refusal() or message
            if message is None:
                raise
            log.warning("save refused by the database: %s", error.orig or error)
            raise DatabaseFileError(message) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            self._active.reset(token)
            session.close()

    def refusal(self) -> str | None:
        """Why nothing can be saved here, in the words for its reason; None when writable."""
        if self.read_only_reason == READ_ONLY_FILE:
            return _(
                "The database file or its folder cannot be written to (read-only), so your "
                "change was not saved. Copy the file to a folder you may write to and open "
                "the copy."
            )
        if self.read_only_reason == DAMAGED:
            return _(
                "The database is damaged, so nothing can be saved in it. Restore the newest "
                "backup (File › Restore from backup…)."
            )
        if self.read_only_reason == IN_USE:
            return _("The database can only be read, so your change was not saved.")
        return None

    @property
    def display_name(self) -> str:
        """The file, or the server's URL without its password: for the window and the log."""
        return str(self.path) if self.path else database_name(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


class PasswordNeededError(DatabaseFileError):
    """The server asks for a password: none was found (in .pgpass or the service file) or
    given, or the one given was refused (`refused`). The password itself is never in it."""

    def __init__(self, url: str, *, refused: bool) -> None:
        self.url = url
        self.refused = refused
        self.role = make_url(url).username or ""
        if refused:
            text = _("The database server {name} refused the password. Check it and type it again.")
        else:
            text = _(
                "No password for the database server {name} was found. Type it, or put it in "
                "your .pgpass file or the service file so that it is not asked for."
            )
        super().__init__(text.format(name=shown_url(url)))


def asks_for_password(error: BaseException) -> bool:
    """libpq's words when the server wants a password it did not get, or refused the one
    given ("fe_sendauth: no password supplied", "password authentication failed")."""
    words = str(getattr(error, "orig", None) or error)
    return "no password supplied" in words or "password authentication failed" in words


def resolve_target(explicit: str | None) -> str:
    """--database wins, then NARAVARD_DATABASE, then the file in the user data folder."""
    return explicit or os.environ.get(DATABASE_ENV) or str(default_database_path())


def open_database(
    target: str | None = None,
    *,
    migrate: bool = True,
    migrate_server: bool = False,
    read_only: bool = False,
    create: bool = True,
    password: str | None = None,
    check_later: bool = False,
) -> Database:
    """Open (creating if needed and `create`) and migrate; raises DatabaseFileError with a
    readable text.

    A SQLite file that cannot be written (a read-only medium or folder, a file made 0444) is
    opened read-only and never made writable, as is any file when `read_only` is asked for
    (a second copy of the app). A file whose indexes are damaged opens read-only too: it can
    be read, exported and restored from a backup, but nothing is saved into it.

    A SQLite file is backed up and migrated here. A server's schema is migrated only when
    `migrate_server` is asked for (the administrator's `migrate`, tests), under an advisory
    lock; by default, as in the window and the other commands, an old or empty server
    database is refused with the advice to ask the administrator.

    A server asking for a password that .pgpass or the service file did not give raises
    PasswordNeededError; the front door asks for one and passes it as `password`.

    `check_later` (the window's start): a writable SQLite file that needs no migration opens
    without its full integrity check, which `Database.later_check` runs beside the window
    (services/system/later_check.py); writes wait for it."""
    url = to_url(resolve_target(target))
    path = sqlite_path(url)
    reason = IN_USE if read_only else ""
    immutable = False
    if path is not None:
        if not database_files.check_existing(path, create=create):
            database_files.create_atomically(path, _build_schema)
        found = database_files.access(path)
        if not found.writable:
            reason, immutable = reason or READ_ONLY_FILE, found.immutable
            _check_readable_wal(path, found)
        elif not reason:
            secure_file(path)  # an older database readable by others; never a read-only one
    elif read_only:
        raise DatabaseFileError(_("Only a database file can be opened read-only."))
    try:
        engine = (
            sqlite.read_only_engine(path, immutable=immutable)
            if reason and path
            else make_engine(url, password)
        )
        later = check_later and path is not None and not reason
        problems, deferred = _open_checks(engine, path, url, reason, migrate, migrate_server, later)
    except (DatabaseError, sqlite3.DatabaseError, OSError) as error:
        if path is None and asks_for_password(error):
            given = password is not None or make_url(url).password is not None
            raise PasswordNeededError(url, refused=given) from error
        message = describe_open_error(path or shown_url(url), error)
        if path is None and is_connection_failure(error):
            raise ServerUnavailableError(message) from error
        raise DatabaseFileError(message) from error
    if problems and path is not None and not reason:
        # Restoring a backup is offered only where it can be done: not from a second window
        # (the first one holds the file) and not on a read-only medium.
        reason = DAMAGED
        engine.dispose()
        engine = sqlite.read_only_engine(path)
    return Database(
        url=url,
        engine=engine,
        factory=make_session_factory(engine),
        path=path,
        read_only=bool(reason),
        read_only_reason=reason,
        damage=tuple(problems),
        later_check=LaterCheck(path, engine) if deferred and path is not None else None,
    )


def _open_checks(
    engine: Engine,
    path: Path | None,
    url: str,
    reason: str,
    migrate: bool,
    migrate_server: bool,
    later: bool = False,
) -> tuple[list[str], bool]:
    """Integrity, schema version and a due migration; returns index damage found (which
    leaves the file readable), and whether the integrity check was left for later (`later`
    asked, and no migration due). Raises for anything that keeps the file from being opened."""
    problems: list[str] = []
    try:
        with engine.connect() as connection:
            if path is not None and not later:
                problems = _integrity(connection, path)
            server = migrations.on_server(engine)
            if server:
                revision = migrations.server_revision(connection)
            else:
                revision = schema.current_revision(connection)
            if later and path is not None and revision != schema.HEAD_REVISION:
                later = False  # a migration is never run on an unchecked file
                problems = _integrity(connection, path)
            if revision is None and schema.has_foreign_tables(connection):
                raise DatabaseFileError(
                    _(
                        "{path} is a database, but not one made by naravard-desktop. Choose "
                        "another file."
                    ).format(path=database_name(url))
                )
        if revision not in schema.KNOWN_REVISIONS and revision is not None:
            raise SchemaTooNewError(
                _(
                    "The database was saved by a newer version of naravard-desktop "
                    "(schema {revision}). Install the newer version to open it."
                ).format(revision=revision)
            )
        if revision != schema.HEAD_REVISION:
            if reason or problems:
                raise DatabaseFileError(
                    _(
                        "The database needs to be upgraded, which cannot be done while it is "
                        "opened read-only. Open it without read-only and it is upgraded."
                    )
                )
            if server:
                if not (migrate and migrate_server):
                    raise DatabaseFileError(migrations.outdated_server_text(engine, revision))
                migrations.migrate_server(engine)
                return problems, later
            if not migrate:
                raise DatabaseFileError(
                    _(
                        "The database needs to be upgraded before it can be used. Open it once in "
                        "the program and it is upgraded."
                    )
                )
            if path is not None and revision is not None:
                backup_before_migration(path, revision)
            log.info(
                "migrating %s from %s to %s", database_name(url), revision, schema.HEAD_REVISION
            )
            schema.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return problems, later


def _integrity(connection: Connection, path: Path) -> list[str]:
    """The full check, not quick_check: both read every page (the full one 1.8 s for a
    region's 100 MB, quick_check 0.4 s), but only the full one finds damaged indexes, which
    a write would make worse. Damage beyond an index keeps the file from being opened."""
    problems = sqlite.integrity_problems(
        sqlite.driver_connection(connection), quick=False, foreign_keys=False
    )
    if problems:
        log.warning("integrity check of %s: %s", path, "; ".join(problems[:20]))
    if problems and not all(sqlite.is_index_problem(p) for p in problems):
        raise DatabaseFileError(damaged_text(path))
    return problems


def _build_schema(temporary: Path) -> None:
    """The first start: the whole schema in a temporary file (rollback journal, so every
    commit is in the file itself when it is moved into place)."""
    engine = create_engine(to_url(temporary))
    try:
        schema.upgrade(engine)
    finally:
        engine.dispose()


def _check_readable_wal(path: Path, found: database_files.FileAccess) -> None:
    """A read-only WAL database with changes still in its -wal file needs a -shm file
    beside it, which cannot be made in a folder that cannot be written."""
    shm = path.with_name(path.name + "-shm")
    if found.pending_wal and not shm.exists() and not os.access(path.parent, os.W_OK):
        raise DatabaseFileError(
            _(
                "{path} holds changes not yet written into the file (in {wal}), and its "
                "folder cannot be written to. Copy the folder to a place where you may "
                "write and open the copy."
            ).format(path=path, wal=path.name + "-wal")
        )


def backup_before_migration(path: Path, revision: str) -> Path:
    from naravard_desktop.services.system.backups import make_backup
    from naravard_desktop.services.system.read_models import BEFORE_UPGRADE

    target = make_backup(path, BEFORE_UPGRADE, note=f"from-{revision}")
    log.info("backup before migration from %s: %s", revision, target)
    return target
