"""Issue 11, point 7: a kill during the very first start (while the schema is created) left
a file with tables but no version, which every later start refused as "not one
naravard-desktop created". Now the schema is built in a temporary file and moved into
place: after a kill at any moment there is no database, or a complete one.

NARAVARD_FIRST_START_KILLS sets the number of kills (6 in the normal suite, 100 in
`make test-crash`)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from naravard_desktop.db import schema
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import open_database

KILLS = int(os.environ.get("NARAVARD_FIRST_START_KILLS", "6"))
SEED = int(os.environ.get("NARAVARD_CRASH_SEED", "20261130"))
FIRST_START = (
    "import sys\n"
    "from naravard_desktop.services.system.database import open_database\n"
    "open_database(sys.argv[1]).dispose()\n"
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def _first_start(folder: Path, delay: float | None) -> float:
    """Start a first start in `folder` and SIGKILL it `delay` seconds after its first file
    appears there (the database, or the temporary file it is built in); with no delay, let
    it finish. Returns the seconds from that first file to the end."""
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST_START, str(folder / "naravard.sqlite")],
        env={**os.environ, "NARAVARD_DATA_DIR": str(folder.parent / "data")},
    )
    try:
        deadline = time.monotonic() + 30
        while not any(folder.iterdir()) and process.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail("the first start wrote no file in 30 s")
            time.sleep(0.002)
        appeared = time.monotonic()
        if delay is None:
            process.wait(timeout=60)
        else:
            time.sleep(delay)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return time.monotonic() - appeared


def _is_complete(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row is not None and row[0] == schema.HEAD_REVISION
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def test_a_kill_during_the_first_start_leaves_nothing_or_a_complete_database(
    tmp_path: Path,
) -> None:
    rng = random.Random(SEED)
    calibration = tmp_path / "whole"
    calibration.mkdir()
    # Kills spread over the time the schema takes to build here, and a little after it.
    building = _first_start(calibration, None)
    outcomes = {"nothing": 0, "complete": 0}
    for kill in range(KILLS):
        folder = tmp_path / f"start{kill}"
        folder.mkdir()
        _first_start(folder, rng.uniform(0, building * 1.2))
        path = folder / "naravard.sqlite"
        if not path.exists():
            outcomes["nothing"] += 1
            # Only the hidden temporary file may be left; it holds no one's data.
            assert all(p.name.startswith(".naravard.sqlite.") for p in folder.iterdir())
        else:
            assert _is_complete(path), f"kill {kill}: a half-made database was left"
            outcomes["complete"] += 1
        # Whatever was left, the next start works and can save.
        db = open_database(str(path))
        try:
            groups.create_group(db, GroupInput(name="Samverkan Kroken"))
        finally:
            db.dispose()
    print(f"first-start kills: {KILLS} over {building:.2f} s of building, outcomes {outcomes}")
