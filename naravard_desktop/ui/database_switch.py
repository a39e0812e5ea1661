"""Opening another database file for the window (Arkiv › Öppna databas…, Ny databas…,
Senaste) with the checks the start gives a file: not a database, gone, from a newer version,
open in another copy of the program (refused: that copy saves into it), an old schema
(backed up, then upgraded), damaged or read-only (opened read-only only when the user says
so). Whatever keeps the file from being used is said in Swedish, and the database open now
stays open: nothing here touches it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from naravard_desktop.errors import DatabaseFileError, DomainError
from naravard_desktop.i18n import _
from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system import database_files
from naravard_desktop.services.system.database import DAMAGED, Database, open_database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.recent_files import group_of

SUFFIXES = (".sqlite", ".db")  # what the file dialogs list (ui/startup, backups)


@dataclass
class Opened:
    """A database ready for a window: opened, checked, locked, with the group to show."""

    db: Database
    lock: InstanceLock | None
    group: GroupData

    def release(self) -> None:
        """Not used after all (the user stayed in the window open now)."""
        _let_go(self.db, self.lock)


def open_file(parent: QWidget, path: Path, settings: QSettings, current: str) -> Opened | None:
    """An existing database file, with the group last shown on it (else the first, else
    a new one set up); None when it was refused or the user changed their mind. `current`
    names the database open now, for the refusal's last words."""
    try:
        database_files.check_existing(path, create=False)
    except DatabaseFileError as error:
        _refuse(parent, error.message, current)
        return None
    lock: InstanceLock | None = None
    if database_files.access(path).writable:  # a read-only file has nobody to keep out
        lock = InstanceLock(path)
        if not lock.acquire():
            _refuse(parent, _in_use_text(path), current)
            return None
    from naravard_desktop.ui.meetings.view_tools import busy_cursor  # not before the paint

    try:
        with busy_cursor():  # the full integrity check reads every page: a second or two
            db = open_database(str(path), create=False)
    except DatabaseFileError as error:
        if lock is not None:
            lock.release()
        _refuse(parent, error.message, current)
        return None
    group = None
    if not db.read_only or _read_only_accepted(parent, db, path):
        group = _group(parent, db, group_of(settings, path), path, current)
    if group is None:
        _let_go(db, lock)
        return None
    return Opened(db, lock, group)


def create_file(parent: QWidget, path: Path, current: str) -> Opened | None:
    """A new, empty database at `path` (".sqlite" added when the name has no database
    suffix) and its group set up; nothing is left behind when the set-up is cancelled."""
    if path.suffix.lower() not in SUFFIXES:
        path = path.with_name(path.name + ".sqlite")
    if path.exists():
        _refuse(
            parent,
            _(
                "{name} already exists. Choose another name, or open it with File › Open database…"
            ).format(name=path.name),
            current,
        )
        return None
    from naravard_desktop.ui.meetings.view_tools import busy_cursor

    try:
        with busy_cursor():
            db = open_database(str(path), create=True)
    except DatabaseFileError as error:
        _refuse(parent, error.message, current)
        return None
    lock = InstanceLock(path)
    if not lock.acquire():  # another copy of the program took it up in this instant
        _let_go(db, None)
        _refuse(parent, _in_use_text(path), current)
        return None
    group = _set_up(parent, db)
    if group is None:
        _let_go(db, lock)
        _remove_new(path)
        return None
    return Opened(db, lock, group)


def _group(
    parent: QWidget, db: Database, wanted: int | None, path: Path, current: str
) -> GroupData | None:
    try:
        existing = groups.list_groups(db)
    except DomainError as error:
        _refuse(parent, error.message, current)
        return None
    for group in existing:
        if group.id == wanted:
            return group
    if existing:
        return existing[0]
    if db.read_only:
        _refuse(
            parent,
            _(
                "{name} holds no group yet, and none can be set up while it is opened "
                "read-only. Open it when it can be written to, or choose another file."
            ).format(name=path.name),
            current,
        )
        return None
    return _set_up(parent, db)


def _set_up(parent: QWidget, db: Database) -> GroupData | None:
    """The first start's set-up, for a file without a group."""
    from naravard_desktop.ui.group.setup_dialog import SetupDialog

    dialog = SetupDialog(db, parent)
    try:
        return dialog.created if dialog.exec() else None
    finally:
        dialog.deleteLater()


def _read_only_accepted(parent: QWidget, db: Database, path: Path) -> bool:
    """A damaged file, or one that cannot be written to: read-only, if the user wants that."""
    if db.read_only_reason == DAMAGED:
        text = _(
            "{name} is damaged (an index no longer matches its rows), so nothing can be saved "
            "in it. You can open it read-only to read and export, and restore the newest "
            "backup from there."
        )
    else:
        text = _(
            "{name} cannot be written to: the file, or the folder or medium it is on, is "
            "read-only. You can open it read-only to read and export, but no change is saved."
        )
    return confirm(
        parent,
        _("Open read-only?"),
        text.format(name=path.name),
        _("Open read-only"),
        destructive=False,
    )


def _in_use_text(path: Path) -> str:
    return _(
        "{name} is already open in another window of the program, which saves into it. Close "
        "it there first, or open another file."
    ).format(name=path.name)


def _refuse(parent: QWidget, message: str, current: str) -> None:
    stays = _("The database open now stays open: {name}.").format(name=current)
    show_error(parent, f"{message}\n\n{stays}", _("Cannot open the database"))


def _remove_new(path: Path) -> None:
    """The file made a moment ago for a set-up that was cancelled: it holds nothing."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _let_go(db: Database, lock: InstanceLock | None) -> None:
    db.dispose()
    if lock is not None:
        lock.release()
