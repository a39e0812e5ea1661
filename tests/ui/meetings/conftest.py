"""Meeting GUI tests: a meetings page of its own and meetings made with the real services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData, MemberRow
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import MeetingData, MeetingInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.list_page import MeetingsPage

DAY = dt.date(2024, 5, 17)


def create_meeting(
    db: Database, group_id: int, roster: dict[str, MemberRow], day: dt.date = DAY
) -> MeetingData:
    """A draft from the standard template: Anna Berg chairs, Ärla Nord writes, erik Lund
    adjusts; 13.00–15.30."""
    return meetings.create_meeting(
        db,
        group_id,
        MeetingInput(
            held_on=day,
            starts_at=dt.time(13, 0),
            ends_at=dt.time(15, 30),
            place="Kommunhuset, sal Ljusnan",
            chair_id=roster["Anna Berg"].person_id,
            secretary_id=roster["Ärla Nord"].person_id,
            adjuster1_id=roster["erik Lund"].person_id,
        ),
    )


def titles(db: Database, meeting_id: int) -> list[str]:
    return [i.title for i in agenda.list_items(db, meeting_id)]


@pytest.fixture
def meetings_page(
    qtbot: QtBot, db: Database, group: GroupData, roster: dict[str, MemberRow]
) -> MeetingsPage:
    """The page on its own with its own undo stack (kept alive by the page)."""
    stack = QUndoStack()
    widget = MeetingsPage(db, group.id, stack)
    stack.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1000, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


MakeMeeting = Callable[..., MeetingData]


@pytest.fixture
def make_meeting(db: Database, group: GroupData, roster: dict[str, MemberRow]) -> MakeMeeting:
    """make_meeting(day=DAY): a draft from the standard template (see create_meeting)."""

    def make(day: dt.date = DAY) -> MeetingData:
        return create_meeting(db, group.id, roster, day)

    return make
