"""The meeting editor as seen walking the secretary's day under Xvfb (issue 10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from naravard_desktop.services import actions, agenda
from naravard_desktop.services.database import Database
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
    assert label.text() == "Ange planerade minuter för punkterna för att se när mötet slutar."
    first = agenda.list_items(db, meeting.id)[0]
    agenda.update_item(
        db, first.id, agenda.ItemInput(title=first.title, planned_minutes=10), first.version
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
        actions.add_action(db, item.id, actions.ActionInput(what=what, who="Anna Berg"))
    meetings_page.resize(1176, 690)  # the page's room in a maximised window beside the sidebar
    meetings_page.open_meeting(meeting.id, item.id)
    qtbot.wait(50)
    table = meetings_page.editor.agenda.editor.action_items.table
    assert table.model().rowCount() == 3
    last = table.visualRect(table.model().index(2, 1))
    assert last.isValid()
    assert last.bottom() <= table.viewport().height()
