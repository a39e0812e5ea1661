"""Paragraph numbers (§): continuous through the calendar year per group by default, or from
§ 1 in every meeting. Drafts are numbered on the fly; approval freezes the numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from itertools import groupby

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ParagraphNumbering
from naravard_desktop.db.models import AgendaItem, Group, Meeting


def _numbered(
    session: Session, group_id: int, years: Collection[int] | None = None
) -> list[tuple[int, int, int]]:
    """(meeting id, item id, §) of every agenda item of the group, in meeting order.

    Approved meetings keep their stored numbers; a draft continues after the meetings held
    before it in the same year (or starts at 1 when the group restarts per meeting). One
    query of the few columns needed, not the meetings and items as objects: the meetings
    page, the decision register and each item's § ask for all of a group's years."""
    group = session.get(Group, group_id)
    per_meeting = group is not None and group.paragraph_numbering == ParagraphNumbering.PER_MEETING
    found = (
        select(
            Meeting.id,
            Meeting.held_on,
            Meeting.starts_at,
            AgendaItem.position,
            AgendaItem.id,
            AgendaItem.paragraph,
        )
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.group_id == group_id)
    )
    if years is not None:  # the numbers run per calendar year: other years change none
        found = found.where(
            or_(
                *(
                    Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
                    for year in sorted(years)
                )
            )
        )
    # By date, then start time (none counts as 00:00), then id; items by position.
    ordered = sorted(
        session.execute(found), key=lambda r: (r[1], r[2] or dt.time(0), r[0], r[3], r[4])
    )
    numbered: list[tuple[int, int, int]] = []
    last_in_year: dict[int, int] = {}
    for meeting_id, rows in groupby(ordered, key=lambda r: r[0]):
        running = None
        for _meeting, held_on, _starts, _position, item_id, paragraph in rows:
            if running is None:
                running = 0 if per_meeting else last_in_year.get(held_on.year, 0)
            # A stored number was frozen at approval and is kept through corrections.
            running = paragraph if paragraph is not None else running + 1
            numbered.append((meeting_id, item_id, running))
        if running is not None:
            last_in_year[held_on.year] = max(last_in_year.get(held_on.year, 0), running)
    return numbered


def paragraph_numbers(session: Session, group_id: int, year: int | None = None) -> dict[int, int]:
    """Agenda item id → § number for every meeting of the group, or of one calendar year
    (all a meeting's items need: a year's numbers do not depend on other years)."""
    years = None if year is None else (year,)
    return {item_id: number for _meeting, item_id, number in _numbered(session, group_id, years)}


def numbers_of(
    session: Session, group_id: int, items: Iterable[tuple[int, dt.date, int | None]]
) -> dict[int, int]:
    """§ of the items given as (id, meeting date, stored §): the stored number where the
    approval froze it, else counted through the meetings of that item's year alone (the
    register and the search list items of ten years, mostly approved long since)."""
    numbers: dict[int, int] = {}
    years: set[int] = set()
    for item_id, held_on, paragraph in items:
        if paragraph is None:
            years.add(held_on.year)
        else:
            numbers[item_id] = paragraph
    if years:
        counted = _numbered(session, group_id, years)
        numbers.update((item_id, n) for _meeting, item_id, n in counted if item_id not in numbers)
    return numbers


def paragraph_ranges(session: Session, group_id: int) -> dict[int, tuple[int, int]]:
    """Meeting id → (first §, last §). A meeting whose items all have their § stored (an
    approved protocol) takes the least and greatest from the database; the others are
    counted through their years' meetings alone (one row a meeting, not one an item)."""
    per_meeting = session.execute(
        select(
            Meeting.id,
            Meeting.held_on,
            func.min(AgendaItem.paragraph),
            func.max(AgendaItem.paragraph),
            func.count(AgendaItem.id) == func.count(AgendaItem.paragraph),
        )
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.group_id == group_id)
        .group_by(Meeting.id, Meeting.held_on)
    ).all()
    ranges: dict[int, tuple[int, int]] = {}
    counted: dict[int, int] = {}  # meeting id → year, for the meetings counted
    for meeting_id, held_on, first, last, all_stored in per_meeting:
        if all_stored and first is not None and last is not None:
            ranges[meeting_id] = (first, last)
        else:
            counted[meeting_id] = held_on.year
    if counted:
        for meeting_id, _item, number in _numbered(session, group_id, set(counted.values())):
            if meeting_id in counted:
                first, last = ranges.get(meeting_id, (number, number))
                ranges[meeting_id] = (min(first, number), max(last, number))
    return ranges


def freeze_paragraphs(session: Session, meeting: Meeting) -> None:
    """Store the current numbers on the items (at approval): they never change afterwards."""
    numbers = paragraph_numbers(session, meeting.group_id)
    for item in meeting.items:
        item.paragraph = numbers[item.id]
