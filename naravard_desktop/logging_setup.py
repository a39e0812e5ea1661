"""Log to a file in the user data folder, readable only by the user, with any password in a
URL hidden; a log over MAX_BYTES is set aside as it is opened (naravard.log.1 … .3).

Set aside at the start rather than by logging.handlers' RotatingFileHandler during a session:
the program writes a few lines a session, and that module (with socket, pickle and queue
under it) was 7 ms of the window's start before its frame is painted."""

from __future__ import annotations

import logging
import re
import sys
from io import TextIOWrapper
from pathlib import Path

from naravard_desktop.paths import log_path, secure_file

# scheme://user:password@ → scheme://user:***@ (a database URL, in any line or traceback)
_PASSWORD_IN_URL = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@'\"]*):[^\s@/'\"]+@")


class _PasswordHidingFormatter(logging.Formatter):
    """The program names a server through db/engine.shown_url; this catches what a library
    or an overlooked log call would otherwise write with the password."""

    def format(self, record: logging.LogRecord) -> str:
        return _PASSWORD_IN_URL.sub(r"\1:***@", super().format(record))


MAX_BYTES = 1_000_000
BACKUPS = 3


class _PrivateFileHandler(logging.FileHandler):
    """The log file is readable only by the user (the plain handler creates it with the
    default permissions)."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        secure_file(Path(self.baseFilename))
        return stream


def set_aside_if_full(path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
    """naravard.log → .1 → .2 … when it has reached `max_bytes`; the oldest goes."""
    try:
        if path.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    for number in range(backups - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{number + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def configure_logging(level: int = logging.INFO) -> None:
    path = log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        set_aside_if_full(path)
        handler: logging.Handler = _PrivateFileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # a read-only home must not stop the app
        handler.setLevel(logging.WARNING)
    line = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    handler.setFormatter(_PasswordHidingFormatter(line))
    root.addHandler(handler)
