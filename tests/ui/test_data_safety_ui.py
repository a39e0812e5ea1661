"""Start-up and File menu safety: a database already open elsewhere opens read-only, a
damaged one is replaced by its newest good backup, and a backup can be restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.documents import demo
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import open_database
from naravard_desktop.services.system.read_models import AUTO, BEFORE_RESTORE
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.restore_dialog import RestoreDialog
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.startup import InstanceLock, open_database_or_ask
from tests.db_backends import demo_file

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs

Role = QMessageBox.ButtonRole


class ChoiceBox:
    """Stands in for QMessageBox.exec on instance boxes: records them and clicks the button
    with the queued role."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *roles: QMessageBox.ButtonRole) -> None:
        self.roles = list(roles)
        self.shown: list[dict[str, str]] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        self.shown.append({"title": box.windowTitle(), "text": box.text()})
        role = self.roles.pop(0)
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
        return 0


@pytest.fixture
def demo_database(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "samverkan.sqlite"
    demo_file(request, path)
    return path


def _names(path: Path) -> list[str]:
    db = open_database(str(path))
    try:
        return [g.name for g in groups.list_groups(db)]
    finally:
        db.dispose()


def test_a_second_copy_opens_the_database_read_only(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, demo_database: Path
) -> None:
    first = InstanceLock(demo_database)
    assert first.acquire()  # the copy already running
    box = ChoiceBox(monkeypatch, Role.AcceptRole)
    try:
        opened = open_database_or_ask(str(demo_database))
        assert opened is not None
        db, lock = opened
        assert lock is None and db.read_only
        assert box.shown[0]["title"] == _("The database is already open")
        assert [g.name for g in groups.list_groups(db)] == [demo.DEMO_GROUP.name]
        before = demo_database.read_bytes()
        with pytest.raises(DomainError, match="kan bara läsas"):
            groups.create_group(db, GroupInput(name="Får inte sparas"))
        db.dispose()
        assert demo_database.read_bytes() == before
    finally:
        first.release()


def test_a_second_copy_may_quit_instead(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, demo_database: Path
) -> None:
    first = InstanceLock(demo_database)
    assert first.acquire()
    ChoiceBox(monkeypatch, Role.RejectRole)
    try:
        assert open_database_or_ask(str(demo_database)) is None
    finally:
        first.release()


def test_the_lock_is_free_again_after_the_first_copy_closed(demo_database: Path) -> None:
    first = InstanceLock(demo_database)
    assert first.acquire()
    first.release()
    second = InstanceLock(demo_database)
    assert second.acquire()
    second.release()


def test_a_damaged_database_is_replaced_by_its_newest_backup(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, demo_database: Path, boxes: Boxes
) -> None:
    backups.make_backup(demo_database, AUTO, dt.datetime(2026, 11, 21, 8, 0))
    damaged = b"SQLite format 3\x00" + b"\x13" * 9000
    demo_database.write_bytes(damaged)
    box = ChoiceBox(monkeypatch, Role.ActionRole)

    opened = open_database_or_ask(str(demo_database))

    assert opened is not None
    db, lock = opened
    try:
        assert [g.name for g in groups.list_groups(db)] == [demo.DEMO_GROUP.name]
    finally:
        db.dispose()
        if lock is not None:
            lock.release()
    assert box.shown[0]["title"] == _("Cannot open the database")
    info = boxes.take("information")
    assert info.title == _("Backup restored")
    aside = [
        p
        for p in demo_database.parent.iterdir()
        if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged


def test_restore_from_the_file_menu(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    demo_database: Path,
    dialogs: Dialogs,
    boxes: Boxes,
) -> None:
    saved = backups.make_backup(demo_database)
    db = open_database(str(demo_database))
    group = groups.list_groups(db)[0]
    groups.create_group(db, GroupInput(name="Tillkommen efter kopian"))
    window = MainWindow(db, group, app_settings())
    qtbot.addWidget(window)
    assert window.backups.restore_action.isEnabled()

    def choose_first(dialog: RestoreDialog) -> None:
        assert dialog.backups[0].path == saved
        assert dialog.table.item(0, 2).text().startswith("Grupper: 1")
        boxes.answer(QMessageBox.StandardButton.Yes)
        dialog.restore_button.click()

    dialogs.expect(choose_first)
    with qtbot.waitSignal(window.database_replaced):
        window.backups.restore_action.trigger()
    dialogs.check()
    question = boxes.take("question")
    assert (question.title, sorted(question.buttons)) == (_("Restore"), ["&Ersätt", "Avbryt"])

    assert _names(demo_database) == [demo.DEMO_GROUP.name]
    safety = [b for b in backups.list_backups(demo_database) if b.kind == BEFORE_RESTORE]
    assert len(safety) == 1 and safety[0].counts["groups"] == 2


def test_a_read_only_window_says_so(qtbot: QtBot, demo_database: Path) -> None:
    db = open_database(str(demo_database), read_only=True)
    group = groups.list_groups(db)[0]
    window = MainWindow(db, group, app_settings())
    qtbot.addWidget(window)
    label = window.findChild(QLabel, "read_only_label")
    assert label is not None and label.text() == _("Read-only: changes cannot be saved")
    assert not window.backups.restore_action.isEnabled()
    db.dispose()


def test_the_daily_backup_after_start(qtbot: QtBot, demo_database: Path) -> None:
    db = open_database(str(demo_database))
    window = MainWindow(db, groups.list_groups(db)[0], app_settings())
    qtbot.addWidget(window)
    window.backups.automatic_backup()
    window.backups.automatic_backup()  # at most once a day
    autos = [b for b in backups.list_backups(demo_database) if b.kind == AUTO]
    assert len(autos) == 1
    assert window.statusBar().currentMessage().startswith("Dagens säkerhetskopia")
    db.dispose()
