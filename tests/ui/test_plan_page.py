"""The plan page as a user works it: add an area and an activity with the keyboard, edit
inline and in the side panel, mark a follow-up at a meeting item, see overdue markers, filter,
reorder, move, delete and undo; the overview page's counts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.overview.page import OverviewPage
from naravard_desktop.ui.plan.dialogs import ActivityDialog, AreaDialog, FollowUpDialog, MoveDialog
from naravard_desktop.ui.plan.model import OVERDUE_ROLE, Column
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(
        db, group.id, PlanInput("Lokal plan 2024–2026"), template_key="jamtland-harjedalen"
    )
    area = plan_items.load_tree(db, plan.id).areas[1]  # Ökad kontinuitet
    for title, schedule in [
        ("Punktmätning av fasta kontakter", "Hösten 2022"),
        ("Information till berörda individer om namngivna fasta kontakter", "Löpande"),
        ("Implementering av överenskommelse", "2099"),
    ]:
        plan_items.add_activity(db, area.id, ActivityInput(title=title, schedule_text=schedule))
    return plan.id


@pytest.fixture
def plan_page(qtbot: QtBot, db: Database, group: GroupData, plan_id: int, user: User) -> PlanPage:
    widget = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    user.activate(widget)
    return widget


def rows(page: PlanPage, parent: QModelIndex | None = None) -> list[str]:
    """Visible titles, depth first, activities indented."""
    out: list[str] = []
    parent = parent or QModelIndex()
    for number in range(page.proxy.rowCount(parent)):
        index = page.proxy.index(number, 0, parent)
        prefix = "  " if parent.isValid() else ""
        out.append(prefix + index.data())
        out.extend(prefix + line for line in rows(page, index))
    return out


def find(page: PlanPage, text: str, column: Column = Column.TITLE) -> QModelIndex:
    matches = page.proxy.match(
        page.proxy.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        text,
        1,
        Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive,
    )
    assert matches, f"{text!r} not shown"
    return matches[0].siblingAtColumn(column)


def press(user: User, page: PlanPage, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A shortcut in the page, after a dialog has closed (the page must be active again)."""
    user.activate(page)
    page.tree.setFocus()
    user.press(page.tree, key, modifier)


def choose(page: PlanPage, text: str) -> None:
    page.tree.setFocus()
    page.tree.setCurrentIndex(find(page, text))


def test_add_an_area_and_an_activity_with_the_keyboard_and_undo(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, plan_id: int
) -> None:
    choose(plan_page, "1 Ökad delaktighet")

    def fill_area(dialog: AreaDialog) -> None:
        assert dialog.under.currentText() == "Top level" or dialog.under.currentIndex() == 0
        user.type(dialog.number, "6")
        user.type(dialog.title, "Barn och unga")
        user.press(dialog.title, Qt.Key.Key_Return)

    dialogs.expect(fill_area)
    user.press(plan_page.tree, Qt.Key.Key_N, Ctrl | Shift)
    dialogs.check()
    assert "6 Barn och unga" in rows(plan_page)
    assert plan_page.selected_row() is not None
    assert plan_page.selected_row().title == "Barn och unga"  # type: ignore[union-attr]

    def fill_activity(dialog: ActivityDialog) -> None:
        user.activate(dialog)
        dialog.title.setFocus()
        user.type(dialog.title, "Säkerställa lokala nätverk för barn och unga")
        user.press(dialog.title, Qt.Key.Key_Tab)
        assert dialog.responsible.hasFocus()
        user.type(dialog.responsible, "Olof Strand")
        user.press(dialog.responsible, Qt.Key.Key_Tab)
        assert dialog.schedule.hasFocus()
        user.type(dialog.schedule, "Våren 2030")
        user.press(dialog.schedule, Qt.Key.Key_Return)

    dialogs.expect(fill_activity)
    press(user, plan_page, Qt.Key.Key_N, Ctrl)
    dialogs.check()
    shown = rows(plan_page)
    assert shown[shown.index("6 Barn och unga") + 1] == (
        "  Säkerställa lokala nätverk för barn och unga"
    )
    due = find(plan_page, "Säkerställa lokala", Column.DUE)
    assert due.data() == "2030-06-30"
    assert plan_page.panel.activity_form.derived.text() == "Tolkas som klart senast 2030-06-30."
    # Undo the activity, then the area.
    plan_page.undo_stack.undo()
    assert not any("Säkerställa" in line for line in rows(plan_page))
    plan_page.undo_stack.undo()
    assert "6 Barn och unga" not in rows(plan_page)
    plan_page.undo_stack.redo()
    plan_page.undo_stack.redo()
    assert "  Säkerställa lokala nätverk för barn och unga" in rows(plan_page)
    assert plans.get_plan(db, plan_id).activities == 4


