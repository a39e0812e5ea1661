"""Pages on the large database (issue 18, point 1): how long each page takes to open with its
data shown, full-text search, and the memory of a window that has opened every page.

On a copy of benchmarks/large_data's SQLite file, in this one process, offscreen, the window
built as ui/window_host.WindowHost builds it, on the busy group (BUSY_GROUP), 1100 × 700:

- a page opens: a fresh window, opened on the group page and idle, is turned to the page
  through its sidebar (as a click does), then events are processed until the page's data are
  in its model and the event loop is idle (nothing left to process, so painted too). The SIP
  analysis is its tab chosen on the SIP page shown; the overview also once shown before
  (overview_again: the window opens on it and the user comes back to it); one meeting is
  the group's largest (most items) opened from the meetings page shown, as Enter on its row
  does. Wall and CPU
  time of this process, median of RUNS fresh windows; the first open in the process (which
  also imports the page's modules) is run before and shown apart. CPU time decides, as in
  the other benchmarks of this shared machine. Target ≤ 150 ms each;
- search: `services/meetings/decisions.search_items` for SEARCH_WORDS, and the decision
  register's search box (the words set, Enter, until the hits are shown); median over words
  × RUNS. Target ≤ 30 ms;
- memory: VmRSS of the process after its first window has opened every page (before the
  timed runs; the document writers a meeting preloads are imported). Target ≤ 250 MB.

Prints a table, records the targets and writes results/pages.json. `python -m
benchmarks.pages [page …]` times only the pages named (not the search nor the memory);
`--profile [page …]` runs each page's opening once more under pyinstrument and prints where
the time went. The steps of each page: benchmarks/page_steps.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import large_data
from benchmarks.page_steps import (
    START_PAGE,
    STEPS,
    Bench,
    built,
    idle,
    open_page,
    opened,
    rows_of,
    show,
    shown,
    timed,
)
from benchmarks.report import print_table, write_results
from benchmarks.targets import Target, record

NAME = "pages"
RUNS = 7
PAGE_TARGET_MS = 150.0
SEARCH_TARGET_MS = 30.0
RSS_TARGET_MB = 250.0
SEARCH_WORDS = ("samordnad utskrivning", "läkemedelslistor", "fast vårdkontakt", "projektmedlen")
PAGES = tuple(STEPS)  # overview, overview_again, plan, sip_grid, sip_analysis, meetings …


def vm_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def search_times(bench: Bench) -> tuple[list[float], list[float]]:
    """CPU ms of the search service, and of the register's search box, per word and run."""
    from naravard_desktop.services.meetings.decisions import search_items

    service: list[float] = []
    for words in SEARCH_WORDS:
        search_items(bench.db, bench.group.id, words)  # this word's first time: not counted
        service += [
            timed(lambda w=words: search_items(bench.db, bench.group.id, w))[1]  # type: ignore[misc]
            for _ in range(RUNS)
        ]
    window = bench.window()
    shown("decisions")(window, bench)
    page = built(window, "decisions")
    page.tabs.setCurrentIndex(1)
    idle(lambda: True)

    def searched() -> None:  # what Enter in the search box does, until the hits are shown
        page.run_search()
        idle(lambda: rows_of(page.hits_model) > 0)

    box: list[float] = []
    for words in SEARCH_WORDS:
        for _ in range(RUNS):
            page.search.setText(words)
            page.hits_model.set_rows([])
            idle(lambda: True)
            box.append(timed(searched)[1])
    return service, box


def setup(folder: Path) -> Bench:
    """The application and a copy of the large database, the host's first window shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["NARAVARD_DATA_DIR"] = str(folder / "data")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from naravard_desktop.services.group.groups import get_group
    from naravard_desktop.services.system.database import open_database
    from naravard_desktop.ui.meetings.documents import import_writers
    from naravard_desktop.ui.settings import app_settings
    from naravard_desktop.ui.window_host import WindowHost

    # The document writers the meetings page preloads a second after a meeting is shown:
    # imported now, so that import does not fall into whichever timing runs a second later.
    import_writers()
    copy = folder / "large.sqlite"
    shutil.copyfile(large_data.cached_sqlite(), copy)
    app = QApplication.instance() or QApplication([])
    db = open_database(str(copy))
    group_id = large_data.BUSY_GROUP
    with db.engine.connect() as connection:
        largest = connection.execute(
            text(
                "SELECT m.id, count(*) AS n FROM meetings m JOIN agenda_items i"
                " ON i.meeting_id = m.id WHERE m.group_id = :g"
                " GROUP BY m.id ORDER BY n DESC, m.held_on DESC LIMIT 1"
            ),
            {"g": group_id},
        ).one()
    host = WindowHost(db, None, app_settings())
    bench = Bench(app, db, host, get_group(db, group_id), (largest[0], largest[1]))
    opened(host, bench.group, host.show)
    return bench


def first_opens(bench: Bench, keys: list[str]) -> tuple[dict[str, float], float]:
    """The pages opened once each in the process's first window (CPU ms each, imports and
    all), then the process's VmRSS in MB."""
    window = bench.host.window
    cold: dict[str, float] = {}
    for key in keys:
        show(window, START_PAGE)
        idle(lambda: True)
        cold[key] = open_page(bench, key, window)[1]
    return cold, vm_rss_mb()


