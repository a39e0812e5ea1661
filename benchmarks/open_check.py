"""What the integrity check at opening costs (issue 11, point 11).

Opening ran SQLite's quick_check, which misses damaged indexes; it now runs the full
integrity_check. Both read every page, so the difference is the index comparison. Measured
on the demo database and on one grown to about 64 MB (200 copies of the demo's agenda items
with long notes, far beyond a group's decades of meetings): median of 5 warm runs of each
pragma, `open_database()` as a whole, and — where the machine lets us drop the page cache
(root on Linux) — one cold run of each pragma.

Prints a table and writes benchmarks/results/open_check.json. Takes about 15 s.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results

NAME = "open_check"
RUNS = 5
COPIES = 200
FILLER = "Anteckningar om samverkan kring SIP och fast vårdkontakt, uppföljning. " * 40
ITEM_COLUMNS = (
    "meeting_id, position, paragraph, title, presenter, planned_minutes, notes, decision, "
    "standard_key, version"
)


def grow(path: Path) -> None:
    """Copies of the demo's agenda items (FTS index kept by its triggers) with long notes."""
    raw = sqlite3.connect(path)
    for copy in range(COPIES):
        raw.execute(
            f"INSERT INTO agenda_items ({ITEM_COLUMNS}) SELECT meeting_id, position + ?, "
            "paragraph, title, presenter, planned_minutes, notes || ?, decision, "
            "standard_key, version FROM agenda_items WHERE id <= 68",
            ((copy + 1) * 100, FILLER),
        )
    raw.commit()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def pragma_seconds(path: Path, pragma: str) -> float:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        connection.execute(f"PRAGMA {pragma}").fetchall()
        return time.perf_counter() - started
    finally:
        connection.close()


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def measure(path: Path) -> dict[str, Any]:
    from naravard_desktop.services.system.database import open_database

    result: dict[str, Any] = {"megabytes": round(path.stat().st_size / 1e6, 1)}
    for pragma in ("quick_check", "integrity_check"):
        pragma_seconds(path, pragma)  # warm the cache
        result[f"{pragma}_warm_s"] = statistics.median(
            pragma_seconds(path, pragma) for _ in range(RUNS)
        )
        result[f"{pragma}_cold_s"] = pragma_seconds(path, pragma) if drop_page_cache() else None
    open_database(str(path)).dispose()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        open_database(str(path)).dispose()
        times.append(time.perf_counter() - started)
    result["open_database_warm_s"] = statistics.median(times)
    return result


def main(argv: list[str]) -> int:
    from naravard_desktop.documents.demo import create_demo
    from naravard_desktop.services.system.database import open_database

    with tempfile.TemporaryDirectory(prefix="naravard-bench-") as folder:
        os.environ["NARAVARD_DATA_DIR"] = str(Path(folder) / "data")
        demo = Path(folder) / "demo.sqlite"
        db = open_database(str(demo))
        create_demo(db)
        db.dispose()
        results = {"demo": measure(demo)}
        large = Path(folder) / "large.sqlite"
        large.write_bytes(demo.read_bytes())
        grow(large)
        results["large"] = measure(large)

    def ms(value: float | None) -> str:
        return "n/a (no root)" if value is None else f"{value * 1000:7.1f} ms"

    rows = []
    for name, result in results.items():
        label = f"{name} ({result['megabytes']} MB)"
        for pragma in ("quick_check", "integrity_check"):
            rows.append((f"{label}: {pragma}, warm", ms(result[f"{pragma}_warm_s"])))
            rows.append((f"{label}: {pragma}, cold", ms(result[f"{pragma}_cold_s"])))
        rows.append((f"{label}: open_database(), warm", ms(result["open_database_warm_s"])))
    print_table(rows)
    write_results(NAME, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
