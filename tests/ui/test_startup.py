"""Start-up: a file that is not a database, choosing another one, the whole GUI start on a
demo database, and the dialog for unexpected errors."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from naravard_desktop import i18n
from naravard_desktop.app import run_gui
from naravard_desktop.documents import demo
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.logging_setup import configure_logging
from naravard_desktop.paths import log_path
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.system.database import open_database
from naravard_desktop.ui.errors import install_exception_hook
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.qt_locale import apply_qt_language
from naravard_desktop.ui.startup import open_database_or_ask
from tests.db_backends import demo_file

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes

Role = QMessageBox.ButtonRole


@pytest.fixture
def not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "anteckningar.sqlite"
    path.write_bytes("Mötesanteckningar, ingen databas.\n".encode() * 40)
    return path


@pytest.fixture
def demo_database(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    demo_file(request, path)
    return path


class CriticalBox:
    """Stands in for QMessageBox.exec on the "cannot open" box: records it and clicks the
    button with the next role queued."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *choices: QMessageBox.ButtonRole):
        self.choices = list(choices)
        self.shown: list[dict[str, object]] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        self.shown.append(
            {
                "icon": box.icon(),
                "title": box.windowTitle(),
                "text": box.text(),
                "informative": box.informativeText(),
                "buttons": {box.buttonRole(b): b.text() for b in box.buttons()},
            }
        )
        role = self.choices.pop(0)
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
        return box.result()


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- a file that cannot be opened --------------------------------------------------------


def test_a_file_that_is_not_a_database_is_explained_and_left_untouched(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, not_a_database: Path, tmp_path: Path
) -> None:
    before = files_in(tmp_path)
    box = CriticalBox(monkeypatch, Role.RejectRole)

    assert open_database_or_ask(str(not_a_database)) is None

    assert files_in(tmp_path) == before  # same bytes, no backup, no journal beside it
    assert box.shown == [
        {
            "icon": QMessageBox.Icon.Critical,
            "title": _("Cannot open the database"),
            "text": _("{path} is not a database file. Choose another file.").format(
                path=not_a_database
            ),
            "informative": _(
                "Nothing has been changed in the file. You can open another file or quit."
            ),
            "buttons": {Role.AcceptRole: _("Open another file…"), Role.RejectRole: _("Quit")},
        }
    ]


def test_opening_another_file_instead(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    not_a_database: Path,
    demo_database: Path,
    boxes: Boxes,
) -> None:
    before = not_a_database.read_bytes()
    box = CriticalBox(monkeypatch, Role.AcceptRole)
    boxes.answer(str(demo_database))

    opened = open_database_or_ask(str(not_a_database))

    assert opened is not None
    db, lock = opened
    try:
        assert db.path == demo_database
        assert [g.name for g in groups.list_groups(db)] == [demo.DEMO_GROUP.name]
    finally:
        db.dispose()
        if lock is not None:
            lock.release()
    assert len(box.shown) == 1
    assert boxes.take("getOpenFileName").title == _("Open database")
    assert not_a_database.read_bytes() == before


def test_another_bad_file_is_explained_again(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    not_a_database: Path,
    tmp_path: Path,
    boxes: Boxes,
) -> None:
    folder = tmp_path / "en mapp"
    folder.mkdir()
    box = CriticalBox(monkeypatch, Role.AcceptRole, Role.RejectRole)
    boxes.answer(str(folder))

    assert open_database_or_ask(str(not_a_database)) is None

    boxes.take("getOpenFileName")
    assert [shown["text"] for shown in box.shown] == [
        _("{path} is not a database file. Choose another file.").format(path=not_a_database),
        _("{path} is a folder, not a database file. Choose a database file.").format(path=folder),
    ]


def test_cancelling_the_file_dialog_quits(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, not_a_database: Path, boxes: Boxes
) -> None:
    CriticalBox(monkeypatch, Role.AcceptRole)
    boxes.answer("")
    assert open_database_or_ask(str(not_a_database)) is None
    boxes.take("getOpenFileName")


# --- the whole start ---------------------------------------------------------------------


