"""The meeting editor as seen walking the secretary's day under Xvfb (issue 10)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.documents import meeting_files
from naravard_desktop.services.meetings import actions, agenda
from naravard_desktop.services.meetings.read_models import ActionInput, ItemInput
from naravard_desktop.services.plan.read_models import ActivityChoice
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.agenda_model import Column as AgendaColumn
from naravard_desktop.ui.meetings.list_page import MeetingsPage

if TYPE_CHECKING:
    from tests.ui.meetings.conftest import MakeMeeting


def test_an_agenda_without_planned_minutes_does_not_say_it_ends_when_it_starts(
    qtbot: QtBot,
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
) -> None:
    """A new meeting from the standard agenda has no minutes on its items: the foot of the
    list said 'Planerat slut 13.00' for a meeting of 13.00–15.30. It asks for the minutes
    until one item has them, then gives the planned end."""
    meeting = make_meeting()
    assert all(i.planned_minutes is None for i in agenda.list_items(db, meeting.id))
    meetings_page.open_meeting(meeting.id)
    label = meetings_page.editor.agenda.end_label
    assert "13.00" not in label.text()
    assert label.text() == "Ange planerade minuter för ärendena för att se när mötet slutar."
    first = agenda.list_items(db, meeting.id)[0]
    agenda.update_item(
        db, first.id, ItemInput(title=first.title, planned_minutes=10), first.version
    )
    meetings_page.editor.agenda.reload(first.id)
    assert label.text() == "Planerat slut 13.10"


def test_three_action_items_of_an_item_are_in_view_at_1366_by_768(
    qtbot: QtBot,
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
) -> None:
    """The action items' table under the notes and the decision showed one row at a time in
    a maximised 1366 × 768 window (the notes box took the room, a line of text in it); three
    action items, a usual number for one item, are all in view."""
    meeting = make_meeting()
    item = agenda.list_items(db, meeting.id)[0]
    for what in ("Boka lokal", "Skicka kallelse", "Bjud in brukarrådet"):
        actions.add_action(db, item.id, ActionInput(what=what, who="Anna Berg"))
    meetings_page.resize(1176, 690)  # the page's room in a maximised window beside the sidebar
    meetings_page.open_meeting(meeting.id, item.id)
    qtbot.wait(50)
    table = meetings_page.editor.agenda.editor.action_items.table
    assert table.model().rowCount() == 3
    last = table.visualRect(table.model().index(2, 1))
    assert last.isValid()
    assert last.bottom() <= table.viewport().height()


def test_the_chosen_plan_activity_shows_its_own_name_not_only_the_plan(
    qtbot: QtBot,
) -> None:
    """The closed 'Aktivitet i planen' box showed 'Lokal samverkansplan 2025–2027 › 1 Ökad
    delakt' for every activity of the plan, cut in a word: the path is cut at its start
    instead ('… › Utbildningsinsatser för personal om …överenskommelse' ends whole) and the
    whole path is the box's tooltip."""
    choice = ActivityChoice(
        id=7,
        plan_title="Lokal samverkansplan 2025–2027",
        area_label="1 Ökad delaktighet",
        title="Utbildningsinsatser för personal om dokumenterad överenskommelse",
        status=ActivityStatus.IN_PROGRESS,
        progress=40,
    )
    dialog = ActionDialog(
        "Ny åtgärd", ActionInput(what="", activity_id=7), lambda _data: None, activities=[choice]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.activity
    assert box.currentText() == choice.label  # the choice itself is unchanged
    shown = box.shown_text()
    assert shown.startswith("…")
    assert shown.endswith("dokumenterad överenskommelse")
    assert box.fontMetrics().horizontalAdvance(shown) <= box.width()
    assert box.toolTip() == choice.label
    box.setCurrentIndex(0)
    assert box.shown_text() == "Ingen"
    assert box.toolTip() == ""


def test_an_approved_protocol_asks_for_no_planned_minutes(
    db: Database, meetings_page: MeetingsPage, make_meeting: MakeMeeting
) -> None:
    """On an approved, locked protocol the foot of the agenda asked 'Ange planerade minuter
    för punkterna …', which nobody can do there any more: it says nothing instead."""
    meeting = make_meeting()
    meeting_files.approve(db, meeting.id, "Anna Berg", dt.date(2024, 5, 20))
    meetings_page.open_meeting(meeting.id)
    assert meetings_page.editor.agenda.end_label.text() == ""


def test_agenda_rows_show_no_start_times_until_an_item_has_minutes(
    db: Database, meetings_page: MeetingsPage, make_meeting: MakeMeeting
) -> None:
    """Every row of a new meeting's list said 'Start 13.00' (no item had minutes): the
    column stays empty until one has, then the running times come."""
    meeting = make_meeting()
    meetings_page.open_meeting(meeting.id)
    panel = meetings_page.editor.agenda
    model = panel.model
    starts = [model.index(r, AgendaColumn.START).data() for r in range(model.rowCount())]
    assert set(starts) == {""}
    first = agenda.list_items(db, meeting.id)[0]
    agenda.update_item(
        db, first.id, ItemInput(title=first.title, planned_minutes=10), first.version
    )
    panel.reload(first.id)
    starts = [model.index(r, AgendaColumn.START).data() for r in range(model.rowCount())]
    assert starts[:2] == ["13.00", "13.10"]
