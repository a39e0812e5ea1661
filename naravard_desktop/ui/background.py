"""Long work off the GUI thread: one small helper that runs a plain function in a worker
thread and reports success or failure back on the GUI thread, with a busy dialog that
appears only if the work takes longer than a moment (after Anki's `op.run_in_background`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
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
        self.progress = QProgressDialog(label, "", 0, 0, parent)
        self.progress.setObjectName("background_progress")
        self.progress.setCancelButton(None)  # the work cannot be stopped half-way
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(SHOW_AFTER_MS)
        self.progress.reset()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_busy)

    def start(self) -> BackgroundTask[T]:
        self.running = True
        self._parent.setEnabled(False)  # no second action while this one runs
        self._show_timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(self._job)
        return self

    def _show_busy(self) -> None:
        if self.running:
            self.progress.setValue(0)
            self.progress.show()

    def _done(self) -> None:
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
