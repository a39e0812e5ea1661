"""Pages on the large database (issue 18, point 1): how long each page takes to open with its
data shown, full-text search, and the memory of a window that has opened every page.

On a copy of benchmarks/large_data's SQLite file, in this one process, offscreen, the window
built as ui/window_host.WindowHost builds it, on the busy group (BUSY_GROUP), 1100 × 700:

- a page opens: a fresh window, opened on the group page and idle, is turned to the page
  through its sidebar (as a click does), then events are processed until the page's data are
  in its model and the event loop is idle (nothing left to process, so painted too). The SIP
  analysis is its tab chosen on the SIP page shown; one meeting is the group's largest
  (most items) opened from the meetings page shown, as Enter on its row does. Wall and CPU
  time of this process, median of RUNS fresh windows; the first open in the process (which
  also imports the page's modules) is run before and shown apart. CPU time decides, as in
  the other benchmarks of this shared machine. Target ≤ 150 ms each;
- search: `services/meetings/decisions.search_items` for SEARCH_WORDS, and the decision
  register's search box (the words set, Enter, until the hits are shown); median over words
  × RUNS. Target ≤ 30 ms;
- memory: VmRSS of the process after its first window has opened every page (before the
  timed runs; the document writers a meeting preloads are imported). Target ≤ 250 MB.

Prints a table, records the targets and writes results/pages.json. `--profile [page …]` runs
each page's opening once more under pyinstrument and prints where the time went.
`python -m benchmarks.pages`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import large_data
from benchmarks.report import print_table, write_results
from benchmarks.targets import Target, record

NAME = "pages"
RUNS = 7
PAGE_TARGET_MS = 150.0
SEARCH_TARGET_MS = 30.0
RSS_TARGET_MB = 250.0
SEARCH_WORDS = ("samordnad utskrivning", "läkemedelslistor", "fast vårdkontakt", "projektmedlen")
START_PAGE = "group"  # where each fresh window opens: a page none of the timings is about
PAGES = (
    "overview",
    "overview_again",
    "plan",
    "sip_grid",
    "sip_analysis",
    "meetings",
    "meeting",
    "decisions",
    "members",
)


@dataclass
class Bench:
    """The application, the database and what the timings open."""

    app: Any
    db: Any
    host: Any
    group: Any
    meetings: int  # how many the busy group holds
    largest: tuple[int, int]  # the meeting with the most items: id, items

    def window(self) -> Any:
        """A fresh window on the busy group, opened on START_PAGE, shown and idle."""
        return _opened(self.host, self.group, self.host.switch)


def _opened(host: Any, group: Any, show: Callable[[Any], Any]) -> Any:
    """`show(group)`'s window, opened on START_PAGE (the page the last window closed on
    would be built with it otherwise), once idle."""
    from naravard_desktop.ui.window_pages import page_titles

    keys = [key for key, _title in page_titles()]
    host.settings.setValue("window/page", keys.index(START_PAGE))
    window = show(group)
    idle(lambda: True)
    return window


def idle(ready: Callable[[], bool], limit_s: float = 60.0) -> None:
    """Process events until `ready()` and nothing is left to process."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

    dispatcher = QAbstractEventDispatcher.instance()
    assert dispatcher is not None
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline:
        busy = dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        if not busy and ready():
            return
    raise TimeoutError("the page did not show its data within a minute")


def _show(window: Any, key: str) -> None:
    window.show_page(window.lazy_pages.keys.index(key))


def _built(window: Any, key: str) -> Any:
    return window.lazy_pages.built(key)


def _rows(model: Any) -> int:
    return int(model.rowCount())


# Per page: what is done before the timing (on the fresh window), what the user does, and
# when the page's data are shown.
Step = tuple[
    Callable[[Any, Bench], None], Callable[[Any, Bench], None], Callable[[Any, Bench], bool]
]


def _nothing(_window: Any, _bench: Bench) -> None:
    return None


def _shown(*keys: str) -> Callable[[Any, Bench], None]:
    """Before the timing: these pages shown in turn, each until idle."""

    def prepare(window: Any, _bench: Bench) -> None:
        for key in keys:
            _show(window, key)
            idle(lambda: True)

    return prepare


def _to(key: str) -> Callable[[Any, Bench], None]:
    return lambda window, _bench: _show(window, key)


def _page_has(key: str, test: Callable[[Any, Bench], bool]) -> Callable[[Any, Bench], bool]:
    def ready(window: Any, bench: Bench) -> bool:
        page = _built(window, key)
        return page is not None and test(page, bench)

    return ready