def measure(bench: Bench, keys: list[str]) -> dict[str, Any]:
    """The pages `keys`; with all of them, also the search and the memory."""
    cold, rss = first_opens(bench, keys)
    pages: dict[str, Any] = {}
    for key in keys:
        times = [open_page(bench, key) for _ in range(RUNS)]
        pages[key] = {
            "wall_median_ms": statistics.median(t[0] for t in times),
            "cpu_median_ms": statistics.median(t[1] for t in times),
            "cpu_first_in_process_ms": cold[key],
            "runs": RUNS,
        }
    found: dict[str, Any] = {
        "group": bench.group.id,
        "largest_meeting": {"id": bench.largest[0], "items": bench.largest[1]},
        "pages": pages,
    }
    if set(keys) == set(PAGES):
        service, box = search_times(bench)
        found.update(
            search_service_cpu_median_ms=statistics.median(service),
            search_box_cpu_median_ms=statistics.median(box),
            search_words=list(SEARCH_WORDS),
            rss_all_pages_mb=rss,
        )
    return found


def report(found: dict[str, Any]) -> int:
    targets = [
        Target(
            f"page_{key}_ms",
            page["cpu_median_ms"],
            "ms",
            PAGE_TARGET_MS,
            note=f"CPU; wall {page['wall_median_ms']:.0f} ms; "
            f"first in process {page['cpu_first_in_process_ms']:.0f} ms",
        )
        for key, page in found["pages"].items()
    ]
    if "rss_all_pages_mb" in found:
        targets += [
            Target("search_ms", found["search_box_cpu_median_ms"], "ms", SEARCH_TARGET_MS,
                   note="the register's search box, Enter to hits shown (CPU)"),
            Target("search_service_ms", found["search_service_cpu_median_ms"], "ms",
                   SEARCH_TARGET_MS, note="decisions.search_items (CPU)"),
            Target("rss_all_pages_mb", found["rss_all_pages_mb"], "MB", RSS_TARGET_MB,
                   note="VmRSS after the first window opened every page"),
        ]  # fmt: skip
    record(*targets)
    rows = [
        (
            f"{key} (median of {page['runs']} fresh windows)",
            f"CPU {page['cpu_median_ms']:5.0f} ms  wall {page['wall_median_ms']:5.0f} ms  "
            f"first {page['cpu_first_in_process_ms']:5.0f} ms",
        )
        for key, page in found["pages"].items()
    ]
    if "rss_all_pages_mb" in found:
        rows += [
            ("search box, Enter to hits (CPU)", f"{found['search_box_cpu_median_ms']:.1f} ms"),
            ("search_items (CPU)", f"{found['search_service_cpu_median_ms']:.1f} ms"),
            ("VmRSS after every page", f"{found['rss_all_pages_mb']:.0f} MB"),
        ]
    print_table(rows, "on the large database, busy group")
    missed = [t.name for t in targets if not t.ok]
    if missed:
        print(f"\nmissed: {', '.join(missed)}")
    return 0  # the targets' table says what is missed; the benchmark itself ran


def profile(bench: Bench, keys: list[str]) -> None:
    """Each page's opening on a fresh window under pyinstrument, after one warm open."""
    from pyinstrument import Profiler

    for key in keys:
        open_page(bench, key)
        profiler = Profiler(interval=0.0005)
        open_page(bench, key, profiler=profiler)
        print(f"\n== {key} ==")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages")
    parser.add_argument("--profile", action="store_true", help="profile instead of timing")
    parser.add_argument("pages", nargs="*", help=f"only these: {', '.join(PAGES)}")
    args = parser.parse_args(argv)
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"no page {', '.join(sorted(unknown))}; the pages: {', '.join(PAGES)}")
    keys = args.pages or list(PAGES)
    with tempfile.TemporaryDirectory(prefix="naravard-bench-pages-") as folder:
        bench = setup(Path(folder))
        try:
            if args.profile:
                profile(bench, keys)
                return 0
            found = measure(bench, keys)
        finally:
            if bench.host.window is not None:
                bench.host.window.close()
            bench.app.processEvents()
            bench.db.dispose()
    status = report(found)
    write_results(NAME, found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
