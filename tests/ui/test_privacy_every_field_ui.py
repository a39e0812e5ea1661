"""Issue 11, point 4 in the window: a personnummer typed with a space ("811218 1238",
invented) in Ansvar, in the Ansvar cell of the tree or in an area's title went in unasked.
The plan page now warns while typing, asks on Ctrl+Return and puts the number, selected, in
the field where it was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    PlanInput,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.dialogs import AreaDialog
from naravard_desktop.ui.plan.model import Column
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.privacy import PrivacyDialog
from tests.ui.test_plan_privacy import back, in_nested_dialog

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

SPACED = "811218 1238"  # 18 December 1981, serial 123, check digit 8: invented
Ctrl = Qt.KeyboardModifier.ControlModifier
TITLE = "Punktmätning av fasta kontakter"


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2025–2027"))
    area = plan_items.add_area(db, plan.id, AreaInput("Ökad kontinuitet", "2"))
    plan_items.add_activity(db, area.id, ActivityInput(title=TITLE, schedule_text="2099"))
    return plan.id


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    widget.select("activity", activity(db, plan_id).id)
    return widget


def activity(db: Database, plan_id: int) -> ActivityRow:
    (row,) = plan_items.load_tree(db, plan_id).activities
    return row


def test_a_number_in_ansvar_gives_the_bar_then_the_question_and_is_selected_there(
    qtbot: QtBot, plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    form = plan_page.panel.activity_form
    typed = f"Maja Fors, kontakt {SPACED}"
    form.responsible.setFocus()
    user.type(form.responsible, typed)
    qtbot.waitUntil(lambda: form.state_label.text() == "Inte sparat", timeout=3000)
    assert form.privacy.isVisible()  # no dialog while typing
    assert "Ansvarig: 8112** ****" in form.privacy.message.text()
    assert SPACED not in form.privacy.message.text()
    assert activity(db, plan_id).responsible == ""
    seen: dict[str, Any] = {}

    def look_and_go_back(dialog: PrivacyDialog) -> None:
        seen["found"] = [dialog.found.item(r).text() for r in range(dialog.found.count())]
        back(user)(dialog)

    dialogs.expect(look_and_go_back)
    user.press(form.responsible, Qt.Key.Key_Return, Ctrl)
    dialogs.check()
    assert seen["found"] == ["Ansvarig: 8112** ****"]
    assert form.responsible.text() == typed
    assert form.responsible.selectedText() == SPACED
    assert activity(db, plan_id).responsible == ""


def test_a_number_typed_in_the_ansvar_cell_goes_to_ansvar_in_the_side_panel(
    qtbot: QtBot, plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    row_id = activity(db, plan_id).id
    index = plan_page.model.index_for("activity", row_id).siblingAtColumn(Column.RESPONSIBLE)
    plan_page.tree.setFocus()
    plan_page.tree.setCurrentIndex(plan_page.proxy.mapFromSource(index))
    user.press(plan_page.tree, Qt.Key.Key_F2)
    editor = plan_page.tree.focusWidget()
    typed = f"Kurator {SPACED}"
    user.retype(editor, typed)
    dialogs.expect(back(user))
    user.press(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    dialogs.wait(qtbot)
    dialogs.check()
    form = plan_page.panel.activity_form
    assert form.responsible.text() == typed and form.responsible.selectedText() == SPACED
    assert form.title.toPlainText() == TITLE  # not thrown into the title
    assert activity(db, plan_id).responsible == ""
    assert plan_page.undo_stack.count() == 0


def test_a_number_in_a_new_area_keeps_the_dialog_open_with_it_selected(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    failures: list[BaseException] = []
    seen: dict[str, Any] = {}
    typed = f"Insatser för {SPACED}"

    def fill(dialog: AreaDialog) -> None:
        user.activate(dialog)
        user.type(dialog.title, typed)
        in_nested_dialog(back(user), failures)
        dialog.buttons.accepted.emit()
        seen["open"] = dialog.isVisible()
        seen["selected"] = dialog.title.selectedText()
        dialog.reject()

    dialogs.expect(fill)
    plan_page.add_area_action.trigger()
    dialogs.check()
    assert not failures, failures
    assert seen == {"open": True, "selected": SPACED}
    assert [a.title for a in plan_items.load_tree(db, plan_id).areas] == ["Ökad kontinuitet"]
