"""The members page as a user works it: table, add/edit/end/delete dialogs, undo, filter,
sorting and the count under the table."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.group import members
from naravard_desktop.services.group.labels import role_label
from naravard_desktop.services.group.read_models import GroupData, MemberInput, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.members.dialog import MemberDialog
from naravard_desktop.ui.members.model import Column
from naravard_desktop.ui.members.page import MembersPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

ANNA, ERIK, ASA, ARLA, GUSTAV = "Anna Berg", "erik Lund", "Åsa Öberg", "Ärla Nord", "Gustav Myr"
CURRENT = [ANNA, ERIK, ASA, ARLA]  # Swedish alphabetical order
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
Ctrl = Qt.KeyboardModifier.ControlModifier

BAD_EMAIL = _("The e-mail address should look like name@example.com.")
BAD_DATE = _("Write the date as YYYY-MM-DD, for example 2025-01-31.")


@pytest.fixture
def members_page(roster: dict[str, MemberRow], page: MembersPage) -> MembersPage:
    page.reload()
    return page


def names(page: MembersPage) -> list[str]:
    return [page.proxy.index(r, Column.NAME).data() for r in range(page.proxy.rowCount())]


def cell(page: MembersPage, name: str, column: Column) -> str:
    row = names(page).index(name)
    text: str = page.proxy.index(row, column).data()
    return text


def row_centre(page: MembersPage, name: str) -> QPoint:
    index = page.proxy.index(names(page).index(name), Column.NAME)
    return page.table.visualRect(index).center()


def click_row(qtbot: QtBot, page: MembersPage, name: str) -> None:
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(page, name))
    assert page.selected_row() is not None
    assert page.selected_row().name == name


def stored(db: Database, group: GroupData) -> dict[str, MemberRow]:
    return {row.name: row for row in members.list_members(db, group.id)}


def count_text(active: int, shown: int, total: int) -> str:
    return (
        ngettext("{active} active member", "{active} active members", active).format(active=active)
        + " · "
        + _("{shown} of {total} shown").format(shown=shown, total=total)
    )


def error(dialog: MemberDialog, field: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label


def save_button(dialog: MemberDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


# --- the table ---------------------------------------------------------------------------


def test_table_shows_current_members_in_swedish_order(
    qtbot: QtBot, members_page: MembersPage
) -> None:
    page = members_page
    assert names(page) == CURRENT
    assert cell(page, ANNA, Column.ROLE) == _("Chair")
    assert page.count_label.text() == count_text(active=4, shown=4, total=5)
    # Nothing is selected yet, so only "New member" can be used.
    assert page.add_action.isEnabled()
    assert not page.edit_action.isEnabled()
    assert not page.delete_action.isEnabled()
    assert not page.end_action.isEnabled()

    qtbot.mouseClick(page.show_ended, Qt.MouseButton.LeftButton)
    assert names(page) == [ANNA, ERIK, GUSTAV, ASA, ARLA]
    assert page.count_label.text() == count_text(active=4, shown=5, total=5)
    qtbot.mouseClick(page.show_ended, Qt.MouseButton.LeftButton)
    assert GUSTAV not in names(page)


def test_clicking_a_row_enables_the_row_actions(qtbot: QtBot, members_page: MembersPage) -> None:
    click_row(qtbot, members_page, ERIK)
    assert members_page.edit_action.isEnabled()
    assert members_page.delete_action.isEnabled()
    assert members_page.end_action.isEnabled()


def test_filter_field_filters_as_you_type(
    qtbot: QtBot, members_page: MembersPage, user: User
) -> None:
    page = members_page
    user.type(page.filter, "bergsjö kommun")
    assert names(page) == [ANNA, ARLA]
    assert page.count_label.text() == count_text(active=4, shown=2, total=5)

    user.retype(page.filter, "ÖBERG")
    assert names(page) == [ASA]
    assert page.count_label.text() == count_text(active=4, shown=1, total=5)

    user.retype(page.filter, "hälso")  # organisation of erik Lund
    assert names(page) == [ERIK]

    user.retype(page.filter, "")
    assert names(page) == CURRENT
    assert page.count_label.text() == count_text(active=4, shown=4, total=5)


def test_ctrl_f_goes_to_the_filter(members_page: MembersPage, user: User) -> None:
    user.activate(members_page)
    members_page.table.setFocus()
    user.press(members_page.table, Qt.Key.Key_F, Ctrl)
    assert members_page.filter.hasFocus()


def test_clicking_a_header_sorts_by_that_column(qtbot: QtBot, members_page: MembersPage) -> None:
    page = members_page
    header = page.table.horizontalHeader()

    def click_header(column: Column) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click_header(Column.ACTIVE_FROM)
    assert header.sortIndicatorSection() == Column.ACTIVE_FROM
    assert names(page) == [ARLA, ERIK, ANNA, ASA]  # 2021, 2022, 2023, 2024
    click_header(Column.ACTIVE_FROM)
    assert names(page) == [ASA, ANNA, ERIK, ARLA]
    click_header(Column.NAME)
    click_header(Column.NAME)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names(page) == [ARLA, ASA, ERIK, ANNA]


# --- adding ------------------------------------------------------------------------------


def test_add_member_with_the_keyboard_showing_all_errors_at_once(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    page = members_page
    seen: dict[str, object] = {}

    def fill_in(dialog: MemberDialog) -> None:
        assert isinstance(dialog, MemberDialog)
        seen["focus_on_name"] = dialog.focusWidget() is dialog.name
        seen["title"] = dialog.windowTitle()
        seen["from_prefilled"] = dialog.active_from.text()
        user.type(dialog.name, "Märta Öst")
        user.type(dialog.organisation, "Vårdcentralen Ås")
        dialog.principal.setCurrentIndex(dialog.principal.findData(Principal.REGION))
        dialog.role.setCurrentIndex(dialog.role.findData(Role.SECRETARY))
        user.type(dialog.email, "marta@vardcentralen")
        user.type(dialog.phone, "0640-555 12")
        user.retype(dialog.active_from, "2024-13-45")

        user.press(dialog.email, Qt.Key.Key_Return)
        seen["errors"] = (error(dialog, "email").text(), error(dialog, "active_from").text())
        seen["visible"] = (
            error(dialog, "email").isVisible(),
            error(dialog, "active_from").isVisible(),
            error(dialog, "name").isVisible(),
        )
        seen["still_open"] = dialog.isVisible()
        seen["kept"] = (
            dialog.name.text(),
            dialog.organisation.text(),
            dialog.email.text(),
            dialog.active_from.text(),
            dialog.role.currentData(),
        )
        seen["focus_on_email"] = dialog.focusWidget() is dialog.email  # first field in error
        seen["saved_meanwhile"] = "Märta Öst" in stored(db, group)

        user.retype(dialog.email, "marta.ost@vardcentralen.example")
        user.retype(dialog.active_from, "2024-09-01")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    dialogs.expect(fill_in)
    user.activate(page)
    page.table.setFocus()
    user.press(page.table, Qt.Key.Key_N, Ctrl)
    dialogs.check()

    assert seen == {
        "focus_on_name": True,
        "title": _("New member"),
        "from_prefilled": dt.date.today().isoformat(),
        "errors": (BAD_EMAIL, BAD_DATE),
        "visible": (True, True, False),
        "still_open": True,
        "kept": (
            "Märta Öst",
            "Vårdcentralen Ås",
            "marta@vardcentralen",
            "2024-13-45",
            Role.SECRETARY,
        ),
        "focus_on_email": True,
        "saved_meanwhile": False,
    }
    assert stored(db, group)["Märta Öst"].as_input() == MemberInput(
        name="Märta Öst",
        organisation="Vårdcentralen Ås",
        principal=Principal.REGION,
        role=Role.SECRETARY,
        email="marta.ost@vardcentralen.example",
        phone="0640-555 12",
        active_from=dt.date(2024, 9, 1),
    )
    assert names(page) == [ANNA, ERIK, "Märta Öst", ASA, ARLA]
    assert page.selected_row() is not None
    assert page.selected_row().name == "Märta Öst"
    assert page.count_label.text() == count_text(active=5, shown=5, total=6)
    assert page.undo_stack.undoText() == _("Add {name}").format(name="Märta Öst")


def test_cancelling_a_new_member_saves_nothing(
    db: Database, group: GroupData, members_page: MembersPage, dialogs: Dialogs, user: User
) -> None:
    def type_and_escape(dialog: MemberDialog) -> None:
        user.type(dialog.name, "Halv Färdig")
        user.press(dialog.name, Qt.Key.Key_Escape)

    dialogs.expect(type_and_escape)
    members_page.add_action.trigger()
    dialogs.check()
    assert len(stored(db, group)) == 5
    assert members_page.undo_stack.count() == 0


def test_undo_of_add_removes_the_row_and_redo_brings_it_back(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    page = members_page

    def add_bo(dialog: MemberDialog) -> None:
        user.type(dialog.name, "Bo Ny")
        user.press(dialog.name, Qt.Key.Key_Return)

    dialogs.expect(add_bo)
    page.add_action.trigger()
    dialogs.check()
    assert "Bo Ny" in names(page)

    page.undo_stack.undo()
    assert "Bo Ny" not in names(page)
    assert "Bo Ny" not in stored(db, group)

    page.undo_stack.redo()
    assert "Bo Ny" in names(page)
    assert page.selected_row() is not None
    assert page.selected_row().name == "Bo Ny"
    page.undo_stack.undo()
    assert "Bo Ny" not in stored(db, group)


# --- editing and ending ------------------------------------------------------------------


def test_f2_edits_the_selected_member_and_undo_restores_the_role(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    page = members_page
    seen: dict[str, object] = {}

    def make_member(dialog: MemberDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["filled"] = (dialog.name.text(), dialog.email.text(), dialog.role.currentData())
        dialog.role.setCurrentIndex(dialog.role.findData(Role.MEMBER))
        user.press(dialog.name, Qt.Key.Key_Return)

    dialogs.expect(make_member)
    user.activate(page)
    click_row(qtbot, page, ANNA)
    user.press(page.table, Qt.Key.Key_F2)
    dialogs.check()

    assert seen == {
        "title": _("Edit {name}").format(name=ANNA),
        "filled": (ANNA, "anna.berg@bergsjo.example", Role.CHAIR),
    }
    assert cell(page, ANNA, Column.ROLE) == _("Member")
    assert stored(db, group)[ANNA].role is Role.MEMBER
    assert page.selected_row() is not None
    assert page.selected_row().name == ANNA

    page.undo_stack.undo()
    assert stored(db, group)[ANNA].role is Role.CHAIR
    assert cell(page, ANNA, Column.ROLE) == _("Chair")
    page.undo_stack.redo()
    assert stored(db, group)[ANNA].role is Role.MEMBER
    assert cell(page, ANNA, Column.ROLE) == _("Member")


def test_double_click_opens_the_edit_dialog_once(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    page = members_page

    def new_phone(dialog: MemberDialog) -> None:
        assert dialog.name.text() == ERIK
        user.retype(dialog.phone, "010-123 45 67")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    dialogs.expect(new_phone)
    # A real double click: QTest.mouseDClick alone lacks the first press and release.
    centre = row_centre(page, ERIK)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialogs.check()  # a second dialog would be reported as unexpected
    assert stored(db, group)[ERIK].phone == "010-123 45 67"
    assert cell(page, ERIK, Column.PHONE) == "010-123 45 67"
    assert page.undo_stack.count() == 1


def test_enter_on_a_row_opens_the_edit_dialog_once(
    qtbot: QtBot, members_page: MembersPage, dialogs: Dialogs, user: User
) -> None:
    page = members_page
    titles: list[str] = []
    dialogs.expect(lambda dialog: titles.append(dialog.windowTitle()))
    user.activate(page)
    click_row(qtbot, page, ARLA)
    user.press(page.table, Qt.Key.Key_Return)
    dialogs.check()
    assert titles == [_("Edit {name}").format(name=ARLA)]
    assert page.undo_stack.count() == 0  # closed without saving


def test_end_membership_sets_today_as_the_last_day(
    qtbot: QtBot, db: Database, group: GroupData, members_page: MembersPage
) -> None:
    page = members_page
    today = dt.date.today()
    click_row(qtbot, page, ERIK)

    page.end_action.trigger()

    assert stored(db, group)[ERIK].active_to == today
    assert cell(page, ERIK, Column.ACTIVE_TO) == today.isoformat()
    # Today is still a day of membership, so the row stays until tomorrow; it cannot be
    # ended twice.
    assert ERIK in names(page)
    assert page.selected_row() is not None
    assert page.selected_row().name == ERIK
    assert not page.end_action.isEnabled()
    assert page.undo_stack.undoText() == _("End membership of {name}").format(name=ERIK)

    page.undo_stack.undo()
    assert stored(db, group)[ERIK].active_to is None
    assert cell(page, ERIK, Column.ACTIVE_TO) == ""
    assert page.end_action.isEnabled()


def test_an_ended_membership_shows_only_with_show_ended(
    qtbot: QtBot, db: Database, members_page: MembersPage, roster: dict[str, MemberRow]
) -> None:
    page = members_page
    yesterday = dt.date.today() - dt.timedelta(days=1)
    members.update_member(db, roster[ASA], MemberInput(name=ASA, active_to=yesterday))
    page.reload()
    assert ASA not in names(page)
    assert page.count_label.text() == count_text(active=3, shown=3, total=5)

    page.show_ended.setFocus()
    qtbot.keyClick(page.show_ended, Qt.Key.Key_Space)
    assert page.show_ended.isChecked()
    assert ASA in names(page)
    assert cell(page, ASA, Column.ACTIVE_TO) == yesterday.isoformat()


# --- deleting and undo -------------------------------------------------------------------


def test_delete_key_asks_first_and_no_keeps_the_member(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    boxes: Boxes,
    user: User,
) -> None:
    page = members_page
    user.activate(page)
    click_row(qtbot, page, ASA)

    boxes.answer(No)
    user.press(page.table, Qt.Key.Key_Delete)
    question = boxes.take("question")
    assert question.title == _("Delete member")
    assert ASA in question.text
    assert role_label(Role.COOPTED) in question.text
    assert ASA in stored(db, group)
    assert ASA in names(page)
    assert page.undo_stack.count() == 0

    boxes.answer(Yes)
    user.press(page.table, Qt.Key.Key_Delete)
    boxes.take("question")
    assert ASA not in stored(db, group)
    assert ASA not in names(page)
    assert page.count_label.text() == count_text(active=3, shown=3, total=4)
    assert page.undo_stack.undoText() == _("Delete {name}").format(name=ASA)


def test_undo_brings_back_a_deleted_member_with_every_field(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    roster: dict[str, MemberRow],
    boxes: Boxes,
) -> None:
    page = members_page
    click_row(qtbot, page, ANNA)
    boxes.answer(Yes)
    page.delete_action.trigger()
    boxes.take("question")
    assert ANNA not in stored(db, group)

    page.undo_stack.undo()
    assert stored(db, group)[ANNA].as_input() == roster[ANNA].as_input()
    assert names(page) == CURRENT
    assert page.selected_row() is not None
    assert page.selected_row().name == ANNA

    page.undo_stack.redo()
    assert ANNA not in stored(db, group)
    assert ANNA not in names(page)

    page.undo_stack.undo()  # the second re-creation follows the row's new id
    assert stored(db, group)[ANNA].as_input() == roster[ANNA].as_input()


def test_undo_of_an_edit_finds_a_member_restored_after_deletion(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    page = members_page

    def make_substitute(dialog: MemberDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findData(Role.SUBSTITUTE))
        user.press(dialog.name, Qt.Key.Key_Return)

    click_row(qtbot, page, ERIK)
    dialogs.expect(make_substitute)
    page.edit_action.trigger()
    dialogs.check()
    boxes.answer(Yes)
    page.delete_action.trigger()
    boxes.take("question")

    page.undo_stack.undo()  # the deletion: Erik is back, under a new id
    assert stored(db, group)[ERIK].role is Role.SUBSTITUTE
    page.undo_stack.undo()  # the edit, applied to the re-created row
    assert stored(db, group)[ERIK].role is Role.VICE_CHAIR
    assert cell(page, ERIK, Column.ROLE) == _("Vice chair")
    page.undo_stack.redo()
    page.undo_stack.redo()
    assert ERIK not in stored(db, group)
    assert boxes.calls == []


def test_ctrl_z_in_the_main_window_undoes_a_deletion_and_ctrl_y_redoes_it(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    window: MainWindow,
    boxes: Boxes,
    user: User,
) -> None:
    page = window.members_page
    page.reload()
    user.activate(window)
    window.show_page(window.stack.indexOf(page))
    click_row(qtbot, page, ARLA)
    boxes.answer(Yes)
    user.press(page.table, Qt.Key.Key_Delete)
    boxes.take("question")
    assert ARLA not in stored(db, group)
    assert ARLA in window.undo_action.text()

    user.press(page.table, Qt.Key.Key_Z, Ctrl)
    assert stored(db, group)[ARLA].as_input() == roster[ARLA].as_input()
    assert ARLA in names(page)

    page.table.setFocus()
    user.press(page.table, Qt.Key.Key_Y, Ctrl)
    assert ARLA not in stored(db, group)
    user.press(page.table, Qt.Key.Key_Z, Ctrl)
    assert ARLA in stored(db, group)
    user.press(page.table, Qt.Key.Key_Z, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert ARLA not in stored(db, group)


def test_undo_refused_because_the_member_was_removed_elsewhere(
    db: Database,
    group: GroupData,
    members_page: MembersPage,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    page = members_page

    def add_bo(dialog: MemberDialog) -> None:
        user.type(dialog.name, "Bo Ny")
        user.press(dialog.name, Qt.Key.Key_Return)

    dialogs.expect(add_bo)
    page.add_action.trigger()
    dialogs.check()
    members.delete_member(db, stored(db, group)["Bo Ny"].membership_id)  # e.g. from the CLI

    page.undo_stack.undo()

    warning = boxes.take("warning")
    assert warning.text == _(
        "The member no longer exists (it may have been removed). Reload and try again."
    )
    assert page.undo_stack.count() == 0  # the step cannot be tried again
    assert "Bo Ny" not in names(page)  # the table shows what is stored now
    assert page.count_label.text() == count_text(active=4, shown=4, total=5)


def test_tab_walks_the_member_dialog_in_the_order_shown(
    members_page: MembersPage, dialogs: Dialogs, user: User
) -> None:
    order: list[str] = []

    def walk(dialog: MemberDialog) -> None:
        user.activate(dialog)
        for _step in range(9):
            widget = dialog.focusWidget()
            order.append(widget.objectName() if widget is not save_button(dialog) else "save")
            user.press(widget, Qt.Key.Key_Tab)

    dialogs.expect(walk)
    members_page.add_action.trigger()
    dialogs.check()
    assert order == [
        "member_name",
        "member_organisation",
        "member_principal",
        "member_role",
        "member_email",
        "member_phone",
        "member_active_from",
        "member_active_to",
        "save",
    ]


def test_undo_never_overwrites_a_change_made_elsewhere(
    qtbot: QtBot, db: Database, group: GroupData, members_page: MembersPage, boxes: Boxes
) -> None:
    page = members_page
    click_row(qtbot, page, ERIK)
    page.end_action.trigger()
    ended = stored(db, group)[ERIK]
    # Someone else (another copy of the app, the CLI) changes Erik's role meanwhile.
    assert ended.role != Role.MEMBER
    members.update_member(db, ended, replace(ended.as_input(), role=Role.MEMBER))

    page.undo_stack.undo()

    warning = boxes.take("warning")
    assert warning.text == _("{name} was changed elsewhere. Reload and try again.").format(
        name=ERIK
    )
    now = stored(db, group)[ERIK]
    assert now.role == Role.MEMBER  # their change stands
    assert now.active_to == dt.date.today()  # and our undo did not happen half-way


def test_our_own_undo_and_redo_do_not_block_each_other(
    qtbot: QtBot, db: Database, group: GroupData, members_page: MembersPage, boxes: Boxes
) -> None:
    page = members_page
    click_row(qtbot, page, ERIK)
    page.end_action.trigger()
    for _round in range(3):  # every step bumps the stored versions; none is "elsewhere"
        page.undo_stack.undo()
        assert stored(db, group)[ERIK].active_to is None
        page.undo_stack.redo()
        assert stored(db, group)[ERIK].active_to == dt.date.today()
    assert page.undo_stack.count() == 1
