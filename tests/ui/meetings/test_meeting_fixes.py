"""Issue 10, defects 7, 8 and 10: a linked action item shows under 'Uppföljning av lokal
plan'; a guest's name can be corrected in the attendance table; a follow-up offers the items
of the latest meetings up to its date and cannot come before its meeting; the new-meeting
dialog offers the agenda of the meeting just before the chosen date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import format_date
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda, attendance, meetings
from naravard_desktop.services.meetings.read_models import ActionInput, ItemInput, MeetingData
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.approve_dialogs import ApproveDialog
from naravard_desktop.ui.meetings.attendance_model import Column as AttendanceColumn
from naravard_desktop.ui.meetings.dialogs import MeetingDialog
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpDialog
from naravard_desktop.ui.plan.dialogs import FollowUpDialog
from naravard_desktop.ui.plan.page import PlanPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

PATH = "Lokal plan 2024–2026 › 2 Fast vårdkontakt › Införa patientkontrakt på hälsocentralen"
FOLLOW_UP_ITEM = "Uppföljning av lokal plan"


@pytest.fixture
def activity(db: Database, group: GroupData) -> ActivityRow:
    plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan 2024–2026"))
    first = plan_items.add_area(db, plan.id, AreaInput(title="Trygg hemgång", number="1"))
    plan_items.add_activity(db, first.id, ActivityInput(title="Gemensam rutin vid utskrivning"))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Fast vårdkontakt", number="2"))
    return plan_items.add_activity(
        db,
        area.id,
        ActivityInput(
            title="Införa patientkontrakt på hälsocentralen",
            status=ActivityStatus.NOT_STARTED,
        ),
    )


@pytest.fixture
def meeting(make_meeting: MakeMeeting, db: Database) -> MeetingData:
    created = make_meeting()
    agenda.add_item(db, created.id, ItemInput(title=FOLLOW_UP_ITEM))
    return created


@pytest.fixture
def editor(meetings_page: MeetingsPage, meeting: MeetingData, user: User) -> MeetingEditor:
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    row = [i.title for i in meetings_page.editor.agenda.model.items()].index(FOLLOW_UP_ITEM)
    meetings_page.editor.agenda._select_row(row)
    return meetings_page.editor


def follow_up_item_id(db: Database, meeting_id: int) -> int:
    return next(i.id for i in agenda.list_items(db, meeting_id) if i.title == FOLLOW_UP_ITEM)


def shown(editor: MeetingEditor) -> list[str]:
    section = editor.agenda.editor.plan_follow_ups
    return [section.list.item(n).text() for n in range(section.list.count())]


# --- 7: an action item linked to a plan activity -----------------------------------------


def test_a_linked_action_item_shows_under_the_plan_follow_up(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
    user: User,
) -> None:
    assert shown(editor) == ["Ingen aktivitet i planen följdes upp under det här ärendet."]

    def fill(dialog: ActionDialog) -> None:
        user.type(dialog.what, "Boka möte med hälsocentralen om patientkontrakt")
        dialog.activity.setCurrentIndex(dialog.activity.findText(PATH))
        dialog.accept()

    dialogs.expect(fill)
    editor.agenda.editor.action_items.add_action.trigger()
    dialogs.check()
    [stored] = actions.actions_of_item(db, follow_up_item_id(db, meeting.id))
    assert stored.activity_id == activity.id
    # The section names the activity and the action item linked to it, at once.
    assert shown(editor) == [f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt"]

    # Undo removes the action item, and it leaves the section too; redo brings it back.
    meetings_page.undo_stack.undo()
    assert actions.actions_of_item(db, follow_up_item_id(db, meeting.id)) == []
    assert shown(editor)[0].startswith("Ingen aktivitet")
    meetings_page.undo_stack.redo()
    assert shown(editor) == [f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt"]

    # Opened again (another item, then back), a done action says so.
    [stored] = actions.actions_of_item(db, follow_up_item_id(db, meeting.id))
    done = ActionInput(stored.what, done=True, activity_id=activity.id)
    actions.update_action(db, stored.id, done, stored.version)
    editor.agenda._select_row(0)
    row = [i.title for i in editor.agenda.model.items()].index(FOLLOW_UP_ITEM)
    editor.agenda._select_row(row)
    assert shown(editor) == [
        f"{PATH}\nÅtgärd: Boka möte med hälsocentralen om patientkontrakt (klar)"
    ]


def test_an_action_item_without_a_link_is_not_listed_as_a_follow_up(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
) -> None:
    item_id = follow_up_item_id(db, meeting.id)
    actions.add_action(db, item_id, ActionInput(what="Skicka ut minnesanteckningar"))
    editor.agenda.editor.plan_follow_ups.refresh()
    assert shown(editor) == ["Ingen aktivitet i planen följdes upp under det här ärendet."]


# --- 8: a guest's name can be corrected ---------------------------------------------------


def _cell(page: MeetingsPage, name: str, column: AttendanceColumn) -> QModelIndex:
    panel = page.editor.attendance
    rows = [r.name for r in panel.model.rows()]
    return panel.model.index(rows.index(name), column)


def _line_editor(page: MeetingsPage) -> QLineEdit | None:
    table = page.editor.attendance.table
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    return editors[0] if editors else None


@pytest.fixture
def attendance_page(
    db: Database, make_meeting: MakeMeeting, meetings_page: MeetingsPage, user: User
) -> tuple[MeetingsPage, MeetingData]:
    meeting = make_meeting()
    attendance.add_guest(db, meeting.id, "Jonas Aas", "Anhorigforeningen")
    meetings_page.open_meeting(meeting.id)
    user.activate(meetings_page)
    meetings_page.editor.tabs.setCurrentWidget(meetings_page.editor.attendance)
    return meetings_page, meeting


def test_a_guest_name_is_corrected_with_f2_and_the_organisation_with_a_double_click(
    db: Database,
    attendance_page: tuple[MeetingsPage, MeetingData],
    qtbot: QtBot,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    assert panel.hint.isVisible()
    assert panel.hint.text() == "Tryck F2 eller dubbelklicka på en cell för att ändra den."

    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    field = _line_editor(page)
    assert field is not None and field.text() == "Jonas Aas"
    user.retype(field, "Jonas Ås")
    user.press(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    stored = {r.id: r for r in attendance.list_attendance(db, meeting.id) if r.is_guest}
    assert [r.name for r in stored.values()] == ["Jonas Ås"]
    assert "Jonas Ås" in [r.name for r in panel.model.rows()]

    index = _cell(page, "Jonas Ås", AttendanceColumn.ROLE)
    assert index.data() == "Anhorigforeningen"
    position = panel.table.visualRect(index).center()
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    QTest.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    field = _line_editor(page)
    assert field is not None and field.text() == "Anhorigforeningen"
    user.retype(field, "Anhörigföreningen i Bergsjö")
    user.press(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    [guest] = [r for r in attendance.list_attendance(db, meeting.id) if r.is_guest]
    assert (guest.name, guest.organisation) == ("Jonas Ås", "Anhörigföreningen i Bergsjö")
    assert _cell(page, "Jonas Ås", AttendanceColumn.ROLE).data() == "Anhörigföreningen i Bergsjö"


def test_a_guest_name_cannot_be_emptied_and_a_member_name_is_not_edited_here(
    db: Database,
    attendance_page: tuple[MeetingsPage, MeetingData],
    qtbot: QtBot,
    boxes: Boxes,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    field = _line_editor(page)
    assert field is not None
    user.retype(field, " ")
    user.press(field, Qt.Key.Key_Return)  # the delegate commits after the key event
    qtbot.waitUntil(lambda: bool(boxes.calls))
    assert boxes.take("warning").text == "Namn måste fyllas i."
    [guest] = [r for r in attendance.list_attendance(db, meeting.id) if r.is_guest]
    assert guest.name == "Jonas Aas"
    assert _cell(page, "Jonas Aas", AttendanceColumn.NAME).data() == "Jonas Aas"

    # A member's name belongs to the members list: F2 opens nothing on it.
    qtbot.waitUntil(lambda: _line_editor(page) is None)
    panel.table.setCurrentIndex(_cell(page, "Anna Berg", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    assert _line_editor(page) is None


def test_no_editing_hint_on_an_approved_protocol(
    db: Database,
    attendance_page: tuple[MeetingsPage, MeetingData],
    dialogs: Dialogs,
    user: User,
) -> None:
    page, meeting = attendance_page
    panel = page.editor.attendance
    assert panel.hint.isVisible()

    def approve(dialog: ApproveDialog) -> None:
        dialog.approved_on.setText("2024-05-20")
        dialog.accept()

    dialogs.expect(approve)
    page.editor.approve_action.trigger()
    dialogs.check()
    assert meetings.get_meeting(db, meeting.id).locked
    assert not panel.hint.isVisible()
    panel.table.setFocus()
    panel.table.setCurrentIndex(_cell(page, "Jonas Aas", AttendanceColumn.NAME))
    user.press(panel.table, Qt.Key.Key_F2)
    assert _line_editor(page) is None


# --- 10: the follow-up's meeting items; the previous meeting's agenda ---------------------

YEAR_OF_MEETINGS = [
    dt.date(2024, 1, 19),
    dt.date(2024, 3, 1),
    dt.date(2024, 4, 12),
    dt.date(2024, 5, 17),
    dt.date(2024, 6, 14),
    dt.date(2024, 9, 6),
    dt.date(2024, 10, 18),
    dt.date(2024, 11, 29),
]


def test_the_follow_up_offers_the_items_of_the_latest_meetings_up_to_its_date(
    db: Database,
    group: GroupData,
    make_meeting: MakeMeeting,
    activity: ActivityRow,
    qtbot: QtBot,
    dialogs: Dialogs,
    user: User,
) -> None:
    for day in YEAR_OF_MEETINGS:
        make_meeting(day)
    every_item = sum(len(agenda.list_items(db, m.id)) for m in meetings.list_meetings(db, group.id))
    assert every_item >= 50  # a year of meetings

    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    user.activate(page)
    match = page.proxy.match(
        page.proxy.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        "Införa patientkontrakt",
        1,
        Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive,
    )
    page.tree.setFocus()
    page.tree.setCurrentIndex(match[0])
    offered: dict[str, list[str]] = {}

    def fill(dialog: FollowUpDialog) -> None:
        choices = dialog.item
        offered["today"] = [choices.itemText(i) for i in range(choices.count())]
        user.retype(dialog.on, "2024-05-20")
        offered["2024-05-20"] = [choices.itemText(i) for i in range(choices.count())]
        choices.setCurrentIndex(1)  # the first item of 17 May
        # Dated before the meeting: refused under the date, the dialog stays open.
        user.retype(dialog.on, "2024-05-16")
        assert not choices.currentText().startswith("2024-05-17")  # 17 May is not offered
        offered["2024-05-16"] = [choices.itemText(i) for i in range(choices.count())]
        user.retype(dialog.on, "2024-05-20")
        assert choices.currentIndex() == 0  # nothing is chosen behind the user's back
        choices.setCurrentIndex(1)
        dialog.buttons.accepted.emit()

    dialogs.expect(fill)
    user.press(page.tree, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialogs.check()

    def meetings_in(labels: list[str]) -> list[str]:
        return list(dict.fromkeys(label[:10] for label in labels[1:]))

    assert offered["today"][0] == "Inte vid ett möte"
    assert meetings_in(offered["today"]) == ["2024-11-29", "2024-10-18", "2024-09-06"]
    assert meetings_in(offered["2024-05-20"]) == ["2024-05-17", "2024-04-12", "2024-03-01"]
    assert meetings_in(offered["2024-05-16"]) == ["2024-04-12", "2024-03-01", "2024-01-19"]
    assert len(offered["2024-05-20"]) - 1 < every_item / 2
    [entry] = follow_ups.list_follow_ups(db, activity.id)
    assert entry.followed_up_on == dt.date(2024, 5, 20)
    assert entry.agenda_item_label == "2024-05-17 Mötets öppnande"


def test_a_follow_up_dated_before_its_meeting_is_refused(
    db: Database,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    dialogs: Dialogs,
    boxes: Boxes,
    user: User,
) -> None:
    item_id = follow_up_item_id(db, meeting.id)
    early = FollowUpInput(dt.date(2024, 5, 16), ActivityStatus.IN_PROGRESS, 10, "", item_id)
    with pytest.raises(ValidationError) as refused:
        follow_ups.add_follow_up(db, activity.id, early)
    assert refused.value.fields == {
        "followed_up_on": "En uppföljning vid ett möte kan inte dateras före mötet (17 maj 2024). "
        "Ange mötesdagen eller ett senare datum."
    }
    same_day = FollowUpInput(dt.date(2024, 5, 17), ActivityStatus.IN_PROGRESS, 10, "", item_id)
    follow_ups.add_follow_up(db, activity.id, same_day)  # the meeting's own day is fine

    # In the meeting's own dialog the date is the meeting's; an earlier one is refused there.
    def fill(dialog: PlanFollowUpDialog) -> None:
        dialog.activity.setCurrentIndex(dialog.activity.findText(PATH))
        user.retype(dialog.on, "2024-05-10")
        dialog.buttons.accepted.emit()
        assert dialog.isVisible()
        assert dialog.errors.text("followed_up_on") == (
            "En uppföljning vid ett möte kan inte dateras före mötet (17 maj 2024). "
            "Ange mötesdagen eller ett senare datum."
        )
        dialog.reject()

    dialogs.expect(fill)
    editor.agenda.editor.plan_follow_ups.follow_up_button.click()
    dialogs.check()
    assert [f.followed_up_on for f in follow_ups.list_follow_ups(db, activity.id)] == [
        dt.date(2024, 5, 17)
    ]


def test_the_new_meeting_copies_the_agenda_of_the_meeting_before_its_date(
    db: Database,
    make_meeting: MakeMeeting,
    meetings_page: MeetingsPage,
    dialogs: Dialogs,
) -> None:
    today = dt.date.today()
    held = make_meeting(today - dt.timedelta(days=63))  # the last one held
    planned = make_meeting(today + dt.timedelta(days=21))  # the next one, already planned
    agenda.add_item(db, planned.id, ItemInput(title="Budget för nästa år"))
    seen: dict[str, tuple[str, bool]] = {}

    def fill(dialog: MeetingDialog) -> None:
        def copy_option() -> tuple[str, bool]:
            return dialog.copy_agenda.text(), dialog.copy_agenda.isEnabled()

        seen["today"] = copy_option()
        dialog.held_on.set_date(today + dt.timedelta(days=49))
        seen["after the planned one"] = copy_option()
        dialog.held_on.set_date(today - dt.timedelta(days=100))
        seen["before both"] = copy_option()
        dialog.held_on.set_date(today + dt.timedelta(days=49))
        dialog.copy_agenda.setChecked(True)
        dialog.accept()

    dialogs.expect(fill)
    meetings_page.add()
    dialogs.check()

    def copy_text(day: dt.date) -> str:
        return f"Kopiera dagordningen från föregående möte ({format_date(day)})"

    assert seen["today"] == (copy_text(held.held_on), True)
    assert seen["after the planned one"] == (copy_text(planned.held_on), True)
    assert seen["before both"] == ("Kopiera dagordningen från föregående möte", False)
    [created] = [
        m
        for m in meetings.list_meetings(db, meetings_page.group_id)
        if m.id not in (held.id, planned.id)
    ]
    assert created.held_on == today + dt.timedelta(days=49)
    assert "Budget för nästa år" in [i.title for i in agenda.list_items(db, created.id)]
    assert meetings.previous_meeting_dated(db, meetings_page.group_id, created.held_on) == (
        planned.id,
        planned.held_on,
    )


# --- 11: save dialogs start where the last export went -----------------------------------


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records where it opened, answers a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[Path] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._choose))

    def _choose(self, _parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        self.opened.append(Path(start))
        return self.answers.pop(0), ""


def test_save_dialogs_start_in_the_folder_of_the_last_export(
    db: Database,
    group: GroupData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    meeting: MeetingData,
    activity: ActivityRow,
    editor: MeetingEditor,
    qtbot: QtBot,
    dialogs: Dialogs,
) -> None:
    save = SaveDialog(monkeypatch)
    group_name = group.name  # in the suggested names, after the kind and the date
    shared = tmp_path / "Delad mapp"
    shared.mkdir()
    save.answers.append(str(shared / "Kallelse maj.pdf"))
    dialogs.expect(lambda _box: None)  # the confirmation (Öppna, Visa i mappen), closed
    editor.kallelse_action.trigger()
    # The first time: the home folder, with a name that says what the file is.
    assert save.opened[-1] == Path.home() / f"Kallelse 2024-05-17 {group_name}.pdf"
    assert (shared / "Kallelse maj.pdf").is_file()

    save.answers.append(str(shared / "Protokoll 2024-05-17.pdf"))
    dialogs.expect(lambda _box: None)
    editor.protocol_action.trigger()
    assert save.opened[-1] == shared / f"Protokoll 2024-05-17 {group_name}.pdf"

    # The plan page starts there too; a '/' in the plan's title does not make a folder.
    other = plans.create_plan(db, group.id, PlanInput(title="Plan 2027/2028: utkast"))
    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    page.reload_plans(other.id)
    save.answers.append("")  # cancelled: nothing written
    page.export_pdf_action.trigger()
    today = dt.date.today().isoformat()
    assert save.opened[-1] == shared / f"Plan 2027 2028 utkast {today} {group_name}.pdf"
    assert sorted(p.name for p in shared.iterdir()) == [
        "Kallelse maj.pdf",
        "Protokoll 2024-05-17.pdf",
    ]

    # A folder that is gone (a memory stick taken out) falls back to the home folder.
    (shared / "Kallelse maj.pdf").unlink()
    (shared / "Protokoll 2024-05-17.pdf").unlink()
    shared.rmdir()
    save.answers.append("")
    editor.docx_action.trigger()
    assert save.opened[-1] == Path.home() / f"Protokoll 2024-05-17 {group_name}.docx"


class OpenDialog:
    """Stands in for QFileDialog.getOpenFileName: records where it opened, answers a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[Path] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._choose))

    def _choose(self, _parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        self.opened.append(Path(start))
        return self.answers.pop(0), ""


def test_import_dialogs_start_in_the_folder_of_the_last_import(
    db: Database,
    group: GroupData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    boxes: Boxes,
) -> None:
    """The SIP sheet and the plan come from the same folder on the shared drive: the second
    import starts there, not in the home folder (defect 11, open dialogs)."""
    from naravard_desktop.ui.sip.transfer import import_counts

    choose = OpenDialog(monkeypatch)
    shared = tmp_path / "Delad mapp"
    shared.mkdir()
    sheet = shared / "SIP 2026.csv"
    sheet.write_text("inget kalkylark\x00", encoding="latin-1")
    parent = QWidget()
    qtbot.addWidget(parent)
    choose.answers.append(str(sheet))
    assert import_counts(parent, db, group.id) is False  # the file is refused with a message
    assert choose.opened[-1] == Path.home()
    assert boxes.calls and sheet.name in boxes.calls[-1].text
    boxes.calls.clear()

    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    choose.answers.append("")  # cancelled: nothing read, the folder stays
    page.import_action.trigger()
    assert choose.opened[-1] == shared
    assert plans.list_plans(db, group.id) == []
