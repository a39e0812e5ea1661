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

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from naravard_desktop.db import schema, sqlite
from naravard_desktop.db.engine import (
    SessionFactory,
    make_engine,
    make_session_factory,
    sqlite_path,
    to_url,
)
from naravard_desktop.errors import DatabaseFileError, SchemaTooNewError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.paths import create_private_file, default_database_path, secure_file

log = logging.getLogger(__name__)

DATABASE_ENV = "NARAVARD_DATABASE"


@dataclass
class Database:
    """An open, migrated database; `session()` is the unit of work for one user action."""

    url: str
    engine: Engine
    factory: SessionFactory = field(repr=False)
    path: Path | None = None  # the file, when SQLite
    read_only: bool = False  # opened for reading only: every save is refused

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
            message = describe_save_error(error)
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

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string()

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_target(explicit: str | None) -> str:
    """--database wins, then NARAVARD_DATABASE, then the file in the user data folder."""
    return explicit or os.environ.get(DATABASE_ENV) or str(default_database_path())


def backup_dir_for(path: Path) -> Path:
    return path.parent / "backups"


def open_database(
    target: str | None = None, *, migrate: bool = True, read_only: bool = False
) -> Database:
    """Open (creating if needed) and migrate; raises DatabaseFileError with a readable text.

    A SQLite file that cannot be written (a read-only medium or folder) is opened read-only,
    as is any file when `read_only` is asked for (a second copy of the app)."""
    url = to_url(resolve_target(target))
    path = sqlite_path(url)
    if path is not None:
        _check_file(path)
        read_only = read_only or (path.exists() and not _writable(path))
    elif read_only:
        raise DatabaseFileError(_("Only a database file can be opened read-only."))
    engine = sqlite.read_only_engine(path) if read_only and path else make_engine(url)
    try:
        with engine.connect() as connection:
            if path is not None:
                problems = sqlite.integrity_problems(
                    sqlite.driver_connection(connection), quick=True
                )
                if problems:
                    raise DatabaseFileError(
                        _("The database {path} is damaged: {problem}").format(
                            path=path, problem=problems[0]
                        )
                    )
            revision = schema.current_revision(connection)
            if revision is None and schema.has_foreign_tables(connection):
                raise DatabaseFileError(
                    _("{path} is a database, but not one made by naravard-desktop.").format(
                        path=path or url
                    )
                )
        if revision not in schema.KNOWN_REVISIONS and revision is not None:
            raise SchemaTooNewError(
                _(
                    "The database was saved by a newer version of naravard-desktop "
                    "(schema {revision}). Install the newer version to open it."
                ).format(revision=revision)
            )
        if revision != schema.HEAD_REVISION:
            if read_only:
                raise DatabaseFileError(
                    _(
                        "The database needs to be upgraded, which cannot be done while it is "
                        "opened read-only."
                    )
                )
            if not migrate:
                raise DatabaseFileError(
                    _("The database needs to be upgraded before it can be used.")
                )
            if path is not None and revision is not None:
                backup_before_migration(path, revision)
            log.info("migrating %s from %s to %s", url, revision, schema.HEAD_REVISION)
            schema.upgrade(engine)
    except (DatabaseError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise DatabaseFileError(_describe_sqlite_error(path or Path(url), error)) from error
    except BaseException:
        engine.dispose()
        raise
    return Database(
        url=url,
        engine=engine,
        factory=make_session_factory(engine),
        path=path,
        read_only=read_only,
    )


def _writable(path: Path) -> bool:
    """SQLite needs to write the file and, for its journal, the folder."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def backup_before_migration(path: Path, revision: str) -> Path:
    from naravard_desktop.services.backups import BEFORE_UPGRADE, make_backup

    target = make_backup(path, BEFORE_UPGRADE, note=f"from-{revision}")
    log.info("backup before migration from %s: %s", revision, target)
    return target


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise DatabaseFileError(_("{path} is a folder, not a database file.").format(path=path))
    if path.exists():
        if not sqlite.looks_like_sqlite(path):
            raise DatabaseFileError(
                _("{path} is not a database file. Choose another file.").format(path=path)
            )
        secure_file(path)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseFileError(
            _("Cannot create the folder {folder}: {reason}").format(
                folder=path.parent, reason=error.strerror
            )
        ) from error
    create_private_file(path)  # owner-only; SQLite's -wal and -shm files follow it


def describe_save_error(error: Exception) -> str | None:
    """What a user should read when the database refused a save for a reason outside the
    app (full disk, failing disk, read-only file, another program holding the lock); None
    for anything else (a bug or a constraint, which stays a programming error)."""
    text = str(getattr(error, "orig", None) or error).lower()
    if "disk is full" in text:  # SQLITE_FULL: "database or disk is full"
        return _("The disk is full, so your change was not saved. Free some space and try again.")
    if "disk i/o" in text:
        return _(
            "The database file could not be written (disk error), so your change was not "
            "saved. Check the disk or memory stick and try again."
        )
    if "readonly" in text.replace(" ", ""):
        return _("The database can only be read, so your change was not saved.")
    if "locked" in text or "busy" in text:
        return _(
            "The database is busy in another program, so your change was not saved. "
            "Try again in a moment."
        )
    return None


def _describe_sqlite_error(path: Path, error: Exception) -> str:
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return _("{path} is not a database file, or it is damaged.").format(path=path)
    if "locked" in text or "busy" in text:
        return _("{path} is in use by another program. Try again in a moment.").format(path=path)
    if isinstance(error, OperationalError) and "readonly" in text.replace(" ", ""):
        return _("{path} cannot be written to (read-only).").format(path=path)
    return _("Cannot open the database {path}: {reason}").format(path=path, reason=error)
