"""The database file before SQLite opens it: does it exist, may it be written, and the first
start, which builds the schema in a temporary file beside it and moves it into place, so a
kill leaves either no database or a complete one (never tables without a version)."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from naravard_desktop.db import sqlite
from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.i18n import _
from naravard_desktop.services.system.database_errors import os_reason

STALE_SECONDS = 60  # a temporary first-start file older than this was left by a kill


@dataclass(frozen=True)
class FileAccess:
    """What may be done with an existing database file."""

    writable: bool  # the file and its folder (for the journal) may be written
    immutable: bool  # read-only and nothing waiting in a -wal file: open with immutable=1
    pending_wal: bool  # read-only, with committed changes still in the -wal file


def check_existing(path: Path, *, create: bool) -> bool:
    """True when `path` holds a database to open; False when a new one is to be created.

    A folder, a file that is not SQLite, or (with `create` False: `check`, `verify`) a
    missing or empty file is refused with a sentence saying so; nothing is created."""
    if path.is_dir():
        raise DatabaseFileError(
            _("{path} is a folder, not a database file. Choose a database file.").format(path=path)
        )
    try:
        found = path.stat()
    except FileNotFoundError:
        if create:
            return False
        raise DatabaseFileError(
            _("There is no database {path}. Check the path; nothing was created.").format(path=path)
        ) from None
    except OSError as error:
        raise DatabaseFileError(
            _("Cannot open the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from error
    if not stat.S_ISREG(found.st_mode):  # a device or a pipe: never replaced by a database
        raise DatabaseFileError(
            _("{path} is not a database file. Choose another file.").format(path=path)
        )
    if found.st_size == 0:
        if create:
            return False
        raise DatabaseFileError(
            _(
                "{path} is empty: it is not a database (nothing was changed). Choose another file."
            ).format(path=path)
        )
    try:
        is_sqlite = sqlite.looks_like_sqlite(path)
    except OSError as error:
        raise DatabaseFileError(
            _("Cannot open the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from error
    if not is_sqlite:
        raise DatabaseFileError(
            _("{path} is not a database file. Choose another file.").format(path=path)
        )
    return True


def access(path: Path) -> FileAccess:
    """Whether the file may be written. A file without write permission (0444: the user
    made it read-only) counts as read-only, as does a folder that cannot be written (a
    read-only medium, 0555), where SQLite could not keep its journal."""
    writable = _may_write(path) and _may_write(path.parent)
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    return FileAccess(
        writable=writable,
        immutable=not writable and not pending,
        pending_wal=not writable and pending,
    )


def _may_write(path: Path) -> bool:
    """access(2) decides (it knows read-only mounts and ACLs), except for root, whom it lets
    write anything: for root, a file or folder without any write permission is read-only,
    as its owner meant it to be."""
    if not os.access(path, os.W_OK):
        return False
    if os.name != "posix" or os.geteuid() != 0:
        return True
    try:
        return bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def create_atomically(path: Path, build: Callable[[Path], None]) -> None:
    """Build a new database with `build(temporary)` in a temporary file beside `path` (owner
    only), then move it into place. An empty file at `path` is replaced; a database that
    another copy of the program created meanwhile is kept and used."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=folder)
    except OSError as error:
        raise DatabaseFileError(
            _("Cannot create the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from error
    os.close(descriptor)
    temporary = Path(name)
    try:
        build(temporary)
        _publish(temporary, path)
    except OSError as error:
        raise DatabaseFileError(
            _("Cannot create the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from error
    finally:
        for leftover in _with_journals(temporary):
            leftover.unlink(missing_ok=True)


def _publish(temporary: Path, path: Path) -> None:
    """Put the finished file at `path` without overwriting a database that appeared."""
    if path.exists() and path.stat().st_size == 0:
        os.replace(temporary, path)
    else:
        try:
            os.link(temporary, path)
        except FileExistsError:
            return  # another copy of the program created it first: that one is used
        except OSError:  # no hard links (a FAT memory stick)
            if path.exists():
                return
            os.replace(temporary, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the new name survive a power cut (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _with_journals(path: Path) -> list[Path]:
    return [path] + [path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")]


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of a first start that was killed (they hold only the empty schema)."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.new*"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS and stat.S_ISREG(
                leftover.stat().st_mode
            ):
                leftover.unlink()
        except OSError:
            continue
