"""The import preview on the plan page, with real XLSX files: a file with a bad row shows
every problem by row and column, cannot be imported and writes nothing; a good file shows
what will be created and, once the user accepts, becomes exactly one plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTreeWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.import_dialog import ImportDialog
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

HEADER = ["Område", "Aktivitet", "Ansvar", "Tidsplan", "Status", "Framsteg"]
GOOD_ROWS: list[list[object]] = [
    HEADER,
    ["1 Ökad delaktighet", None, None, None, None, None],
    [None, "Brukarråd för äldre", "Kommunen", "Hösten 2025", "Pågår", 30],
    [None, "Patientkontrakt i primärvården", "Hälsocentralen", "2026-06-30", "Ej påbörjad", 0],
    ["2 Ökad kontinuitet", None, None, None, None, None],
    [None, "Punktmätning av fasta kontakter", "Fredagsgruppen", "Löpande", "Klar", 100],
]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Handlingsplan"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def tree_lines(tree: QTreeWidget) -> list[list[str]]:
    lines = []
    for number in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(number)
        lines.append([top.text(c) for c in range(tree.columnCount())])
        for child in range(top.childCount()):
            item = top.child(child)
            lines.append(
                ["  " + item.text(0), *(item.text(c) for c in range(1, tree.columnCount()))]
            )
    return lines


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, group: GroupData, user: User) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    return widget


def test_a_file_with_a_bad_row_lists_the_problems_by_row_and_column_and_writes_nothing(
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
    rows[2][5] = "mycket"  # text in the progress column, spreadsheet row 3
    rows[5][4] = "kanske"  # no such status, row 6
    path = write_xlsx(tmp_path / "Handlingsplan 2025.xlsx", rows)
    seen: dict[str, Any] = {}

    def look(dialog: ImportDialog) -> None:
        user.activate(dialog)
        seen["title"] = dialog.windowTitle()
        seen["problems"] = tree_lines(dialog.problems)
        seen["verdict"] = dialog.findChild(QLabel, "import_verdict").text()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["can_import"] = ok.isEnabled()
        user.press(dialog.title, Qt.Key.Key_Return)  # Return must not import either
        seen["still_open"] = dialog.isVisible()

    boxes.answer(str(path))
    dialogs.expect(look)
    plan_page.import_action.trigger()
    dialogs.wait(qtbot)  # the file is read in the background first
    dialogs.check()
    boxes.take("getOpenFileName")
    assert seen["title"] == "Importera Handlingsplan 2025.xlsx"
    assert seen["problems"] == [
        [
            "rad 3, kolumn F",
            "Fel: ”mycket” kan inte läsas som Genomfört (%): skriv ett heltal från 0 till 100.",
        ],
        [
            "rad 6, kolumn E",
            "Fel: ”kanske” är ingen status. Skriv Ej påbörjad, Pågår, Klar, Pausad eller Utgår.",
        ],
    ]
    assert seen["verdict"] == "Problem att rätta i filen före import: 2"
    assert seen["can_import"] is False
    assert seen["still_open"] is True
    assert plans.list_plans(db, group.id) == []
    assert plan_page.plan_choice.count() == 0


def test_a_good_file_previews_its_content_and_becomes_one_plan_when_accepted(
    qtbot: QtBot,
    plan_page: PlanPage,
    user: User,
    dialogs: Dialogs,
    boxes: Boxes,
    db: Database,
    group: GroupData,
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "Handlingsplan 2025.xlsx", GOOD_ROWS)
    seen: dict[str, Any] = {}

    def accept(dialog: ImportDialog) -> None:
        user.activate(dialog)
        seen["content"] = tree_lines(dialog.content)
        seen["problems"] = dialog.problems.topLevelItemCount()
        assert dialog.title.hasFocus()
        user.retype(dialog.title, "Lokal plan 2025")
        user.press(dialog.title, Qt.Key.Key_Return)

    boxes.answer(str(path))
    dialogs.expect(accept)
    plan_page.import_action.trigger()
    dialogs.wait(qtbot)
    dialogs.check()
    boxes.take("getOpenFileName")
    assert seen["content"] == [
        ["1 Ökad delaktighet (2 aktiviteter)", "", ""],
        ["  Brukarråd för äldre", "Kommunen", "Hösten 2025"],
        ["  Patientkontrakt i primärvården", "Hälsocentralen", "2026-06-30"],
        ["2 Ökad kontinuitet (1 aktivitet)", "", ""],
        ["  Punktmätning av fasta kontakter", "Fredagsgruppen", "Löpande"],
    ]
    assert seen["problems"] == 0
    (plan,) = plans.list_plans(db, group.id)
    assert (plan.title, plan.areas, plan.activities) == ("Lokal plan 2025", 2, 3)
    assert plan_page.plan_choice.currentText() == "Lokal plan 2025"
    assert plan_page.model.rowCount() == 2
    tree = plan_items.load_tree(db, plan.id)
    assert [(a.title, a.progress) for a in tree.activities] == [
        ("Brukarråd för äldre", 30),
        ("Patientkontrakt i primärvården", 0),
        ("Punktmätning av fasta kontakter", 100),
    ]
