"""Log to a rotating file in the user data folder, readable only by the user."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys

from naravard_desktop.paths import log_path


def configure_logging(level: int = logging.INFO) -> None:
    path = log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        if os.name == "posix":
            path.chmod(0o600)
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # a read-only home must not stop the app
        handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
