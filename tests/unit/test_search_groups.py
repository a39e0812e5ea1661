"""Search stays inside the group however many groups share the database, and what a user
types is taken literally: `_` and `%` are characters, never LIKE wildcards."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from naravard_desktop.db.models import AgendaItem, Group, Meeting
from naravard_desktop.db.search import contains_pattern, escape_like, like_matching_ids
from naravard_desktop.services.meetings import decisions
from naravard_desktop.services.system.database import Database

OTHER_GROUPS = 12
ITEMS_PER_OTHER_GROUP = 80  # 960 newer, better-ranked hits than group 1's, all in other groups
OWN_HITS = 21


def _group_with_items(db: Database, name: str, day: dt.date, items: list[dict[str, str]]) -> int:
    with db.session() as session:
        group = Group(name=name)
        session.add(group)
        session.flush()
        meeting = Meeting(group_id=group.id, held_on=day)
        meeting.items.extend(
            AgendaItem(position=n, **fields) for n, fields in enumerate(items, start=1)
        )
        session.add(meeting)
        session.flush()
        return group.id


def _ids_of(db: Database, group_id: int) -> dict[str, int]:
    with db.session() as session:
        rows = session.execute(
            text(
                "SELECT agenda_items.id, agenda_items.title FROM agenda_items"
                " JOIN meetings ON meetings.id = agenda_items.meeting_id"
                " WHERE meetings.group_id = :group"
            ),
            {"group": group_id},
        ).all()
    return {title: item_id for item_id, title in rows}


@pytest.fixture
def crowded(db: Database) -> int:
    """Group 1, the oldest, with 21 hits deep in long notes; many later groups with short
    titles that match the same words (and rank better)."""
    filler = "Gruppen gick igenom läget i kommunen och regionen. " * 6
    own = _group_with_items(
        db,
        "Lokal samverkansgrupp Bergsjö",
        dt.date(2022, 1, 12),
        [
            {"title": f"Punkt {n}", "notes": filler + f"Samråd nummer {n} om vården."}
            for n in range(OWN_HITS)
        ],
    )
    for number in range(OTHER_GROUPS):
        _group_with_items(
            db,
            f"Samverkan {number}",
            dt.date(2024, 3, 14),
            [
                {"title": f"Samråd och plan {n}", "decision": "Samråd och beslut."}
                for n in range(ITEMS_PER_OTHER_GROUP)
            ],
        )
    return own


@pytest.mark.parametrize("words", ["samråd", "och", "vården samråd"])
def test_search_in_one_group_finds_all_its_hits_among_many_groups(
    db: Database, crowded: int, words: str
) -> None:
    hits = decisions.search_items(db, crowded, words)
    assert len(hits) == OWN_HITS
    assert {hit.title for hit in hits} == {f"Punkt {n}" for n in range(OWN_HITS)}


def test_search_limit_counts_only_the_groups_own_hits(db: Database, crowded: int) -> None:
    assert len(decisions.search_items(db, crowded, "samråd", limit=5)) == 5
    other = crowded + 1
    assert len(decisions.search_items(db, other, "samråd")) == ITEMS_PER_OTHER_GROUP


@pytest.fixture
def literal(db: Database) -> dict[str, int]:
    """Texts that an unescaped `_` or `%` would mix up, in two groups."""
    titles = ["Kod a_b", "Kod axb", "Målet 100% nått", "Målet 1000 kr", "Målet 100 kr", "Väg a\\b"]
    group = _group_with_items(
        db, "Lokal samverkansgrupp Bergsjö", dt.date(2024, 2, 1), [{"title": t} for t in titles]
    )
    _group_with_items(db, "Samverkan Norrby", dt.date(2024, 2, 2), [{"title": "Kod a_b"}])
    return {"group": group} | _ids_of(db, group)


def test_search_takes_underscore_as_a_character(db: Database, literal: dict[str, int]) -> None:
    """The word search splits "a_b" into the words "a" and "b", as it splits the text."""
    found = {hit.item_id for hit in decisions.search_items(db, literal["group"], "a_b")}
    assert literal["Kod a_b"] in found
    assert literal["Kod axb"] not in found
    found = {hit.item_id for hit in decisions.search_items(db, literal["group"], "100%")}
    assert literal["Målet 100% nått"] in found


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("a_b", ["Kod a_b"]),
        ("100%", ["Målet 100% nått"]),
        ("100", ["Målet 100% nått", "Målet 1000 kr", "Målet 100 kr"]),
        ("a\\b", ["Väg a\\b"]),
        ("kod A_B", ["Kod a_b"]),
        ("%", ["Målet 100% nått"]),
        ("_", ["Kod a_b"]),
    ],
)
def test_substring_search_takes_wildcards_literally(
    db: Database, literal: dict[str, int], words: str, expected: list[str]
) -> None:
    """The substring search (SQLite without FTS5) in the group only, wildcards escaped."""
    with db.session() as session:
        found = like_matching_ids(session.connection(), literal["group"], words)
    assert sorted(found) == sorted(literal[title] for title in expected)


def test_like_patterns_escape_the_wildcards_and_the_escape_character() -> None:
    assert escape_like("100%") == "100\\%"
    assert escape_like("a_b\\c") == "a\\_b\\\\c"
    assert contains_pattern("a_b") == "%a\\_b%"
