"""The meeting window shows a red banner on an approved meeting whose data, PDF or approval
record no longer match what was approved, and refuses its Word file (issue 15, point 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from naravard_desktop.documents import meeting_files
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.editor import ALTERED_BANNER, APPROVED_BANNER
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from tests.unit.approval_setup import raw

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes
    from tests.ui.meetings.conftest import MakeMeeting


def test_a_changed_decision_turns_the_banner_red_and_refuses_the_word_file(
    tmp_path: Path,
    db: Database,
    make_meeting: MakeMeeting,
    meetings_page: MeetingsPage,
    boxes: Boxes,
) -> None:
    meeting = make_meeting()
    item = agenda.list_items(db, meeting.id)[-1]
    agenda.save_text(db, item.id, "decision", "Gruppen godkänner lägesrapporten.")
    meeting_files.approve(db, meeting.id, "Anna Berg", meeting.held_on + dt.timedelta(days=3))
    meetings_page.open_meeting(meeting.id)
    editor = meetings_page.editor
    assert editor.banner.styleSheet().startswith(APPROVED_BANNER)

    raw(db, "UPDATE agenda_items SET decision = 'Gruppen avslår.' WHERE id = :id", id=item.id)
    meetings_page.open_meeting(meeting.id)
    assert editor.banner.isVisible()
    assert editor.banner.styleSheet().startswith(ALTERED_BANNER)
    text = editor.banner.text()
    assert text.startswith("Varning: det här protokollet stämmer inte längre")
    assert "17 maj 2024" in text and "rättelse" in text

    word = tmp_path / "protokoll.docx"
    boxes.answer(str(word))
    editor.docx_action.trigger()
    boxes.take("getSaveFileName")
    assert "Word-fil" in boxes.take("warning").text
    assert not word.exists()
