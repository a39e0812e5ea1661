"""Paragraph numbers (§): continuous through the calendar year per group by default, or from
§ 1 in every meeting. Drafts are numbered on the fly; approval freezes the numbers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from naravard_desktop.db.enums import ParagraphNumbering
from naravard_desktop.db.models import Group, Meeting


def _ordered(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.held_on, m.starts_at or dt.time(0), m.id))


def paragraph_numbers(session: Session, group_id: int) -> dict[int, int]:
    """Agenda item id → § number for every meeting of the group.

    Approved meetings keep their stored numbers; a draft continues after the meetings held
    before it in the same year (or starts at 1 when the group restarts per meeting)."""
    group = session.get(Group, group_id)
    per_meeting = group is not None and group.paragraph_numbering == ParagraphNumbering.PER_MEETING
    # Every meeting's items in one query, not one per meeting (the meetings page, the
    # decision register and each item's § ask for all of a group's years).
    found = select(Meeting).where(Meeting.group_id == group_id).options(selectinload(Meeting.items))
    meetings = list(session.scalars(found).all())
    numbers: dict[int, int] = {}
    last_in_year: dict[int, int] = {}
    for meeting in _ordered(meetings):
        year = meeting.held_on.year
        running = 0 if per_meeting else last_in_year.get(year, 0)
        for item in meeting.items:
            if item.paragraph is not None:  # frozen at approval, kept through corrections
                running = item.paragraph
            else:
                running += 1
            numbers[item.id] = running
        if meeting.items:
            last_in_year[year] = max(last_in_year.get(year, 0), running)
    return numbers


def paragraph_ranges(session: Session, group_id: int) -> dict[int, tuple[int, int]]:
    """Meeting id → (first §, last §)."""
    numbers = paragraph_numbers(session, group_id)
    ranges: dict[int, tuple[int, int]] = {}
    for meeting in session.scalars(select(Meeting).where(Meeting.group_id == group_id)).all():
        values = [numbers[item.id] for item in meeting.items if item.id in numbers]
        if values:
            ranges[meeting.id] = (min(values), max(values))
    return ranges


def freeze_paragraphs(session: Session, meeting: Meeting) -> None:
    """Store the current numbers on the items (at approval): they never change afterwards."""
    numbers = paragraph_numbers(session, meeting.group_id)
    for item in meeting.items:
        item.paragraph = numbers[item.id]
