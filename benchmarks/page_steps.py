"""How a page of the main window is opened for the page benchmark (benchmarks/pages.py): a
fresh window on the busy group, what is done before the timing, what the user does, and when
the page's data are shown; and the event loop run until idle."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

START_PAGE = "group"  # where each fresh window opens: a page none of the timings is about


@dataclass
class Bench:
    """The application, the database and what the timings open."""

    app: Any
    db: Any
    host: Any
    group: Any
    largest: tuple[int, int]  # the meeting with the most items: id, items

    def window(self) -> Any:
        """A fresh window on the busy group, opened on START_PAGE, shown and idle."""
        return opened(self.host, self.group, self.host.switch)


def opened(host: Any, group: Any, open_window: Callable[[Any], Any]) -> Any:
    """`open_window(group)`'s window, opened on START_PAGE (the page the last window closed on
    would be built with it otherwise), once idle."""
    from naravard_desktop.ui.window_pages import page_titles

    keys = [key for key, _title in page_titles()]
    host.settings.setValue("window/page", keys.index(START_PAGE))
    window = open_window(group)
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


def show(window: Any, key: str) -> None:
    window.show_page(window.lazy_pages.keys.index(key))


def built(window: Any, key: str) -> Any:
    return window.lazy_pages.built(key)


def rows_of(model: Any) -> int:
    return int(model.rowCount())


# Per page: what is done before the timing (on the fresh window), what the user does, and
# when the page's data are shown.
Step = tuple[
    Callable[[Any, Bench], None], Callable[[Any, Bench], None], Callable[[Any, Bench], bool]
]


def _nothing(_window: Any, _bench: Bench) -> None:
    return None


def shown(*keys: str) -> Callable[[Any, Bench], None]:
    """Before the timing: these pages shown in turn, each until idle."""

    def prepare(window: Any, _bench: Bench) -> None:
        for key in keys:
            show(window, key)
            idle(lambda: True)

    return prepare


def _to(key: str) -> Callable[[Any, Bench], None]:
    return lambda window, _bench: show(window, key)


def _page_has(key: str, test: Callable[[Any, Bench], bool]) -> Callable[[Any, Bench], bool]:
    def ready(window: Any, bench: Bench) -> bool:
        page = built(window, key)
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
        shown("overview", START_PAGE),
        _to("overview"),
        _page_has("overview", lambda p, _b: p.data is not None),
    ),
    "plan": (_nothing, _to("plan"), _page_has("plan", lambda p, _b: rows_of(p.tree.model()) > 0)),
    "sip_grid": (
        _nothing,
        _to("sip"),
        _page_has("sip", lambda p, _b: rows_of(p.model) > 0 and p.model.columnCount() > 0),
    ),
    "sip_analysis": (
        shown("sip"),
        lambda w, _b: built(w, "sip").tabs.setCurrentWidget(built(w, "sip").analysis),
        _page_has("sip", lambda p, _b: rows_of(p.analysis.table_model) > 0),
    ),
    "meetings": (
        _nothing,
        _to("meetings"),
        _page_has("meetings", lambda p, _b: rows_of(p.model) > 0),
    ),
    "meeting": (
        shown("meetings"),
        lambda w, b: built(w, "meetings").open_meeting(b.largest[0]),
        _page_has("meetings", lambda p, b: rows_of(p.editor.agenda.model) == b.largest[1]),
    ),
    "decisions": (
        _nothing,
        _to("decisions"),
        _page_has("decisions", lambda p, _b: rows_of(p.decisions_model) > 0),
    ),
    "actions": (_nothing, _to("actions"), _page_has("actions", lambda p, _b: rows_of(p.model) > 0)),
    "members": (
        _nothing,
        _to("members"),
        _page_has("members", lambda p, _b: rows_of(p.model) > 0),
    ),
}


def timed(action: Callable[[], object]) -> tuple[float, float]:
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

    return timed(opened)
