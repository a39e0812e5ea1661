"""The meeting editor as seen walking the secretary's day under Xvfb (issue 10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from naravard_desktop.services import agenda
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