def test_an_empty_title_keeps_the_dialog_open_with_the_message(
    plan_page: PlanPage, user: User, dialogs: Dialogs
) -> None:
    choose(plan_page, "2 Ökad kontinuitet")
    seen: list[str] = []

    def empty(dialog: ActivityDialog) -> None:
        user.type(dialog.schedule, "Q2 2025")
        dialog.buttons.accepted.emit()
        seen.append(dialog.errors.text("title"))
        assert dialog.isVisible() and dialog.schedule.text() == "Q2 2025"

    dialogs.expect(empty)
    plan_page.add_activity_action.trigger()
    dialogs.check()
    assert seen == ["Aktivitet måste fyllas i."]


def test_overdue_is_marked_with_colour_icon_tooltip_and_filter(
    plan_page: PlanPage, qtbot: QtBot
) -> None:
    late = find(plan_page, "Punktmätning", Column.DUE)
    ongoing = find(plan_page, "Information till berörda", Column.DUE)
    assert late.data() == "2022-12-31" and late.data(OVERDUE_ROLE) is True
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None
    assert late.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "Försenad" in late.data(Qt.ItemDataRole.ToolTipRole)
    assert ongoing.data() == "" and ongoing.data(Qt.ItemDataRole.DecorationRole) is None
    assert plan_page.count_label.text().endswith(", 1 försenad")  # not "1 försenade"
    plan_page.filters.overdue.click()
    assert rows(plan_page) == ["2 Ökad kontinuitet", "  Punktmätning av fasta kontakter"]
    plan_page.filters.overdue.click()
    plan_page.filters.text.setText("namngivna")
    assert rows(plan_page) == [
        "2 Ökad kontinuitet",
        "  Information till berörda individer om namngivna fasta kontakter",
    ]


def test_marking_a_follow_up_at_a_meeting_item_updates_status_history_and_overdue(
    plan_page: PlanPage, user: User, dialogs: Dialogs, db: Database, group: GroupData
) -> None:
    with db.session() as session:
        meeting = Meeting(group_id=group.id, held_on=dt.date(2024, 11, 15))
        session.add_all(
            [meeting, AgendaItem(meeting=meeting, title="Uppföljning av plan", paragraph=16)]
        )
    choose(plan_page, "Punktmätning")
    assert plan_page.panel.activity_form.history.item(0).text() == "Inte uppföljd ännu."

    def fill(dialog: FollowUpDialog) -> None:
        user.retype(dialog.on, "2024-11-15")
        dialog.status.setCurrentIndex(dialog.status.findData(ActivityStatus.DONE.value))
        dialog.progress.setValue(100)
        user.type(dialog.note, "Mätningen är gjord.")
        dialog.item.setCurrentIndex(1)
        dialog.buttons.accepted.emit()

    dialogs.expect(fill)
    user.press(plan_page.tree, Qt.Key.Key_U, Ctrl)
    dialogs.check()
    status = find(plan_page, "Punktmätning", Column.STATUS)
    assert status.data() == "Klar"
    assert find(plan_page, "Punktmätning", Column.PROGRESS).data() == "100 %"
    assert find(plan_page, "Punktmätning", Column.DUE).data(OVERDUE_ROLE) is False
    entry = plan_page.panel.activity_form.history.item(0).text()
    assert entry.startswith("2024-11-15 · Klar · 100 %")
    assert "§ 16 Uppföljning av plan" in entry and "Mätningen är gjord." in entry
    plan_page.undo_stack.undo()
    assert find(plan_page, "Punktmätning", Column.STATUS).data() == "Ej påbörjad"
    assert find(plan_page, "Punktmätning", Column.DUE).data(OVERDUE_ROLE) is True


def test_inline_edit_of_the_schedule_derives_the_due_date_and_undoes(
    plan_page: PlanPage, user: User, qtbot: QtBot
) -> None:
    schedule = find(plan_page, "Punktmätning", Column.SCHEDULE)
    plan_page.tree.setFocus()
    plan_page.tree.setCurrentIndex(schedule)
    user.press(plan_page.tree, Qt.Key.Key_F2)
    editor = plan_page.tree.focusWidget()
    user.retype(editor, "Q2 2099")
    user.press(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: plan_page.undo_stack.count() == 1)
    assert find(plan_page, "Punktmätning", Column.SCHEDULE).data() == "Q2 2099"
    assert find(plan_page, "Punktmätning", Column.DUE).data() == "2099-06-30"
    plan_page.undo_stack.undo()
    assert find(plan_page, "Punktmätning", Column.SCHEDULE).data() == "Hösten 2022"


