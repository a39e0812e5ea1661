"""Long work runs off the GUI thread and reports back on it."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.errors import DomainError
from naravard_desktop.ui.background import run_in_background

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes


def test_work_runs_in_another_thread_and_the_result_arrives_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        time.sleep(0.6)  # long enough for the busy dialog to appear
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is qapp.thread()

    task = run_in_background(parent, "Läser in …", work, done)
    assert not parent.isEnabled()  # no second action meanwhile
    busy_seen: list[bool] = []

    def finished() -> bool:
        if task.progress.isVisible():
            busy_seen.append(True)
        return "result" in seen

    qtbot.waitUntil(finished, timeout=5000)
    assert busy_seen  # the busy dialog appeared while the work took long
    assert seen["result"] == 42 and seen["gui"] is True
    assert seen["worker"] != threading.get_ident()
    assert parent.isEnabled() and not task.progress.isVisible()


def test_a_domain_error_is_shown_to_the_user(qtbot: QtBot, boxes: Boxes) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work() -> None:
        raise DomainError("Filen är inte ett kalkylark.")

    task = run_in_background(parent, "Läser in …", work, lambda _result: None)
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert boxes.take("warning").text == "Filen är inte ett kalkylark."
    assert parent.isEnabled()


def test_a_bug_is_shown_without_a_traceback(qtbot: QtBot, boxes: Boxes) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work() -> None:
        raise ZeroDivisionError("division by zero")

    task = run_in_background(parent, "Räknar …", work, lambda _result: None)
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    text = boxes.take("warning").text
    assert "ZeroDivisionError" in text and "Traceback" not in text


def test_work_beside_reports_on_the_gui_thread_and_leaves_the_window_usable(
    qtbot: QtBot, qapp: QApplication
) -> None:
    from naravard_desktop.ui.background import run_beside

    owner = QWidget()
    qtbot.addWidget(owner)
    seen: dict[str, object] = {}

    def done(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is qapp.thread()

    run_beside(owner, lambda: 6 * 7, done, lambda error: seen.setdefault("error", error))
    assert owner.isEnabled()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"result": 42, "gui": True}
    failed: list[BaseException] = []
    run_beside(owner, lambda: 1 / 0, done, failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    assert isinstance(failed[0], ZeroDivisionError)


def test_an_owner_gone_while_its_work_reports_is_not_told_and_nothing_hangs(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """The owner (a page) deleted just as its worker emits the result, many times over: the
    receiver is not the owner's child, so deleting the owner never takes the signal's lock
    against the worker (that deadlocked the window), and nothing is called on the dead page."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from naravard_desktop.ui import background

    called: list[object] = []
    for _round in range(30):
        owner = QWidget()
        go = threading.Event()

        def work(go: threading.Event = go) -> int:
            go.wait(5)
            return 1

        background.run_beside(owner, work, called.append, called.append)
        go.set()  # the worker emits while the owner is being deleted
        owner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not background._BESIDE, timeout=10000)
    assert called == []
