"""The decision register: every decision with year and text filters, and a full-text search
whose results open the meeting at the item (in the main window)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.decisions import Column, DecisionsPage

if TYPE_CHECKING:
    from tests.ui.conftest import User
    from tests.ui.meetings.conftest import MakeMeeting


@pytest.fixture
def decided(db: Database, make_meeting: MakeMeeting) -> dict[str, int]:
    """Decisions in 2023 and 2024; returns title → item id (and the meetings' ids)."""
    found: dict[str, int] = {}
    for day, title, decision, notes in (
        (dt.date(2023, 11, 8), "Fast vårdkontakt", "Rutinen för fast vårdkontakt fastställs.", ""),
        (dt.date(2024, 3, 14), "SIP-uppföljning", "Lägesrapporten godkänns.", "Elevhälsan deltar."),
        (dt.date(2024, 3, 14), "Lokal plan 2024", "Planen antas.", ""),
    ):
        meeting_id = found.get(str(day)) or make_meeting(day).id
        found[str(day)] = meeting_id
        item = agenda.add_item(db, meeting_id, ItemInput(title=title, notes=notes))
        agenda.save_text(db, item.id, "decision", decision)
        found[title] = item.id
    return found


@pytest.fixture
def register(
    qtbot: QtBot, db: Database, group: GroupData, decided: dict[str, int]
) -> DecisionsPage:
    page = DecisionsPage(db, group.id)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_titles(page: DecisionsPage) -> list[str]:
    model = page.decisions_model
    return [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]


def test_register_lists_and_filters_decisions(
    qtbot: QtBot, register: DecisionsPage, user: User
) -> None:
    assert shown_titles(register) == ["SIP-uppföljning", "Lokal plan 2024", "Fast vårdkontakt"]
    model = register.decisions_model
    assert model.index(0, Column.DATE).data() == "2024-03-14"
    assert model.index(0, Column.PARAGRAPH).data() == "§ 5"
    assert model.index(0, Column.TEXT).data() == "Lägesrapporten godkänns."
    assert register.count_label.text() == "3 beslut"
    assert [register.year.itemText(i) for i in range(register.year.count())] == [
        "Alla år",
        "2024",
        "2023",
    ]
    register.year.setCurrentIndex(2)
    assert shown_titles(register) == ["Fast vårdkontakt"]
    register.year.setCurrentIndex(0)
    user.type(register.filter, "planen")
    qtbot.waitUntil(lambda: shown_titles(register) == ["Lokal plan 2024"])
    assert register.count_label.text() == "1 beslut"


def test_search_result_opens_the_meeting_at_the_item(
    qtbot: QtBot, window: MainWindow, decided: dict[str, int], user: User
) -> None:
    user.activate(window)
    window.show_page(window.stack.indexOf(window.decisions_page))
    page = window.decisions_page
    page.tabs.setCurrentIndex(1)
    user.type(page.search, "elevhälsa")
    user.press(page.search, Qt.Key.Key_Return)
    assert page.hits_model.rowCount() == 1
    assert page.hits_model.index(0, Column.TEXT).data() == "Elevhälsan deltar."
    assert page.hits_table.hasFocus()
    user.press(page.hits_table, Qt.Key.Key_Return)  # activates the selected result
    assert window.stack.currentWidget() is window.meetings_page
    editor = window.meetings_page.editor
    assert window.meetings_page.stack.currentWidget() is editor
    assert editor.agenda.editor.item is not None
    assert editor.agenda.editor.item.id == decided["SIP-uppföljning"]
    assert editor.agenda.editor.notes.toPlainText() == "Elevhälsan deltar."

    window.show_page(window.stack.indexOf(page))
    page.search.clear()
    user.type(page.search, "finnsinte")
    user.press(page.search, Qt.Key.Key_Return)
    assert page.hits_model.rowCount() == 0
    assert page.hits_label.text() == "Inga träffar på ”finnsinte”."
