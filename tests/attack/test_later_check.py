"""Issue 18: the window's start leaves the full integrity check of an up-to-date file for a
thread beside the window (services/system/later_check). Nothing may be written into a file
before the check has passed: a write waits for it, and is refused if the file is damaged;
the window then opens the file again the ordinary way (read-only, offering the backup)."""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from naravard_desktop.app import run_gui
from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.read_models import AUTO
from naravard_desktop.ui.integrity_watch import watch_integrity
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.settings import app_settings
from tests.attack.db_files import GROUP, make_database
from tests.attack.test_damaged_index import swap_two_index_entries
from tests.ui.test_startup import gui_start, shown_windows  # noqa: F401 (fixture)


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = make_database(tmp_path / "samverkan.sqlite", people=300)
    backups.make_backup(path, AUTO, dt.datetime(2026, 11, 29, 8, 0))
    swap_two_index_entries(path, "ix_persons_group_id")
    return path


def _write_in_thread(db: Database) -> tuple[threading.Thread, list[object]]:
    """A new group written on another thread; what happened lands in the list."""
    outcome: list[object] = []

    def write() -> None:
        try:
            outcome.append(groups.create_group(db, GroupInput(name="Ny grupp")))
        except DatabaseFileError as error:
            outcome.append(error)

    thread = threading.Thread(target=write)
    thread.start()
    return thread, outcome


def test_a_write_waits_for_the_check_and_is_refused_when_the_file_is_damaged(
    damaged: Path,
) -> None:
    before = damaged.read_bytes()
    db = open_database(str(damaged), check_later=True)
    try:
        check = db.later_check
        assert check is not None and not db.read_only  # opened at once, unchecked
        assert [g.name for g in groups.list_groups(db)] == [GROUP]  # reading need not wait
        thread, outcome = _write_in_thread(db)
        thread.join(0.3)
        assert thread.is_alive() and outcome == []  # the write waits for the check
        check.run()
        thread.join(10)
        (refused,) = outcome
        assert isinstance(refused, DatabaseFileError)
        assert "är skadad" in refused.message
        assert check.problems and "missing from index" in check.problems[0]
    finally:
        db.dispose()
    assert damaged.read_bytes() == before


def test_a_sound_file_takes_the_write_once_checked(tmp_path: Path) -> None:
    path = make_database(tmp_path / "frisk.sqlite")
    db = open_database(str(path), check_later=True)
    try:
        check = db.later_check
        assert check is not None
        thread, outcome = _write_in_thread(db)
        thread.join(0.3)
        assert thread.is_alive()
        check.run()
        thread.join(10)
        assert [getattr(o, "name", o) for o in outcome] == ["Ny grupp"]
        assert check.problems == []
        groups.create_group(db, GroupInput(name="Efter kontrollen"))  # no wait once checked
    finally:
        db.dispose()


def test_without_asking_the_check_runs_before_the_file_opens(damaged: Path) -> None:
    db = open_database(str(damaged))
    try:
        assert db.later_check is None and db.read_only  # checked first: damaged, read-only
    finally:
        db.dispose()


@pytest.mark.usefixtures("gui_start")
def test_the_window_opens_at_once_then_turns_to_the_damaged_file_read_only(damaged: Path) -> None:
    """The start's window opens writable; the check beside it finds the damage, and a window
    on the file opened again says so, read-only, with the backup offered."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: list[tuple[bool, bool]] = []

    def look() -> None:
        windows = shown_windows()
        for window in windows:
            entry = (window.db.read_only, window.db.later_check is not None)
            if not seen or seen[-1] != entry:
                seen.append(entry)
        if windows and windows[0].db.read_only:
            banner = windows[0].findChild(QLabel, "read_only_banner_text")
            assert banner is not None and banner.text().startswith("Databasen är skadad")
            windows[0].close()

    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(look)
    poll.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start(30_000)
    try:
        code = run_gui(argparse.Namespace(database=str(damaged), lang=None))
    finally:
        poll.stop()
        guard.stop()
    assert code == 0
    assert seen == [(False, True), (True, False)]


@pytest.mark.parametrize("sound", [True, False])
def test_the_daily_backup_waits_for_a_sound_check(
    qtbot: QtBot, tmp_path: Path, damaged: Path, sound: bool
) -> None:
    """A damaged file is no backup: what comes after a sound check (the daily backup) is
    not started for a file the check found damaged; the window hands over instead."""
    path = make_database(tmp_path / "frisk.sqlite") if sound else damaged
    db = open_database(str(path), check_later=True)
    window = MainWindow(db, groups.list_groups(db)[0], app_settings())
    qtbot.addWidget(window)
    after: list[bool] = []
    replaced: list[bool] = []
    window.database_replaced.connect(lambda: replaced.append(True))
    try:
        watch_integrity(window, db, lambda: after.append(True))
        check = db.later_check
        assert check is not None
        qtbot.waitUntil(lambda: check.done and bool(after or replaced), timeout=10_000)
        assert (after, replaced) == (([True], []) if sound else ([], [True]))
    finally:
        db.dispose()
