"""The pages' queries use indexes, and their number does not grow with the group's rows
(issue 18, point 4): the SQL each page's service calls send (tests/unit/page_queries.py)
is explained by SQLite, and a group with more meetings, items, attachments and action
items is opened with as many queries as before."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import ActionInput, ItemInput, MeetingInput
from naravard_desktop.services.system.database import Database
from tests.unit.page_queries import PAGES, opened_on, statements

DEMO_TODAY = dt.date(2025, 3, 14)

# Tables that grow with the years of a group or with the groups of a region: read one
# only through an index. (groups, group_access and the SIP setup stay small.)
LARGE_TABLES = {
    "meetings",
    "agenda_items",
    "attachments",
    "action_items",
    "attendance",
    "protocol_revisions",
    "plans",
    "plan_revisions",
    "areas",
    "activities",
    "follow_ups",
    "sip_periods",
    "sip_counts",
    "persons",
    "memberships",
}
_SCAN = re.compile(r"^SCAN (\w+)")


def _scanned(db: Database, statement: str, parameters: object) -> list[str]:
    """The large tables SQLite reads whole for `statement`."""
    with db.engine.connect() as connection:
        steps = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement,
            parameters,  # type: ignore[arg-type]
        ).all()
    found = (_SCAN.match(str(step[-1])) for step in steps)
    return [match.group(1) for match in found if match and match.group(1) in LARGE_TABLES]


@pytest.mark.sqlite_only  # EXPLAIN QUERY PLAN is SQLite's; the indexes are the same on both
@pytest.mark.demo(DEMO_TODAY)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_reads_a_large_table_whole(db: Database, demo_group: GroupData, page: str) -> None:
    opened = opened_on(db, demo_group.id)
    with statements(db) as sent:
        PAGES[page](db, opened)
    selects = [(s, p) for s, p in sent if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert selects, "the page asked nothing"
    scans = {s: _scanned(db, s, p) for s, p in selects}
    assert {s: tables for s, tables in scans.items() if tables} == {}


def _grow(db: Database, group_id: int, meeting_id: int, times: int) -> None:
    """`times` more meetings (in the year of the one the page opens on) of six items with
    attachments, decisions and action items, and `times` more items with attachments and
    action items in the meeting the page opens on."""
    year = meetings.get_meeting(db, meeting_id).held_on.year
    for day in range(1, times + 1):
        found = meetings.create_meeting(
            db, group_id, MeetingInput(held_on=dt.date(year, 1, day), place="Kommunhuset")
        )
        for n in range(6):
            item = agenda.add_item(
                db,
                found.id,
                ItemInput(
                    title=f"Ärende {n}",
                    notes="Gruppen diskuterade.",
                    decision="Gruppen beslutar att notera informationen om planen.",
                    attachments=("Bilaga 1", "Bilaga 2"),
                ),
            )
            actions.add_action(db, item.id, ActionInput(what=f"Åtgärd {n}"))
    for n in range(times):
        item = agenda.add_item(
            db, meeting_id, ItemInput(title=f"Nytt ärende {n}", attachments=("Bilaga",))
        )
        actions.add_action(db, item.id, ActionInput(what=f"Ny åtgärd {n}"))


@pytest.mark.demo(DEMO_TODAY)
def test_pages_ask_as_many_queries_however_many_rows(db: Database, demo_group: GroupData) -> None:
    opened = opened_on(db, demo_group.id)
    _grow(db, demo_group.id, opened.meeting_id, 1)  # one of each kind of row to begin with
    before = {}
    for page, open_page in PAGES.items():
        with statements(db) as sent:
            open_page(db, opened)
        before[page] = len(sent)
    _grow(db, demo_group.id, opened.meeting_id, 5)
    after = {}
    for page, open_page in PAGES.items():
        with statements(db) as sent:
            open_page(db, opened)
        after[page] = len(sent)
    assert after == before