@pytest.fixture
def gui_start(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui changes process-wide state: the exception hook, the language of Qt."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    locale = QLocale()
    yield
    apply_qt_language(qapp, "en")  # removes Qt's Swedish catalog again
    QLocale.setDefault(locale)
    i18n.set_language("sv")


def shown_windows() -> list[MainWindow]:
    """The main windows on screen with their database (not a start's frame before it)."""
    found = QApplication.topLevelWidgets()
    return [
        w for w in found if isinstance(w, MainWindow) and w.isVisible() and w.lazy_pages.attached
    ]


def run_with(check: Callable[[MainWindow], None], database: Path | str, **options: object) -> int:
    """run_gui (`options` as further arguments, e.g. window_group) with `check` called on the
    main window once it is shown; the window then on screen (another after a group switch)
    is closed, which ends the event loop. A guard ends a start that never shows one."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def find_window() -> None:
        windows = shown_windows()
        if not windows:
            return
        poll.stop()
        try:
            check(windows[0])
        finally:
            for window in shown_windows():
                window.close()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(find_window)
    poll.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start(30_000)
    try:
        return run_gui(argparse.Namespace(database=str(database), lang=None, **options))
    finally:
        poll.stop()
        guard.stop()


def test_run_gui_shows_the_demo_group_in_swedish_and_exits_cleanly(
    gui_start: None, demo_database: Path
) -> None:
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["title"] = window.windowTitle()
        seen["members_shown"] = window.members_page.proxy.rowCount()
        seen["page"] = window.stack.currentWidget() is window.overview_page
        seen["language"] = i18n.current_language()
        seen["qt_language"] = QLocale().language()
        seen["sidebar"] = window.sidebar.item(0).text()

    code = run_with(look, demo_database)

    assert code == 0
    assert demo.DEMO_GROUP.name in str(seen.pop("title"))
    db = open_database(str(demo_database))
    try:
        (group,) = groups.list_groups(db)
        today = dt.date.today()
        current = [
            m for m in members.list_members(db, group.id) if not m.active_to or m.active_to >= today
        ]
    finally:
        db.dispose()
    assert seen == {
        "members_shown": len(current),  # former members are hidden
        "page": True,
        "language": "sv",
        "qt_language": QLocale.Language.Swedish,
        "sidebar": _("Overview"),
    }


def test_run_gui_quits_with_an_error_code_when_no_database_can_be_opened(
    gui_start: None, monkeypatch: pytest.MonkeyPatch, not_a_database: Path
) -> None:
    box = CriticalBox(monkeypatch, Role.RejectRole)
    code = run_gui(argparse.Namespace(database=str(not_a_database), lang=None))
    assert code == 1
    assert len(box.shown) == 1


# --- unexpected errors -------------------------------------------------------------------


@pytest.fixture
def hook(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's exception hook and log file, undone afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging()
    install_exception_hook()
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def report(error: BaseException) -> None:
    """What Python does with an exception nobody caught, e.g. in a Qt slot."""
    try:
        raise error
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_unexpected_error_shows_a_readable_message_and_logs_the_traceback(
    hook: None, boxes: Boxes
) -> None:
    report(RuntimeError("kaputt i testet"))

    box = boxes.take("critical")
    assert box.title == _("Unexpected error")
    assert "Traceback" not in box.text
    assert str(log_path()) in box.text
    assert "RuntimeError" in box.text
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: kaputt i testet" in logged
    assert "test_startup.py" in logged


def test_a_domain_error_that_escapes_shows_its_own_sentence(hook: None, boxes: Boxes) -> None:
    report(ValidationError({"name": "Namnet måste fyllas i."}))
    box = boxes.take("critical")
    assert box.text == "Namnet måste fyllas i."


def test_a_server_that_cannot_be_reached_can_be_tried_again(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg://sekreterare:hemligt@127.0.0.1:1/samverkan"
    box = CriticalBox(monkeypatch, Role.ActionRole, Role.RejectRole)  # Försök igen, Avsluta

    assert open_database_or_ask(url) is None

    assert len(box.shown) == 2  # tried again, then quit
    first = box.shown[0]
    assert first["informative"] == _(
        "The server may be restarting, or the network may be down. Try again, open "
        "a database file instead, or quit."
    )
    assert first["buttons"] == {
        Role.ActionRole: _("&Try again"),
        Role.AcceptRole: _("Open another file…"),
        Role.RejectRole: _("Quit"),
    }
    assert "127.0.0.1" in str(first["text"]) and "hemligt" not in str(first["text"])
