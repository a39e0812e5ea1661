"""The File menu's backup and restore on a server: disabled, saying which tools do it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.backup_actions import BackupActions

SERVER_TOOLS = _(
    "The database is on a server: back it up and restore it with the server's own tools (pg_dump)."
)


def test_backup_and_restore_follow_where_the_database_is(qtbot: QtBot, db: Database) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = BackupActions(window, db)
    on_server = db.path is None
    assert actions.backup_action.isEnabled() is not on_server
    assert actions.restore_action.isEnabled() is not on_server
    for action in (actions.backup_action, actions.restore_action):
        assert (action.statusTip() == SERVER_TOOLS) is on_server
