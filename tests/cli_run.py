"""The command line as a user runs it: its own process, with a private data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    folder: Path, *args: str | Path | int, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`naravard-desktop ARGS` with its data (log, settings, drafts) under `folder`/data and
    no database from the environment; UTF-8 on every platform, offscreen Qt."""
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(folder / "data"), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-m", "naravard_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )
