"""One save model on the plan page: the side panel saves as the user goes (after a pause,
when the row changes, the page is hidden or the window closes), each save one undo step;
nothing typed is lost without a question."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    PlanInput,
)
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.plan.model import Column
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.plan.panel_saving import plan_drafts
from naravard_desktop.ui.privacy import PrivacyDialog
from tests.db_backends import target_of
from tests.ui.test_plan_privacy import NUMBER, in_nested_dialog

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier

FIRST = "Punktmätning av fasta kontakter"
SECOND = "Information till berörda individer"


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2024–2026"))
    area = plan_items.add_area(db, plan.id, AreaInput("Ökad kontinuitet", "2"))
    for title in (FIRST, SECOND):
        plan_items.add_activity(db, area.id, ActivityInput(title=title, schedule_text="2099"))
    return plan.id


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    return widget


def stored(db: Database, plan_id: int, title: str) -> ActivityRow:
    (row,) = [a for a in plan_items.load_tree(db, plan_id).activities if a.title == title]
    return row


def index_of(page: PlanPage, text: str, column: Column = Column.TITLE) -> QModelIndex:
    matches = page.proxy.match(
        page.proxy.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        text,
        1,
        Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive,
    )
    assert matches, f"{text!r} not shown"
    return matches[0].siblingAtColumn(column)


def click_row(qtbot: QtBot, page: PlanPage, text: str) -> None:
    """A mouse click on the row, as a user changes the selection."""
    index = index_of(page, text)
    page.tree.scrollTo(index)
    rect = page.tree.visualRect(index)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_description_typed_in_the_side_panel_is_saved_when_another_row_is_clicked(
    qtbot: QtBot, plan_page: PlanPage, user: User, db: Database, plan_id: int
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    assert form.title.toPlainText() == FIRST
    form.description.setFocus()
    user.type(form.description, "Mäts varje höst i alla verksamheter.")
    click_row(qtbot, plan_page, SECOND)
    assert form.title.toPlainText() == SECOND
    assert stored(db, plan_id, FIRST).description == "Mäts varje höst i alla verksamheter."


def buttons(box: QMessageBox) -> list[str]:
    return sorted(button.text() for button in box.buttons())


def click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_typing_is_saved_after_a_pause_as_one_undo_step_that_ctrl_z_undoes(
    qtbot: QtBot, plan_page: PlanPage, user: User, db: Database, plan_id: int
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    assert form.state_label.text() == "Sparat"
    form.description.setFocus()
    user.type(form.description, "Mäts varje höst.")
    assert form.state_label.text() == "Sparar…"
    assert stored(db, plan_id, FIRST).description == ""
    qtbot.waitUntil(lambda: form.state_label.text() == "Sparat", timeout=3000)
    assert stored(db, plan_id, FIRST).description == "Mäts varje höst."
    assert form.description.hasFocus()  # the panel was not reloaded under the cursor
    assert form.description.textCursor().position() == len("Mäts varje höst.")
    assert plan_page.undo_stack.count() == 1
    assert plan_page.undo_stack.undoText() == f"Ändra {FIRST}"
    user.type(form.responsible, "Maja Fors")
    click_row(qtbot, plan_page, SECOND)
    assert plan_page.undo_stack.count() == 2
    assert stored(db, plan_id, FIRST).responsible == "Maja Fors"
    plan_page.undo_stack.undo()
    assert stored(db, plan_id, FIRST).responsible == ""
    plan_page.undo_stack.undo()
    assert stored(db, plan_id, FIRST).description == ""
    assert form.title.toPlainText() == FIRST  # undo shows the activity it changed
    assert form.description.toPlainText() == ""
    plan_page.undo_stack.redo()
    assert stored(db, plan_id, FIRST).description == "Mäts varje höst."
    assert form.description.toPlainText() == "Mäts varje höst."


def test_a_date_that_cannot_be_read_is_kept_with_its_message_and_asked_about(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    db: Database,
    plan_id: int,
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    form.override.setFocus()
    user.press(form.override, Qt.Key.Key_Space)
    user.retype(form.due, "2025-13-45")
    form.responsible.setFocus()
    user.type(form.responsible, "Olof Strand")
    qtbot.waitUntil(lambda: form.state_label.text() == "Inte sparat", timeout=3000)
    error = form.findChild(QLabel, "error_due_date")
    assert error.isVisible()
    assert error.text() == "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-01-31."
    assert form.responsible.hasFocus()  # the message does not take the cursor away
    saved = stored(db, plan_id, FIRST)
    assert saved.responsible == "Olof Strand"  # the other field is saved beside it
    assert saved.due_date == dt.date(2099, 12, 31)  # the date read from the schedule
    seen: list[list[str]] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(buttons(box))
        assert "2025-01-31" in box.text() and FIRST in box.text()
        click(box, "Avbryt")

    dialogs.expect(cancel)
    click_row(qtbot, plan_page, SECOND)
    dialogs.check()
    assert seen == [["&Förkasta", "Avbryt"]]  # nothing to save until it is corrected
    assert form.title.toPlainText() == FIRST and form.due.text() == "2025-13-45"
    assert plan_page.selected_row().title == FIRST  # type: ignore[union-attr]

    user.retype(form.due, "2025-12-31")
    click_row(qtbot, plan_page, SECOND)
    saved = stored(db, plan_id, FIRST)
    assert saved.due_date_overridden and saved.due_date == dt.date(2025, 12, 31)

    click_row(qtbot, plan_page, FIRST)
    user.retype(form.due, "31/12")
    dialogs.expect(lambda box: click(box, "&Förkasta"))
    click_row(qtbot, plan_page, SECOND)
    dialogs.check()
    assert form.title.toPlainText() == SECOND
    assert stored(db, plan_id, FIRST).due_date == dt.date(2025, 12, 31)
    click_row(qtbot, plan_page, FIRST)
    assert form.due.text() == "2025-12-31" and not error.isVisible()


def test_an_identity_number_gives_a_bar_while_typing_and_a_question_on_leaving(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    db: Database,
    plan_id: int,
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    text = f"Gäller {NUMBER}."
    form.description.setFocus()
    user.type(form.description, text)
    user.type(form.responsible, "Maja Fors")
    qtbot.waitUntil(lambda: form.state_label.text() == "Inte sparat", timeout=3000)
    assert form.privacy.isVisible()  # no dialog while typing
    assert "191212**-****" in form.privacy.message.text()
    saved = stored(db, plan_id, FIRST)
    assert (saved.description, saved.responsible) == ("", "Maja Fors")
    seen: list[list[str]] = []

    def save(box: QMessageBox) -> None:
        seen.append(buttons(box))
        assert "personnummer" in box.text()
        failures: list[BaseException] = []

        def reason(dialog: PrivacyDialog) -> None:
            dialog.anyway_button.click()
            dialog.reason_edit.setText("Fingerat exempel")
            dialog.save_button.click()

        in_nested_dialog(reason, failures)
        click(box, "&Spara")

    dialogs.expect(save)
    click_row(qtbot, plan_page, SECOND)
    dialogs.wait(qtbot)
    dialogs.check()
    assert seen == [["&Förkasta", "&Spara", "Avbryt"]]
    assert stored(db, plan_id, FIRST).description == text
    assert form.title.toPlainText() == SECOND and not form.privacy.isVisible()


def test_save_anyway_on_the_warning_bar_asks_the_reason_and_saves_as_one_step(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    db: Database,
    plan_id: int,
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    text = f"Ärende {NUMBER}"
    form.description.setFocus()
    user.type(form.description, text)
    qtbot.waitUntil(form.privacy.isVisible, timeout=3000)
    assert plan_page.undo_stack.count() == 0  # nothing saved

    def reason(dialog: PrivacyDialog) -> None:
        assert dialog.reason_edit.isVisible()  # straight to the reason
        user.type(dialog.reason_edit, "Diarienummer")
        user.press(dialog.reason_edit, Qt.Key.Key_Return)

    dialogs.expect(reason)
    form.privacy.anyway_button.click()
    dialogs.check()
    assert stored(db, plan_id, FIRST).description == text
    assert form.state_label.text() == "Sparat" and not form.privacy.isVisible()
    assert plan_page.undo_stack.count() == 1
    plan_page.undo_stack.undo()
    assert stored(db, plan_id, FIRST).description == ""


def test_an_edit_made_elsewhere_is_not_overwritten_without_asking(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    db: Database,
    plan_id: int,
) -> None:
    click_row(qtbot, plan_page, FIRST)
    form = plan_page.panel.activity_form
    form.description.setFocus()
    user.type(form.description, "Min text")
    # Meanwhile another window (or computer) changes the responsible.
    row = stored(db, plan_id, FIRST)
    plan_items.update_activity(db, row, replace(row.as_input(), responsible="Erik Lund"))
    seen: list[str] = []

    def keep_mine(box: QMessageBox) -> None:
        seen.append(box.text())
        assert buttons(box) == ["&Förkasta", "&Spara"]
        click(box, "&Spara")

    dialogs.expect(keep_mine)
    qtbot.waitUntil(lambda: form.state_label.text() == "Sparat", timeout=3000)
    dialogs.check()
    assert "ändrades på annat håll" in seen[0]
    saved = stored(db, plan_id, FIRST)
    assert (saved.description, saved.responsible) == ("Min text", "Erik Lund")
    assert form.responsible.text() == "Erik Lund"  # the other change is shown

    user.type(form.description, " till")
    row = stored(db, plan_id, FIRST)
    plan_items.update_activity(db, row, replace(row.as_input(), description="Deras text"))
    dialogs.expect(lambda box: click(box, "&Förkasta"))
    click_row(qtbot, plan_page, SECOND)
    dialogs.check()
    assert stored(db, plan_id, FIRST).description == "Deras text"
    click_row(qtbot, plan_page, FIRST)
    assert form.description.toPlainText() == "Deras text"


def test_text_is_saved_when_the_page_is_left_and_when_the_window_closes(
    qtbot: QtBot, plan_id: int, window: MainWindow, user: User, db: Database
) -> None:
    user.activate(window)
    window.show_page(window.stack.indexOf(window.plan_page))
    page = window.plan_page
    click_row(qtbot, page, FIRST)
    form = page.panel.activity_form
    form.follow_up_method.setFocus()
    user.type(form.follow_up_method, "Enkät")
    window.show_page(window.stack.indexOf(window.meetings_page))
    assert stored(db, plan_id, FIRST).follow_up_method == "Enkät"

    window.show_page(window.stack.indexOf(window.plan_page))
    page.tree.setFocus()
    user.press(page.tree, Qt.Key.Key_Z, Ctrl)  # Redigera › Ångra
    assert stored(db, plan_id, FIRST).follow_up_method == ""
    assert form.follow_up_method.toPlainText() == ""
    form.follow_up_method.setFocus()
    user.type(form.follow_up_method, "Enkät varje år")
    assert window.close()
    assert stored(db, plan_id, FIRST).follow_up_method == "Enkät varje år"


def test_closing_with_a_field_to_correct_asks_and_avbryt_keeps_the_window(
    qtbot: QtBot,
    plan_id: int,
    window: MainWindow,
    user: User,
    dialogs: Dialogs,
    db: Database,
) -> None:
    user.activate(window)
    window.show_page(window.stack.indexOf(window.plan_page))
    page = window.plan_page
    click_row(qtbot, page, FIRST)
    form = page.panel.activity_form
    form.title.setFocus()
    user.retype(form.title, "")  # an activity must have a title
    # Another page: asked once it shows; Avbryt comes back to the plan with the text.
    dialogs.expect(lambda box: click(box, "Avbryt"))
    window.show_page(window.stack.indexOf(window.members_page))
    dialogs.wait(qtbot)
    dialogs.check()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert window.sidebar.currentRow() == window.stack.indexOf(page)
    assert form.title.toPlainText() == "" and form.state_label.text() == "Inte sparat"
    dialogs.expect(lambda box: click(box, "Avbryt"))
    assert not window.close()
    dialogs.check()
    assert form.findChild(QLabel, "error_title").text() == "Aktivitet måste fyllas i."
    assert stored(db, plan_id, FIRST).title == FIRST
    dialogs.expect(lambda box: click(box, "&Förkasta"))
    assert window.close()
    dialogs.check()


def test_an_area_saves_as_typed_and_keeps_an_empty_title_unsaved(
    qtbot: QtBot, plan_page: PlanPage, user: User, db: Database, plan_id: int
) -> None:
    click_row(qtbot, plan_page, "2 Ökad kontinuitet")
    form = plan_page.panel.area_form
    user.retype(form.number, "3")
    user.retype(form.title, "")
    qtbot.waitUntil(lambda: form.state_label.text() == "Inte sparat", timeout=3000)
    (area,) = plan_items.load_tree(db, plan_id).areas
    assert (area.number, area.title) == ("3", "Ökad kontinuitet")
    assert form.findChild(QLabel, "error_title").text() == "Rubrik måste fyllas i."
    user.type(form.title, "Kontinuitet")
    qtbot.waitUntil(lambda: form.state_label.text() == "Sparat", timeout=3000)
    (area,) = plan_items.load_tree(db, plan_id).areas
    assert area.title == "Kontinuitet"
    assert "3 Kontinuitet" in index_of(plan_page, "3 Kontinuitet").data()
    plan_page.undo_stack.undo()
    plan_page.undo_stack.undo()
    (area,) = plan_items.load_tree(db, plan_id).areas
    assert (area.number, area.title) == ("2", "Ökad kontinuitet")


def test_text_typed_before_a_crash_comes_back_from_the_drafts(
    qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User
) -> None:
    first = QUndoStack()
    page = PlanPage(db, group.id, first)
    qtbot.addWidget(page)
    user.activate(page)
    click_row(qtbot, page, FIRST)
    page.panel.activity_form.description.setFocus()
    user.type(page.panel.activity_form.description, "Skrivet före kraschen")
    draft = plan_drafts(target_of(db)).get(
        "plan_activity", stored(db, plan_id, FIRST).id, "description"
    )
    assert draft is not None and draft.text == "Skrivet före kraschen"
    # The app dies within the pause: nothing more of this page runs.
    page.panel.activity_form._timer.stop()
    page.panel.activity_form.pending = False
    page.close()
    assert stored(db, plan_id, FIRST).description == ""

    again = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(again)
    user.activate(again)
    click_row(qtbot, again, FIRST)
    form = again.panel.activity_form
    assert form.description.toPlainText() == "Skrivet före kraschen"
    assert form.state_label.text().startswith("Återställd osparad text")
    qtbot.waitUntil(lambda: form.state_label.text() == "Sparat", timeout=3000)
    assert stored(db, plan_id, FIRST).description == "Skrivet före kraschen"


@pytest.mark.sqlite_only("only a file is opened read-only; a server's read-only role is #16.5")
def test_a_read_only_database_shows_the_fields_without_letting_them_change(
    qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User
) -> None:
    reader = open_database(target_of(db), read_only=True)
    page = PlanPage(reader, group.id, QUndoStack())
    qtbot.addWidget(page)
    user.activate(page)
    click_row(qtbot, page, FIRST)
    form = page.panel.activity_form
    assert form.title.toPlainText() == FIRST
    form.description.setFocus()
    user.type(form.description, "Går inte")
    assert form.description.toPlainText() == ""
    assert not form.status.isEnabled() and not form.override.isEnabled()
    click_row(qtbot, page, SECOND)  # nothing to save, nothing asked
    assert form.title.toPlainText() == SECOND
    reader.engine.dispose()
