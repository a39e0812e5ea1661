"""Two windows on one group (two computers on the region's server, or two copies of the app
on a shared file): both can be written in, and a window that shows what the other one has
since changed cannot overwrite it. Issue 16, points 4 and 7."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import CategoryKind
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda
from naravard_desktop.services.meetings.read_models import ActionInput, MeetingData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import AreaInput, PlanInput
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.actions import Column as ActionColumn
from naravard_desktop.ui.plan.details_dialog import PlanDetailsDialog
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.sip.page import SipPage
from naravard_desktop.ui.sip.setup_dialog import SipSetupDialog
from tests.ui import test_undo_locks
from tests.ui.test_no_text_lost import click
from tests.ui.test_plan_save_model import click_row

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

meeting_window = test_undo_locks.meeting_window  # a window showing a meeting (a fixture)
CHECK_ROLE = Qt.ItemDataRole.CheckStateRole
STALE = "har ändrats på annat håll. Läs in på nytt och försök igen."


@pytest.fixture
def open_page(qtbot: QtBot, group: GroupData) -> Callable[[Database], SipPage]:
    def make(database: Database) -> SipPage:
        page = SipPage(database, group.id, QUndoStack())
        qtbot.addWidget(page)
        page.resize(1000, 600)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def _type_in(qtbot: QtBot, page: SipPage, row: int, column: int, text: str) -> None:
    """Into that window (brought to the front), as a user types: the digits, then Enter."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.grid.setFocus()
    page.grid.move_to(row, column)
    for char in text:
        QTest.keyClick(page.grid, char)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on Enter through a queued call


def test_a_count_typed_in_a_stale_window_is_refused_kept_and_the_grid_reloaded(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    open_page: Callable[[Database], SipPage],
) -> None:
    period = sip_periods.create_period(db, group.id, 2024, 1)
    first, second = open_page(db), open_page(other)
    _type_in(qtbot, second, 0, 0, "7")
    assert first.model.index(0, 0).data() == ""  # the first window has not seen it yet

    _type_in(qtbot, first, 0, 1, "3")

    assert STALE in first.message.text()
    key_saved, key_typed = first.model.key(0, 0), first.model.key(0, 1)
    assert sip_counts.load_counts(db, period.id).values == {key_saved: 7}
    assert first.model.index(0, 0).data() == "7"  # reloaded: the other window's count
    assert first.model.index(0, 1).data() == "3"  # what was typed, kept (unsaved, red)
    assert STALE in first.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)

    _type_in(qtbot, first, 0, 1, "3")  # typed again over what is stored now: saved
    assert sip_counts.load_counts(db, period.id).values == {key_saved: 7, key_typed: 3}
    assert first.message.text() == ""


def test_a_rename_in_stale_settings_is_refused_and_asked_again_with_the_name_typed(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sip_setup.get_setup(db, group.id)
    unit = sip_setup.add_category(db, group.id, CategoryKind.UNIT, "Hemtjänst")
    dialog = SipSetupDialog(db, group.id)
    qtbot.addWidget(dialog)
    dialog.units.setCurrentItem(dialog.units.findItems("Hemtjänst", Qt.MatchFlag.MatchExactly)[0])
    sip_setup.rename_category(other, unit.id, "Hemtjänst norr", unit.version)  # elsewhere
    offered: list[str] = []

    def answer(*_args: object, text: str = "", **_kw: object) -> tuple[str, bool]:
        offered.append(text)
        return ("Hemsjukvård", True) if len(offered) == 1 else (text, False)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))

    dialog.rename_category(dialog.units)

    assert STALE in boxes.take("warning").text
    assert offered == ["Hemtjänst", "Hemsjukvård"]  # asked again with what was typed
    names = [u.name for u in sip_setup.get_setup(db, group.id).units]
    assert "Hemtjänst norr" in names and "Hemsjukvård" not in names
    assert dialog.units.findItems("Hemtjänst norr", Qt.MatchFlag.MatchExactly)  # reloaded


