"""The privacy guard on the plan page: an identity number in an activity's title or
description (side panel, inline edit, new activity) or in a row of an imported file is asked
about; going back keeps what was typed with the number selected, saving anyway needs a reason
and undo/redo of such an edit works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
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
from naravard_desktop.ui.plan.dialogs import ActivityDialog
from naravard_desktop.ui.plan.import_dialog import ImportDialog
from naravard_desktop.ui.plan.model import Column
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.privacy import PrivacyDialog
from tests.ui.test_plan_import_dialog import GOOD_ROWS, write_xlsx

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

NUMBER = "19121212-1212"
Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2024–2026"))
    area = plan_items.add_area(db, plan.id, AreaInput("Ökad kontinuitet", "2"))
    plan_items.add_activity(
        db, area.id, ActivityInput(title="Punktmätning av fasta kontakter", schedule_text="2099")
    )
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


def in_nested_dialog(handler: Callable[[Any], None], failures: list[BaseException]) -> None:
    """Answer the dialog the current handler is about to open (the Dialogs fixture is busy
    with the outer one)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            handler(dialog)
        except BaseException as error:  # reported by the test
            failures.append(error)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.close()

    QTimer.singleShot(0, run)


def back(user: User) -> Callable[[PrivacyDialog], None]:
    def answer(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        user.press(dialog.back_button, Qt.Key.Key_Escape)

    return answer


def save_anyway(user: User, reason: str) -> Callable[[PrivacyDialog], None]:
    def answer(dialog: PrivacyDialog) -> None:
        user.activate(dialog)
        # Alt+S: "Spara ändå…" (a mnemonic clicks after a short animation)
        user.press(dialog.back_button, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        user.qtbot.waitUntil(dialog.reason_edit.hasFocus)
        user.type(dialog.reason_edit, reason)
        user.press(dialog.reason_edit, Qt.Key.Key_Return)

    return answer


def test_side_panel_description_with_a_number_is_asked_about_then_undone_and_redone(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    form = plan_page.panel.activity_form
    text = f"Gäller patient {NUMBER} och hennes kontakter."
    form.description.setFocus()
    user.type(form.description, text)
    seen: dict[str, Any] = {}

    def look_and_go_back(dialog: PrivacyDialog) -> None:
        seen["found"] = [dialog.found.item(r).text() for r in range(dialog.found.count())]
        back(user)(dialog)

    dialogs.expect(look_and_go_back)
    user.press(form.description, Qt.Key.Key_Return, Ctrl)
    dialogs.check()
    assert seen["found"] == ["Beskrivning: 191212**-****"]
    assert form.description.toPlainText() == text  # kept, the number selected
    assert form.description.textCursor().selectedText() == NUMBER
    assert activity(db, plan_id).description == ""
    assert plan_page.undo_stack.count() == 0

    dialogs.expect(save_anyway(user, "Fingerat exempel i utbildningsmaterial"))
    user.activate(plan_page)
    user.press(form.description, Qt.Key.Key_Return, Ctrl)
    dialogs.check()
    assert activity(db, plan_id).description == text
    plan_page.undo_stack.undo()
    assert activity(db, plan_id).description == ""
    plan_page.undo_stack.redo()  # puts the number back: with the reason given
    assert activity(db, plan_id).description == text


def test_inline_title_edit_with_a_number_goes_to_the_side_panel(
    qtbot: QtBot, plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    row_id = activity(db, plan_id).id
    index = plan_page.model.index_for("activity", row_id).siblingAtColumn(Column.TITLE)
    plan_page.tree.setFocus()
    plan_page.tree.setCurrentIndex(plan_page.proxy.mapFromSource(index))
    user.press(plan_page.tree, Qt.Key.Key_F2)
    editor = plan_page.tree.focusWidget()
    typed = f"Punktmätning {NUMBER}"
    user.retype(editor, typed)
    dialogs.expect(back(user))
    user.press(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    dialogs.wait(qtbot)
    dialogs.check()
    title = plan_page.panel.activity_form.title
    assert title.toPlainText() == typed
    assert title.textCursor().selectedText() == NUMBER
    assert activity(db, plan_id).title == "Punktmätning av fasta kontakter"
    assert plan_page.undo_stack.count() == 0


def test_new_activity_with_a_number_stays_open_then_is_added_with_a_reason(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    failures: list[BaseException] = []
    seen: dict[str, Any] = {}
    typed = f"Uppföljning av ärende {NUMBER}"

    def fill(dialog: ActivityDialog) -> None:
        user.activate(dialog)
        user.type(dialog.title, typed)
        in_nested_dialog(back(user), failures)
        dialog.buttons.accepted.emit()
        seen["open"] = dialog.isVisible()
        seen["selected"] = dialog.title.textCursor().selectedText()
        in_nested_dialog(save_anyway(user, "Ärendenummer i diariet"), failures)
        dialog.buttons.accepted.emit()
        seen["closed"] = not dialog.isVisible()

    dialogs.expect(fill)
    plan_page.add_activity_action.trigger()
    dialogs.check()
    assert not failures, failures
    assert seen == {"open": True, "selected": NUMBER, "closed": True}
    titles = [a.title for a in plan_items.load_tree(db, plan_id).activities]
    assert typed in titles


def test_import_with_a_number_in_a_row_can_go_back_or_import_with_a_reason(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    boxes: Boxes,
    db: Database,
    group: GroupData,
    tmp_path: Path,
) -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[3][1] = f"Patientkontrakt för {NUMBER}"  # spreadsheet row 4
    path = write_xlsx(tmp_path / "Handlingsplan.xlsx", rows)
    failures: list[BaseException] = []
    seen: dict[str, Any] = {}

    def look(dialog: PrivacyDialog) -> None:
        seen["found"] = [dialog.found.item(r).text() for r in range(dialog.found.count())]
        seen["back"] = dialog.back_button.text()
        back(user)(dialog)

    def accept(dialog: ImportDialog) -> None:
        user.activate(dialog)
        # The preview already says where (issue 11: it used to wait for 'Importera').
        top = dialog.problems.topLevelItem
        seen["notes"] = [
            (top(i).text(0), top(i).text(1)) for i in range(dialog.problems.topLevelItemCount())
        ]
        in_nested_dialog(look, failures)
        dialog.buttons.accepted.emit()
        seen["open"] = dialog.isVisible()
        seen["plans"] = len(plans.list_plans(db, group.id))
        in_nested_dialog(save_anyway(user, "Kontraktsnummer, inte personnummer"), failures)
        dialog.buttons.accepted.emit()

    boxes.answer(str(path))
    dialogs.expect(accept)
    plan_page.import_action.trigger()
    dialogs.wait(qtbot)
    dialogs.check()
    boxes.take("getOpenFileName")
    assert not failures, failures
    assert seen["found"] == ["Aktivitet (rad 4): 191212**-****"]
    assert ("rad 4", "Anmärkning: Aktivitet verkar innehålla 1 personnummer (191212**-****).") in (
        seen["notes"]
    )
    assert seen["back"] == "&Tillbaka till förhandsgranskningen"
    assert (seen["open"], seen["plans"]) == (True, 1)
    imported = [p for p in plans.list_plans(db, group.id) if p.title != "Lokal plan 2024–2026"]
    assert len(imported) == 1
    titles = [a.title for a in plan_items.load_tree(db, imported[0].id).activities]
    assert f"Patientkontrakt för {NUMBER}" in titles
