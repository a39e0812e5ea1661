"""Small things seen walking the secretary's day under Xvfb in both languages (issue 10):
each test drives the real widget the way the walk did and checks what was seen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.members.model import Column
from naravard_desktop.ui.members.page import MembersPage
from naravard_desktop.ui.sip.page import SipPage


@pytest.mark.demo(dt.date(2026, 11, 30))
def test_sip_analysis_choices_are_as_wide_as_their_text(
    qtbot: QtBot, db: Database, demo_group: GroupData, language: str
) -> None:
    """The year, indicator and unit fields ran across the whole page (a 1 100 px box for
    '2026'); they are as wide as what they show, and nothing in them is cut."""
    page = SipPage(db, demo_group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1176, 700)  # the page's room in a 1366 px window beside the sidebar
    page.show()
    page.tabs.setCurrentWidget(page.analysis)
    qtbot.waitExposed(page)
    qtbot.wait(50)
    tab = page.analysis
    assert tab.year.width() < 200
    for box in (tab.indicator, tab.unit):
        longest = max(
            box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count())
        )
        assert box.width() > longest + 20, box.objectName()
        assert box.width() < tab.width() // 2, box.objectName()


@pytest.mark.demo(dt.date(2026, 11, 30))
def test_members_e_mail_addresses_are_whole(
    qtbot: QtBot, db: Database, demo_group: GroupData, language: str
) -> None:
    """'elin.dahl@regionmittland.exa…' beside a half-empty Organisation column at 1366 px: a
    cut address is of no use, so the e-mail column is as wide as the longest address."""
    page = MembersPage(db, demo_group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    metrics = table.fontMetrics()
    for row in range(page.proxy.rowCount()):
        for column in (Column.EMAIL, Column.ORGANISATION):
            text = str(page.proxy.index(row, column).data())
            assert metrics.horizontalAdvance(text) + 8 <= table.columnWidth(column), text
