"""A secretary granted a group read-only (issue 16, point 5) can read it in the window; a
change is refused by the server and the window says so in Swedish, keeping the data as it
was, instead of failing with an unexpected error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group import members
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui.members.page import MembersPage
from tests.login_roles import login_role
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)
from tests.ui.conftest import Boxes, User


@pytest.fixture
def reader(db: Database, server: Server, group: GroupData) -> Iterator[Database]:
    """The database as a role granted the group read-only."""
    with login_role(db, server) as (role, url):
        access.grant(db, role, group.id, read_only=True)
        opened = open_database(url)
        yield opened
        opened.dispose()


def test_deleting_a_member_with_a_read_only_grant_is_refused_in_swedish(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    reader: Database,
    boxes: Boxes,
    user: User,
) -> None:
    page = MembersPage(reader, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.table.model().rowCount() > 0  # the group is there to read
    user.activate(page)
    page.table.setFocus()
    page.table.selectRow(0)

    boxes.answer(QMessageBox.StandardButton.Yes)
    user.press(page.table, Qt.Key.Key_Delete)

    boxes.take("question")
    refusal = boxes.take("warning")
    assert "får inte ändra detta på databasservern" in refusal.text
    assert "Be databasadministratören" in refusal.text
    assert len(members.list_members(db, group.id)) == len(roster)
    assert page.undo_stack.count() == 0
