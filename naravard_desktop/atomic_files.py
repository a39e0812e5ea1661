"""Replacing a file so that no reader ever sees half of it: the bytes go to a temporary file
beside the target, are flushed to disk and renamed into place. Used by the documents (exports,
handed out) and by the drafts (typed text kept while the database cannot take it)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def replace_file(target: Path, data: bytes, *, mode: int, sync: bool = True) -> None:
    """Write `data` under `target` through `.NAME.PID.part`; `mode` is the new file's
    permission before the umask. On an OSError the previous file (if any) is untouched, the
    temporary file is gone and the error is raised for the caller to word."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
