"""Issue 11, point 5 in the window: a database in a folder that cannot be written was first
said to be "already open in another window" (no lock file could be made there), then could
not be opened. Now the window opens it read-only without that question, with a banner saying
why, and a save is refused with a sentence saying the same."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.startup import open_database_or_ask
from tests.attack.db_files import GROUP, make_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def on_read_only_medium(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "usb"
    folder.mkdir()
    path = make_database(folder / "samverkan.sqlite")
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)


def test_the_window_opens_it_read_only_and_says_why(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, on_read_only_medium: Path
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.windowTitle()) or 0)

    opened = open_database_or_ask(str(on_read_only_medium))

    assert opened is not None and asked == []  # not "already open", not "cannot open"
    db, lock = opened
    try:
        assert db.read_only and lock is None
        [group] = groups.list_groups(db)
        assert group.name == GROUP
        window = MainWindow(db, group, app_settings())
        qtbot.addWidget(window)
        banner = window.findChild(QLabel, "read_only_banner_text")
        assert banner is not None and banner.isVisibleTo(window)
        assert banner.text().startswith("Databasen är öppnad skrivskyddad: det går inte att")
        assert window.findChild(QPushButton, "read_only_banner_restore") is None
        with pytest.raises(DomainError) as refused:
            groups.create_group(db, GroupInput(name="Får inte sparas"))
        assert "skrivskyddad" in refused.value.message
    finally:
        db.dispose()
    assert [p.name for p in on_read_only_medium.parent.iterdir()] == ["samverkan.sqlite"]


def test_a_writable_database_shows_no_banner(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_database(tmp_path / "samverkan.sqlite")
    opened = open_database_or_ask(str(path))
    assert opened is not None
    db, lock = opened
    try:
        window = MainWindow(db, groups.list_groups(db)[0], app_settings())
        qtbot.addWidget(window)
        banner = window.findChild(QLabel, "read_only_banner_text")
        assert banner is None or not banner.isVisibleTo(window)
    finally:
        db.dispose()
        if lock is not None:
            lock.release()
