"""A large plan opens on its areas and reads an area's activities when the user opens it;
filters, the selection, the counts and a drop onto a closed area still see every activity.
"Large" is lowered to three activities here (open_areas.OPEN_ALL_UP_TO)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan import drag_drop, open_areas
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import User


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(db, group.id, PlanInput("Stor plan"))
    for area_title, titles in [
        ("Kontinuitet", ["Fasta kontakter", "Punktmätning"]),
        ("Läkemedel", ["Läkemedelsgenomgång", "Dosdispensering", "Uppföljning av listor"]),
    ]:
        area = plan_items.add_area(db, plan.id, AreaInput(area_title))
        for title in titles:
            plan_items.add_activity(db, area.id, ActivityInput(title=title))
    return plan.id


@pytest.fixture
def page(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    plan_id: int,
    user: User,
    monkeypatch: pytest.MonkeyPatch,
) -> PlanPage:
    monkeypatch.setattr(open_areas, "OPEN_ALL_UP_TO", 3)
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    return widget


def area_index(page: PlanPage, title: str) -> QModelIndex:
    for number in range(page.proxy.rowCount()):
        index = page.proxy.index(number, 0)
        if title in index.data():
            return index
    raise AssertionError(f"{title} not shown")


def titles_under(page: PlanPage, area: QModelIndex) -> list[str]:
    return [page.proxy.index(n, 0, area).data() for n in range(page.proxy.rowCount(area))]


def test_a_large_plan_opens_on_its_areas_and_reads_one_when_opened(
    page: PlanPage, qtbot: QtBot
) -> None:
    area = area_index(page, "Läkemedel")
    assert not page.tree.isExpanded(area)
    assert page.proxy.hasChildren(area) and page.proxy.canFetchMore(area)
    assert titles_under(page, area) == []  # not read yet
    assert "5 aktiviteter" in page.count_label.text()  # counted all the same

    page.tree.setFocus()
    page.tree.setCurrentIndex(area)
    QTest.keyClick(page.tree, Qt.Key.Key_Right)  # open it with the keyboard

    assert page.tree.isExpanded(area)
    assert titles_under(page, area) == [
        "Läkemedelsgenomgång",
        "Dosdispensering",
        "Uppföljning av listor",
    ]
    assert titles_under(page, area_index(page, "Kontinuitet")) == []  # still not read


def test_a_filter_finds_activities_in_areas_not_opened(page: PlanPage) -> None:
    page.filters.text.setText("dosdisp")

    area = area_index(page, "Läkemedel")
    assert page.tree.isExpanded(area)
    assert titles_under(page, area) == ["Dosdispensering"]
    assert page.proxy.rowCount() == 1  # Kontinuitet holds no match

    page.filters.text.setText("")
    assert not page.tree.isExpanded(area_index(page, "Läkemedel"))  # closed as it was


def test_opened_areas_stay_open_and_the_selection_stays_after_a_reload(page: PlanPage) -> None:
    page.tree.expand(area_index(page, "Kontinuitet"))
    page.select("activity", _activity_id(page, "Kontinuitet", "Punktmätning"))

    page.reload()

    assert page.tree.isExpanded(area_index(page, "Kontinuitet"))
    assert not page.tree.isExpanded(area_index(page, "Läkemedel"))
    assert page.tree.currentIndex().data() == "Punktmätning"


def test_an_activity_in_an_area_not_opened_is_selected_and_shown(
    page: PlanPage, db: Database, plan_id: int
) -> None:
    tree = plan_items.load_tree(db, plan_id)
    wanted = next(a for a in tree.activities if a.title == "Uppföljning av listor")

    page.select("activity", wanted.id)

    assert page.tree.currentIndex().data() == "Uppföljning av listor"
    assert page.tree.isExpanded(area_index(page, "Läkemedel"))
    assert page.panel.currentWidget() is page.panel.activity_form


def test_a_drop_onto_an_area_not_opened_puts_the_activity_last(page: PlanPage) -> None:
    page.tree.expand(area_index(page, "Kontinuitet"))
    dragged = page.model.node(page.model.index_for("activity", _activity_id(page, "Kontinuitet")))
    closed = page.model.node(page.proxy.mapToSource(area_index(page, "Läkemedel")))
    assert not closed.fetched

    drop = drag_drop.drop_target(dragged, -1, closed)

    assert drop is not None and drop.position == 3


def _activity_id(page: PlanPage, area: str, title: str = "Fasta kontakter") -> int:
    index = area_index(page, area)
    page.tree.expand(index)
    for number in range(page.proxy.rowCount(index)):
        child = page.proxy.index(number, 0, index)
        if child.data() == title:
            row = page.proxy.mapToSource(child).internalPointer().row
            return int(row.id)
    raise AssertionError(title)
