"""The SIP page as a user sees it after issue 10: an error about a cell goes away once the
cell is fixed, and the analysis compares like with like (a part year with the same months of
last year, said in the heads), its chart saying which year is not complete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.services import sip_counts, sip_periods
from naravard_desktop.services.database import Database
from naravard_desktop.services.groups import GroupData
from naravard_desktop.ui.sip.page import SipPage


@pytest.fixture
def entry_page(qtbot: QtBot, db: Database, group: GroupData) -> SipPage:
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


def type_in_cell(page: SipPage, row: int, column: int, text: str) -> None:
    """Go to the cell, type as a user does and press Enter."""
    page.grid.setFocus()
    page.grid.move_to(row, column)
    for char in text:
        QTest.keyClick(focused(), char)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on Enter through a queued call


def stored(db: Database, page: SipPage) -> list[int]:
    assert page.model.period is not None
    return list(sip_counts.load_counts(db, page.model.period.id).values.values())


def test_the_error_goes_away_when_the_cell_is_fixed(db: Database, entry_page: SipPage) -> None:
    type_in_cell(entry_page, 0, 0, "x")
    assert "”x” är inte ett tal" in entry_page.message.text()
    type_in_cell(entry_page, 0, 0, "3")
    assert stored(db, entry_page) == [3]
    assert entry_page.message.text() == ""


def test_the_error_stays_while_another_cell_still_holds_bad_text(
    db: Database, entry_page: SipPage
) -> None:
    type_in_cell(entry_page, 0, 0, "x")
    type_in_cell(entry_page, 1, 0, "-2")
    type_in_cell(entry_page, 1, 0, "2")  # the second is fixed, the first is not
    assert "”x” är inte ett tal" in entry_page.message.text()
    assert "negativ" not in entry_page.message.text()
    entry_page.grid.move_to(0, 0)
    QTest.keyClick(focused(), Qt.Key.Key_Delete)  # emptying the bad cell drops it too
    assert entry_page.message.text() == ""
    assert stored(db, entry_page) == [2]


def test_undo_of_the_fix_brings_nothing_stale_back(db: Database, entry_page: SipPage) -> None:
    type_in_cell(entry_page, 0, 0, "abc")
    type_in_cell(entry_page, 0, 0, "4")
    assert entry_page.message.text() == ""
    entry_page.undo_stack.undo()
    assert stored(db, entry_page) == []
    assert entry_page.message.text() == ""