def test_side_panel_saves_with_ctrl_return_and_overrides_the_due_date(
    plan_page: PlanPage, user: User
) -> None:
    choose(plan_page, "Information till berörda")
    form = plan_page.panel.activity_form
    assert form.derived.text() == "Löpande: ”Klart senast” lämnas tomt."
    form.override.setChecked(True)
    user.retype(form.due, "2025-06-30")
    user.retype(form.responsible, "Respektive verksamhet, Maja Fors")
    user.press(form.responsible, Qt.Key.Key_Return, Ctrl)
    assert find(plan_page, "Information till berörda", Column.DUE).data() == "2025-06-30 ✎"
    assert find(plan_page, "Information till berörda", Column.RESPONSIBLE).data() == (
        "Respektive verksamhet, Maja Fors"
    )
    assert find(plan_page, "Information till berörda", Column.SCHEDULE).data() == "Löpande"


def test_reorder_move_to_another_area_and_delete_with_confirmation(
    plan_page: PlanPage, user: User, dialogs: Dialogs, boxes: Boxes
) -> None:
    choose(plan_page, "Implementering")
    user.press(plan_page.tree, Qt.Key.Key_Up, Alt)
    activities = [r.strip() for r in rows(plan_page) if r.startswith("  ")]
    assert activities[:2] == [
        "Punktmätning av fasta kontakter",
        "Implementering av överenskommelse",
    ]

    def move(dialog: MoveDialog) -> None:
        dialog.area.setCurrentIndex(dialog.area.findText("5 Ökad samordning och samverkan"))
        dialog.buttons.accepted.emit()

    dialogs.expect(move)
    user.press(plan_page.tree, Qt.Key.Key_M, Ctrl)
    dialogs.check()
    shown = rows(plan_page)
    assert shown[-1] == "  Implementering av överenskommelse"
    assert shown[-2] == "5 Ökad samordning och samverkan"
    plan_page.undo_stack.undo()
    assert rows(plan_page)[-1] == "5 Ökad samordning och samverkan"

    choose(plan_page, "2 Ökad kontinuitet")
    boxes.answer(QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    press(user, plan_page, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert "3 aktiviteter" in boxes.take("question").text
    assert "2 Ökad kontinuitet" in rows(plan_page)
    user.press(plan_page.tree, Qt.Key.Key_Delete)
    boxes.take("question")
    assert "2 Ökad kontinuitet" not in rows(plan_page)
    plan_page.undo_stack.undo()
    assert "  Punktmätning av fasta kontakter" in rows(plan_page)


def test_overview_counts_statuses_and_lists_overdue(
    qtbot: QtBot, db: Database, group: GroupData, plan_id: int
) -> None:
    area = plan_items.load_tree(db, plan_id).areas[0]
    plan_items.add_activity(
        db,
        area.id,
        ActivityInput(title="Klar sak", schedule_text="2021", status=ActivityStatus.DONE),
    )
    page = OverviewPage(db, group.id)
    qtbot.addWidget(page)
    page.refresh(dt.date(2025, 3, 1))
    assert "Ej påbörjad: 3" in page.plan_card.summary.text()
    assert "Klar: 1" in page.plan_card.summary.text()
    entries = page.activity_list
    assert entries.topLevelItemCount() == 1
    assert entries.topLevelItem(0).text(0) == "Punktmätning av fasta kontakter"
    title = plans.get_plan(db, plan_id).title
    assert page.activities_card.summary.text() == f"1 aktivitet i {title} är försenad."
    assert page.next_meeting.summary.text() == "Inget möte planerat."
    requested: list[tuple[int, int]] = []
    page.activity_requested.connect(lambda p, a: requested.append((p, a)))
    entries.setCurrentItem(entries.topLevelItem(0))
    qtbot.keyClick(entries, Qt.Key.Key_Return)
    assert requested and requested[0][0] == plan_id


def test_areas_rename_inline(
    plan_page: PlanPage, user: User, db: Database, plan_id: int, qtbot: QtBot
) -> None:
    area = find(plan_page, "4 Hälsofrämjande")
    plan_page.tree.setFocus()
    plan_page.tree.setCurrentIndex(area)
    user.press(plan_page.tree, Qt.Key.Key_F2)
    editor = plan_page.tree.focusWidget()
    user.retype(editor, "Hälsofrämjande fokus")
    user.press(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: plan_page.undo_stack.count() == 1)
    assert "4 Hälsofrämjande fokus" in rows(plan_page)
    assert plan_items.load_tree(db, plan_id).areas[3].title == "Hälsofrämjande fokus"
    added = plan_items.add_area(db, plan_id, AreaInput("Extra"))
    plan_page.reload()
    assert rows(plan_page)[-1] == added.label
