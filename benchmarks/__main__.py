"""Start-up cost of the headless path, the one a user pays before every window and command.

Measures, on a demo database in a temporary folder:

- `python -m naravard_desktop check --database X`: wall time of a fresh interpreter, median
  of 5 runs after one warm-up (what `naravard-cli check` costs);
- `open_database(X)` on an up-to-date file, in-process: median of 20 runs (full integrity
  check plus the one-query schema check);
- (the window's start is `first_paint.py`, against a bare PySide6 window;)
- whether opening an up-to-date database imports Alembic (it must not: ~0.4 s for nothing).

Prints a table and writes benchmarks/results/startup.json. Takes about 10 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results
from benchmarks.targets import print_summary

NAME = "startup"
CLI_RUNS = 5
OPEN_RUNS = 20

ALEMBIC_PROBE = """
import sys
from naravard_desktop.services.system.database import open_database
open_database(sys.argv[1]).dispose()
print("yes" if "alembic" in sys.modules else "no")
"""


def child_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(work / "data"), QT_QPA_PLATFORM="offscreen")
    return env


def run_cli(env: dict[str, str], *args: str) -> float:
    """Wall time of one CLI run in a fresh interpreter; fails loudly if the command fails."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "naravard_desktop", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return time.perf_counter() - started


def timed(runs: int, action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict[str, Any]:
    return {
        "runs": len(times),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="naravard-bench-") as folder:
        work = Path(folder)
        env = child_env(work)
        database = str(work / "demo.sqlite")
        run_cli(env, "demo", "--database", database)  # created and migrated: up to date now

        run_cli(env, "check", "--database", database)  # warm-up: OS file cache, .pyc files
        cli_times = [run_cli(env, "check", "--database", database) for _ in range(CLI_RUNS)]

        probe = subprocess.run(
            [sys.executable, "-c", ALEMBIC_PROBE, database],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        alembic_imported = probe.stdout.strip() == "yes"

        os.environ["NARAVARD_DATA_DIR"] = env["NARAVARD_DATA_DIR"]
        from naravard_desktop.services.system.database import open_database

        open_database(database).dispose()  # imports done outside the timing
        open_times = timed(OPEN_RUNS, lambda: open_database(database).dispose())

    results: dict[str, Any] = {
        "cli_check_cold": summary(cli_times),
        "open_database_up_to_date": summary(open_times),
        "alembic_imported_when_up_to_date": alembic_imported,
    }
    rows = [
        (
            f"`check` in a fresh interpreter (median of {CLI_RUNS})",
            f"{results['cli_check_cold']['median_s'] * 1000:7.0f} ms",
        ),
        (
            f"open_database() on an up-to-date file (median of {OPEN_RUNS})",
            f"{results['open_database_up_to_date']['median_s'] * 1000:7.1f} ms",
        ),
        (
            "Alembic imported when no upgrade is due",
            "yes (regression)" if alembic_imported else "no",
        ),
    ]
    print_table(rows)
    write_results(NAME, results)
    return 1 if alembic_imported else 0


# Further benchmarks, each a module in this package with main(argv) -> int that prints its
# table and writes benchmarks/results/<name>.json; run after the start-up benchmark.
MODULES = (
    "first_paint",
    "protocol_documents",
    "plan_import",
    "sip",
    "open_check",
    "spreadsheet_attacks",
    "sip_disclosure",
    "region",
    "export_anchor",
    "pages",
    "search_everywhere",
)


def run_all(names: list[str]) -> int:
    """Every benchmark, or only those named (`startup` is the one in this module)."""
    unknown = set(names) - {"startup", *MODULES}
    if unknown:
        print(f"unknown benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    status = main() if not names or "startup" in names else 0
    for name in MODULES if not names else [n for n in MODULES if n in names]:
        print(f"\n== {name} ==", flush=True)
        # Each in a process of its own: one benchmark's memory and imports are not the next
        # one's (the pages' memory after every page read 419 MB after the others in one
        # process, 202 MB alone).
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], check=False)
        status |= 1 if done.returncode else 0
    print("\n== issue 18's targets, each against its anchor where it has one ==")
    print_summary()
    return status


if __name__ == "__main__":
    sys.exit(run_all(sys.argv[1:]))
