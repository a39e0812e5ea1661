"""Reordering the plan tree with the mouse: real drag-move and drop events sent to the tree's
viewport at the top edge, bottom edge or middle of a row, as a drag would. Activities move
within and between areas, areas among their siblings; each drop is one undo step, and drops
that mean nothing (or are not allowed) change nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan import drag_drop
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import User

Move = Qt.DropAction.MoveAction


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    """Jämtland's five strategies; "1 Ökad delaktighet" holds one activity and the sub-areas
    "a) Första" and "b) Andra", "2 Ökad kontinuitet" three activities."""
    plan = plans.create_plan(
        db, group.id, PlanInput("Lokal plan"), template_key="jamtland-harjedalen"
    )
    areas = plan_items.load_tree(db, plan.id).areas
    plan_items.add_activity(db, areas[0].id, ActivityInput(title="Brukarråd"))
    plan_items.add_area(db, plan.id, AreaInput("Första", number="a)"), areas[0].id)
    plan_items.add_area(db, plan.id, AreaInput("Andra", number="b)"), areas[0].id)
    for title in ("Punktmätning", "Information", "Implementering"):
        plan_items.add_activity(db, areas[1].id, ActivityInput(title=title))
    return plan.id


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    user.activate(widget)
    return widget


def shown(page: PlanPage, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    out: list[str] = []
    parent = parent or QModelIndex()
    for number in range(page.proxy.rowCount(parent)):
        index = page.proxy.index(number, 0, parent)
        out.append("  " * depth + index.data())
        out.extend(shown(page, index, depth + 1))
    return out


def at(page: PlanPage, text: str) -> QModelIndex:
    found = page.proxy.match(
        page.proxy.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        text,
        1,
        Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive,
    )
    assert found, text
    return found[0]


def drag(
    page: PlanPage, source: str, target: str, where: str, mime: QMimeData | None = None
) -> bool:
    """Drag the row `source` to the top edge ("above"), bottom edge ("below") or middle
    ("on") of the row `target`; True if the tree accepted the drop."""
    data = mime or page.proxy.mimeData([at(page, source)])
    rect = page.tree.visualRect(at(page, target))
    y = {"above": rect.top() + 1, "below": rect.bottom() - 1, "on": rect.center().y()}[where]
    point = QPoint(rect.left() + 20, y)
    viewport = page.tree.viewport()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(point, Move, data, buttons, keys))
    hover = QDragMoveEvent(point, Move, data, buttons, keys)
    QApplication.sendEvent(viewport, hover)
    if not hover.isAccepted():  # no drop indicator: releasing the mouse does nothing
        return False
    drop = QDropEvent(QPointF(point), Move, data, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


START = [
    "1 Ökad delaktighet",
    "  Brukarråd",
    "  a) Första",
    "  b) Andra",
    "2 Ökad kontinuitet",
    "  Punktmätning",
    "  Information",
    "  Implementering",
    "3 Ökad tillgänglighet",
    "4 Hälsofrämjande och förebyggande fokus",
    "5 Ökad samordning och samverkan",
]


def test_an_activity_dragged_up_in_its_area_is_one_undo_step(
    plan_page: PlanPage, db: Database, plan_id: int
) -> None:
    assert shown(plan_page) == START
    assert drag(plan_page, "Implementering", "Punktmätning", "above")
    assert shown(plan_page)[5:8] == ["  Implementering", "  Punktmätning", "  Information"]
    tree = plan_items.load_tree(db, plan_id)
    assert [a.title for a in tree.activities_of(tree.areas[3].id)] == [
        "Implementering",
        "Punktmätning",
        "Information",
    ]
    assert plan_page.selected_row().title == "Implementering"  # type: ignore[union-attr]
    assert plan_page.undo_stack.count() == 1
    plan_page.undo_stack.undo()
    assert shown(plan_page) == START
    plan_page.undo_stack.redo()
    assert shown(plan_page)[5] == "  Implementering"


def test_an_activity_dragged_down_below_the_last_one_of_its_area(plan_page: PlanPage) -> None:
    assert drag(plan_page, "Punktmätning", "Implementering", "below")
    assert shown(plan_page)[5:8] == ["  Information", "  Implementering", "  Punktmätning"]


def test_an_activity_dropped_between_the_activities_of_another_area_or_onto_an_area(
    plan_page: PlanPage, db: Database, plan_id: int
) -> None:
    assert drag(plan_page, "Information", "Brukarråd", "above")
    assert shown(plan_page)[:6] == [
        "1 Ökad delaktighet",
        "  Information",
        "  Brukarråd",
        "  a) Första",
        "  b) Andra",
        "2 Ökad kontinuitet",
    ]
    assert drag(plan_page, "Punktmätning", "5 Ökad samordning", "on")
    assert shown(plan_page)[-2:] == ["5 Ökad samordning och samverkan", "  Punktmätning"]
    # Dropped onto a sub-area: it goes there.
    assert drag(plan_page, "Implementering", "a) Första", "on")
    assert "    Implementering" in shown(plan_page)
    assert plan_page.undo_stack.count() == 3
    for _step in range(3):
        plan_page.undo_stack.undo()
    assert shown(plan_page) == START
    assert plans.get_plan(db, plan_id).activities == 4


def test_areas_are_reordered_among_their_siblings(plan_page: PlanPage) -> None:
    assert drag(plan_page, "5 Ökad samordning", "2 Ökad kontinuitet", "above")
    top = [line for line in shown(plan_page) if not line.startswith(" ")]
    assert top == [
        "1 Ökad delaktighet",
        "5 Ökad samordning och samverkan",
        "2 Ökad kontinuitet",
        "3 Ökad tillgänglighet",
        "4 Hälsofrämjande och förebyggande fokus",
    ]
    assert drag(plan_page, "b) Andra", "a) Första", "above")
    assert shown(plan_page)[2:4] == ["  b) Andra", "  a) Första"]
    assert plan_page.undo_stack.count() == 2
    plan_page.undo_stack.undo()
    plan_page.undo_stack.undo()
    assert shown(plan_page) == START


def test_drops_that_are_not_allowed_or_change_nothing_are_refused(
    plan_page: PlanPage, db: Database, plan_id: int
) -> None:
    before = plan_items.load_tree(db, plan_id)
    # An area onto another area, or a sub-area out of its parent.
    assert not drag(plan_page, "3 Ökad tillgänglighet", "2 Ökad kontinuitet", "on")
    assert not drag(plan_page, "a) Första", "2 Ökad kontinuitet", "above")
    # An area among activities, an activity at the top level.
    assert not drag(plan_page, "3 Ökad tillgänglighet", "Information", "above")
    assert not drag(plan_page, "Information", "3 Ökad tillgänglighet", "above")
    # A row dropped where it already is.
    assert not drag(plan_page, "Information", "Punktmätning", "below")
    assert not drag(plan_page, "2 Ökad kontinuitet", "3 Ökad tillgänglighet", "above")
    # A drag from another window (another model, maybe another database).
    foreign = drag_drop.encode(
        "another-window",
        plan_page.model.node(plan_page.proxy.mapToSource(at(plan_page, "Information"))),
    )
    assert not drag(plan_page, "Information", "Brukarråd", "above", foreign)
    assert shown(plan_page) == START
    assert plan_page.undo_stack.count() == 0
    assert plan_items.load_tree(db, plan_id) == before


def test_keyboard_reordering_still_works_next_to_dragging(plan_page: PlanPage, user: User) -> None:
    plan_page.tree.setFocus()
    plan_page.tree.setCurrentIndex(at(plan_page, "Information"))
    user.press(plan_page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert shown(plan_page)[5:7] == ["  Information", "  Punktmätning"]
    assert drag(plan_page, "Information", "Implementering", "below")
    assert shown(plan_page)[5:8] == ["  Punktmätning", "  Implementering", "  Information"]
    assert plan_page.undo_stack.count() == 2