def test_an_area_edited_in_a_stale_window_asks_and_keeps_both_changes(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    user: User,
    dialogs: Dialogs,
) -> None:
    """The side panel's save of an area changed elsewhere meanwhile asks; Spara puts the
    fields typed here over the stored area, which keeps the other window's description."""
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2024–2026"))
    area = plan_items.add_area(db, plan.id, AreaInput("Ökad kontinuitet", "2"))
    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    user.activate(page)
    click_row(qtbot, page, "2 Ökad kontinuitet")
    form = page.panel.area_form
    described = replace(area.as_input(), description="Alla med SIP har en fast kontakt.")
    plan_items.update_area(other, area.id, described, area.version)  # the other window
    questions: list[str] = []

    def keep_mine(box: QMessageBox) -> None:
        questions.append(box.text())
        click(box, "&Spara")

    dialogs.expect(keep_mine)
    user.retype(form.title, "Kontinuitet")
    user.press(form.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialogs.wait(qtbot)
    dialogs.check()

    assert "ändrades på annat håll" in questions[0]
    stored = plan_items.get_area(db, area.id)
    assert (stored.title, stored.description) == ("Kontinuitet", described.description)
    assert form.description.toPlainText() == described.description  # shown in the panel


def test_undo_never_puts_a_count_back_over_one_saved_elsewhere(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    boxes: Boxes,
    open_page: Callable[[Database], SipPage],
) -> None:
    period = sip_periods.create_period(db, group.id, 2024, 1)
    page = open_page(db)
    _type_in(qtbot, page, 0, 0, "7")
    key = page.model.key(0, 0)
    assert key is not None
    theirs = sip_counts.load_counts(other, period.id)
    sip_counts.save_counts(other, period.id, {key: 9}, theirs.period.version)  # elsewhere

    page.undo_stack.undo()

    assert STALE in boxes.take("warning").text
    assert sip_counts.load_counts(db, period.id).values == {key: 9}
    assert page.model.index(0, 0).data() == "9"  # shown as stored now


def test_undo_of_plan_details_never_writes_over_a_change_saved_elsewhere(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    user: User,
    dialogs: Dialogs,
    boxes: Boxes,
) -> None:
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan"))
    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    user.activate(page)

    def retitle(dialog: PlanDetailsDialog) -> None:
        user.activate(dialog)
        user.retype(dialog.title, "Lokal plan 2024")
        dialog.buttons.accepted.emit()

    dialogs.expect(retitle)
    page.details_action.trigger()
    dialogs.wait(qtbot)
    dialogs.check()
    theirs = plans.get_plan(other, plan.id)
    plans.update_plan(other, theirs, PlanInput("Lokal plan 2024–2026"))  # elsewhere

    page.undo_stack.undo()

    assert "har ändrats på annat håll" in boxes.take("warning").text
    assert plans.get_plan(db, plan.id).title == "Lokal plan 2024–2026"


def test_undo_of_marking_an_action_item_done_never_writes_over_a_change_saved_elsewhere(
    db: Database,
    other: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    boxes: Boxes,
) -> None:
    window, meeting = meeting_window
    item = agenda.list_items(db, meeting.id)[1]
    actions.add_action(db, item.id, ActionInput("Ta fram rutin"))
    panel = window.meetings_page.editor.agenda
    panel._select_row(1)
    model = panel.editor.action_items.model
    model.setData(
        model.index(0, ActionColumn.DONE), Qt.CheckState.Checked.value, CHECK_ROLE
    )  # marked done in this window
    [theirs] = actions.actions_of_item(other, item.id)
    actions.update_action(  # the other window names who does it
        other, theirs.id, replace(theirs.as_input(), who="Erik Lund"), theirs.version
    )

    window.undo_action.trigger()

    assert "har ändrats på annat håll" in boxes.take("warning").text
    [stored] = actions.actions_of_item(db, item.id)
    assert (stored.done, stored.who) == (True, "Erik Lund")
