"""`naravard-desktop --group ID` (issue 16, point 5): the window starts on the group named, a
group the login cannot open is refused in a box with a non-zero exit, and in the running app
a switch keeps the database open and locked."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from naravard_desktop import i18n
from naravard_desktop.app import EXIT_REFUSED, run_gui
from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.qt_locale import apply_qt_language
from tests.db_backends import target_of

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes


@pytest.fixture
def two_groups(db: Database, group: GroupData) -> tuple[GroupData, GroupData]:
    other = groups.create_group(
        db, GroupInput(name="Samverkan Åre", municipality="Åre kommun", region="Region Jämtland")
    )
    return group, other


@pytest.fixture
def gui_start(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui changes process-wide state: the exception hook, the language of Qt."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    locale = QLocale()
    yield
    apply_qt_language(qapp, "en")
    QLocale.setDefault(locale)
    i18n.set_language("sv")


def shown_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def start(db: Database, group_id: int | None, check: Callable[[MainWindow], None]) -> int:
    """run_gui on `db`'s database with --group `group_id`; `check` gets the first window
    shown, and the window on screen afterwards is closed, which ends the program."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def look() -> None:
        if not shown_windows():
            return
        poll.stop()
        try:
            check(shown_windows()[0])
        finally:
            for window in shown_windows():
                window.close()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(look)
    poll.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start(30_000)
    try:
        args = argparse.Namespace(database=target_of(db), lang=None, window_group=group_id)
        return run_gui(args)
    finally:
        poll.stop()
        guard.stop()


def test_the_window_starts_on_the_group_named_and_remembers_it(
    gui_start: None, db: Database, two_groups: tuple[GroupData, GroupData], settings: QSettings
) -> None:
    _first, other = two_groups
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["group"] = window.group.id
        seen["title"] = window.windowTitle()

    assert start(db, other.id, look) == 0
    assert seen["group"] == other.id
    assert str(seen["title"]).startswith("Samverkan Åre – ")
    settings.sync()
    assert int(str(settings.value("group_id"))) == other.id
    # Without --group the next start opens the group used last.
    assert start(db, None, look) == 0
    assert seen["group"] == other.id


def test_a_group_that_cannot_be_opened_is_refused_in_a_box(
    gui_start: None, db: Database, two_groups: tuple[GroupData, GroupData], boxes: Boxes
) -> None:
    def never(_window: MainWindow) -> None:
        raise AssertionError("no window opens on a group that does not exist")

    assert start(db, 4711, never) == EXIT_REFUSED
    box = boxes.take("critical")
    assert box.title == "Gruppen kan inte öppnas"
    assert box.text == (
        "Det finns ingen grupp med id 4711 som du får öppna. Starta utan --group, eller med "
        "id:t för en av dina grupper."
    )
    assert not shown_windows()
    if db.path is not None:  # the file's lock was let go: another start may have it
        lock = InstanceLock(db.path)
        assert lock.acquire(wait_ms=0)
        lock.release()


def test_a_switch_keeps_the_database_open_and_locked_until_the_last_window_closes(
    gui_start: None, db: Database, two_groups: tuple[GroupData, GroupData]
) -> None:
    first, other = two_groups
    seen: dict[str, object] = {}

    def switch(window: MainWindow) -> None:
        database = window.db
        assert window.request_group(other.id)
        QApplication.sendPostedEvents()
        (new,) = shown_windows()
        seen["group"] = new.group.id
        seen["same database"] = new.db is database
        if db.path is not None:  # still this program's file: a second copy would open it read-only
            seen["locked"] = not InstanceLock(db.path).acquire(wait_ms=0)

    assert start(db, first.id, switch) == 0
    expected: dict[str, object] = {"group": other.id, "same database": True}
    if db.path is not None:
        expected["locked"] = True
        lock = InstanceLock(db.path)
        assert lock.acquire(wait_ms=0)  # closing the window let go of it
        lock.release()
    assert seen == expected
