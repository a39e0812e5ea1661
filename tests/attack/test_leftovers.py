"""Issue 11, point 8: a killed or disk-full `backup --out` left a `*.part` file readable by
everyone (it holds names). Now the .part is created owner-only and removed on any failure,
and on SIGTERM (the lock file: test_lock_file.py)."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.attack.db_files import cli, make_database, mode, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and permissions")


def _padded_database(path: Path, megabytes: int) -> Path:
    """A real database made large enough that copying it takes a moment."""
    make_database(path)
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE padding (data BLOB)")
    raw.executemany("INSERT INTO padding VALUES (randomblob(1048576))", [()] * megabytes)
    raw.commit()
    raw.close()
    return path


def _when_part_appears(process: subprocess.Popen[str], part: Path) -> bool:
    deadline = time.monotonic() + 30
    while not part.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.0005)
    return True


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["kill", "terminate"])
def test_a_stopped_backup_leaves_no_readable_copy(tmp_path: Path, stop: signal.Signals) -> None:
    database = _padded_database(tmp_path / "samverkan.sqlite", 40)
    out = tmp_path / "kopia.sqlite"
    part = out.with_name(out.name + ".part")
    for _attempt in range(3):  # the copy may finish before the .part is seen; try again
        process = spawn(tmp_path / "data", "backup", "--out", out, "--database", database)
        seen = _when_part_appears(process, part)
        if seen:
            seen_mode = mode(part)  # as it was created, before any byte was copied
            process.send_signal(stop)
        process.communicate(timeout=60)
        out.unlink(missing_ok=True)
        if seen:
            break
    else:
        pytest.skip("the copy was always done before it could be stopped")
    assert seen_mode == 0o600  # was the umask's 0644 until the copy was complete
    if stop == signal.SIGTERM:
        assert not part.exists()  # removed on the way out, like on Ctrl+C
        assert process.returncode != 0
    else:
        assert not part.exists() or mode(part) == 0o600  # SIGKILL: nothing can clean up


def _small_files_only() -> None:
    """In the child: files may not grow beyond 64 KiB, and writing more fails (EFBIG)
    instead of ending the process, as a full disk makes a write fail."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))


def test_a_backup_on_a_full_disk_is_refused_in_swedish_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    database = _padded_database(tmp_path / "samverkan.sqlite", 1)
    out = tmp_path / "usb" / "kopia.sqlite"
    out.parent.mkdir()
    done = cli(
        tmp_path / "data", "backup", "--out", out, "--database", database, preexec=_small_files_only
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Fel: ") and str(out) in done.stderr
    assert "disk" in done.stderr and "Oväntat fel" not in done.stderr
    assert list(out.parent.iterdir()) == []  # neither the copy nor a .part


def test_a_leftover_part_of_an_earlier_copy_is_replaced(tmp_path: Path) -> None:
    database = make_database(tmp_path / "samverkan.sqlite")
    out = tmp_path / "kopia.sqlite"
    part = out.with_name(out.name + ".part")
    part.write_bytes(b"SQLite format 3\x00" + b"halv kopia med namn" * 100)
    part.chmod(0o644)
    done = cli(tmp_path / "data", "backup", "--out", out, "--database", database)
    assert done.returncode == 0, done.stderr
    assert not part.exists() and mode(out) == 0o600