STEPS: dict[str, Step] = {
    "overview": (
        _nothing,
        _to("overview"),
        _page_has("overview", lambda p, _b: p.data is not None),
    ),
    # The window opens on the overview by default: back on it from another page, it reads
    # its data again (what a user pays each time they come back to it).
    "overview_again": (
        _shown("overview", START_PAGE),
        _to("overview"),
        _page_has("overview", lambda p, _b: p.data is not None),
    ),
    "plan": (_nothing, _to("plan"), _page_has("plan", lambda p, _b: _rows(p.tree.model()) > 0)),
    "sip_grid": (
        _nothing,
        _to("sip"),
        _page_has("sip", lambda p, _b: _rows(p.model) > 0 and p.model.columnCount() > 0),
    ),
    "sip_analysis": (
        _shown("sip"),
        lambda w, _b: _built(w, "sip").tabs.setCurrentWidget(_built(w, "sip").analysis),
        _page_has("sip", lambda p, _b: _rows(p.analysis.table_model) > 0),
    ),
    "meetings": (
        _nothing,
        _to("meetings"),
        _page_has("meetings", lambda p, _b: _rows(p.model) > 0),
    ),
    "meeting": (
        _shown("meetings"),
        lambda w, b: _built(w, "meetings").open_meeting(b.largest[0]),
        _page_has("meetings", lambda p, b: _rows(p.editor.agenda.model) == b.largest[1]),
    ),
    "decisions": (
        _nothing,
        _to("decisions"),
        _page_has("decisions", lambda p, _b: _rows(p.decisions_model) > 0),
    ),
    "members": (
        _nothing,
        _to("members"),
        _page_has("members", lambda p, _b: _rows(p.model) > 0),
    ),
}


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def open_page(
    bench: Bench, key: str, window: Any | None = None, profiler: Any | None = None
) -> tuple[float, float]:
    """Wall and CPU ms of opening page `key` on `window` (a fresh one unless given), under
    `profiler` when given (started and stopped around the opening alone)."""
    window = window or bench.window()
    prepare, act, ready = STEPS[key]
    prepare(window, bench)

    def opened() -> None:
        if profiler is not None:
            profiler.start()
        act(window, bench)
        idle(lambda: ready(window, bench))
        if profiler is not None:
            profiler.stop()

    return _timed(opened)


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
            _timed(lambda w=words: search_items(bench.db, bench.group.id, w))[1]  # type: ignore[misc]
            for _ in range(RUNS)
        ]
    window = bench.window()
    _shown("decisions")(window, bench)
    page = _built(window, "decisions")
    page.tabs.setCurrentIndex(1)
    idle(lambda: True)

    def searched() -> None:  # what Enter in the search box does, until the hits are shown
        page.run_search()
        idle(lambda: _rows(page.hits_model) > 0)

    box: list[float] = []
    for words in SEARCH_WORDS:
        for _ in range(RUNS):
            page.search.setText(words)
            page.hits_model.set_rows([])
            idle(lambda: True)
            box.append(_timed(searched)[1])
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
        meetings = connection.execute(
            text("SELECT count(*) FROM meetings WHERE group_id = :g"), {"g": group_id}
        ).scalar_one()
        largest = connection.execute(
            text(
                "SELECT m.id, count(*) AS n FROM meetings m JOIN agenda_items i"
                " ON i.meeting_id = m.id WHERE m.group_id = :g"
                " GROUP BY m.id ORDER BY n DESC, m.held_on DESC LIMIT 1"
            ),
            {"g": group_id},
        ).one()
    host = WindowHost(db, None, app_settings())
    bench = Bench(app, db, host, get_group(db, group_id), meetings, (largest[0], largest[1]))
    _opened(host, bench.group, host.show)
    return bench


def first_opens(bench: Bench) -> tuple[dict[str, float], float]:
    """Every page opened once in the process's first window (CPU ms each, imports and all),
    then the process's VmRSS in MB."""
    window = bench.host.window
    cold: dict[str, float] = {}
    for key in PAGES:
        _show(window, START_PAGE)
        idle(lambda: True)
        cold[key] = open_page(bench, key, window)[1]
    return cold, vm_rss_mb()


def measure(bench: Bench) -> dict[str, Any]:
    cold, rss = first_opens(bench)
    pages: dict[str, Any] = {}
    for key in PAGES:
        times = [open_page(bench, key) for _ in range(RUNS)]
        pages[key] = {
            "wall_median_ms": statistics.median(t[0] for t in times),
            "cpu_median_ms": statistics.median(t[1] for t in times),
            "cpu_first_in_process_ms": cold[key],
            "runs": RUNS,
        }
    service, box = search_times(bench)
    return {
        "group": bench.group.id,
        "largest_meeting": {"id": bench.largest[0], "items": bench.largest[1]},
        "pages": pages,
        "search_service_cpu_median_ms": statistics.median(service),
        "search_box_cpu_median_ms": statistics.median(box),
        "search_words": list(SEARCH_WORDS),
        "rss_all_pages_mb": rss,
    }


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
    with tempfile.TemporaryDirectory(prefix="naravard-bench-pages-") as folder:
        bench = setup(Path(folder))
        try:
            if argv[:1] == ["--profile"]:
                profile(bench, argv[1:] or list(PAGES))
                return 0
            found = measure(bench)
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
