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

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database
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


def record(
    db: Database,
    group: GroupData,
    year: int,
    number: int,
    held: int,
    kind: PeriodKind | None = None,
) -> None:
    setup = sip_setup.get_setup(db, group.id)
    indicator = next(i.id for i in setup.indicators if i.code == "held")
    unit, target = setup.columns()[0]
    period = sip_periods.create_period(db, group.id, year, number, kind)
    sip_counts.save_counts(db, period.id, {(indicator, unit.id, target.id): held}, period.version)


def analysis_of(qtbot: QtBot, db: Database, group: GroupData) -> SipPage:
    page = SipPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.analysis)
    return page


def table(page: SipPage) -> dict[str, str]:
    """The row of held meetings, by column head."""
    model = page.analysis.table_model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    row = names.index("Genomförda SIP-möten")
    return {head: model.item(row, c).text() for c, head in enumerate(heads)}


def test_a_part_year_is_compared_with_the_same_months_and_says_so(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    """The issue's case: 2026 whole (99 held), 2027 only its first quarter (20)."""
    for number, held in enumerate((25, 24, 26, 24), start=1):
        record(db, group, 2026, number, held)
    record(db, group, 2027, 1, 20)
    page = analysis_of(qtbot, db, group)
    tab = page.analysis
    assert tab.year.value() == 2027
    assert table(page) == {
        "K1 2027": "20",
        "Jan–mar 2027": "20",
        "Jan–mar 2026": "25",
        "Förändring": "−5 (−20 %)",
    }  # it showed "År 2027" 20 against "År 2026" 99: "−79 (−80 %)"
    assert tab.comparison.isVisible()
    assert tab.comparison.text() == (
        "Jan–mar 2027 jämfört med jan–mar 2026: de månader båda åren har värden för."
    )
    tab.year.setValue(2026)  # a year with nothing before it to compare with
    assert table(page)["År 2026"] == "99"
    assert tab.comparison.text() == "Det finns inga värden för 2025 att jämföra med."


def test_whole_years_keep_the_plain_heads_and_no_note(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    for year in (2025, 2026):
        for number in range(1, 5):
            record(db, group, year, number, 10 if year == 2025 else 12)
    page = analysis_of(qtbot, db, group)
    row = table(page)
    assert [row["År 2026"], row["År 2025"], row["Förändring"]] == ["48", "40", "+8 (+20 %)"]
    assert not page.analysis.comparison.isVisible()


def test_the_chart_says_which_quarter_is_not_complete(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    """Months summed into quarters: January 2027 alone is not drawn as if it were K1."""
    for number, held in enumerate((25, 24, 26, 24), start=1):
        record(db, group, 2026, number, held)
    record(db, group, 2027, 1, 8, PeriodKind.MONTH)
    page = analysis_of(qtbot, db, group)
    tab = page.analysis
    tab.indicator.setCurrentIndex(tab.indicator.findText("Genomförda SIP-möten"))
    assert tab.points()[-1] == ("K1 2027 (t.o.m. januari)", 8)
    assert tab.x_axis.categoriesLabels()[-1] == "K1 2027 *"  # the axis has room for little
    assert tab.chart.title().endswith("<small>* K1 2027 (t.o.m. januari)</small>")
    model = tab.table_model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "K1 2027 (t.o.m. januari)"
    assert model.item(0, 0).toolTip() == ""  # no "same period last year": January alone is not K1
