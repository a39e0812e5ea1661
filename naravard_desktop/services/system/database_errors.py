"""What a user reads when a database file cannot be opened or written, or its server cannot
be reached: Swedish (or English with --lang en) sentences that say what to do. SQLite's,
PostgreSQL's and the C library's own English words ("unable to open database file", "Rowid
321 out of order", "connection refused") go to the log only, and a server's URL only without
its password (db/engine.shown_url)."""

from __future__ import annotations

import errno
import logging
import re
from pathlib import Path

from naravard_desktop.i18n import _, ngettext

log = logging.getLogger(__name__)


class ConnectionLostError(Exception):
    """The database server went away during an action (restarted, network down).

    Not a DomainError on purpose: the pages' handling of refusals lets it pass, so it
    reaches the window's retry question (ui/errors.run_retrying) with the dialog or the
    typed text still there."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_connection_failure(error: BaseException) -> bool:
    """Whether the server could not be reached or dropped the connection, as opposed to
    refusing a statement. SQLAlchemy marks a dropped connection as invalidated; libpq's own
    failures (refused, timed out, closed) carry no SQLSTATE, the server's farewell
    ("terminating connection due to administrator command") carries class 57P or 08."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    orig = error.orig
    if orig is None or not type(orig).__module__.startswith("psycopg"):
        return False
    state = getattr(orig, "sqlstate", None)
    return state is None or state.startswith(("08", "57P"))


def connection_lost_text(name: str) -> str:
    return _(
        "The connection to the database server {name} was lost (the server was restarted or "
        "the network went down), so nothing was changed. Try again when the server can be "
        "reached; if it keeps happening, contact whoever runs the server."
    ).format(name=name)


def raw_text(error: BaseException) -> str:
    """SQLite's words behind a SQLAlchemy error (its `orig`), or the error's own."""
    return str(getattr(error, "orig", None) or error)


def describe_save_error(error: Exception) -> str | None:
    """What a user should read when the database refused a save for a reason outside the
    app (full disk, failing disk, read-only file, another program holding the lock); None
    for anything else (a bug or a constraint, which stays a programming error)."""
    if getattr(getattr(error, "orig", None), "sqlstate", None) == "42501":  # a server's refusal
        return _(
            "Your login may not change this on the database server (it may only read the "
            "group, or has no access to it), so nothing was saved. Ask the database "
            "administrator for the right to change the group."
        )
    text = raw_text(error).lower()
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
    if "malformed" in text or "not a database" in text:
        return _(
            "The database file is damaged. Restore the newest backup (File › Restore from "
            "backup…); what it held when the backup was made is in it."
        )
    if "unable to open" in text or "no such file" in text:
        return _(
            "The database file can no longer be reached (a memory stick or network drive "
            "removed?). Connect it again and start the program again; what was saved before "
            "is safe."
        )
    return None


def describe_open_error(path: Path | str, error: BaseException) -> str:
    """Why a database file (a Path) or a server (its URL from shown_url) could not be
    opened, in words a user can act on."""
    log.warning("cannot open %s: %s", path, raw_text(error))
    text = raw_text(error).lower()
    if isinstance(path, str) and "authentication failed" in text:
        return _(
            "The database server {name} refused the login. Check the user name and password "
            "(in .pgpass or the service file) and try again."
        ).format(name=path)
    if isinstance(path, str) and is_connection_failure(error):
        return _(
            "Cannot connect to the database server {name}. Check the network connection and "
            "that the server is running, then try again; if it keeps happening, contact "
            "whoever runs the server."
        ).format(name=path)
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return damaged_text(path)
    if "locked" in text or "busy" in text:
        return _("{path} is in use by another program. Try again in a moment.").format(path=path)
    if "readonly" in text.replace(" ", ""):
        return _(
            "{path} cannot be written to (read-only). Copy it to a folder you may write to and "
            "open the copy."
        ).format(path=path)
    if "disk is full" in text:
        return _(
            "The disk holding {path} is full. Free some space and start the program again."
        ).format(path=path)
    if "unable to open" in text or "no such file" in text or "disk i/o" in text:
        return _(
            "The database {path} cannot be opened: the file or its folder cannot be read, "
            "or is gone (a memory stick or network drive removed?). Check that it is "
            "connected and that you may read the folder."
        ).format(path=path)
    if isinstance(error, OSError) and error.errno is not None:
        return _("Cannot open the database {path}: {reason}").format(
            path=path, reason=os_reason(error)
        )
    return _(
        "Cannot open the database {path}. The details are in the log file; send a copy of "
        "the file and the log to the person who supports the program."
    ).format(path=path)


