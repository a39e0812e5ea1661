"""Arkiv › Öppna databas…, Ny databas… and Senaste (issue 19, point 7): another database file
in the window's place, its group and its name in the title; a file that cannot be used is
refused in Swedish and the database open before keeps working; what is typed is saved or
asked about before the window leaves; the next start opens the file opened last."""

from __future__ import annotations

import argparse
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from naravard_desktop.db.engine import database_name
from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.system import backups
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui.database_menu import DatabaseActions
from naravard_desktop.ui.group.setup_dialog import SetupDialog
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.recent_files import recent_files, remember_file, start_target
from naravard_desktop.ui.window_host import WindowHost
from tests.attack.test_damaged_index import swap_two_index_entries
from tests.ui.meetings.conftest import create_meeting
from tests.ui.test_startup import gui_start  # noqa: F401 (a fixture: run_gui's process-wide state)

if TYPE_CHECKING:
    from naravard_desktop.services.group.read_models import MemberRow
    from tests.ui.conftest import Boxes, Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier
Button = QMessageBox.StandardButton
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def make_file(path: Path, name: str, people: int = 1) -> Path:
    """A migrated database file holding one group (and a few members), closed again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(str(path))
    try:
        group = groups.create_group(db, GroupInput(name=name))
        with db.session():
            for number in range(people):
                members.add_member(db, group.id, MemberInput(name=f"Ledamot {number}"))
    finally:
        db.dispose()
    return path


@pytest.fixture
def host(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings, user: User
) -> Iterator[WindowHost]:
    """What the app does at start: the database locked, its window shown through a host."""
    lock = InstanceLock(db.path) if db.path is not None else None
    assert lock is None or lock.acquire()
    made = WindowHost(db, lock, settings)
    window = made.show(group)
    window.resize(1200, 760)
    user.activate(window)
    yield made
    if made.window is not None and isValid(made.window):
        made.window.hand_over()
    QApplication.sendPostedEvents()  # the windows closed are deleted
    made.release()


@pytest.fixture
def other(tmp_path: Path) -> Path:
    return make_file(tmp_path / "Ånge" / "ange.sqlite", "Samverkan Ånge")


def actions_of(window: MainWindow) -> DatabaseActions:
    found = window.findChild(DatabaseActions)
    assert found is not None
    return found


def switched_to(host: WindowHost, old: MainWindow, qtbot: QtBot) -> MainWindow:
    """The window that took over from `old`, once `old` is closed and deleted."""
    qtbot.waitUntil(lambda: not isValid(old))
    assert host.window is not None and host.window is not old
    return host.window


def is_locked(path: Path) -> bool:
    """Held by a copy of the program (this one): another cannot take the lock."""
    probe = InstanceLock(path)
    if probe.acquire(wait_ms=0):
        probe.release()
        return False
    return True


def refused(boxes: Boxes, host: WindowHost, old: MainWindow, db: Database) -> str:
    """The one refusal shown; the window and the database open before are still in use."""
    box = boxes.take("warning")
    assert box.title == "Databasen kan inte öppnas"
    assert f"Databasen som är öppen nu förblir öppen: {db.display_name}." in box.text
    assert host.window is old and old.isVisible() and host.db is db
    added = members.add_member(db, old.group.id, MemberInput(name="Karin Ödman"))
    assert added.name == "Karin Ödman"  # a write still succeeds
    if db.path is not None:
        assert is_locked(db.path)
    return box.text


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


# --- opening another file ----------------------------------------------------------------


def test_ctrl_o_opens_another_file_in_the_windows_place_with_its_group_and_name_in_the_title(
    qtbot: QtBot,
    host: WindowHost,
    db: Database,
    group: GroupData,
    other: Path,
    boxes: Boxes,
    settings: QSettings,
    user: User,
) -> None:
    """Also from a window on a server: the title names it by its URL, without a password."""
    old = host.window
    assert old is not None
    shown_name = db.path.name if db.path is not None else database_name(db.url)
    assert old.windowTitle() == f"Samverkan Bergsjö – {shown_name} – naravard-desktop"
    old.show_page(old.stack.indexOf(old.members_page))
    boxes.answer(str(other))
    user.press(old, Qt.Key.Key_O, Ctrl)
    assert boxes.take("getOpenFileName").title == "Öppna databas"

    new = switched_to(host, old, qtbot)
    assert new.windowTitle() == "Samverkan Ånge – ange.sqlite – naravard-desktop"
    assert new.group.name == "Samverkan Ånge" and new.db.path == other.resolve()
    assert new.stack.currentWidget() is new.members_page  # where the old window was
    names = {new.members_page.proxy.index(r, 0).data() for r in range(3)}
    assert "Ledamot 0" in names
    assert is_locked(other)
    if db.path is not None:
        assert not is_locked(db.path)  # the old file is let go
    assert recent_files(settings)[0].path == other.resolve()
    assert start_target(None, settings) == str(other.resolve())
    # The new database is the one written to from now on.
    members.add_member(new.db, new.group.id, MemberInput(name="Karin Ödman"))
    assert "Karin Ödman" in {m.name for m in members.list_members(new.db, new.group.id)}


@pytest.mark.sqlite_only("about files")
def test_senaste_lists_five_files_newest_first_and_opens_one(
    qtbot: QtBot, tmp_path: Path, host: WindowHost, settings: QSettings, db: Database
) -> None:
    files = [make_file(tmp_path / f"grupp-{n}.sqlite", f"Grupp {n}") for n in range(1, 7)]
    for path in files:
        remember_file(settings, path, None)
    window = host.window
    assert window is not None
    actions = actions_of(window)
    actions.fill_recent()
    listed = menu_texts(actions.recent_menu)
    assert [text.split("  (")[0] for text in listed] == [
        *(f"&{n} grupp-{7 - n}.sqlite" for n in range(1, 6)),
        "&Töm listan",
    ]
    folder = str(tmp_path)  # shown shortened in the middle when long, whole in the tooltip
    assert listed[0].endswith(f"{folder[-20:]})") and listed[0].count("/tmp/") == 1
    assert actions.recent_menu.actions()[0].toolTip() == str(files[-1])
    assert len(recent_files(settings)) == 5
    # A file taken away is greyed out, with the reason; the others still open.
    files[4].unlink()
    actions.fill_recent()
    gone = actions.recent_menu.findChild(type(actions.open_action), "recent_2")
    assert gone is not None and not gone.isEnabled()
    assert gone.toolTip().startswith(f"Hittades inte: {files[4]}.")
    third = next(a for a in actions.recent_menu.actions() if a.objectName() == "recent_3")
    third.trigger()
    new = switched_to(host, window, qtbot)
    assert new.group.name == "Grupp 4"
    assert [e.path.name for e in recent_files(settings)] == [
        "grupp-4.sqlite",
        "grupp-6.sqlite",
        "grupp-5.sqlite",
        "grupp-3.sqlite",
        "grupp-2.sqlite",
    ]
    # The file open now is checked; Töm listan empties the list.
    after = actions_of(new)
    after.fill_recent()
    first = after.recent_menu.actions()[0]
    assert first.isChecked() and not first.isEnabled()
    clear = next(a for a in after.recent_menu.actions() if a.objectName() == "clear_recent")
    clear.trigger()
    assert recent_files(settings) == []


@pytest.mark.sqlite_only("about files")
def test_the_group_last_shown_on_a_file_is_shown_again(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, settings: QSettings
) -> None:
    path = make_file(tmp_path / "region.sqlite", "Samverkan Älvby")
    region = open_database(str(path))
    try:
        second = groups.create_group(region, GroupInput(name="Samverkan Åsele"))
    finally:
        region.dispose()
    remember_file(settings, path, second.id)
    window = host.window
    assert window is not None
    actions_of(window).open_path(path)
    assert switched_to(host, window, qtbot).group.name == "Samverkan Åsele"


# --- files refused -----------------------------------------------------------------------


def garbage(folder: Path) -> Path:
    path = folder / "anteckningar.sqlite"
    path.write_bytes("Mötesanteckningar, ingen databas.\n".encode() * 40)
    return path


def newer(folder: Path) -> Path:
    path = make_file(folder / "nyare.sqlite", "Samverkan Nyare")
    raw = open_database(str(path))
    try:
        with raw.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        raw.dispose()
    return path


def missing(folder: Path) -> Path:
    return folder / "USB-minnet" / "naravard.sqlite"


REFUSALS = {
    "garbage": (garbage, "anteckningar.sqlite är inte en databasfil. Välj en annan fil."),
    "newer": (newer, "sparades av en nyare version av naravard-desktop"),
    "missing": (missing, "USB-minnet/naravard.sqlite finns inte. Kontrollera"),
}


@pytest.mark.sqlite_only("about files")
@pytest.mark.parametrize("kind", list(REFUSALS))
def test_a_file_that_cannot_be_used_is_refused_and_the_open_database_keeps_working(
    host: WindowHost, db: Database, tmp_path: Path, boxes: Boxes, kind: str
) -> None:
    make, words = REFUSALS[kind]
    path = make(tmp_path)
    old = host.window
    assert old is not None
    boxes.answer(str(path))
    actions_of(old).open_action.trigger()
    boxes.take("getOpenFileName")
    assert words in refused(boxes, host, old, db)
    assert not path.exists() or not is_locked(path)
    if kind == "missing":
        assert not path.parent.exists()  # nothing made on a drive that is not there


@pytest.mark.sqlite_only("about files")
def test_a_file_open_in_another_copy_of_the_program_is_refused(
    host: WindowHost, db: Database, other: Path, boxes: Boxes
) -> None:
    elsewhere = InstanceLock(other)
    assert elsewhere.acquire()  # the other copy
    try:
        old = host.window
        assert old is not None
        actions_of(old).open_path(other)
        text = refused(boxes, host, old, db)
        assert text.startswith(
            "ange.sqlite är redan öppen i ett annat programfönster, som sparar i den. "
            "Stäng den där först, eller öppna en annan fil."
        )
    finally:
        elsewhere.release()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = make_file(tmp_path / "skadad.sqlite", "Samverkan Skadad", people=300)
    swap_two_index_entries(path, "ix_persons_group_id")
    return path


@pytest.mark.sqlite_only("about files")
def test_a_damaged_file_is_offered_read_only_and_avbryt_keeps_the_open_database(
    qtbot: QtBot, host: WindowHost, db: Database, damaged: Path, boxes: Boxes
) -> None:
    old = host.window
    assert old is not None
    boxes.answer(Button.No)  # Avbryt
    actions_of(old).open_path(damaged)
    question = boxes.take("question")
    assert question.title == "Öppna skrivskyddad?"
    assert question.text == (
        "skadad.sqlite är skadad (ett index stämmer inte längre med sina rader), så ingenting "
        "kan sparas i den. Du kan öppna den skrivskyddad för att läsa och exportera, och "
        "återställa den senaste säkerhetskopian därifrån."
    )
    assert question.buttons == ("Öppna skrivskyddad", "Avbryt")
    assert host.window is old and host.db is db and not is_locked(damaged)
    members.add_member(db, old.group.id, MemberInput(name="Karin Ödman"))

    boxes.answer(Button.Yes)  # Öppna skrivskyddad
    actions_of(old).open_path(damaged)
    boxes.take("question")
    new = switched_to(host, old, qtbot)
    assert new.db.read_only and new.read_only_banner.isVisibleTo(new)
    assert new.group.name == "Samverkan Skadad"


@pytest.mark.sqlite_only("about files")
def test_a_read_only_file_is_offered_read_only(
    host: WindowHost, db: Database, other: Path, boxes: Boxes
) -> None:
    other.chmod(stat.S_IRUSR)
    try:
        old = host.window
        assert old is not None
        boxes.answer(Button.No)
        actions_of(old).open_path(other)
        question = boxes.take("question")
        assert question.text.startswith("Det går inte att skriva i ange.sqlite: filen, eller")
        assert host.window is old and host.db is db
    finally:
        other.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.sqlite_only("about files")
def test_an_old_file_is_backed_up_then_upgraded_as_at_start(
    qtbot: QtBot, host: WindowHost, tmp_path: Path
) -> None:
    path = tmp_path / "gammal" / "alvby.sqlite"
    path.parent.mkdir()
    shutil.copyfile(FIXTURES / "schema_0001.sqlite", path)
    window = host.window
    assert window is not None
    actions_of(window).open_path(path)
    new = switched_to(host, window, qtbot)
    assert new.group.name == "Lokal samverkansgrupp Älvby"
    made = backups.list_backups(path)
    assert [b.path.name for b in made if "from-0001" in b.path.name]


# --- a new database ----------------------------------------------------------------------


@pytest.mark.sqlite_only("about files")
def test_ny_databas_creates_a_file_and_sets_up_its_group(
    qtbot: QtBot,
    host: WindowHost,
    tmp_path: Path,
    boxes: Boxes,
    dialogs: Dialogs,
    settings: QSettings,
    user: User,
) -> None:
    old = host.window
    assert old is not None
    target = tmp_path / "Ny grupp"  # no suffix: .sqlite is added

    def set_up(dialog: SetupDialog) -> None:
        assert isinstance(dialog, SetupDialog)
        user.type(dialog.form.name, "Samverkan Öje")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    boxes.answer(str(target))
    dialogs.expect(set_up)
    actions_of(old).new_action.trigger()
    dialogs.check()
    assert boxes.take("getSaveFileName").title == "Ny databas"
    new = switched_to(host, old, qtbot)
    created = tmp_path / "Ny grupp.sqlite"
    assert new.db.path == created.resolve() and created.is_file()
    assert new.windowTitle() == "Samverkan Öje – Ny grupp.sqlite – naravard-desktop"
    assert recent_files(settings)[0].path == created.resolve()


@pytest.mark.sqlite_only("about files")
def test_a_cancelled_set_up_leaves_no_file_and_an_existing_name_is_refused(
    host: WindowHost, db: Database, tmp_path: Path, boxes: Boxes, dialogs: Dialogs
) -> None:
    old = host.window
    assert old is not None
    dialogs.expect(lambda dialog: dialog.reject())
    boxes.answer(str(tmp_path / "avbruten.sqlite"))
    actions_of(old).new_action.trigger()
    dialogs.check()
    boxes.take("getSaveFileName")
    assert not (tmp_path / "avbruten.sqlite").exists()
    assert host.window is old and host.db is db

    assert db.path is not None
    boxes.answer(str(db.path))
    actions_of(old).new_action.trigger()
    boxes.take("getSaveFileName")
    text = refused(boxes, host, old, db)
    assert text.startswith(
        f"{db.path.name} finns redan. Välj ett annat namn, eller öppna den med Arkiv › "
        "Öppna databas…"
    )


# --- what is typed -----------------------------------------------------------------------


@pytest.fixture
def notes(
    db: Database, group: GroupData, host: WindowHost, roster: dict[str, MemberRow]
) -> tuple[int, int]:
    """A meeting's agenda item open in the window: its meeting's and its own id."""
    window = host.window
    assert window is not None
    meeting = create_meeting(db, group.id, roster)
    item = agenda.list_items(db, meeting.id)[2]
    window.show_meeting_item(meeting.id, item.id)
    window.meetings_page.editor.agenda.editor.notes.setFocus()
    return meeting.id, item.id


@pytest.mark.sqlite_only("about files")
def test_notes_typed_are_saved_into_the_old_database_before_the_window_leaves(
    qtbot: QtBot, host: WindowHost, db: Database, other: Path, notes: tuple[int, int], user: User
) -> None:
    old = host.window
    assert old is not None
    user.type(old.meetings_page.editor.agenda.editor.notes, "Åtgärdsplan för hösten")
    actions_of(old).open_path(other)
    switched_to(host, old, qtbot)
    meeting_id, item_id = notes
    reopened = open_database(str(db.path))
    try:
        (stored,) = [i for i in agenda.list_items(reopened, meeting_id) if i.id == item_id]
    finally:
        reopened.dispose()
    assert "Åtgärdsplan för hösten" in stored.notes


@pytest.mark.sqlite_only("about files")
def test_an_identity_number_typed_is_asked_about_and_going_back_keeps_the_window(
    host: WindowHost,
    db: Database,
    other: Path,
    notes: tuple[int, int],
    user: User,
    dialogs: Dialogs,
) -> None:
    old = host.window
    assert old is not None
    field = old.meetings_page.editor.agenda.editor.notes
    user.type(field, "Samtal med 811218-9876 om SIP")
    dialogs.expect(lambda dialog: dialog.findChild(QPushButton, "privacy_back").click())
    actions_of(old).open_path(other)
    dialogs.check()
    assert host.window is old and old.isVisible() and host.db is db
    assert "811218-9876" in field.toPlainText()
    assert not is_locked(other)  # the other file was let go again


# --- the next start ----------------------------------------------------------------------


@pytest.mark.sqlite_only("about files")
@pytest.mark.usefixtures("gui_start")
def test_the_next_start_opens_the_file_opened_last_unless_told_otherwise(
    qapp: QApplication,
    settings: QSettings,
    other: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from naravard_desktop.app import run_gui

    remember_file(settings, other, None)
    explicit = make_file(tmp_path / "vald.sqlite", "Samverkan Vald")
    assert start_target(str(explicit), settings) == str(explicit)  # --database wins
    monkeypatch.setenv("NARAVARD_DATABASE", str(explicit))
    assert start_target(None, settings) is None  # resolve_target takes the variable
    monkeypatch.delenv("NARAVARD_DATABASE")

    seen: list[str] = []

    def look() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.lazy_pages.attached
        ]
        if shown:
            poll.stop()
            seen.append(shown[0].windowTitle())
            shown[0].close()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(look)
    poll.start()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(30_000)
    try:
        code = run_gui(argparse.Namespace(database=None, lang=None))
    finally:
        poll.stop()
        guard.stop()
    assert code == 0
    assert seen == ["Samverkan Ånge – ange.sqlite – naravard-desktop"]
