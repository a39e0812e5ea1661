"""A long table is given to its view a batch at a time: the page shows its first screenful
without drawing every row's cells, and every row is still reached by scrolling or by id."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from naravard_desktop.ui.table_model import ColumnSpec, RowTableModel


@dataclass(frozen=True)
class Line:
    id: int
    text: str


COLUMNS: list[ColumnSpec[Line]] = [ColumnSpec(lambda: "Text", lambda line: line.text)]
LINES = [Line(n, f"rad {n}") for n in range(1, 251)]


def _model(batch: int | None) -> RowTableModel[Line]:
    model: RowTableModel[Line] = RowTableModel(COLUMNS, lambda line: line.id, batch=batch)
    model.set_rows(LINES)
    return model


def test_a_batch_at_a_time_until_all_rows_are_given() -> None:
    model = _model(100)
    assert model.rowCount() == 100
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 200
    model.fetchMore()
    assert model.rowCount() == 250
    assert not model.canFetchMore()
    assert model.rows() == LINES  # every row held from the start


def test_a_row_asked_for_by_id_is_given_to_the_view() -> None:
    model = _model(100)
    number = model.row_for(240)
    assert number == 239
    assert model.rowCount() == 240
    assert model.index(239, 0).data() == "rad 240"
    assert model.row_for(9999) is None


def test_new_rows_start_again_from_one_batch() -> None:
    model = _model(100)
    model.fetchMore()
    model.set_rows(LINES[:150])
    assert model.rowCount() == 100


def test_without_a_batch_every_row_is_given_at_once() -> None:
    model = _model(None)
    assert model.rowCount() == 250
    assert not model.canFetchMore()


def test_the_view_asks_for_more_as_it_scrolls_to_the_end(qtbot: QtBot) -> None:
    model = _model(100)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 100
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.rowCount() == 200)
