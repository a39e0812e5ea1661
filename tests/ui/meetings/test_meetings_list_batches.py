"""Ten years of meetings: the list gives its view a batch of rows at a time, and the rows
further down still have their year headings across the table, are reached by scrolling and
are selected when asked for (a meeting just edited, a decision's meeting)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.model import BATCH, Column

YEARS = range(2012, 2024)  # twelve years of six meetings: more rows than one batch


def _page(qtbot: QtBot, db: Database, group: GroupData) -> MeetingsPage:
    stack = QUndoStack()
    page = MeetingsPage(db, group.id, stack)
    stack.setParent(page)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_long_list_is_given_a_batch_at_a_time_with_its_headings(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    made = [
        meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(year, month, 10)))
        for year in YEARS
        for month in (2, 4, 6, 8, 10, 12)
    ]
    page = _page(qtbot, db, group)
    model = page.model
    assert model.rowCount() == BATCH < len(made) + len(YEARS)
    assert page.count_label.text().startswith(f"{len(made)} möten")

    oldest = made[0]  # the list's last row
    page.select(oldest.id)
    selected = page.selected()
    assert selected is not None and selected.id == oldest.id
    assert model.rowCount() == len(made) + len(YEARS)  # every row up to it given

    headings = model.heading_rows()
    assert [model.index(row, Column.DATE).data() for row in headings] == [
        str(year) for year in reversed(YEARS)
    ]
    assert all(page.table.columnSpan(row, Column.DATE) == model.columnCount() for row in headings)


def test_scrolling_to_the_end_gives_the_view_the_next_batch(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    for year in YEARS:
        for month in (3, 9, 11, 12, 1, 5):
            meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(year, month, 3)))
    page = _page(qtbot, db, group)
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: page.model.rowCount() > BATCH)
    later = page.model.heading_rows(BATCH, page.model.rowCount() - 1)
    assert later and all(page.table.columnSpan(row, 0) == page.model.columnCount() for row in later)
