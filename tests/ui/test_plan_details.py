"""The plan's own details on the plan page, with the keyboard: title, period, state, the
decision that adopted it and the revision history; undo and redo; deleting a plan after a
confirmation and getting it back with Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import PlanState
from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, PlanInput, RevisionInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.details_dialog import PlanDetailsDialog, RevisionDialog
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def decisions(db: Database, group: GroupData) -> list[int]:
    """A meeting on 17 May 2024: § 1 without a decision, § 2 adopting the plan, § 3 a
    revision."""
    with db.session() as session:
        meeting = Meeting(group_id=group.id, held_on=dt.date(2024, 5, 17), place="Kommunhuset")
        items = [
            AgendaItem(meeting=meeting, title=title, decision=decision, position=number)
            for number, (title, decision) in enumerate(
                [
                    ("Mötets öppnande", ""),
                    ("Lokal plan 2024–2026", "Planen fastställs."),
                    ("Revidering av planen", "Revideringen godkänns."),
                ]
            )
        ]
        session.add_all([meeting, *items])
        session.flush()
        return [item.id for item in items]


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(
        db, group.id, PlanInput("Lokal plan"), template_key="jamtland-harjedalen"
    )
    area = plan_items.load_tree(db, plan.id).areas[1]
    plan_items.add_activity(
        db, area.id, ActivityInput(title="Punktmätning av fasta kontakter", schedule_text="2099")
    )
    return plan.id


@pytest.fixture
def plan_page(
    qtbot: QtBot, db: Database, group: GroupData, plan_id: int, decisions: list[int], user: User
) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    widget.tree.setFocus()
    return widget


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


def tab_chain(user: User, start: QWidget, steps: int) -> list[str]:
    """Object names of the widgets Tab reaches from `start`."""
    start.setFocus()
    names = []
    for _step in range(steps):
        user.press(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        names.append(focused.objectName() or type(focused).__name__)
    return names


def test_edit_title_period_state_decision_and_revisions_with_the_keyboard_then_undo(
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    db: Database,
    plan_id: int,
    decisions: list[int],
) -> None:
    assert plan_page.plan_info.text() == "Utkast"
    failures: list[BaseException] = []
    seen: dict[str, Any] = {}

    def fill_revision(dialog: RevisionDialog) -> None:
        user.activate(dialog)
        assert dialog.revised_on.hasFocus()
        seen["revision_tabs"] = tab_chain(user, dialog.revised_on, 3)
        user.retype(dialog.revised_on, "2024-05-17")
        user.type(dialog.note, "Beslut i Fredagsgruppen")
        dialog.decision.setCurrentIndex(dialog.decision.findData(decisions[2]))
        user.press(dialog.note, Qt.Key.Key_Return)

    def fill(dialog: PlanDetailsDialog) -> None:
        user.activate(dialog)
        assert dialog.title.hasFocus() and dialog.title.text() == "Lokal plan"
        # Only items with a decision are offered, as "§ n, date: title".
        seen["choices"] = [dialog.adopted_by.itemText(n) for n in range(dialog.adopted_by.count())]
        seen["tabs"] = tab_chain(user, dialog.title, 8)
        user.retype(dialog.title, "Lokal plan 2024–2026")
        user.press(dialog.title, Qt.Key.Key_Tab)
        user.type(dialog.valid_from, "2024-01-01")
        user.press(dialog.valid_from, Qt.Key.Key_Tab)
        user.type(dialog.valid_to, "2026-12-31")
        user.press(dialog.valid_to, Qt.Key.Key_Tab)
        assert dialog.state.hasFocus()
        user.press(dialog.state, Qt.Key.Key_Down)  # Utkast → Fastställd
        user.press(dialog.state, Qt.Key.Key_Tab)
        assert dialog.adopted_by.hasFocus()
        user.press(dialog.adopted_by, Qt.Key.Key_Down)  # § 2
        in_nested_dialog(fill_revision, failures)
        dialog.add_button.setFocus()
        user.press(dialog.add_button, Qt.Key.Key_Space)
        seen["revisions"] = [
            dialog.revisions.item(n).text() for n in range(dialog.revisions.count())
        ]
        dialog.buttons.accepted.emit()

    dialogs.expect(fill)
    user.press(plan_page.tree, Qt.Key.Key_P, Ctrl | Shift)
    dialogs.check()
    assert not failures, failures
    assert seen["choices"] == [
        "Inget beslut valt",
        "§ 2, 17 maj 2024: Lokal plan 2024–2026",
        "§ 3, 17 maj 2024: Revidering av planen",
    ]
    assert seen["tabs"] == [
        "details_valid_from",
        "details_valid_to",
        "details_state",
        "details_adopted_by",
        "details_revisions",
        "add_revision",
        # Remove is disabled with no revision, so Tab goes on to the buttons.
        "QPushButton",
        "QPushButton",
    ]
    assert seen["revision_tabs"] == ["revision_note", "revision_decision", "QPushButton"]
    assert seen["revisions"] == [
        "2024-05-17 · Beslut i Fredagsgruppen · § 3, 17 maj 2024: Revidering av planen"
    ]
    saved = plans.get_plan(db, plan_id)
    assert (saved.title, saved.valid_from, saved.valid_to, saved.state) == (
        "Lokal plan 2024–2026",
        dt.date(2024, 1, 1),
        dt.date(2026, 12, 31),
        PlanState.ADOPTED,
    )
    assert saved.adopted_by_item_id == decisions[1]
    assert [r.as_input() for r in saved.revisions] == [
        RevisionInput(dt.date(2024, 5, 17), "Beslut i Fredagsgruppen", decisions[2])
    ]
    assert plan_page.plan_choice.currentText() == "Lokal plan 2024–2026"
    assert plan_page.plan_info.text() == (
        "Fastställd · gäller 2024-01-01 – 2026-12-31 · fastställd vid § 2, 17 maj 2024: "
        "Lokal plan 2024–2026 · reviderad 2024-05-17"
    )
    # One undo step puts everything back, redo applies it again.
    assert plan_page.undo_stack.count() == 1
    plan_page.undo_stack.undo()
    back = plans.get_plan(db, plan_id)
    assert (back.title, back.state, back.adopted_by_item_id, back.revisions) == (
        "Lokal plan",
        PlanState.DRAFT,
        None,
        (),
    )
    assert plan_page.plan_choice.currentText() == "Lokal plan"
    assert plan_page.plan_info.text() == "Utkast"
    plan_page.undo_stack.redo()
    assert plans.get_plan(db, plan_id).revisions[0].note == "Beslut i Fredagsgruppen"
    assert plan_page.plan_info.text().startswith("Fastställd")


def test_a_wrong_period_keeps_the_dialog_open_and_revisions_are_removed_with_delete(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    plan = plans.get_plan(db, plan_id)
    plans.update_plan(
        db,
        plan,
        plan.as_input(),
        [RevisionInput(dt.date(2022, 3, 14)), RevisionInput(dt.date(2024, 2, 9), "Andra")],
    )
    plan_page.reload_plans()
    seen: dict[str, Any] = {}

    def fill(dialog: PlanDetailsDialog) -> None:
        user.activate(dialog)
        user.type(dialog.valid_from, "2026-01-01")
        user.type(dialog.valid_to, "2024-01-01")
        dialog.buttons.accepted.emit()
        seen["error"] = dialog.errors.text("valid_to")
        seen["open"] = dialog.isVisible() and dialog.valid_to.text() == "2024-01-01"
        user.retype(dialog.valid_to, "2026-12-31")
        dialog.revisions.setFocus()
        dialog.revisions.setCurrentRow(0)
        user.press(dialog.revisions, Qt.Key.Key_Delete)
        seen["left"] = [dialog.revisions.item(n).text() for n in range(dialog.revisions.count())]
        seen["focus_stays"] = dialog.revisions.hasFocus()
        user.press(dialog.revisions, Qt.Key.Key_Delete)
        seen["remove_enabled"] = dialog.remove_button.isEnabled()
        dialog.buttons.accepted.emit()

    dialogs.expect(fill)
    plan_page.details_action.trigger()
    dialogs.check()
    assert seen["error"] == "Slutdatumet ligger före startdatumet. Kontrollera datumen."
    assert seen["open"] is True
    assert seen["left"] == ["2024-02-09 · Andra"]
    assert seen["focus_stays"] is True
    assert seen["remove_enabled"] is False
    saved = plans.get_plan(db, plan_id)
    assert (saved.valid_from, saved.valid_to, saved.revisions) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        (),
    )
    plan_page.undo_stack.undo()
    assert [r.note for r in plans.get_plan(db, plan_id).revisions] == ["", "Andra"]


def test_delete_a_plan_after_confirmation_and_undo_brings_it_back_with_its_history(
    plan_page: PlanPage, user: User, boxes: Boxes, db: Database, group: GroupData, plan_id: int
) -> None:
    other = plans.create_plan(db, group.id, PlanInput("Handlingsplan fasta kontakter 2024"))
    plan_page.reload_plans(plan_id)
    # An edit made before the delete can still be undone after the plan is back.
    activity = plan_items.load_tree(db, plan_id).activities[0]
    plan_page.select("activity", activity.id)
    plan_page.steps.edit_activity(activity, replace(activity.as_input(), responsible="Olof Strand"))
    boxes.answer(QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    plan_page.tree.setFocus()
    user.press(plan_page.tree, Qt.Key.Key_Delete, Ctrl | Shift)
    question = boxes.take("question")
    assert question.title == "Ta bort planen"
    assert "”Lokal plan” med dess 5 områden, 1 aktivitet och" in question.text
    assert plans.get_plan(db, plan_id).title == "Lokal plan"
    user.press(plan_page.tree, Qt.Key.Key_Delete, Ctrl | Shift)
    boxes.take("question")
    assert [p.title for p in plans.list_plans(db, group.id)] == [other.title]
    assert plan_page.plan_choice.currentText() == other.title
    assert plan_page.model.rowCount() == 0

    plan_page.undo_stack.undo()
    titles = sorted(p.title for p in plans.list_plans(db, group.id))
    assert titles == ["Handlingsplan fasta kontakter 2024", "Lokal plan"]
    assert plan_page.plan_choice.currentText() == "Lokal plan"
    restored = plan_items.load_tree(db, plan_page.plan_id or 0)
    assert restored.activities[0].responsible == "Olof Strand"
    plan_page.undo_stack.undo()  # the earlier edit, on the restored activity
    assert plan_items.load_tree(db, plan_page.plan_id or 0).activities[0].responsible == ""
    plan_page.undo_stack.redo()
    plan_page.undo_stack.redo()  # delete again
    assert [p.title for p in plans.list_plans(db, group.id)] == [other.title]


def test_every_plan_action_is_in_the_plan_menu_with_its_own_mnemonic(
    qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User
) -> None:
    from PySide6.QtWidgets import QMenu, QToolButton

    from naravard_desktop.ui.main_window import MainWindow
    from naravard_desktop.ui.settings import app_settings

    window = MainWindow(db, group, app_settings())
    qtbot.addWidget(window)
    user.activate(window)
    menu = window.findChild(QMenu, "plan_menu")
    assert menu is not None
    menu.aboutToShow.emit()  # opened: the plan page, built then, fills it
    entries = [a for a in menu.actions() if not a.isSeparator()]
    page = window.plan_page
    assert set(entries) == {*page.plan_actions, *page.toolbar_actions}
    assert {"plan_details", "delete_plan", "import_plan", "export_plan_pdf"} <= {
        a.objectName() for a in entries
    }
    letters = [a.text().split("&")[1][0].lower() for a in entries]
    assert len(set(letters)) == len(letters), [a.text() for a in entries]
    # Chosen from the menu on another page, an action shows the plan page.
    window.show_page(0)
    page.export_pdf_action.setEnabled(False)  # no file dialog in this test
    menu.triggered.emit(page.export_pdf_action)
    assert window.stack.currentWidget() is page
    # The plan's own buttons are reached with Tab from the plan chooser.
    page.plan_choice.setFocus()
    reached = []
    for _step in range(4):
        user.press(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert isinstance(focused, QToolButton)
        reached.append(focused.defaultAction().objectName())
    assert reached == ["new_plan", "plan_details", "print_plan", "delete_plan"]
