"""The plan's short columns (due date, status, progress) have widths of their own, set from
their widest possible texts instead of measuring every row: every text still shows whole,
the overdue warning and the hand-set mark included, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.model import Column
from naravard_desktop.ui.plan.page import PlanPage


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_short_columns_show_their_widest_texts_whole(
    qtbot: QtBot, db: Database, group: GroupData, language: str
) -> None:
    i18n.set_language(language)
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan"))
    area = plan_items.add_area(db, plan.id, AreaInput("Kontinuitet"))
    for status in ActivityStatus:
        plan_items.add_activity(
            db,
            area.id,
            ActivityInput(
                title=f"Aktivitet {status.value}",
                due_date=dt.date(2000, 10, 30),  # overdue unless closed: the warning shows
                due_date_overridden=True,  # … and the hand-set mark
                status=status,
                progress=100,
            ),
        )
    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)

    for column in (Column.DUE, Column.STATUS, Column.PROGRESS):
        needed = page.tree.sizeHintForColumn(column)  # every row measured, as fitting did
        assert needed <= page.tree.columnWidth(column), column.name
