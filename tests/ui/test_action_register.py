"""The Åtgärder page (issue 19, point 2) on the demo: every action item across the meetings,
filtered by status, person, year and text; marked done from the keyboard and undone with
Ctrl+Z (the database changes both ways, a row changed elsewhere is refused); Enter opens the
meeting at the item; Export to Excel writes the rows listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions
from naravard_desktop.services.meetings.read_models import ActionData, ActionStatus
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.action_register import ActionRegisterPage
from naravard_desktop.ui.meetings.action_register_model import Column
from naravard_desktop.ui.meetings.actions import LATE_COLOUR
from naravard_desktop.ui.table_model import ROW_ROLE

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, User

pytestmark = pytest.mark.demo()  # made for today: six of its action items are overdue
Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings) -> MainWindow:
    """The window, left on the Åtgärder page last time (so it opens there)."""
    from naravard_desktop.ui.window_pages import page_titles

    settings.setValue("window/page", [key for key, _title in page_titles()].index("actions"))
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(1200, 700)
    return main


def _page(window: MainWindow) -> ActionRegisterPage:
    page = window.lazy_pages.page("actions")
    assert isinstance(page, ActionRegisterPage)
    assert window.stack.currentWidget() is page
    return page


def _rows(page: ActionRegisterPage) -> list[ActionData]:
    model = page.model
    return [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def _stored(db: Database, row: ActionData) -> ActionData:
    return next(a for a in actions.actions_of_item(db, row.agenda_item_id) if a.id == row.id)


def _choose(combo: object, text: str) -> None:
    index = combo.findText(text)  # type: ignore[attr-defined]
    assert index >= 0, text
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_the_filters_change_the_rows(window: MainWindow, user: User) -> None:
    page = _page(window)
    today = dt.date.today()
    # Open ones first, the oldest due on top: the demo's six, all overdue and shown in red.
    assert page.status.currentText() == "Öppna"
    rows = _rows(page)
    assert len(rows) == 6 and not any(row.done for row in rows)
    assert [row.due_on for row in rows] == sorted(row.due_on for row in rows if row.due_on)
    assert page.count_label.text() == "6 åtgärder, 6 försenade"
    due = page.model.index(0, Column.DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole) == LATE_COLOUR
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Försenad"
    assert page.model.index(0, Column.PARAGRAPH).data() == f"§ {rows[0].paragraph}"
    assert page.table.isColumnHidden(Column.ACTIVITY)  # no action item is linked to the plan

    _choose(page.status, "Alla")
    assert len(_rows(page)) == 12
    assert page.count_label.text() == "12 åtgärder, 6 försenade"
    _choose(page.status, "Klara")
    assert len(_rows(page)) == 6 and all(row.done for row in _rows(page))
    assert page.count_label.text() == "6 åtgärder"

    _choose(page.status, "Alla")
    _choose(page.who, "Karin Vik")
    assert {row.who for row in _rows(page)} == {"Karin Vik"}
    karin = len(_rows(page))
    _choose(page.year, str(today.year))
    assert all(row.meeting_on.year == today.year for row in _rows(page))
    _choose(page.year, "Alla år")
    _choose(page.who, "Alla")
    user.type(page.filter, "kontaktlista")
    assert len(_rows(page)) == karin
    assert {row.what for row in _rows(page)} == {"Ta fram gemensam kontaktlista för hemsjukvården"}
    page.filter.clear()
    _choose(page.status, "Försenade")
    assert len(_rows(page)) == 6
    assert all(row.due_on is not None and row.due_on < today for row in _rows(page))


def test_mark_done_and_undo_write_the_database(
    window: MainWindow, db: Database, user: User
) -> None:
    user.activate(window)
    page = _page(window)
    first = _rows(page)[0]
    page.table.setFocus()
    assert page.selected() == first  # the first row is chosen as the page opens
    assert page.done_action.text() == "Markera som klar"

    user.press(page.table, Qt.Key.Key_D, Ctrl)
    assert _stored(db, first).done
    assert _stored(db, first).done_on == dt.date.today()
    assert first.id not in [row.id for row in _rows(page)]  # no longer open
    assert page.count_label.text() == "5 åtgärder, 5 försenade"
    assert page.selected() == _rows(page)[0]  # the next one, ready for Ctrl+D
    assert window.statusBar().currentMessage().startswith("Markerad som klar: ")

    user.press(page.table, Qt.Key.Key_Z, Ctrl)  # the window's Ångra
    assert not _stored(db, first).done
    assert _stored(db, first).done_on is None
    assert page.selected() is not None and page.selected().id == first.id  # type: ignore[union-attr]
    assert len(_rows(page)) == 6

    window.undo_actions.redo()
    assert _stored(db, first).done

    # Marked open again from the done ones, with Space on its check box.
    _choose(page.status, "Klara")
    row = next(number for number, r in enumerate(_rows(page)) if r.id == first.id)
    page.table.setCurrentIndex(page.model.index(row, Column.DONE))
    assert page.done_action.text() == "Markera som öppen"
    user.press(page.table, Qt.Key.Key_Space)
    assert not _stored(db, first).done


def test_a_row_changed_elsewhere_is_refused(
    window: MainWindow, db: Database, boxes: Boxes, user: User
) -> None:
    page = _page(window)
    shown = _rows(page)[0]
    # Marked done elsewhere (the meeting page, another computer) since the page read it.
    elsewhere = actions.update_action(
        db, shown.id, replace(shown.as_input(), done=True), shown.version
    )
    assert elsewhere.done
    page.table.setFocus()
    page.toggle_selected()  # the page still shows it open: asks to mark it done again
    box = boxes.take("warning")
    assert box.text == "Åtgärden har ändrats på annat håll. Läs in på nytt och försök igen."
    assert _stored(db, shown).version == elsewhere.version  # nothing written over it
    assert shown.id not in [row.id for row in _rows(page)]  # read again: no longer open
    assert window.undo_stack.count() == 0


def test_enter_or_a_double_click_opens_the_meeting_at_the_item(
    qtbot: QtBot, window: MainWindow, user: User
) -> None:
    user.activate(window)
    page = _page(window)
    _choose(page.status, "Alla")
    row = _rows(page)[3]
    page.table.setCurrentIndex(page.model.index(3, Column.WHAT))
    page.table.setFocus()
    user.press(page.table, Qt.Key.Key_Return)
    meetings = window.meetings_page
    assert window.stack.currentWidget() is meetings
    editor = meetings.editor
    assert editor.meeting is not None and editor.meeting.id == row.meeting_id
    assert editor.agenda.editor.item is not None
    assert editor.agenda.editor.item.id == row.agenda_item_id

    # Back, and a double-click on another row.
    window.show_page(window.stack.indexOf(page))
    other = _rows(page)[8]
    rect = page.table.visualRect(page.model.index(8, Column.WHAT))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is meetings
    assert editor.meeting is not None and editor.meeting.id == other.meeting_id
    assert editor.agenda.editor.item is not None
    assert editor.agenda.editor.item.id == other.agenda_item_id


def test_export_to_excel_writes_the_rows_listed(
    window: MainWindow, boxes: Boxes, demo_group: GroupData, tmp_path: Path, user: User
) -> None:
    user.activate(window)
    page = _page(window)
    _choose(page.who, "Maja Fors")
    shown = _rows(page)
    target = tmp_path / "åtgärder"  # the ending is added
    boxes.answer(str(target))
    page.table.setFocus()
    user.press(page.table, Qt.Key.Key_E, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    call = boxes.take("getSaveFileName")
    assert call.title == "Exportera åtgärderna"
    written = target.with_name("åtgärder.xlsx")
    sheet = load_workbook(written).active
    listed = [
        (row[0], row[2].date())
        for row in sheet.iter_rows(min_row=3, max_row=2 + len(shown), values_only=True)
    ]
    assert listed == [(row.what, row.due_on) for row in shown]  # in the order shown
    assert len(shown) > 1 and shown[0].due_on < shown[-1].due_on  # type: ignore[operator]
    assert window.statusBar().currentMessage() == f"Åtgärderna är sparade i {written}"


def test_the_file_name_suggested_names_the_day_and_the_group(
    window: MainWindow, boxes: Boxes, demo_group: GroupData, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    suggested: list[str] = []

    def choose(_parent: object, _title: str, start: str, *_args: object) -> tuple[str, str]:
        suggested.append(Path(start).name)
        return "", ""  # cancelled: nothing written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    page = _page(window)
    page.export_action.trigger()
    assert suggested == [f"Åtgärder {dt.date.today().isoformat()} {demo_group.name}.xlsx"]
    assert page.status.currentData() == ActionStatus.OPEN