def describe_failure(error: BaseException) -> str | None:
    """A sentence for a database or file error that reached a command outside the usual
    places (opening, saving); None for anything else, which stays an unexpected error."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError

    if isinstance(error, ConnectionLostError):
        return error.message
    if isinstance(error, DatabaseError | sqlite3.DatabaseError):
        text = raw_text(error).lower()
        if "malformed" in text or "not a database" in text or "out of order" in text:
            return _(
                "The database file is damaged. Restore the newest backup (the program "
                "offers it when it starts, or File › Restore from backup…); the details are "
                "in the log file."
            )
        return describe_save_error(error) or _(
            "The database could not be read or written. The details are in the log file. Try "
            "again, and restart the program if it happens again."
        )
    if isinstance(error, OSError) and error.errno is not None:
        name = error.filename if error.filename is not None else ""
        return _("Cannot use the file {path}: {reason}").format(path=name, reason=os_reason(error))
    return None


def damaged_text(path: Path | str) -> str:
    return _(
        "The database {path} is damaged. Restore the newest backup (the program offers it "
        "when it starts, or File › Restore from backup…); the details are in the log file."
    ).format(path=path)


def file_error_reason(error: BaseException) -> str:
    """Why writing or reading a file failed, for "… : {reason}" sentences."""
    if isinstance(error, OSError) and error.errno is not None:
        return os_reason(error)
    log.warning("file operation failed: %s", raw_text(error))
    text = raw_text(error).lower()
    if "disk is full" in text or "too big" in text:
        return _("the disk is full")
    if "readonly" in text.replace(" ", ""):
        return _("the medium is read-only")
    if "unable to open" in text:
        return _("the file or folder cannot be opened")
    return _("the disk could not be read or written")


def os_reason(error: OSError) -> str:
    """The reason of a failed file operation in the user's language (strerror is English)."""
    reasons = {
        errno.ENOENT: _("the file or folder does not exist"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the medium is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.EFBIG: _("the file would be too large"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EIO: _("the disk could not be read or written"),
    }
    if error.errno in reasons:
        return reasons[error.errno]
    log.warning("file error shown without its own words: %s", error)
    return _("the system refused ({code})").format(code=errno.errorcode.get(error.errno or 0, "?"))


_INDEX_NAME = re.compile(r"index (\S+)")


def describe_integrity(problems: list[str]) -> list[str]:
    """SQLite's integrity report (English, one line per fault) as a few sentences a user
    can read; the lines themselves go to the log."""
    from naravard_desktop.db.sqlite import is_index_problem

    if problems:
        log.warning("integrity problems: %s", "; ".join(problems[:50]))
    indexes = sorted(
        {m.group(1) for p in problems if is_index_problem(p) and (m := _INDEX_NAME.search(p))}
    )
    lines = [
        _(
            "The index {name} is damaged: the rows are there, but searches through it miss "
            "some. Restore the newest backup."
        ).format(name=name)
        for name in indexes
    ]
    tables = [p.split()[2] for p in problems if p.startswith("foreign key:")]
    for table in sorted(set(tables)):
        count = tables.count(table)
        lines.append(
            ngettext(
                "{count} row of the table {table} refers to a row that does not exist.",
                "{count} rows of the table {table} refer to rows that do not exist.",
                count,
            ).format(count=count, table=table)
        )
    faults = sum(1 for p in problems if not is_index_problem(p) and not p.startswith("foreign"))
    if faults:
        lines.append(
            ngettext(
                "{count} fault in the structure of the file: restore the newest backup.",
                "{count} faults in the structure of the file: restore the newest backup.",
                faults,
            ).format(count=faults)
        )
    return lines


def problem_summary(problems: list[str]) -> str:
    """A few words for SQLite's integrity report of a backup or other copy, for "… ({problem})"
    sentences; the report itself goes to the log."""
    from naravard_desktop.db.sqlite import is_index_problem

    log.warning("integrity problems: %s", "; ".join(problems[:50]))
    if problems and all(is_index_problem(p) for p in problems):
        return _("an index is damaged")
    if any("not a database" in p or "encrypted" in p for p in problems):
        return _("the file is not a database")
    return _("the file is damaged")
