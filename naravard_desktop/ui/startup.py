"""Start-up steps that may need the user: a database that cannot be opened (another file, or
the newest good backup), a database already open in another copy of the app (read-only), a
first group."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from naravard_desktop.db.engine import sqlite_path, to_url
from naravard_desktop.errors import (
    DatabaseFileError,
    DomainError,
    NotFoundError,
    SchemaTooNewError,
    ServerUnavailableError,
)
from naravard_desktop.i18n import _
from naravard_desktop.instance_lock import InstanceLock
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system import backups, database_files
from naravard_desktop.services.system.database import (
    Database,
    PasswordNeededError,
    open_database,
    resolve_target,
)
from naravard_desktop.ui import server_login


def open_database_or_ask(
    target: str | None, parent: QWidget | None = None, *, check_later: bool = False
) -> tuple[Database, InstanceLock | None] | None:
    """Open the database; explain any failure and offer what can be done. None means quit.
    `check_later`: the integrity check of an up-to-date file runs beside the window
    (ui/integrity_watch)."""
    password: str | None = None
    while True:
        path = sqlite_path(to_url(resolve_target(target)))
        lock = InstanceLock(path) if path is not None else None
        read_only = False
        if lock is not None and path is not None and path.exists():
            if not database_files.access(path).writable:
                # A read-only medium, folder or file: nobody can save into it, so there is
                # nothing to lock (nor room for a lock file); it opens read-only by itself.
                lock = None
            elif not lock.acquire():
                if not _ask_read_only(parent, path):
                    return None
                lock, read_only = None, True
        try:
            db = open_database(
                target,
                read_only=read_only,
                migrate_server=False,
                password=password,
                check_later=check_later,
            )
        except PasswordNeededError as error:  # neither .pgpass nor the service file had it
            password = server_login.ask_password(parent, error)
            if password is None:
                return None
            continue
        except DatabaseFileError as error:
            if lock is not None:
                lock.release()
            choice = _ask_after_failure(parent, error, path)
            if choice == "quit":
                return None
            if choice == "retry":
                continue
            if choice == "restore" and path is not None:
                _recover(parent, path)
                continue
            name, _filter = QFileDialog.getOpenFileName(
                parent, _("Open database"), "", _("Database files (*.sqlite *.db);;All files (*)")
            )
            if not name:
                return None
            target = name
            continue
        if lock is not None and not lock.held:
            lock.acquire()  # a database just created: it was not there to be locked before
        return db, lock


def _ask_read_only(parent: QWidget | None, path: Path) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("The database is already open"))
    box.setText(
        _("{name} is already open in another window of the program.").format(name=path.name)
    )
    box.setInformativeText(
        _(
            "To keep both from saving over each other, this window can open it read-only: "
            "you can read and export, but not change anything."
        )
    )
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def _ask_after_failure(parent: QWidget | None, error: DatabaseFileError, path: Path | None) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Cannot open the database"))
    box.setText(error.message)
    can_restore = (
        path is not None
        and path.exists()
        and not isinstance(error, SchemaTooNewError)
        and backups.newest_good_backup(path) is not None
    )
    retry = None
    if isinstance(error, ServerUnavailableError):  # it may be back in a moment
        box.setInformativeText(
            _(
                "The server may be restarting, or the network may be down. Try again, open "
                "a database file instead, or quit."
            )
        )
        retry = box.addButton(_("&Try again"), QMessageBox.ButtonRole.ActionRole)
    elif can_restore:
        box.setInformativeText(
            _(
                "You can restore the newest intact backup (the damaged file is kept aside "
                "under a new name), open another file, or quit."
            )
        )
    else:
        box.setInformativeText(
            _("Nothing has been changed in the file. You can open another file or quit.")
        )
    restore = (
        box.addButton(_("Restore the newest backup"), QMessageBox.ButtonRole.ActionRole)
        if can_restore
        else None
    )
    other = box.addButton(_("Open another file…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if retry is not None and clicked is retry:
        return "retry"
    return "other" if clicked is other else "quit"


def _recover(parent: QWidget | None, path: Path) -> None:
    try:
        aside, used = backups.recover_from_newest_backup(path)
    except DomainError as error:
        QMessageBox.warning(parent, _("Could not restore"), error.message)
        return
    QMessageBox.information(
        parent,
        _("Backup restored"),
        _("The backup from {date} is now in use. The damaged file was kept as {aside}.").format(
            date=used.made_at.strftime("%Y-%m-%d %H:%M"), aside=aside.name
        ),
    )


def choose_group(
    db: Database, settings: QSettings, requested: int | None = None
) -> GroupData | None:
    """The group asked for with --group, else the remembered group, the first one, or a new
    one from the set-up dialog. A group asked for that this login cannot open (none with
    that id, or row-level security hides it) is a NotFoundError: an explicit request is
    refused rather than quietly answered with another group."""
    from naravard_desktop.ui.group.setup_dialog import SetupDialog

    if requested is not None:
        try:
            return groups.get_group(db, requested)
        except NotFoundError:
            raise NotFoundError(
                _(
                    "There is no group with id {id} that you may open. Start without --group, "
                    "or with the id of a group of yours."
                ).format(id=requested)
            ) from None
    existing = groups.list_groups(db)
    remembered = settings.value("group_id")
    for group in existing:
        if str(group.id) == str(remembered):
            return group
    if existing:
        return existing[0]
    if db.read_only or server_login.no_group_to_set_up(None, db):
        return None
    dialog = SetupDialog(db)
    if not dialog.exec() or dialog.created is None:
        return None
    settings.setValue("group_id", dialog.created.id)
    return dialog.created
