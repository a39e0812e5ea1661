"""Marks a database file as open in one copy of the program: `<database>.lock` beside it,
held with the operating system's file lock (flock on POSIX, a byte-range lock on Windows).

The system releases the lock when the process ends, even when it is killed, so the file needs
no process id, host name or machine id to tell a stale lock from a live one: it stays empty,
readable by its owner only. SQLite relies on the same kind of lock for the database itself,
also on network drives."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

LOCK_WAIT_MS = 300

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


class InstanceLock:
    """`acquire()` is False when another copy holds the database (or the lock file cannot
    be made, e.g. in a folder that cannot be written)."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self, wait_ms: int = LOCK_WAIT_MS) -> bool:
        deadline = time.monotonic() + wait_ms / 1000
        while True:
            if self._try_once():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def _try_once(self) -> bool:
        try:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if not _try_lock(descriptor):
            os.close(descriptor)
            return False
        if os.name == "posix" and not _same_file(descriptor, self.path):
            # The holder removed the file while we waited for it: lock the new one.
            os.close(descriptor)
            return False
        if os.name == "posix":
            # A lock file of an earlier version held a pid and host names, readable by all.
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, 0)
                os.fchmod(descriptor, 0o600)
        self._descriptor = descriptor
        return True

    def release(self) -> None:
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        if os.name == "posix":
            # Removed while still locked, so nobody can lock the name that is going away.
            self.path.unlink(missing_ok=True)
        _unlock(descriptor)
        os.close(descriptor)
        if os.name != "posix":  # Windows cannot remove a file that is open
            with contextlib.suppress(OSError):  # another copy opened it: theirs now
                self.path.unlink(missing_ok=True)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        named = path.stat()
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
