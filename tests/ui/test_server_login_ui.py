"""The window's login to a server (issue 16, point 5): a server asking for a password gets it
from a Swedish dialog (again when it was wrong), and a login without any group is told to
ask the administrator instead of being offered to create one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group import groups
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui import server_login
from naravard_desktop.ui.startup import choose_group, open_database_or_ask
from tests.login_roles import login_role
from tests.password_server import (  # noqa: F401 (fixture)
    GROUP,
    PASSWORD,
    SECRETARY,
    PasswordServer,
    password_server_fixture,
)
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)
from tests.ui.conftest import Boxes


def test_the_window_asks_for_the_password_until_it_is_right(
    qtbot: QtBot,
    db: Database,
    password_server: PasswordServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = ["fel-losen", PASSWORD]
    shown: list[tuple[str, str, QLineEdit.EchoMode]] = []

    def answer(dialog: server_login.PasswordDialog) -> int:
        message = dialog.findChild(QLabel, "login_message")
        role = dialog.findChild(QLineEdit, "login_role")
        shown.append((message.text(), role.text(), dialog.password.echoMode()))
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.focusWidget() is dialog.password
        dialog.password.setText(typed.pop(0))
        if typed:
            dialog.findChild(QPushButton, "log_in").click()
        else:  # Enter logs in, as the default button
            QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(server_login.PasswordDialog, "exec", answer)

    opened = open_database_or_ask(password_server.url)

    assert opened is not None
    server, lock = opened
    try:
        assert lock is None
        assert [g.name for g in groups.list_groups(server)] == [GROUP]
        assert PASSWORD not in server.url and PASSWORD not in server.display_name
    finally:
        server.dispose()
    assert [(s[1], s[2]) for s in shown] == [(SECRETARY, QLineEdit.EchoMode.Password)] * 2
    assert "Inget lösenord för databasservern" in shown[0][0]
    assert "godtog inte lösenordet" in shown[1][0]


def test_cancelling_the_password_quits(
    qapp: QApplication,
    db: Database,
    password_server: PasswordServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(server_login.PasswordDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert open_database_or_ask(password_server.url) is None


@pytest.fixture
def clerk_db(db: Database, server: Server) -> Iterator[Database]:
    """A role that may read and write the tables, but has been granted no group."""
    with login_role(db, server, data_rights=True) as (_role, url):
        opened = open_database(url)
        yield opened
        opened.dispose()


def test_a_login_without_a_group_is_told_to_ask_the_administrator(
    qapp: QApplication, clerk_db: Database, boxes: Boxes, settings: QSettings
) -> None:
    assert choose_group(clerk_db, settings) is None

    told = boxes.take("information")
    assert told.title == "Ingen grupp att öppna"
    assert "Be databasadministratören ge den tillgång till din grupp" in told.text
