"""The SIP entry grid, driven with the keyboard: typing, Enter/Tab, Delete, paste from Excel,
undo and redo, rule warnings, bad input kept and explained, closed periods."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.sip import sip_counts, sip_periods
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.sip.page import SipPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes

Button = QMessageBox.StandardButton

Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def sip_page(qtbot: QtBot, db: Database, group: GroupData) -> SipPage:
    sip_periods.create_period(db, group.id, 2024, 1)
    widget = SipPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grid.setFocus()
    widget.grid.move_to(0, 0)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(text: str) -> None:
    for char in text:
        QTest.keyClick(focused(), char)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)
    QApplication.processEvents()  # the delegate commits on Enter through a queued call


def stored(db: Database, page: SipPage) -> dict[tuple[int, int], int]:
    """The saved counts as (row, column) of the grid."""
    assert page.model.period is not None
    values = sip_counts.load_counts(db, page.model.period.id).values
    found = {}
    for r in range(page.model.rowCount()):
        for c in range(page.model.columnCount() - 1):
            key = page.model.key(r, c)
            if key in values:
                found[(r, c)] = values[key]
    return found


def shown(page: SipPage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


def test_typing_saves_and_enter_moves_down_tab_moves_right(db: Database, sip_page: SipPage) -> None:
    type_text("7")
    press(Qt.Key.Key_Return)
    assert sip_page.grid.currentIndex().row() == 1
    type_text("4")
    press(Qt.Key.Key_Tab)
    assert (sip_page.grid.currentIndex().row(), sip_page.grid.currentIndex().column()) == (1, 1)
    type_text("3")
    press(Qt.Key.Key_Return)
    assert stored(db, sip_page) == {(0, 0): 7, (1, 0): 4, (1, 1): 3}
    total = sip_page.model.total_column
    assert shown(sip_page, 1, total) == "7"  # live row total
    assert not sip_page.model.flags(sip_page.model.index(1, total)) & Qt.ItemFlag.ItemIsEditable


def test_bad_input_is_kept_in_red_with_a_swedish_reason_and_not_saved(
    db: Database, sip_page: SipPage
) -> None:
    for text, reason in (
        ("-3", "negativt"),
        ("2,5", "har decimaler. Skriv ett heltal."),
        ("abc", "inte ett tal"),
    ):
        sip_page.grid.move_to(0, 0)
        type_text(text)
        press(Qt.Key.Key_Return)
        assert shown(sip_page, 0, 0) == text
        assert reason in sip_page.message.text()
        assert reason in str(sip_page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    type_text("9" * 9)
    press(Qt.Key.Key_Return)
    assert "för stort" in sip_page.message.text()
    assert stored(db, sip_page) == {}
    sip_page.grid.move_to(0, 0)
    press(Qt.Key.Key_Delete)
    assert shown(sip_page, 0, 0) == ""
    type_text("5")
    press(Qt.Key.Key_Return)
    assert stored(db, sip_page) == {(0, 0): 5}


def test_paste_a_block_from_excel_is_one_undo_step(db: Database, sip_page: SipPage) -> None:
    sip_page.grid.move_to(1, 0)
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    press(Qt.Key.Key_V, Ctrl)
    assert stored(db, sip_page) == {(1, 0): 1, (1, 1): 2, (2, 0): 3, (2, 1): 4}
    assert shown(sip_page, 2, sip_page.model.total_column) == "7"
    sip_page.undo_stack.undo()
    assert stored(db, sip_page) == {}
    assert shown(sip_page, 1, 0) == ""
    sip_page.undo_stack.redo()
    assert stored(db, sip_page) == {(1, 0): 1, (1, 1): 2, (2, 0): 3, (2, 1): 4}
    # Delete on a selection empties it, also as one step
    sip_page.grid.selectAll()
    press(Qt.Key.Key_Delete)
    assert stored(db, sip_page) == {}
    sip_page.undo_stack.undo()
    assert len(stored(db, sip_page)) == 4


def test_a_block_larger_than_the_grid_or_with_text_is_refused_whole(
    db: Database, sip_page: SipPage
) -> None:
    sip_page.grid.move_to(0, 4)
    QGuiApplication.clipboard().setText("1\t2\t3\n4\t5\t6\n")
    press(Qt.Key.Key_V, Ctrl)
    assert sip_page.message.text() == (
        "Inget klistrades in: det kopierade blocket har 2 rader och 3 kolumner, men från den "
        "här cellen finns bara plats för 15 rader och 2 kolumner. Välj en cell längre upp "
        "eller längre till vänster och klistra in igen."
    )
    sip_page.grid.move_to(14, 0)
    QGuiApplication.clipboard().setText("1\n2\n")
    press(Qt.Key.Key_V, Ctrl)
    assert "finns bara plats för 1 rad och " in sip_page.message.text()  # not "1 rader"
    sip_page.grid.move_to(0, 0)
    QGuiApplication.clipboard().setText("1\tx\n-2\t4\n")
    press(Qt.Key.Key_V, Ctrl)
    assert "Rad 1, kolumn 2" in sip_page.message.text()
    assert "Rad 2, kolumn 1" in sip_page.message.text()
    assert stored(db, sip_page) == {}


def test_typing_then_undo_and_redo_restore_the_cell(db: Database, sip_page: SipPage) -> None:
    type_text("6")
    press(Qt.Key.Key_Return)
    sip_page.grid.move_to(0, 0)
    type_text("8")
    press(Qt.Key.Key_Return)
    sip_page.undo_stack.undo()
    assert stored(db, sip_page) == {(0, 0): 6}
    assert shown(sip_page, 0, 0) == "6"
    sip_page.undo_stack.undo()
    assert stored(db, sip_page) == {}
    sip_page.undo_stack.redo()
    sip_page.undo_stack.redo()
    assert shown(sip_page, 0, 0) == "8"


def test_rule_warnings_are_shown_in_the_cell_and_listed(db: Database, sip_page: SipPage) -> None:
    rows = {ind.code: r for r, ind in enumerate(sip_page.model.indicators)}
    sip_page.grid.move_to(rows["held"], 0)
    type_text("3")
    press(Qt.Key.Key_Return)
    sip_page.grid.move_to(rows["followed_up"], 0)
    type_text("5")
    press(Qt.Key.Key_Return)
    assert stored(db, sip_page)[(rows["followed_up"], 0)] == 5  # saved anyway
    message = "Uppföljda SIP (5) är fler än Genomförda SIP-möten (3). Kontrollera antalen."
    assert sip_page.issues.count() == 1
    assert sip_page.issues_label.text() == "1 avvikelse att kontrollera (antalen är sparade):"
    assert sip_page.issues.item(0).text() == f"Kommunen, Barn och unga: {message}"
    tip = sip_page.model.index(rows["held"], 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == message
    sip_page.undo_stack.undo()
    assert sip_page.issues.count() == 0
    assert sip_page.issues_label.text() == "Inga avvikelser under perioden."


def test_a_closed_period_cannot_be_typed_in_and_reopening_asks(
    db: Database, sip_page: SipPage, boxes: Boxes
) -> None:
    type_text("2")
    press(Qt.Key.Key_Return)
    sip_page.close_action.trigger()
    assert "Stängd" in sip_page.state_label.text()
    sip_page.grid.setFocus()
    sip_page.grid.move_to(0, 0)
    type_text("9")
    press(Qt.Key.Key_Return)
    assert stored(db, sip_page) == {(0, 0): 2}
    QGuiApplication.clipboard().setText("5")
    press(Qt.Key.Key_V, Ctrl)
    assert "stängd" in sip_page.message.text()
    boxes.answer(Button.No)
    sip_page.close_action.trigger()
    assert "Öppna" in boxes.take("question").text
    assert sip_page.model.read_only
    boxes.answer(Button.Yes)
    sip_page.close_action.trigger()
    boxes.take("question")
    assert not sip_page.model.read_only
