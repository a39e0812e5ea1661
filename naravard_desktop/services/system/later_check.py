"""The full integrity check of a SQLite file run beside the window rather than before it.

The check reads every page: 0.4 s for 64 MB, 1.8 s for a region's 100 MB on this machine, most
of a start on a large file. The window asks for it later (`open_database(check_later=True)`):
the file opens at once, the check runs on a thread of its own over a read-only connection,
and until it has said the file is sound **every write waits for it**, and is refused with
the damaged file's message if it was not. The window, told of damage, opens the file again
the ordinary way (checked first, read-only and with the offer of a backup when damaged).

A migration due is never run unchecked: `open_database` checks first then, as before.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from naravard_desktop.db import sqlite
from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.services.system.database_errors import damaged_text

log = logging.getLogger(__name__)

# Statements that only read (or frame a transaction): they need not wait for the check.
_READS = ("SELECT", "PRAGMA", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


class LaterCheck:
    """The check of `path`, to be `run` on a worker thread; writes through `engine` wait for
    it. `problems` is SQLite's list once `done` (empty: sound)."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.problems: list[str] = []
        self._done = threading.Event()
        event.listen(engine, "before_cursor_execute", self._before_statement)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def run(self) -> None:
        """The full check over a connection of its own (reading only: a WAL reader beside
        the window's, which neither blocks)."""
        try:
            with sqlite3.connect(sqlite.read_only_uri(self.path), uri=True) as connection:
                self.problems = sqlite.integrity_problems(
                    connection, quick=False, foreign_keys=False
                )
            if self.problems:
                log.warning("integrity check of %s: %s", self.path, "; ".join(self.problems[:20]))
        except (sqlite3.Error, OSError) as error:  # damaged beyond what it can list, or gone:
            self.problems = [str(error)]  # opened again the ordinary way, which explains it
            log.warning("integrity check of %s failed: %s", self.path, error)
        finally:
            self._done.set()

    def wait(self) -> list[str]:
        self._done.wait()
        return self.problems

    def _before_statement(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if self._done.is_set() and not self.problems:
            return
        if statement.lstrip()[:9].upper().startswith(_READS):
            return
        if self.wait():
            raise DatabaseFileError(damaged_text(self.path))
