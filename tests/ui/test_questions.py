"""Questions before something is destroyed, as the user meets them: the buttons name what
they do (Ta bort / Avbryt, not Ja / Nej), and Avbryt is both the default and Escape, so a
hurried Enter or Escape never deletes anything."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _
from naravard_desktop.services.group import members
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.members.page import MembersPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

ASA = "Åsa Öberg"


def stored(db: Database, group: GroupData) -> list[str]:
    return [row.name for row in members.list_members(db, group.id)]


@pytest.fixture
def members_page(
    roster: dict[str, MemberRow], page: MembersPage, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> MembersPage:
    boxes.show_real_questions(monkeypatch)
    page.reload()
    return page


def select(page: MembersPage, name: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == name:
            page.table.selectRow(row)
            return
    raise AssertionError(name)


def test_deleting_a_member_asks_ta_bort_or_avbryt_and_escape_or_enter_keep_the_member(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    page = members_page
    user.activate(page)
    select(page, ASA)
    seen: list[tuple[str, list[str], str, bool]] = []

    def look_and_press(key: Qt.Key) -> None:
        def handler(box: QMessageBox) -> None:
            default = box.defaultButton()
            seen.append(
                (
                    box.windowTitle(),
                    sorted(b.text() for b in box.buttons()),
                    default.text() if default is not None else "",
                    box.escapeButton() is default,
                )
            )
            QTest.keyClick(box, key)

        dialogs.expect(handler)

    def press_delete() -> None:
        user.activate(page)  # the box took the focus; the Delete shortcut needs the window
        user.press(page.table, Qt.Key.Key_Delete)

    look_and_press(Qt.Key.Key_Escape)
    press_delete()
    dialogs.check()
    assert seen == [(_("Delete member"), ["&Ta bort", "Avbryt"], "Avbryt", True)]
    assert ASA in stored(db, group)

    look_and_press(Qt.Key.Key_Return)  # Enter takes the default: Avbryt
    press_delete()
    dialogs.check()
    assert ASA in stored(db, group)
    assert page.undo_stack.count() == 0

    def delete(box: QMessageBox) -> None:
        (button,) = [b for b in box.buttons() if b.text() == "&Ta bort"]
        button.click()

    dialogs.expect(delete)
    press_delete()
    dialogs.check()
    assert ASA not in stored(db, group)
    assert page.undo_stack.count() == 1


def test_no_question_in_the_program_is_answered_ja_or_nej() -> None:
    """Every yes/no question goes through ui/questions.confirm (a verb and Avbryt): Qt's
    QMessageBox.question offers Ja / Nej, and its Yes is easily the default."""
    root = Path(__file__).resolve().parents[2] / "naravard_desktop"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "QMessageBox.question(" in line or "StandardButton.Yes" in line
    ]
    assert found == []
