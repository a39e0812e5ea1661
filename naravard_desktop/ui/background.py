"""Long work off the GUI thread: one small helper that runs a plain function in a worker
thread and reports success or failure back on the GUI thread, with a busy dialog that
appears only if the work takes longer than a moment (after Anki's `op.run_in_background`);
and `run_and_wait` for work the caller must see through before it goes on."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.ui.errors import show_error, unexpected_error_text

log = logging.getLogger(__name__)

T = TypeVar("T")
SHOW_AFTER_MS = 400


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, never lost
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)


# Cyclic garbage collection waits while a worker runs: a collection set off by the worker's
# allocations runs on the worker thread, and a Qt object in a garbage cycle would be destroyed
# there, which crashed the GUI thread (segfaults while a protocol was rendered).
_paused = {"depth": 0, "enabled": True}


def pause_collection() -> None:
    if _paused["depth"] == 0:
        _paused["enabled"] = gc.isenabled()
        gc.disable()
    _paused["depth"] += 1


def resume_collection() -> None:
    _paused["depth"] -= 1
    if _paused["depth"] == 0 and _paused["enabled"]:
        gc.enable()


def _resume_once(paused: list[bool]) -> None:
    if paused[0]:
        paused[0] = False
        resume_collection()


def busy_dialog(parent: QWidget, label: str) -> QProgressDialog:
    """A modal busy dialog over `parent`'s window, hidden until shown; no Avbryt, since the
    work cannot be stopped half-way."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("background_progress")
    progress.setWindowTitle(parent.window().windowTitle())
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    progress.reset()
    return progress


class BackgroundTask(QObject, Generic[T]):
    """Runs `work()` in the global thread pool. `on_success(result)` and `on_failure(error)`
    run on the GUI thread; a DomainError is shown to the user unless `on_failure` is given,
    any other exception is logged and shown as an unexpected error."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._signals = _Signals()
        self._signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._job = _Job(work, self._signals)
        self._job.setAutoDelete(False)
        self.running = False
        self._paused = [False]  # whether this task paused the garbage collection
        self.progress = busy_dialog(parent, label)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_busy)

    def start(self) -> BackgroundTask[T]:
        self.running = True
        self._parent.setEnabled(False)  # no second action while this one runs
        self.progress.setEnabled(True)  # a window of its own: readable, not greyed with it
        pause_collection()
        paused = self._paused = [True]
        # Resumed when done, or should the task go with its window before the result came.
        self.destroyed.connect(lambda: _resume_once(paused))
        self._show_timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(self._job)
        return self

    def _show_busy(self) -> None:
        if self.running:
            self.progress.setValue(0)
            self.progress.show()

    def _done(self) -> None:
        _resume_once(self._paused)
        self.running = False
        self._show_timer.stop()
        self.progress.reset()
        self.progress.hide()
        self._parent.setEnabled(True)

    def _succeeded(self, result: object) -> None:
        self._done()
        try:
            self._on_success(result)  # type: ignore[arg-type]
        finally:
            self.finished.emit()

    def _failed(self, error: object) -> None:
        self._done()
        assert isinstance(error, BaseException)
        try:
            if self._on_failure is not None:
                self._on_failure(error)
            elif isinstance(error, DomainError):
                show_error(self._parent, error)
            else:
                log.error("background work failed", exc_info=error)
                show_error(self._parent, unexpected_error_text(error))
        finally:
            self.finished.emit()


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
) -> BackgroundTask[T]:
    return BackgroundTask(parent, label, work, on_success, on_failure).start()


class _Beside(QObject):
    """Receives a `run_beside` job's outcome on the GUI thread and hands it to its owner,
    unless the owner is gone by then. It has no parent and is let go only after its job has
    emitted: deleting it while the worker emits would take Qt's lock and the GIL in the
    opposite order to the worker (the window deadlocked when a page went mid-read)."""

    def __init__(
        self,
        owner: QObject,
        signals: _Signals,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._owner = owner
        self._signals = signals  # the last reference goes here, on the GUI thread
        self._on_success = on_success
        self._on_failure = on_failure
        self._paused = [True]
        pause_collection()
        signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        _BESIDE.add(self)

    def _done(self) -> bool:
        """Let go; whether the owner is still there to be told."""
        _resume_once(self._paused)
        _BESIDE.discard(self)
        self.deleteLater()
        return shiboken6.isValid(self._owner)

    def _succeeded(self, result: object) -> None:
        if self._done():
            self._on_success(result)

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if self._done():
            self._on_failure(error)


_BESIDE: set[_Beside] = set()  # the receivers of the jobs still running, kept alive here


def run_beside(
    owner: QObject,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None],
) -> None:
    """`work()` in a thread of its own while the window stays usable: no busy dialog and
    nothing disabled (the caller shows its own progress and drops a result it no longer
    wants). The callbacks run on the GUI thread, and not at all once `owner` is gone."""
    signals = _Signals()
    _Beside(owner, signals, on_success, on_failure)

    def job() -> None:
        try:
            result = work()
        except BaseException as error:  # handed to the GUI thread, never lost
            signals.failed.emit(error)
        else:
            signals.succeeded.emit(result)

    threading.Thread(target=job, name="naravard-beside", daemon=True).start()


def run_and_wait(
    parent: QWidget, label: str, work: Callable[[], T], *, show_after_ms: int = SHOW_AFTER_MS
) -> T:
    """`work()` in a worker thread while this thread's event loop goes on (the windows
    repaint, timers run, `parent` is disabled), with the busy dialog `label` shown if it takes
    longer than `show_after_ms`; its result, or its error raised here. Should the event loop
    be ended meanwhile (the application quitting), the work is still waited for, so the
    caller always sees it through (an approval stores what was rendered)."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    signals = _Signals()
    signals.succeeded.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def job() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # raised again on this thread below
            outcome["error"] = error
        signals.succeeded.emit(None)

    progress = busy_dialog(parent, label)

    def show_busy() -> None:
        progress.setValue(0)
        progress.show()

    show = QTimer()
    show.setSingleShot(True)
    show.timeout.connect(show_busy)
    # A thread of its own, joined here: nothing it holds is let go on the worker thread.
    worker = threading.Thread(target=job, name="naravard-work")
    parent.setEnabled(False)
    progress.setEnabled(True)
    pause_collection()
    try:
        show.start(show_after_ms)
        worker.start()
        loop.exec()
        worker.join()
    finally:
        show.stop()
        progress.hide()
        progress.deleteLater()
        parent.setEnabled(True)
        resume_collection()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]
