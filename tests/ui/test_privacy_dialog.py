"""The privacy helpers on their own: the number is selected where it is even after emoji
(Qt counts UTF-16 units), and a row of an imported file is named as the user sees it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from naravard_desktop.ui.privacy import select_first_number, where


def test_the_number_is_selected_after_emoji_and_in_a_line_edit(qtbot: QtBot) -> None:
    box = QPlainTextEdit("🙂🙂 Möte\nom 811218-9876 och 19121212-1212")
    qtbot.addWidget(box)
    assert select_first_number(box)
    assert box.textCursor().selectedText() == "811218-9876"
    line = QLineEdit("👍 Ärende 19121212-1212")
    qtbot.addWidget(line)
    assert select_first_number(line)
    assert line.selectedText() == "19121212-1212"
    assert not select_first_number(QLineEdit("Telefon 0701234567, dnr HSN/156/2021"))


def test_fields_are_named_in_swedish_with_the_row_of_a_file() -> None:
    assert where("notes") == "Anteckningar"
    assert where("description:5") == "Beskrivning (rad 6)"
    assert where("title:0", {"title": "Aktivitet"}) == "Aktivitet (rad 1)"
