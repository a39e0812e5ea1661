"""`naravard-desktop --group ID` (issue 16, point 5): the window starts on the group named, a
group the login cannot open is refused in a box with a non-zero exit, and in the running app
a switch keeps the database open and locked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from naravard_desktop.app import EXIT_REFUSED
from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from tests.db_backends import target_of
from tests.ui.test_startup import gui_start, run_with, shown_windows  # noqa: F401 (fixture)

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes

# run_gui changes process-wide state (the exception hook, Qt's language): undone after each.
pytestmark = pytest.mark.usefixtures("gui_start")


@pytest.fixture
def two_groups(db: Database, group: GroupData) -> tuple[GroupData, GroupData]:
    other = groups.create_group(
        db, GroupInput(name="Samverkan Åre", municipality="Åre kommun", region="Region Jämtland")
    )
    return group, other


def start(db: Database, group_id: int | None, check: Callable[[MainWindow], None]) -> int:
    """run_gui on `db`'s database with --group `group_id`, `check` on the first window."""
    return run_with(check, target_of(db), window_group=group_id)


def test_the_window_starts_on_the_group_named_and_remembers_it(
    db: Database, two_groups: tuple[GroupData, GroupData], settings: QSettings
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
    db: Database, two_groups: tuple[GroupData, GroupData], boxes: Boxes
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
    db: Database, two_groups: tuple[GroupData, GroupData]
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
