"""The action register (åtgärdslista): every action item of a group's meetings in one list,
what, who, due, done, the meeting and § it was given at and the plan activity it serves, so
the secretary sees what is open and overdue without going through each protocol. Read in
one query of the columns shown; the filters (status, person, year, text) are applied to the
rows read, so changing one asks the database nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select

from naravard_desktop.db.models import ActionItem, AgendaItem, Meeting
from naravard_desktop.i18n import _, pgettext, sort_key
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.meetings.read_models import (
    ActionData,
    ActionFilter,
    ActionRegister,
    ActionStatus,
)
from naravard_desktop.services.plan import plan_links
from naravard_desktop.services.system.database import Database


def read_register(db: Database, group_id: int) -> ActionRegister:
    """Every action item of the group, newest meeting first, in agenda order within it."""
    with db.session() as session:
        found = session.execute(
            select(
                ActionItem.id,
                ActionItem.agenda_item_id,
                Meeting.id,
                Meeting.held_on,
                AgendaItem.paragraph,
                ActionItem.what,
                ActionItem.who,
                ActionItem.due_on,
                ActionItem.done,
                ActionItem.done_on,
                ActionItem.activity_id,
                ActionItem.version,
            )
            .join(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.group_id == group_id)
            .order_by(
                Meeting.held_on.desc(),
                Meeting.id.desc(),
                AgendaItem.position,
                ActionItem.position,
            )
        ).all()
        numbers = numbers_of(session, group_id, ((r[1], r[3], r[4]) for r in found))
        rows = tuple(
            ActionData(
                id=action_id,
                agenda_item_id=item_id,
                meeting_id=meeting_id,
                meeting_on=held_on,
                paragraph=numbers.get(item_id, 0),
                what=what,
                who=who,
                due_on=due_on,
                done=done,
                done_on=done_on,
                activity_id=activity_id,
                version=version,
            )
            for (
                action_id,
                item_id,
                meeting_id,
                held_on,
                _stored,
                what,
                who,
                due_on,
                done,
                done_on,
                activity_id,
                version,
            ) in found
        )
        linked = {row.activity_id for row in rows if row.activity_id is not None}
        activities = plan_links.activity_labels(db, linked) if linked else {}
    return ActionRegister(rows, activities)


def is_overdue(row: ActionData, today: dt.date) -> bool:
    """Not done, and its last day has passed."""
    return not row.done and row.due_on is not None and row.due_on < today


def chosen_rows(register: ActionRegister, chosen: ActionFilter, today: dt.date) -> list[ActionData]:
    """The rows of `register` that `chosen` lets through, in the register's order."""
    needle = chosen.text.strip().casefold()

    def wanted(row: ActionData) -> bool:
        if not _has_status(row, chosen.status, today):
            return False
        if chosen.who is not None and row.who != chosen.who:
            return False
        if chosen.year is not None and row.meeting_on.year != chosen.year:
            return False
        if not needle:
            return True
        return any(
            needle in text.casefold() for text in (row.what, row.who, register.activity(row))
        )

    return [row for row in register.rows if wanted(row)]


def _has_status(row: ActionData, status: ActionStatus, today: dt.date) -> bool:
    if status == ActionStatus.OPEN:
        return not row.done
    if status == ActionStatus.OVERDUE:
        return is_overdue(row, today)
    return row.done if status == ActionStatus.DONE else True


def years_of(rows: Iterable[ActionData]) -> list[int]:
    """The years of the meetings that gave action items, newest first (the year filter)."""
    return sorted({row.meeting_on.year for row in rows}, reverse=True)


def people_of(rows: Iterable[ActionData]) -> list[str]:
    """Who the action items name, each once in Swedish alphabetical order ("" when some
    name no one), for the person filter."""
    return sorted({row.who for row in rows}, key=sort_key)


def status_label(row: ActionData, today: dt.date) -> str:
    """One action item's status, in a cell: "Klar", "Försenad" or "Öppen"."""
    if row.done:
        return pgettext("action item", "Done")
    if is_overdue(row, today):
        return pgettext("action item", "Overdue")
    return pgettext("action item", "Open")


def status_choices() -> list[tuple[ActionStatus, str]]:
    """The status filter's entries, in the order shown: "Öppna", "Försenade", "Klara"…"""
    return [
        (ActionStatus.OPEN, pgettext("action items", "Open")),
        (ActionStatus.OVERDUE, pgettext("action items", "Overdue")),
        (ActionStatus.DONE, pgettext("action items", "Done")),
        (ActionStatus.ALL, pgettext("action items", "All")),
    ]


def described(chosen: ActionFilter) -> str:
    """The filters in words, for an exported list: "Öppna, Anna Berg, 2025, “plan”"."""
    parts = [dict(status_choices())[chosen.status]]
    if chosen.who is not None:
        parts.append(chosen.who or _("no one named"))
    parts.append(str(chosen.year) if chosen.year is not None else _("All years"))
    if chosen.text.strip():
        parts.append(f"“{chosen.text.strip()}”")
    return ", ".join(parts)
