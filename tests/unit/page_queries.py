"""What each page of the window asks the services for as it opens, and the SQL that runs:
shared by the query-plan and the query-count tests (tests/unit/test_query_plans.py).

Each page is the service calls its widgets make on opening (ui/<area>/), on the group's
first plan, period, meeting and item where a page opens on one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.group import members, overview
from naravard_desktop.services.meetings import (
    action_register,
    actions,
    agenda,
    approval,
    approval_check,
    attendance,
    decisions,
    meetings,
    signing,
)
from naravard_desktop.services.plan import follow_ups, plan_links, plan_outline, plans
from naravard_desktop.services.sip import sip_analysis, sip_counts, sip_periods, sip_setup
from naravard_desktop.services.system.database import Database


@dataclass(frozen=True)
class Opened:
    """What the pages open on: the group, and the meeting the meeting page shows."""

    group_id: int
    meeting_id: int


Page = Callable[[Database, Opened], object]


def _plan(db: Database, opened: Opened) -> None:
    found = plans.list_plans(db, opened.group_id)
    outline = plan_outline.load_outline(db, found[0].id)
    shown = plan_outline.activities_of(db, [area.id for area in outline.areas])
    follow_ups.list_follow_ups(db, shown[0].id)


def _sip(db: Database, opened: Opened) -> None:
    sip_setup.get_setup(db, opened.group_id)
    periods = sip_periods.list_periods(db, opened.group_id)
    sip_counts.load_counts(db, periods[0].id)


def _sip_analysis(db: Database, opened: Opened) -> None:
    sip_analysis.load_sums(db, opened.group_id)


def opened_on(db: Database, group_id: int) -> Opened:
    """The group and its draft meeting with the most agenda items (one a test may add to)."""
    found = meetings.list_meetings(db, group_id)
    drafts = [m for m in found if m.state == ProtocolState.DRAFT]
    biggest = max(drafts, key=lambda m: len(agenda.list_items(db, m.id)))
    return Opened(group_id, biggest.id)


def _meeting(db: Database, opened: Opened) -> None:
    group_id, meeting_id = opened.group_id, opened.meeting_id
    meetings.get_meeting(db, meeting_id)
    members.list_members(db, group_id)
    items = agenda.list_items(db, meeting_id)
    attendance.list_attendance(db, meeting_id)
    approval.revisions(db, meeting_id)
    approval_check.meeting_problems(db, meeting_id)
    signing.fields_state(db, meeting_id)
    actions.actions_of_item(db, items[0].id)
    actions.open_actions_before(db, meeting_id)
    plan_links.activity_choices(db, group_id)


def _decisions(db: Database, opened: Opened) -> None:
    decisions.decision_years(db, opened.group_id)
    decisions.list_decisions(db, opened.group_id)
    decisions.list_decisions(db, opened.group_id, year=dt.date.today().year)


def _search(db: Database, opened: Opened) -> None:
    decisions.search_items(db, opened.group_id, "plan")


PAGES: dict[str, Page] = {
    "overview": lambda db, opened: overview.overview(db, opened.group_id),
    "plan": _plan,
    "sip": _sip,
    "sip_analysis": _sip_analysis,
    "meetings": lambda db, opened: meetings.list_meetings(db, opened.group_id),
    "meeting": _meeting,
    "decisions": _decisions,
    "search": _search,
    "actions": lambda db, opened: action_register.read_register(db, opened.group_id),
    "members": lambda db, opened: members.list_members(db, opened.group_id),
}


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """Every statement sent to the database inside the block, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def heard(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", heard)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", heard)
