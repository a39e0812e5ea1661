"""Start-up against a bare PySide6 window, measured in the same run (issue 18 point 1).

Each run is a fresh interpreter started by this process; its time counts from just before
the process is started (the clock, CLOCK_MONOTONIC, is the same in parent and child):

- the anchor: `QApplication` and a bare 1100×700 `QMainWindow` shown, until its first paint
  has been drawn (a zero timer started from the paint event has fired);
- `first_paint`: `python -m naravard_desktop --database LARGE --group BUSY` until the main
  window's first paint (the frame: sidebar, page area, menus) has been drawn;
- `ready`: the same process until the overview page is built with the database's data and
  has been painted, and a zero timer has fired after that (the event loop idle).

Runs alternate (anchor, app, anchor, app …) so a busy machine slows both alike; medians of
RUNS. The database is the large one (benchmarks/large_data.py), opened once before timing so
that the files are in the OS cache and the check of an unchanged file applies, as on a
secretary's second start of the day.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results
from benchmarks.targets import Target, record

NAME = "first_paint"
RUNS = 7
FIRST_PAINT_TARGET = 1.3
READY_TARGET = 3.0

BARE = """
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 700)

class Paint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    used = resource.getrusage(resource.RUSAGE_SELF)
    print(time.perf_counter(), used.ru_utime + used.ru_stime, flush=True)
    app.quit()

paint = Paint()
window.installEventFilter(paint)
window.show()
app.exec()
"""

# The app's own start (`python -m naravard_desktop`), watched from outside: the probe adds
# event filters to the main window and changes nothing else. Its filter is installed after
# the start's own (ui/first_paint), so it is asked first and its zero timer fires before the
# database is opened: the stamp is the frame drawn, not the frame and the page.
APP = """
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from naravard_desktop.ui import first_paint

stamps = []
then_paint = first_paint.after_first_paint

def stamp():
    used = resource.getrusage(resource.RUSAGE_SELF)
    stamps.extend((time.perf_counter(), used.ru_utime + used.ru_stime))

class Watch(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.overview = None
        self.painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, stamp)
        page = self.window.lazy_pages.built("overview")
        if page is not None and self.overview is None:
            self.overview = page
            page.installEventFilter(self)
        if watched is self.overview and self.overview is not None and len(stamps) == 2:
            self.overview = False
            QTimer.singleShot(0, self.ready)
        return False

    def ready(self):
        stamp()
        print(*stamps, flush=True)
        self.window.close()

def after_first_paint(widget, then):
    then_paint(widget, then)
    Watch(widget)

first_paint.after_first_paint = after_first_paint
from naravard_desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _child_env(data: Path) -> dict[str, str]:
    """Bytecode written and used, as an installed program's is (the warm-up run writes it)."""
    dropped = {"NARAVARD_DATABASE", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(NARAVARD_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    return env


def _stamps(env: dict[str, str], *args: str) -> list[tuple[float, float]]:
    """Each stamp the process prints: milliseconds from just before it was started, and
    the CPU milliseconds it had used by then."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[:2]} failed:\n{done.stderr[-3000:]}")
    values = [float(value) for value in done.stdout.strip().splitlines()[-1].split()]
    return [((values[i] - started) * 1000, values[i + 1] * 1000) for i in range(0, len(values), 2)]


def large_database(folder: Path) -> tuple[Path, int]:
    """A copy of the large database in `folder` (the cached file may be open elsewhere, and
    a window's lock would be in the way) and the group a window opens on (the busiest)."""
    from benchmarks import large_data

    copy = folder / "large.sqlite"
    shutil.copyfile(large_data.cached_sqlite(), copy)
    return copy, large_data.BUSY_GROUP


def main(_argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="naravard-paint-") as folder:
        database, group = large_database(Path(folder))
        env = _child_env(Path(folder) / "data")
        app_args = ("-c", APP, "--database", str(database), "--group", str(group))
        _stamps(env, *app_args)  # warm-up: OS file cache, .pyc files, the check remembered
        _stamps(env, "-c", BARE)
        bare: list[tuple[float, float]] = []
        paint: list[tuple[float, float]] = []
        ready: list[tuple[float, float]] = []
        for _ in range(RUNS):
            bare.extend(_stamps(env, "-c", BARE))
            first, done = _stamps(env, *app_args)
            paint.append(first)
            ready.append(done)
    anchor = statistics.median(wall for wall, _cpu in bare)
    results: dict[str, Any] = {
        "runs": RUNS,
        "bare_window_ms": bare,
        "first_paint_ms": paint,
        "ready_ms": ready,
        "cpu_median_ms": {
            name: statistics.median(cpu for _wall, cpu in runs)
            for name, runs in (("bare", bare), ("first_paint", paint), ("ready", ready))
        },
    }
    targets = (
        Target(
            "first_paint_ratio",
            statistics.median(wall for wall, _cpu in paint),
            "ms",
            FIRST_PAINT_TARGET,
            baseline=anchor,
            note="process start → main window frame painted, ÷ bare PySide6 window",
        ),
        Target(
            "ready_ratio",
            statistics.median(wall for wall, _cpu in ready),
            "ms",
            READY_TARGET,
            baseline=anchor,
            note="process start → overview with the large database's data painted, idle",
        ),
    )
    record(*targets)
    cpu = results["cpu_median_ms"]
    print_table(
        [
            (f"bare PySide6 window painted (median of {RUNS})", f"{anchor:7.0f} ms"),
            (
                "CPU used by then: bare, first paint, ready",
                f"{cpu['bare']:.0f} / {cpu['first_paint']:.0f} / {cpu['ready']:.0f} ms",
            ),
            *(
                (f"{t.name}: {t.note}", f"{t.value:7.0f} ms  ×{t.ratio:.2f} (≤ {t.target})")
                for t in targets
            ),
        ]
    )
    write_results(NAME, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
