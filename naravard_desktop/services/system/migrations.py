"""Upgrading a database server's schema: the administrator's step, one at a time.

A SQLite file belongs to one user and upgrades itself on open, after a backup. A database on a
server is shared by every secretary's app: if each upgraded it on start, two starting at once
would race (both creating `alembic_version`), and a client role may lack the rights anyway.
So there only `naravard-desktop migrate` upgrades, under an advisory lock with a fixed key
(the second run waits, then finds nothing to do), after telling the administrator to take a
`pg_dump`; an app meeting an old or empty server database says who must run it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, Engine, make_url, text

from naravard_desktop.db import schema
from naravard_desktop.db.engine import database_name, shown_url
from naravard_desktop.errors import DatabaseFileError, SchemaTooNewError
from naravard_desktop.i18n import _

log = logging.getLogger(__name__)

# pg_advisory_lock's key for "migrating naravard-desktop's schema" ("nara" in ASCII): every
# `migrate` on the same database waits for the one holding it.
MIGRATION_LOCK = 0x6E617261


def pg_dump_command(url: str) -> str:
    """The backup command to run before migrating: libpq's own URL form, password hidden."""
    shown = shown_url(make_url(url).set(drivername="postgresql"))
    return f"pg_dump --format=custom --file=naravard-before-upgrade.dump '{shown}'"


def server_revision(connection: Connection) -> str | None:
    """The revision stamped in a server database (None for an empty one), after checking the
    role may read it, that it is ours and not newer than this program."""
    readable = connection.execute(
        text(
            "SELECT to_regclass('alembic_version') IS NULL "
            "OR has_table_privilege('alembic_version', 'SELECT')"
        )
    ).scalar_one()
    if not readable:
        raise DatabaseFileError(
            _(
                "The role {role} may not read the tables in this database. Use a role that "
                "may, or ask the database administrator to grant this one access."
            ).format(role=_role(connection))
        )
    revision = schema.current_revision(connection)
    _check_ours(connection, revision)
    check_not_newer(revision)
    return revision


def read_revision(engine: Engine) -> str | None:
    """The revision of any database the app may open, checked like `server_revision`."""
    with engine.connect() as connection:
        if on_server(engine):
            return server_revision(connection)
        revision = schema.current_revision(connection)
        _check_ours(connection, revision)
    check_not_newer(revision)
    return revision


def _check_ours(connection: Connection, revision: str | None) -> None:
    if revision is None and schema.has_foreign_tables(connection):
        raise DatabaseFileError(
            _(
                "{path} is a database, but not one made by naravard-desktop. Choose another file."
            ).format(path=_shown(connection.engine))
        )


def _shown(engine: Engine) -> str:
    """The file, or the URL without its password."""
    return database_name(engine.url)


def check_not_newer(revision: str | None) -> None:
    if revision is not None and revision not in schema.KNOWN_REVISIONS:
        raise SchemaTooNewError(
            _(
                "The database was saved by a newer version of naravard-desktop "
                "(schema {revision}). Install the newer version to open it."
            ).format(revision=revision)
        )


def may_change_schema(connection: Connection) -> bool:
    """Whether the logged-in role may create tables here and alter the existing ones (it
    owns them, or is a member of their owner's role)."""
    row = connection.execute(
        text(
            "SELECT has_schema_privilege(current_schema(), 'CREATE'), "
            "coalesce(bool_and(pg_has_role(tableowner, 'MEMBER')), true) "
            "FROM pg_tables WHERE schemaname = current_schema()"
        )
    ).one()
    return bool(row[0] and row[1])


def role_refusal(connection: Connection) -> str | None:
    """The sentence saying the role may not change tables, or None when it may."""
    if may_change_schema(connection):
        return None
    return _(
        "The role {role} may not create or change tables in this database, so it cannot "
        "upgrade it: use the role that owns the database for that."
    ).format(role=_role(connection))


def _role(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def outdated_server_text(engine: Engine, revision: str | None) -> str:
    """Why the app does not open a server database older than itself, and who must act."""
    if revision is None:
        what = _("The database on the server is empty: it has no naravard-desktop tables yet.")
    else:
        what = _(
            "The database on the server is older than the program (schema {revision}; this "
            "version needs {head}). The program does not upgrade a shared database itself."
        ).format(revision=revision, head=schema.HEAD_REVISION)
    with engine.connect() as connection:
        rights = role_refusal(connection)
    todo = _(
        "Ask the database administrator to take a backup and run “naravard-desktop migrate”, "
        "then start the program again."
    )
    return " ".join(part for part in (what, rights, todo) if part)


def migrate_server(engine: Engine, on_wait: Callable[[], None] | None = None) -> str | None:
    """Upgrade a server database to head under the advisory lock; returns the revision found
    once the lock was held (head: another run got there first and nothing was done).
    `on_wait` is called when another run holds the lock, before waiting for it."""
    from alembic import command

    with engine.connect() as connection:
        lock = {"key": MIGRATION_LOCK}
        if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), lock).scalar_one():
            if on_wait is not None:
                on_wait()
            connection.execute(text("SELECT pg_advisory_lock(:key)"), lock)
        connection.commit()
        try:
            revision = server_revision(connection)
            if revision == schema.HEAD_REVISION:
                return revision
            refusal = role_refusal(connection)
            if refusal is not None:
                raise DatabaseFileError(refusal)
            connection.commit()
            log.info("migrating the server database from %s to %s", revision, schema.HEAD_REVISION)
            with connection.begin():
                command.upgrade(schema.alembic_config(connection), "head")  # type: ignore[arg-type]
            return revision
        finally:
            connection.rollback()
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), lock)
            connection.commit()


def on_server(engine: Engine) -> bool:
    """A PostgreSQL server, shared by many apps (the only server the app supports)."""
    return engine.dialect.name == "postgresql"
