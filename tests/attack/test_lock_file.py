"""Issue 11, point 8: the `.lock` file beside an open database was 0644 and held the pid,
host name and machine id (QLockFile). Now it is an empty owner-only file held with the
system's file lock (flock / msvcrt), which the system releases when the holder dies, so
nothing in it is needed to tell a stale lock from a live one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from naravard_desktop.ui.startup import InstanceLock
from tests.attack.db_files import make_database, mode

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and permissions")


def test_the_lock_file_is_private_and_says_nothing(tmp_path: Path) -> None:
    database = make_database(tmp_path / "samverkan.sqlite")
    lock_file = database.with_name(database.name + ".lock")
    first = InstanceLock(database)
    assert first.acquire()
    try:
        assert mode(lock_file) == 0o600
        assert lock_file.read_bytes() == b""  # no pid, host name or machine id
        assert not InstanceLock(database).acquire(wait_ms=0)
    finally:
        first.release()
    assert not lock_file.exists()


def test_a_lock_held_by_a_killed_copy_is_free(tmp_path: Path) -> None:
    database = make_database(tmp_path / "samverkan.sqlite")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from naravard_desktop.ui.startup import InstanceLock\n"
            "assert InstanceLock(Path(sys.argv[1])).acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(database),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not InstanceLock(database).acquire(wait_ms=0)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    second = InstanceLock(database)
    assert second.acquire(wait_ms=0)
    second.release()
