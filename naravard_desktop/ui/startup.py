"""Start-up steps that may need the user: a database that cannot be opened, a first group."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.i18n import _
from naravard_desktop.services import groups
from naravard_desktop.services.database import Database, open_database
from naravard_desktop.ui.group.setup_dialog import SetupDialog


def open_database_or_ask(target: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database; on failure explain and offer another file. None means quit."""
    while True:
        try:
            return open_database(target)
        except DatabaseFileError as error:
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(_("Cannot open the database"))
            box.setText(error.message)
            box.setInformativeText(
                _("Nothing has been changed in the file. You can open another file or quit.")
            )
            other = box.addButton(_("Open another file…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not other:
                return None
            name, _filter = QFileDialog.getOpenFileName(
                parent, _("Open database"), "", _("Database files (*.sqlite *.db);;All files (*)")
            )
            if not name:
                return None
            target = name


def choose_group(db: Database, settings: QSettings) -> groups.GroupData | None:
    """The remembered group, the first one, or a new one from the set-up dialog."""
    existing = groups.list_groups(db)
    remembered = settings.value("group_id")
    for group in existing:
        if str(group.id) == str(remembered):
            return group
    if existing:
        return existing[0]
    dialog = SetupDialog(db)
    if not dialog.exec() or dialog.created is None:
        return None
    settings.setValue("group_id", dialog.created.id)
    return dialog.created
