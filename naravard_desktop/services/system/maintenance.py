"""Whole-database chores: the health check and a manual backup copy."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, and_, func, select, text

from naravard_desktop.db import schema, sqlite
from naravard_desktop.db.base import Base
from naravard_desktop.db.models import Group  # noqa: F401  (registers every table)
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.database_errors import (
    describe_integrity,
    file_error_reason,
    os_reason,
)


@dataclass
class CheckReport:
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)  # SQLite's own words (English)
    notes: list[str] = field(default_factory=list)  # what could not be checked (not problems)

    @property
    def ok(self) -> bool:
        return not self.problems and self.revision == self.head


def check_database(db: Database) -> CheckReport:
    """Full integrity check (SQLite's own; on a server, constraints and indexes the server
    does not hold to), schema revision, row counts per table, and whether the approved
    protocols are still what was approved (services/meetings/approval_check.py)."""
    with db.engine.connect() as connection:
        revision = schema.current_revision(connection)
        report = CheckReport(revision=revision, head=schema.HEAD_REVISION)
        if sqlite.is_sqlite(db.engine):
            raw = sqlite.driver_connection(connection)
            report.details = sqlite.integrity_problems(raw, quick=False)
            report.problems += describe_integrity(report.details)
        else:
            report.problems += server_integrity_problems(connection)
        if revision != schema.HEAD_REVISION:
            report.problems.append(
                _("Schema version {revision} differs from {head}.").format(
                    revision=revision, head=schema.HEAD_REVISION
                )
            )
        for name, table in sorted(Base.metadata.tables.items()):
            report.counts[name] = connection.execute(
                select(func.count()).select_from(table)
            ).scalar_one()
    if revision == schema.HEAD_REVISION:
        from naravard_desktop.services.meetings.approval_check import check_approvals

        with db.session() as session:
            approvals = check_approvals(session)
        report.problems += approvals.problems
        report.notes += approvals.notes
    return report


def server_integrity_problems(connection: Connection) -> list[str]:
    """On PostgreSQL: constraints added without checking the rows already there (NOT VALID)
    and indexes left unusable by an interrupted build. Both mean the server does not vouch
    for rows the program trusts."""
    unchecked = connection.execute(
        text(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace "
            "ORDER BY 1, 2"
        )
    ).all()
    broken = connection.execute(
        text(
            "SELECT indrelid::regclass::text, indexrelid::regclass::text FROM pg_index "
            "JOIN pg_class ON pg_class.oid = indexrelid "
            "WHERE NOT (indisvalid AND indisready) "
            "AND relnamespace = current_schema()::regnamespace ORDER BY 1, 2"
        )
    ).all()
    return [
        *_rows_pointing_nowhere(connection),
        *(
            _(
                "The constraint {name} on {table} was added without checking the rows "
                "already there. Ask the server's administrator to validate it "
                "(ALTER TABLE … VALIDATE CONSTRAINT)."
            ).format(name=name, table=table)
            for table, name in unchecked
        ),
        *(
            _(
                "The index {name} on {table} is not usable: its build was interrupted. Ask "
                "the server's administrator to rebuild it (REINDEX)."
            ).format(name=name, table=table)
            for table, name in broken
        ),
    ]


def _rows_pointing_nowhere(connection: Connection) -> list[str]:
    """Rows whose reference finds no row (another tool wrote them with the server's checks
    off), counted per table over every foreign key the models declare; in the same words as
    SQLite's check."""
    lines = []
    for name, table in sorted(Base.metadata.tables.items()):
        orphans = 0
        for key in table.foreign_key_constraints:
            parent = key.referred_table.alias()
            pairs = [(element.parent, parent.c[element.column.name]) for element in key.elements]
            joined = table.outerjoin(parent, and_(*(child == other for child, other in pairs)))
            orphans += connection.execute(
                select(func.count())
                .select_from(joined)
                .where(*(child.is_not(None) for child, _other in pairs))
                .where(pairs[0][1].is_(None))
            ).scalar_one()
        if orphans:
            lines.append(
                ngettext(
                    "{count} row of the table {table} refers to a row that does not exist.",
                    "{count} rows of the table {table} refer to rows that do not exist.",
                    orphans,
                ).format(count=orphans, table=name)
            )
    return lines


def backup_to(db: Database, out: Path) -> Path:
    """Copy the open database to `out` with SQLite's online backup (safe while in use)."""
    if db.path is None:
        raise DomainError(
            _("Only SQLite databases can be copied here; use the server's own backup tools.")
        )
    out = out.expanduser().resolve()
    if out == db.path.resolve():
        raise DomainError(
            _("The backup cannot overwrite the database itself. Choose another file name.")
        )
    if out.is_dir():
        raise DomainError(_("{path} is a folder: give a file name.").format(path=out))
    if not out.parent.is_dir():
        # A mistyped folder must not be created silently, hiding where the copy went.
        raise DomainError(
            _("Cannot write the backup to {path}: {reason}. Choose another folder.").format(
                path=out, reason=os_reason(FileNotFoundError(errno.ENOENT, ""))
            )
        )
    try:
        sqlite.backup_file(db.path, out)
    except (OSError, sqlite3.Error) as error:
        reason = file_error_reason(error)
        raise DomainError(
            _("Cannot write the backup to {path}: {reason}. Choose another folder.").format(
                path=out, reason=reason
            )
        ) from error
    return out
