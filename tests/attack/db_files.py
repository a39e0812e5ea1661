"""Helpers for the database-file attacks: a small real database (no demo: quick), the
command line in a fresh interpreter, and SQLite header facts."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.system.database import open_database

GROUP = "Samverkan Bergsjö"


def make_database(path: Path, people: int = 2) -> Path:
    """A migrated database in WAL mode with one group and a few members; closed again."""
    db = open_database(str(path))
    try:
        group = groups.create_group(db, GroupInput(name=GROUP))
        with db.session():  # one transaction: a few hundred members in well under a second
            for number in range(people):
                members.add_member(db, group.id, MemberInput(name=f"Ledamot {number}"))
    finally:
        db.dispose()
    return path


def is_wal(path: Path) -> bool:
    """WAL mode is stored in the header (bytes 18 and 19 are 2)."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return header[18:20] == b"\x02\x02"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def cli(
    data: Path,
    *args: str | Path,
    timeout: float = 60,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(data), PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-m", "naravard_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
        preexec_fn=preexec,
    )


def spawn(data: Path, *args: str | Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(data), PYTHONUTF8="1")
    return subprocess.Popen(
        [sys.executable, "-m", "naravard_desktop", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        preexec_fn=lambda: os.umask(0o022),  # a common desktop umask: new files for all
    )
