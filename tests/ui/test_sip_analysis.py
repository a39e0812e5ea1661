"""The SIP page's analysis tab (sums, change against last year, trend chart copied and saved
as PNG) and its export and import, with file dialogs answered by the test."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.sip.page import SipPage
from naravard_desktop.ui.sip.transfer import ExportDialog

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs

Button = QMessageBox.StandardButton


@pytest.fixture
def filled(db: Database, group: GroupData) -> dict[str, int]:
    """Held meetings in Q1 and Q2 of 2023 and 2024, in the first column."""
    setup = sip_setup.get_setup(db, group.id)
    ids = {i.code: i.id for i in setup.indicators}
    unit, target = setup.columns()[0]
    for year, counts in ((2023, (4, 6)), (2024, (5, 9))):
        for number, held in enumerate(counts, start=1):
            period = sip_periods.create_period(db, group.id, year, number)
            sip_counts.save_counts(
                db, period.id, {(ids["held"], unit.id, target.id): held}, period.version
            )
    return ids


@pytest.fixture
def sip_page(qtbot: QtBot, db: Database, group: GroupData, filled: dict[str, int]) -> SipPage:
    widget = SipPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_analysis_sums_per_quarter_and_year_with_the_change(sip_page: SipPage) -> None:
    sip_page.tabs.setCurrentWidget(sip_page.analysis)
    tab = sip_page.analysis
    assert tab.year.value() == 2024  # the year of the period shown
    model = tab.table_model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # only the first half of each year is entered: the heads say which months are compared
    assert heads == ["K1 2024", "K2 2024", "Jan–jun 2024", "Jan–jun 2023", "Förändring"]
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    row = names.index("Genomförda SIP-möten")
    assert [model.item(row, c).text() for c in range(5)] == ["5", "9", "14", "10", "+4 (+40 %)"]
    assert model.item(row, 1).toolTip() == "Samma period förra året: 6 (+3 (+50 %))"


def test_trend_chart_per_indicator_and_unit(sip_page: SipPage) -> None:
    sip_page.tabs.setCurrentWidget(sip_page.analysis)
    tab = sip_page.analysis
    tab.indicator.setCurrentIndex(tab.indicator.findText("Genomförda SIP-möten"))
    assert tab.points() == [("K1 2023", 4), ("K2 2023", 6), ("K1 2024", 5), ("K2 2024", 9)]
    assert [(p.x(), p.y()) for p in tab.series.points()] == [(0, 4), (1, 6), (2, 5), (3, 9)]
    assert tab.chart.title() == "Genomförda SIP-möten – Alla enheter"
    tab.unit.setCurrentIndex(tab.unit.findText("Regionen"))
    assert tab.points() == [
        ("K1 2023", None),
        ("K2 2023", None),
        ("K1 2024", None),
        ("K2 2024", None),
    ]


def test_chart_is_copied_and_saved_as_png(sip_page: SipPage, boxes: Boxes, tmp_path: Path) -> None:
    sip_page.tabs.setCurrentWidget(sip_page.analysis)
    tab = sip_page.analysis
    tab.copy_chart()
    assert not QGuiApplication.clipboard().pixmap().isNull()
    boxes.answer(str(tmp_path / "trend"))
    tab.save_chart()
    boxes.take("getSaveFileName")
    image = QImage(str(tmp_path / "trend.png"))
    assert not image.isNull() and image.width() > 200


def test_export_then_import_from_the_page(
    sip_page: SipPage, db: Database, dialogs: Dialogs, boxes: Boxes, tmp_path: Path
) -> None:
    def choose_csv(dialog: ExportDialog) -> None:
        dialog.format.setCurrentIndex(1)
        dialog.accept()

    confirmed: list[str] = []
    dialogs.expect(choose_csv)
    dialogs.expect(lambda box: confirmed.append(box.informativeText()))  # Öppna, Visa i mappen
    target = tmp_path / "sip-2024.csv"
    boxes.answer(str(target))
    sip_page.export_action.trigger()
    boxes.take("getSaveFileName")
    assert confirmed == [f"sip-2024.csv\nI mappen {tmp_path}"]
    assert "Genomförda SIP-möten" in target.read_bytes().decode("cp1252")

    # change a count, then import the file: the preview says what changes, then it is saved
    period = sip_periods.list_periods(db, sip_page.group_id)[-1]
    key = next(iter(sip_counts.load_counts(db, period.id).values))
    sip_counts.save_counts(db, period.id, {key: 1}, period.version)
    boxes.answer(str(target), Button.Yes)
    sip_page.import_action.trigger()
    boxes.take("getOpenFileName")
    question = boxes.take("question").text
    assert "Kvartal 2 2024 (befintlig period): 1 cell ändras" in question
    assert sip_counts.load_counts(db, period.id).values[key] == 9


def test_an_import_with_problems_saves_nothing_and_lists_them(
    sip_page: SipPage, boxes: Boxes, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Period;Från;Till;Indikator;Kod;Enhet;Målgrupp;Antal\n"
        "x;2024-01-01;2024-03-31;Okänt mått;;Kommunen;Vuxna;3\n",
        encoding="utf-8",
    )
    boxes.answer(str(bad))
    sip_page.import_action.trigger()
    boxes.take("getOpenFileName")
    warning = boxes.take("warning").text
    assert "Inget importerades" in warning
    assert "rad 2, kolumn D: okänd indikator ”Okänt mått”" in warning


def test_settings_add_an_indicator_and_hide_a_unit_without_losing_counts(
    sip_page: SipPage, db: Database, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from naravard_desktop.ui.sip.setup_dialog import SipSetupDialog

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_args, **_kw: ("SIP via video", True))
    )
    stored_before = {
        p.id: sip_counts.load_counts(db, p.id).values
        for p in sip_periods.list_periods(db, sip_page.group_id)
    }

    def change(dialog: SipSetupDialog) -> None:
        dialog.add_indicator()
        regionen = dialog.units.findItems("Regionen", Qt.MatchFlag.MatchExactly)[0]
        dialog.units.setCurrentItem(regionen)
        dialog.toggle_category(dialog.units)
        assert dialog.units.item(1).text() == "Regionen (dold)"
        dialog.threshold.setValue(3)
        dialog.accept()

    dialogs.expect(change)
    sip_page.settings_action.trigger()
    names = [i.name for i in sip_page.model.indicators]
    assert names[-1] == "SIP via video"
    heads = [
        sip_page.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(sip_page.model.columnCount())
    ]
    assert heads == ["Kommunen\nBarn och unga", "Kommunen\nVuxna", "Kommunen\nÄldre", "Totalt"]
    assert sip_page.setup.suppress_below == 3
    for period_id, values in stored_before.items():
        assert sip_counts.load_counts(db, period_id).values == values


def test_hiding_small_numbers_hides_them_in_the_table_and_the_chart_and_says_so(
    sip_page: SipPage, qtbot: QtBot
) -> None:
    sip_page.tabs.setCurrentWidget(sip_page.analysis)
    tab = sip_page.analysis
    tab.indicator.setCurrentIndex(tab.indicator.findText("Genomförda SIP-möten"))
    assert dict(tab.points())["K1 2023"] == 4
    assert not tab.suppression_note.isVisible()
    qtbot.mouseClick(tab.hide_small, Qt.MouseButton.LeftButton)
    assert tab.hide_small.isChecked()
    note = tab.suppression_note.text()
    assert note.startswith("Värden under 5 visas inte (..), men nollor visas.")
    assert tab.suppression_note.isVisible()

    def row_of(year: int) -> dict[str, str]:
        tab.year.setValue(year)
        model = tab.table_model
        names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
        row = names.index("Genomförda SIP-möten")
        heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        return {h: model.item(row, c).text() for c, h in enumerate(heads) if h}

    points = dict(tab.points())
    assert points["K1 2023"] is None  # 4: a gap in the line
    this_year, last_year = row_of(2024), row_of(2023)
    assert last_year["K1 2023"] == ".."
    # K1 2023 is not the sum of January–June 2023 less its second quarter, wherever shown
    totals = [last_year["Jan–jun 2023"], this_year["Jan–jun 2023"]]
    second = [last_year["K2 2023"], "" if points["K2 2023"] is None else str(points["K2 2023"])]
    assert not (any(t.isdigit() for t in totals) and any(s.isdigit() for s in second))
    if ".." in (this_year["Jan–jun 2023"], this_year["Jan–jun 2024"]):
        assert this_year["Förändring"] == ""
    # the chart draws what the table shows
    assert [p.x() for p in tab.series.points()] == [
        n for n, (_label, value) in enumerate(tab.points()) if value is not None
    ]

    qtbot.mouseClick(tab.hide_small, Qt.MouseButton.LeftButton)
    assert dict(tab.points())["K1 2023"] == 4
    assert row_of(2023)["K1 2023"] == "4"
    assert not tab.suppression_note.isVisible()
