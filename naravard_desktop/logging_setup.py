"""Log to a rotating file in the user data folder, readable only by the user, with any
password in a URL hidden."""

from __future__ import annotations

import logging
import logging.handlers
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


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, also the new one opened after a rollover, is readable only by the
    user (the plain handler creates it with the default permissions)."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        secure_file(Path(self.baseFilename))
        return stream


def configure_logging(level: int = logging.INFO) -> None:
    path = log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # a read-only home must not stop the app
        handler.setLevel(logging.WARNING)
    line = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    handler.setFormatter(_PasswordHidingFormatter(line))
    root.addHandler(handler)
