"""Whole-database chores: the health check and a manual backup copy."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from naravard_desktop.db import schema, sqlite
from naravard_desktop.db.base import Base
from naravard_desktop.db.models import Group  # noqa: F401  (registers every table)
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
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
    """Full integrity check (SQLite), schema revision, row counts per table, and whether the
    approved protocols are still what was approved (services/meetings/approval_check.py)."""
    with db.engine.connect() as connection:
        revision = schema.current_revision(connection)
        report = CheckReport(revision=revision, head=schema.HEAD_REVISION)
        if sqlite.is_sqlite(db.engine):
            raw = sqlite.driver_connection(connection)
            report.details = sqlite.integrity_problems(raw, quick=False)
            report.problems += describe_integrity(report.details)
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
