"""How the word search matches and ranks, on SQLite (FTS5) and PostgreSQL (text search with
the Swedish stemmer and a GIN index)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event

from naravard_desktop.db.search import SEARCH_INDEX
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import agenda, decisions, meetings
from naravard_desktop.services.meetings.read_models import ItemInput, MeetingInput
from naravard_desktop.services.system.database import Database

TITLES = (
    "Samverkansgrupp Bergsjö",
    "Samverkan med skolan",
    "Gruppen träffas",
    "Beslut om elevhälsan",
    "Antalet SIP ökar",
)


@pytest.fixture
def items(db: Database) -> tuple[int, dict[str, int]]:
    group = groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))
    meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 4, 3)))
    ids = {title: agenda.add_item(db, meeting.id, ItemInput(title=title)).id for title in TITLES}
    ids["notes"] = agenda.add_item(
        db, meeting.id, ItemInput(title="Övrigt", notes="Kort om samverkan i länet.")
    ).id
    return group.id, ids


def _titles(db: Database, group_id: int, words: str) -> list[str]:
    return [hit.title for hit in decisions.search_items(db, group_id, words)]


def on_postgresql(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"


def test_words_match_as_prefixes_and_titles_rank_first(
    db: Database, items: tuple[int, dict[str, int]]
) -> None:
    group_id, _ids = items
    found = _titles(db, group_id, "samverkan")
    assert set(found) == {"Samverkansgrupp Bergsjö", "Samverkan med skolan", "Övrigt"}
    assert found[-1] == "Övrigt"  # a hit in the notes ranks below hits in titles
    assert _titles(db, group_id, "elevhälsa") == ["Beslut om elevhälsan"]
    assert _titles(db, group_id, "antas") == []  # "antalet" is no form of "antas"


def test_postgresql_finds_inflected_forms_through_the_swedish_stem(
    db: Database, items: tuple[int, dict[str, int]]
) -> None:
    if not on_postgresql(db):
        pytest.skip("stemming is PostgreSQL's; FTS5 matches prefixes only")
    group_id, _ids = items
    assert _titles(db, group_id, "grupper") == ["Gruppen träffas"]
    assert _titles(db, group_id, "besluten") == ["Beslut om elevhälsan"]
    assert _titles(db, group_id, "samverkansgruppen") == ["Samverkansgrupp Bergsjö"]
    # The stemmer keeps "samverkan" whole, so "samverkar" (stem "samverk") does not find it.
    assert _titles(db, group_id, "samverkar") == []


def test_postgresql_search_uses_the_gin_index(
    db: Database, items: tuple[int, dict[str, int]]
) -> None:
    if not on_postgresql(db):
        pytest.skip("the GIN index is PostgreSQL's; SQLite has its FTS5 table")
    group_id, _ids = items
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if "to_tsquery" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert _titles(db, group_id, "samverkan skolan") == ["Samverkan med skolan"]
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    [(statement, parameters)] = seen
    with db.engine.connect() as connection:
        for plan_kind in ("seqscan", "indexscan", "nestloop"):  # as with many rows
            connection.exec_driver_sql(f"SET enable_{plan_kind} = off")
        plan = connection.exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
    assert any(SEARCH_INDEX in line for line in plan), "\n".join(plan)
