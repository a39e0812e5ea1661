"""Undo respects locks and redo has one key binding: once a protocol is approved (in this
window or elsewhere), the Edit menu no longer offers its steps and undo passes over them to
the steps before, with no error; Ctrl+Shift+Z (and Ctrl+Y) redo from the keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcutEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.documents import meeting_files
from naravard_desktop.i18n import _
from naravard_desktop.services.group import members
from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.plan.read_models import PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.actions import Column as ActionColumn
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.undo import unique_shortcuts
from tests.ui.meetings.conftest import create_meeting

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

Ctrl = Qt.KeyboardModifier.ControlModifier
CtrlShift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DAY = dt.date(2024, 5, 17)


class AmbiguityWatch(QObject):
    """Notes every shortcut event Qt could not tell apart ('Ambiguous shortcut overload')."""

    def __init__(self) -> None:
        super().__init__()
        self.ambiguous: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            assert isinstance(event, QShortcutEvent)
            if event.isAmbiguous():
                self.ambiguous.append(event.key().toString())
        return False


@pytest.fixture
def watch(qapp: QApplication) -> Iterator[AmbiguityWatch]:
    watcher = AmbiguityWatch()
    qapp.installEventFilter(watcher)
    yield watcher
    qapp.removeEventFilter(watcher)


@pytest.fixture
def meeting_window(
    window: MainWindow, db: Database, group: GroupData, roster: dict[str, MemberRow], user: User
) -> tuple[MainWindow, MeetingData]:
    meeting = create_meeting(db, group.id, roster, DAY)
    user.activate(window)
    window.show_page(window.stack.indexOf(window.meetings_page))
    window.meetings_page.open_meeting(meeting.id)
    return window, meeting


def titles(db: Database, meeting_id: int) -> list[str]:
    return [i.title for i in agenda.list_items(db, meeting_id)]


def move_second_item_up(window: MainWindow, user: User) -> str:
    panel = window.meetings_page.editor.agenda
    panel._select_row(1)
    moved = panel.selected()
    assert moved is not None
    panel.table.setFocus()
    user.press(panel.table, Qt.Key.Key_Up, Ctrl)
    return moved.title


def approve_in_window(window: MainWindow, dialogs: Dialogs) -> None:
    def answer(dialog: ApproveDialog) -> None:
        dialog.approved_on.setText("2024-05-20")
        dialog.accept()

    dialogs.expect(answer)
    window.meetings_page.editor.approve_action.trigger()
    dialogs.check()


def test_approving_takes_the_protocols_steps_out_of_the_edit_menu(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    user: User,
    dialogs: Dialogs,
    watch: AmbiguityWatch,
) -> None:
    window, meeting = meeting_window
    moved = move_second_item_up(window, user)
    assert titles(db, meeting.id).index(moved) == 0
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == _("&Undo") + " " + _("Move agenda item")

    approve_in_window(window, dialogs)
    assert meetings.get_meeting(db, meeting.id).state == ProtocolState.APPROVED
    # Nothing to undo is offered: the move belongs to a locked protocol.
    assert not window.undo_action.isEnabled()
    assert _("Move agenda item") not in window.undo_action.text()
    # Ctrl+Z and the action itself do nothing (no error box, the order stays).
    user.press(window.meetings_page.editor.agenda.table, Qt.Key.Key_Z, Ctrl)
    window.undo_action.trigger()
    assert titles(db, meeting.id).index(moved) == 0
    assert not watch.ambiguous


def test_a_protocol_approved_elsewhere_offers_no_undo_and_earlier_steps_stay(
    db: Database,
    group: GroupData,
    meeting_window: tuple[MainWindow, MeetingData],
    roster: dict[str, MemberRow],
    user: User,
) -> None:
    window, meeting = meeting_window
    # A change to a member first (saved and undoable like any other) …
    before = roster["Åsa Öberg"]
    after = members.deactivate_member(db, before)
    window.members_page._push_edit(before, after, "End membership of Åsa Öberg")
    # … then a move in the protocol, which is then approved in another window.
    moved = move_second_item_up(window, user)
    meeting_files.approve(db, meeting.id, "Anna Berg", dt.date(2024, 5, 20))

    window.edit_menu.aboutToShow.emit()  # the menu is looked at
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == _("&Undo") + " " + "End membership of Åsa Öberg"
    window.undo_action.trigger()
    # The protocol's order is as approved; the membership is open again.
    assert titles(db, meeting.id).index(moved) == 0
    assert members.get_member(db, before.membership_id).active_to is None
    assert not window.undo_action.isEnabled()
    # Redo gives the membership its end again and never the protocol's move.
    assert window.redo_action.isEnabled()
    user.press(window.meetings_page.editor.agenda.table, Qt.Key.Key_Z, CtrlShift)
    assert members.get_member(db, before.membership_id).active_to is not None
    assert titles(db, meeting.id).index(moved) == 0
    assert not window.redo_action.isEnabled()


def test_ctrl_shift_z_redoes_after_an_undo(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    user: User,
    watch: AmbiguityWatch,
) -> None:
    window, meeting = meeting_window
    moved = move_second_item_up(window, user)
    table = window.meetings_page.editor.agenda.table
    user.press(table, Qt.Key.Key_Z, Ctrl)
    assert titles(db, meeting.id).index(moved) == 1
    user.press(table, Qt.Key.Key_Z, CtrlShift)
    assert titles(db, meeting.id).index(moved) == 0
    user.press(table, Qt.Key.Key_Z, Ctrl)
    user.press(table, Qt.Key.Key_Y, Ctrl)  # the Windows binding works everywhere too
    assert titles(db, meeting.id).index(moved) == 0
    assert not watch.ambiguous


def test_redo_has_each_key_once_whatever_the_platform_calls_redo() -> None:
    # On Linux the platform's Redo is Ctrl+Shift+Z itself: listed twice, Qt found the
    # binding ambiguous and did nothing.
    keys = unique_shortcuts(QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Shift+Z"))
    assert [k.toString() for k in keys] == ["Ctrl+Shift+Z"]


LINUX_BINDINGS = {
    QKeySequence.StandardKey.Undo: [QKeySequence("Ctrl+Z")],
    QKeySequence.StandardKey.Redo: [QKeySequence("Ctrl+Shift+Z")],
}


@pytest.mark.parametrize("platform", ["this", "linux"])
def test_ctrl_shift_z_and_ctrl_y_redo_with_linux_bindings_too(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    roster: dict[str, MemberRow],
    user: User,
    watch: AmbiguityWatch,
    platform: str,
) -> None:
    if platform == "linux":  # the bindings of X11 desktops (offscreen has Windows' Ctrl+Y)
        real = QKeySequence.keyBindings
        monkeypatch.setattr(
            QKeySequence,
            "keyBindings",
            staticmethod(lambda key: LINUX_BINDINGS.get(key) or real(key)),
        )
    main = MainWindow(db, group, app_settings())
    qtbot.addWidget(main)
    keys = [k.toString() for k in main.redo_action.shortcuts()]
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys
    assert len(keys) == len(set(keys))
    meeting = create_meeting(db, group.id, roster, DAY)
    user.activate(main)
    main.show_page(main.stack.indexOf(main.meetings_page))
    main.meetings_page.open_meeting(meeting.id)
    moved = move_second_item_up(main, user)
    table = main.meetings_page.editor.agenda.table
    for key, modifiers in ((Qt.Key.Key_Z, CtrlShift), (Qt.Key.Key_Y, Ctrl)):
        user.press(table, Qt.Key.Key_Z, Ctrl)
        assert titles(db, meeting.id).index(moved) == 1
        user.press(table, key, modifiers)
        assert titles(db, meeting.id).index(moved) == 0, QKeySequence(key | modifiers)
    assert not watch.ambiguous


def test_an_action_item_added_before_approval_is_not_undone_after_but_marking_done_is(
    db: Database,
    meeting_window: tuple[MainWindow, MeetingData],
    user: User,
    dialogs: Dialogs,
) -> None:
    window, _meeting = meeting_window
    panel = window.meetings_page.editor.agenda
    panel._select_row(1)
    item = panel.selected()
    assert item is not None
    item_actions = panel.editor.action_items

    def fill(dialog: ActionDialog) -> None:
        user.type(dialog.what, "Ta fram rutin")
        dialog.accept()

    dialogs.expect(fill)
    item_actions.add_action.trigger()
    dialogs.check()
    assert window.undo_action.text() == _("&Undo") + " " + _("Add action item")
    approve_in_window(window, dialogs)
    assert not window.undo_action.isEnabled()
    # Marking it done after the approval is follow-up, not a change of the protocol: undoable.
    [added] = actions.actions_of_item(db, item.id)
    model = item_actions.model
    model.setData(
        model.index(0, ActionColumn.DONE),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert actions.actions_of_item(db, item.id)[0].done
    assert window.undo_action.text() == _("&Undo") + " " + _("Mark action item done")
    window.undo_action.trigger()
    assert not actions.actions_of_item(db, item.id)[0].done
    # The add before it is not offered; the item stays in the approved protocol.
    assert not window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert [a.id for a in actions.actions_of_item(db, item.id)] == [added.id]


def test_a_plan_follow_up_made_at_an_item_is_not_undone_after_the_approval(
    db: Database,
    group: GroupData,
    meeting_window: tuple[MainWindow, MeetingData],
    dialogs: Dialogs,
) -> None:
    """The follow-up is part of what the approved protocol reports under the item: undoing
    it afterwards would take it out of the plan behind the protocol's back."""
    from naravard_desktop.services.plan import follow_ups, plan_items, plans
    from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput
    from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpDialog

    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan 2024"))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Ökad delaktighet"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Ta fram rutin"))
    window, _meeting = meeting_window
    panel = window.meetings_page.editor.agenda
    panel._select_row(1)

    def fill(dialog: PlanFollowUpDialog) -> None:
        dialog.progress.setValue(40)
        dialog.accept()  # the Spara button

    dialogs.expect(fill)
    panel.editor.plan_follow_ups.follow_up()
    dialogs.check()
    assert len(follow_ups.list_follow_ups(db, activity.id)) == 1
    assert window.undo_action.isEnabled()

    approve_in_window(window, dialogs)
    assert not window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert len(follow_ups.list_follow_ups(db, activity.id)) == 1
