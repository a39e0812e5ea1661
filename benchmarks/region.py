"""A region on one database (issue 16, point 8): 290 groups × 10 years (benchmarks/region_data.py).

Timed, on SQLite and — when PostgreSQL's server binaries are installed — on a throwaway cluster:
- the region overview service for this year (`region_overview`): median of 10 warm runs, wall
  and CPU time. Target ≤ 200 ms;
- the Region overview page showing it: a new page shown until it has painted its table,
  median of 5. Target ≤ 200 ms;
- a group switch: the window on another group built, shown and painted in place of the one
  on screen (ui/window_host.WindowHost.switch, what Arkiv › Byt grupp… and the overview's rows
  end in), median of 5 switches to groups not opened before. Target ≤ 300 ms.
Wall time counts the other users of a shared machine too; CPU time is this process's, and
decides (as in benchmarks/sip_disclosure.py). The server's own work is wall time only.

Prints a table and writes benchmarks/results/region.json. `python -m benchmarks.region`.
The SQLite data is generated once (about a minute) and cached; the server's each run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import region_data
from benchmarks.report import print_table, write_results

NAME = "region"
SERVICE_RUNS = 10
SHOW_RUNS = 5
OVERVIEW_TARGET_S = 0.2
SWITCH_TARGET_S = 0.3


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _medians(times: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "median_s": statistics.median(t[0] for t in times),
        "cpu_median_s": statistics.median(t[1] for t in times),
        "max_s": max(t[0] for t in times),
        "runs": len(times),
    }


def _until_painted(widget: Any) -> None:
    """Process events until `widget` has painted once (offscreen, as on a screen)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class Watch(QObject):
        painted = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    deadline = time.perf_counter() + 10
    while not watch.painted and time.perf_counter() < deadline:
        QApplication.processEvents()
    widget.removeEventFilter(watch)


def measure(target: str) -> dict[str, Any]:
    """The three timings on the database at `target` (a file or a URL)."""
    from PySide6.QtWidgets import QApplication

    from naravard_desktop.services.group.groups import list_groups
    from naravard_desktop.services.group.region import region_overview
    from naravard_desktop.services.system.database import open_database
    from naravard_desktop.ui.region.page import RegionPage
    from naravard_desktop.ui.settings import app_settings
    from naravard_desktop.ui.window_host import WindowHost

    app = QApplication.instance() or QApplication([])
    db = open_database(target)
    year = dt.date.today().year
    try:
        region_overview(db, year)  # imports and the database's caches warm
        service = [_timed(lambda: region_overview(db, year)) for _ in range(SERVICE_RUNS)]
        overview = region_overview(db, year)

        def show_page() -> None:
            page = RegionPage(db, overview.groups[0].id)
            page.resize(1200, 800)
            page.show()
            _until_painted(page.table.viewport())
            page.close()
            page.deleteLater()

        show_page()
        pages = [_timed(show_page) for _ in range(SHOW_RUNS)]

        groups = list_groups(db)
        host = WindowHost(db, None, app_settings())
        host.show(groups[0])
        _until_painted(host.window)
        host.switch(groups[1])  # the first switch: what is built once per program
        _until_painted(host.window)

        def switch(number: int) -> None:
            window = host.switch(groups[number])
            _until_painted(window)

        switches = [_timed(lambda n=n: switch(n)) for n in range(2, 2 + SHOW_RUNS)]  # type: ignore[misc]
        if host.window is not None:
            host.window.close()
        app.processEvents()
        hidden = overview.hidden_counts
        return {
            "groups": len(overview.groups),
            "year": year,
            "sip_hidden": {"primary": hidden[0], "secondary": hidden[1]},
            "service": _medians(service),
            "page_shown": _medians(pages),
            "group_switch": _medians(switches),
        }
    finally:
        db.dispose()


def on_server() -> dict[str, Any] | None:
    """The same on a PostgreSQL cluster of our own, None without the server binaries."""
    from tests.postgres_cluster import Databases, binaries, start_cluster

    if binaries() is None:
        return None
    from sqlalchemy import create_engine

    from naravard_desktop.services.system.database import open_database

    cluster = start_cluster()
    try:
        databases = Databases(cluster.url)
        url = databases.create("region")
        db = open_database(url, migrate_server=True)
        started = time.perf_counter()
        region_data.write(db)
        db.dispose()
        generated = time.perf_counter() - started
        analyse = create_engine(url, isolation_level="AUTOCOMMIT")  # as autovacuum would
        with analyse.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        analyse.dispose()
        found = measure(url)
        found["generated_s"] = generated
        databases.dispose()
        return found
    finally:
        cluster.stop()


def _row(label: str, result: dict[str, Any], target: float) -> tuple[str, str]:
    wall, cpu = result["median_s"] * 1000, result["cpu_median_s"] * 1000
    # CPU time decides, as in the SIP benchmarks: the machines these run on are shared
    verdict = "ok" if cpu <= target * 1000 else "SLOW"
    return label, f"{wall:6.0f} ms (CPU {cpu:.0f} ms) {verdict}"


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="naravard-bench-region-") as folder:
        os.environ["NARAVARD_DATA_DIR"] = str(Path(folder) / "data")
        started = time.perf_counter()
        cached = region_data.cached_sqlite()
        ready = time.perf_counter() - started
        copy = Path(folder) / "region.sqlite"
        shutil.copyfile(cached, copy)  # the cache stays as generated
        results: dict[str, Any] = {"sqlite": measure(str(copy)), "sqlite_data_ready_s": ready}
        server = None if "--sqlite-only" in argv else on_server()
        if server is not None:
            results["postgresql"] = server
    rows = [("SQLite data ready (generated or cached)", f"{ready:.1f} s")]
    for name, found in (("SQLite", results["sqlite"]), ("PostgreSQL", server)):
        if found is None:
            why = "--sqlite-only" if "--sqlite-only" in argv else "no server binaries"
            rows.append((f"{name}: not run", why))
            continue
        size = f"{found['groups']} groups × {len(region_data.YEARS)} years"
        rows += [
            _row(f"{name}: region overview service ({size})", found["service"], OVERVIEW_TARGET_S),
            _row(f"{name}: Region overview page shown", found["page_shown"], OVERVIEW_TARGET_S),
            _row(f"{name}: group switch, window painted", found["group_switch"], SWITCH_TARGET_S),
        ]
        if "generated_s" in found:
            rows.append((f"{name}: data generated", f"{found['generated_s']:.1f} s"))
    print_table(rows)
    write_results(NAME, results)
    slow = [row for row in rows if row[1].endswith("SLOW")]
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
