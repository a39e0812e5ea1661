"""The import preview says what it understood of a real plan (seed 002's layout) and lets the
user correct the two likeliest misreadings with the keyboard before anything is written:
lists in a cell split or not, and a row read as an activity instead of a heading."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.import_dialog import ImportDialog
from tests.unit import plan_layout_files as files

if TYPE_CHECKING:
    from tests.ui.conftest import User


def shown(tree: QTreeWidget) -> list[str]:
    """Every row of the tree, indented by depth, first column only."""
    lines: list[str] = []

    def walk(item: QTreeWidgetItem, depth: int) -> None:
        lines.append("  " * depth + item.text(0))
        for number in range(item.childCount()):
            child = item.child(number)
            assert child is not None
            walk(child, depth + 1)

    for number in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(number)
        assert top is not None
        walk(top, 0)
    return lines


def alt(dialog: ImportDialog, key: Qt.Key) -> None:
    """A mnemonic, typed where the focus is."""
    focus = QApplication.focusWidget() or dialog
    QTest.keyClick(focus, key, Qt.KeyboardModifier.AltModifier)


def areas(tree: QTreeWidget) -> list[str]:
    return [line for line in shown(tree) if "(" in line and "aktivitet" in line]


def test_the_preview_shows_the_tree_and_takes_corrections_from_the_keyboard(
    qtbot: QtBot, db: Database, group: GroupData, user: User, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ImportDialog(db, group.id, files.skane_xlsx(tmp_path / "Skåne.xlsx"), parent)
    user.activate(dialog)
    summary = dialog.findChild(QLabel, "import_summary").text()
    assert f"Rubrik: {files.S_TITLE} (rad 3)" in summary
    assert areas(dialog.content) == [
        "1 Personcentrerat arbets-och förhållningssätt (2 delområden, 0 aktiviteter)",
        "  a) Patientkontrakt och Samordnad individuell plan, SIP (3 aktiviteter)",
        "  c) Etablera en jämlik läkarmedverkan på primärvårdsnivå för den kommunala "
        "hälso-och sjukvården (3 aktiviteter)",
        "2 Förebyggande och hälsofrämjande insatser (1 delområde, 0 aktiviteter)",
        "  a) Förebyggande och hälsofrämjande insatser (3 aktiviteter)",
        "3 Kompetenssamverkan (1 delområde, 0 aktiviteter)",
        "  b) Kompetensplattform (1 aktivitet)",
        "4 Gemensamma digitala lösningar (2 aktiviteter)",
        "6 Rehabilitering (1 aktivitet)",
    ]
    assert [dialog.skipped.topLevelItem(0).text(c) for c in (0, 1)] == [  # type: ignore[union-attr]
        "rad 1–2",
        "text ovanför tabellen",
    ]
    assert dialog.bullets.isChecked() and dialog.bullets.text() == "En aktivitet per rad i &listor"

    # Alt+L: each list stays one activity.
    alt(dialog, Qt.Key.Key_L)  # a mnemonic clicks a moment later, as a user sees it
    qtbot.waitUntil(lambda: areas(dialog.content)[1].endswith("SIP (1 aktivitet)"))
    assert not dialog.bullets.isChecked()
    alt(dialog, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: areas(dialog.content)[1].endswith("SIP (3 aktiviteter)"))

    # Down the tree to "b) Kompetensplattform", then Alt+A: read that row as an activity.
    dialog.content.setFocus()
    user.press(dialog.content, Qt.Key.Key_Home)
    while not dialog.content.currentItem().text(0).startswith("b) Kompetensplattform"):  # type: ignore[union-attr]
        user.press(dialog.content, Qt.Key.Key_Down)
    assert not dialog.as_heading.isEnabled()
    alt(dialog, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: "3 Kompetenssamverkan (2 aktiviteter)" in shown(dialog.content))
    assert dialog.content.currentItem().text(0) == "b) Kompetensplattform"  # type: ignore[union-attr]
    assert dialog.as_heading.isEnabled()  # and back with Alt+U, if that was wrong

    user.press(dialog.title, Qt.Key.Key_Return)
    assert dialog.created is not None
    tree = plan_items.load_tree(db, dialog.created.id)
    area_three = next(a for a in tree.areas if a.number == "3")
    assert [a.title for a in tree.activities_of(area_three.id)] == [
        "b) Kompetensplattform",
        files.S_3B,
    ]
    assert plans.get_plan(db, dialog.created.id).title == files.S_TITLE


def test_a_workbook_with_one_sheet_per_strategy_or_the_sheet_the_user_chooses(
    qtbot: QtBot, db: Database, group: GroupData, user: User, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    path = files.primary_care_sheets(tmp_path / "Gemensam plan.xlsx")
    dialog = ImportDialog(db, group.id, path, parent)
    user.activate(dialog)
    summary = dialog.findChild(QLabel, "import_summary")
    assert summary.text().startswith("4 blad, ett område per blad: 4 områden och 7 aktiviteter.")
    assert areas(dialog.content)[:2] == [
        "Ökad delaktighet (3 aktiviteter)",
        "Ökad kontinuitet (2 aktiviteter)",
    ]
    alt(dialog, Qt.Key.Key_B)  # Blad
    assert dialog.sheet_choice.hasFocus()
    user.press(dialog.sheet_choice, Qt.Key.Key_Down)
    user.press(dialog.sheet_choice, Qt.Key.Key_Down)
    assert summary.text().startswith("Bladet ”Ökad kontinuitet”: 1 område och 2 aktiviteter.")
    assert areas(dialog.content) == ["Aktiviteter (2 aktiviteter)"]
