"""Portable mode through the real start-up path (issue 17): `--portable` puts the database
and the log in `data` beside the program, and nothing in the computer's user data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_portable_option_writes_database_and_log_beside_the_program_only(
    tmp_path: Path, _private_data_dir: Path
) -> None:
    """The real start-up path, in a subprocess: `--portable groups list` from the working folder."""
    stick = tmp_path / "stick"
    stick.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "naravard_desktop", "--portable", "groups", "list"],
        cwd=stick,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert (stick / "data" / "naravard.sqlite").is_file()
    assert (stick / "data" / "naravard.log").is_file()
    assert not _private_data_dir.exists()  # nothing in the computer's user data folder
