"""Issue 11, point 11: `check` reported a damaged index, but `import --apply` still wrote,
since opening ran only quick_check (which does not compare indexes with their rows). Opening
now runs the full integrity check: a database whose index is damaged can be read and
exported, saving is refused, and the window says so and offers the newest intact backup."""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import open_database
from naravard_desktop.services.system.read_models import AUTO
from naravard_desktop.ui import questions
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.startup import open_database_or_ask
from tests.attack.db_files import GROUP, cli, make_database


def swap_two_index_entries(path: Path, index: str) -> None:
    """Damage an index leaf page as a failing disk would: two entries change places. The
    rows are intact; quick_check says "ok", integrity_check "row … missing from index"."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = DELETE")
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    pages = raw.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (index,)
    ).fetchall()
    raw.close()
    data = bytearray(path.read_bytes())
    header = (pages[0][0] - 1) * page_size
    count = struct.unpack(">H", data[header + 3 : header + 5])[0]
    assert data[header] == 10 and count > 2  # an index leaf page
    first, last = header + 8, header + 8 + 2 * (count - 1)
    data[first : first + 2], data[last : last + 2] = data[last : last + 2], data[first : first + 2]
    path.write_bytes(bytes(data))
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    raw.execute("PRAGMA journal_mode = WAL")  # as the program leaves it
    raw.close()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = make_database(tmp_path / "samverkan.sqlite", people=300)
    backups.make_backup(path, AUTO, dt.datetime(2026, 11, 29, 8, 0))
    swap_two_index_entries(path, "ix_persons_group_id")
    return path


def test_import_apply_is_refused_and_reading_still_works(tmp_path: Path, damaged: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text("Område;Aktivitet\n1 Kontinuitet;\n;Fast vårdkontakt\n", encoding="utf-8")
    before = damaged.read_bytes()

    applied = cli(tmp_path / "data", "import", "plan", source, "--apply", "--database", damaged)
    assert applied.returncode == 2
    assert applied.stderr.startswith("Fel: Databasen är skadad, så ingenting kan sparas i den.")
    assert damaged.read_bytes() == before

    listed = cli(tmp_path / "data", "groups", "list", "--database", damaged)
    assert listed.returncode == 0 and GROUP in listed.stdout
    checked = cli(tmp_path / "data", "check", "--database", damaged)
    assert checked.returncode == 1
    assert "Indexet ix_persons_group_id är skadat" in checked.stdout
    assert "missing from index" not in checked.stdout


def test_the_window_says_so_and_restores_the_newest_backup(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, damaged: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    opened = open_database_or_ask(str(damaged))
    assert opened is not None and shown == []  # opened, not refused
    db, lock = opened
    assert db.read_only and lock is not None  # held: the restore may replace the file
    group = groups.list_groups(db)[0]
    with pytest.raises(Exception, match="skadad"):
        groups.create_group(db, GroupInput(name="Får inte sparas"))

    window = MainWindow(db, group, app_settings())
    qtbot.addWidget(window)
    text = window.findChild(QLabel, "read_only_banner_text")
    assert text is not None and text.isVisibleTo(window)
    assert text.text().startswith("Databasen är skadad")
    button = window.findChild(QPushButton, "read_only_banner_restore")
    assert button is not None and button.isVisibleTo(window)

    asked: list[tuple[str, list[str]]] = []

    def restore(box: QMessageBox) -> QAbstractButton | None:
        asked.append((box.text(), sorted(b.text() for b in box.buttons())))
        return next(b for b in box.buttons() if b is not box.escapeButton())

    monkeypatch.setattr(questions, "run", restore)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    with qtbot.waitSignal(window.database_replaced):
        button.click()
    lock.release()
    assert "2026-11-29 08:00" in asked[0][0]
    assert asked[0][1] == ["&Återställ", "Avbryt"]  # a verb, not Ja / Nej
    aside = [
        p
        for p in damaged.parent.iterdir()
        if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1
    repaired = open_database(str(damaged))
    try:
        assert not repaired.read_only
        groups.create_group(repaired, GroupInput(name="Sparas igen"))
    finally:
        repaired.dispose()


def test_a_damaged_database_on_a_read_only_medium_can_still_be_read(damaged: Path) -> None:
    """Read-only for two reasons: it stays on the medium's terms (no -shm made there), and no
    restore is offered where none can be written."""
    folder = damaged.parent
    before = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        db = open_database(str(damaged))
        try:
            assert db.read_only
            assert [g.name for g in groups.list_groups(db)] == [GROUP]
        finally:
            db.dispose()
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == before
