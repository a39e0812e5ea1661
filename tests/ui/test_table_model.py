"""The shared table model without any widget: what a table built from column specs shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _, use_language
from naravard_desktop.ui.table_model import (
    ID_ROLE,
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    ColumnSpec,
    RowTableModel,
)

Role = Qt.ItemDataRole
RED = QColor("#b00020")


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    minutes: int
    done: bool


COLUMNS: list[ColumnSpec[Task]] = [
    ColumnSpec(lambda: _("Name"), lambda t: t.title, tooltip=lambda t: f"#{t.id}"),
    ColumnSpec(
        lambda: "Min",
        lambda t: str(t.minutes),
        sort_key=lambda t: t.minutes,
        alignment=RIGHT,
        foreground=lambda t: RED if t.minutes > 60 else None,
    ),
    ColumnSpec(lambda: "Klar", lambda t: "", checked=lambda t: t.done),
]
TASKS = [Task(7, "Kallelse", 15, True), Task(9, "Åtgärder", 90, False)]


def model() -> RowTableModel[Task]:
    table = RowTableModel(COLUMNS, lambda t: t.id)
    table.set_rows(TASKS)
    return table


def test_rows_and_columns_come_from_the_rows_and_the_specs() -> None:
    table = model()
    assert (table.rowCount(), table.columnCount()) == (2, 3)
    assert table.rowCount(table.index(0, 0)) == 0  # no children below a row
    assert [table.index(r, 0).data() for r in range(2)] == ["Kallelse", "Åtgärder"]
    assert table.rows() == TASKS
    assert table.row_at(table.index(1, 2)) == TASKS[1]


def test_the_header_follows_the_language() -> None:
    table = model()
    assert table.headerData(0, Qt.Orientation.Horizontal) == "Namn"
    assert table.headerData(1, Qt.Orientation.Horizontal) == "Min"
    assert table.headerData(0, Qt.Orientation.Vertical) is None
    assert table.headerData(3, Qt.Orientation.Horizontal) is None
    with use_language("en"):
        assert table.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_shared_roles_give_the_id_the_row_and_a_sort_key() -> None:
    table = model()
    assert table.index(1, 1).data(ID_ROLE) == 9
    assert table.index(1, 1).data(ROW_ROLE) == TASKS[1]
    assert table.index(1, 1).data(SORT_ROLE) == 90  # the spec's own key
    assert table.index(1, 0).data(SORT_ROLE) == "åtgärder"  # else the text, case folded
    assert table.row_for(9) == 1
    assert table.row_for(8) is None


def test_optional_parts_are_unset_where_a_spec_has_none() -> None:
    table = model()
    assert table.index(0, 0).data(Role.ToolTipRole) == "#7"
    assert table.index(0, 1).data(Role.ToolTipRole) is None
    assert table.index(0, 1).data(Role.TextAlignmentRole) == int(RIGHT)
    assert table.index(0, 0).data(Role.TextAlignmentRole) is None
    assert table.index(1, 1).data(Role.ForegroundRole) == RED
    assert table.index(0, 1).data(Role.ForegroundRole) is None
    assert table.index(0, 0).data(Role.EditRole) is None


def test_a_checked_column_is_a_check_box() -> None:
    table = model()
    assert table.index(0, 2).data(Role.CheckStateRole) == Qt.CheckState.Checked
    assert table.index(1, 2).data(Role.CheckStateRole) == Qt.CheckState.Unchecked
    assert table.index(0, 0).data(Role.CheckStateRole) is None
    assert table.flags(table.index(0, 2)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not table.flags(table.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_a_reload_resets_and_a_replaced_row_is_redrawn(qtbot: QtBot) -> None:
    table = model()
    with qtbot.waitSignal(table.modelReset):
        table.set_rows(TASKS[:1])
    assert table.rowCount() == 1
    fresher = Task(7, "Kallelse skickad", 15, True)
    with qtbot.waitSignal(table.dataChanged) as changed:
        table.replace_row(0, fresher)
    first, last = changed.args[:2]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, 0, 0, 2)
    assert table.index(0, 0).data() == "Kallelse skickad"
