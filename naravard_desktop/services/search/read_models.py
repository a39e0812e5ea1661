"""What a search everywhere gives the window: the hits of each kind, best or newest first,
with what a row shows and what opening it needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class FoundKind(StrEnum):
    """The kinds of hits, in the order the box lists them."""

    MEETING = "meeting"
    ITEM = "item"  # an agenda item whose title or notes match
    DECISION = "decision"  # an agenda item whose decision matches
    ACTION = "action"
    ACTIVITY = "activity"
    MEMBER = "member"


@dataclass(frozen=True)
class Found:
    """One hit. `row_id` is the meeting's, agenda item's, action item's, activity's or
    membership's id; a meeting's `title` is its place, an action item's `snippet` who is
    responsible, a member's their organisation and e-mail address."""

    kind: FoundKind
    row_id: int
    title: str
    snippet: str = ""
    held_on: dt.date | None = None  # the meeting's day (meetings, items, decisions, actions)
    paragraph: int | None = None  # the item's § (items, decisions, actions)
    meeting_id: int | None = None
    item_id: int | None = None
    plan_id: int | None = None  # an activity's plan
    plan_title: str = ""


@dataclass(frozen=True)
class FoundGroup:
    """The hits of one kind; `more` when more were found than are listed."""

    kind: FoundKind
    hits: tuple[Found, ...]
    more: bool
