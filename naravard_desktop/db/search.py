"""Full-text search over one group's agenda items: SQLite FTS5, PostgreSQL text search, and a
substring search where neither is available.

The FTS5 index (agenda_search) and its triggers are created by migration 0003, the PostgreSQL
GIN index by migration 0005; everything that knows about them is here. Every path filters by
group in SQL before its limit, so a group's hits are never crowded out by other groups'.

PostgreSQL matches each word as a prefix of a plain word (as FTS5 does) or as a Swedish stem.
The Snowball `swedish` stemmer splits no compounds and leaves "samverkan" and "samverkansgrupp"
as they are, so "samverkan" finds "samverkansgrupp" only through the prefix. Stemming adds
inflections: "grupper" finds "gruppen" (both "grupp"), "samverkansgruppen" finds
"samverkansgrupp", "samverkar" finds "samverka" (both "samverk", which is not "samverkan").
Stems are matched whole, never as prefixes: "antas" is stemmed to "ant", and a prefix would
find "antalet". The plain (`simple`) words are indexed beside the stems also because `swedish`
drops stop words: "och" alone would otherwise find nothing.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Select, or_, select, text
from sqlalchemy.exc import OperationalError

from naravard_desktop.db.models import AgendaItem, Meeting

SEARCH_TABLE = "agenda_search"
SEARCH_INDEX = "ix_agenda_items_search"  # PostgreSQL's, over an expression the models lack
LIKE_ESCAPE = "\\"
_TERM = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits, as both indexes split words

# The indexed document, title before decision before notes in rank (like bm25's weights below).
# Migration 0005 indexes exactly this expression; a test checks that the query uses the index.
PG_DOCUMENT = (
    "setweight(to_tsvector('swedish', agenda_items.title)"
    " || to_tsvector('simple', agenda_items.title), 'A')"
    " || setweight(to_tsvector('swedish', agenda_items.decision)"
    " || to_tsvector('simple', agenda_items.decision), 'B')"
    " || setweight(to_tsvector('swedish', agenda_items.notes)"
    " || to_tsvector('simple', agenda_items.notes), 'C')"
)


def is_search_table(name: str | None) -> bool:
    """The FTS5 table and its shadow tables, which the models do not describe."""
    return bool(name) and (name == SEARCH_TABLE or str(name).startswith(SEARCH_TABLE + "_"))


def is_search_object(name: str | None, kind: str) -> bool:
    """What comparing the models with a database must leave out: the FTS5 tables and the
    PostgreSQL expression index (Alembic would otherwise drop or create them)."""
    if kind == "table":
        return is_search_table(name)
    return kind == "index" and name == SEARCH_INDEX


def escape_like(value: str) -> str:
    """User text for a LIKE pattern with ESCAPE LIKE_ESCAPE: `%`, `_` and the escape
    character itself stand for themselves."""
    return (
        value.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


def contains_pattern(value: str) -> str:
    """A LIKE pattern for text containing `value` literally (use with escape=LIKE_ESCAPE)."""
    return f"%{escape_like(value)}%"


def fts_query(words: str) -> str | None:
    """User text → an FTS5 query: every word must occur, each as a prefix ("fast vård" finds
    "fasta vårdkontakter"). Quotes and operators typed by the user are taken as plain text."""
    terms = _TERM.findall(words)
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def matching_item_ids(
    connection: Connection, group_id: int, words: str, limit: int = 200
) -> list[int]:
    """Ids of the group's agenda items whose title, notes or decision contain all the words,
    best first, at most `limit`."""
    if connection.dialect.name == "postgresql":
        return _postgresql_ids(connection, group_id, words, limit)
    if connection.dialect.name == "sqlite":
        query = fts_query(words)
        if query is None:
            return []
        try:
            rows = connection.execute(
                text(
                    f"SELECT agenda_items.id FROM {SEARCH_TABLE}"
                    f" JOIN agenda_items ON agenda_items.id = {SEARCH_TABLE}.rowid"
                    " JOIN meetings ON meetings.id = agenda_items.meeting_id"
                    f" WHERE {SEARCH_TABLE} MATCH :q AND meetings.group_id = :group"
                    f" ORDER BY bm25({SEARCH_TABLE}, 5.0, 1.0, 2.0), agenda_items.id DESC"
                    " LIMIT :limit"
                ),
                {"q": query, "group": group_id, "limit": limit},
            ).all()
            return [int(row[0]) for row in rows]
        except OperationalError:
            connection.rollback()  # no FTS5 in this SQLite build: fall through
    return like_matching_ids(connection, group_id, words, limit)


def _postgresql_ids(connection: Connection, group_id: int, words: str, limit: int) -> list[int]:
    terms = _TERM.findall(words)
    if not terms:
        return []
    # Each word a whole stem or a prefix of a plain word; terms hold only letters and digits,
    # so they are always valid to_tsquery syntax.
    query = " && ".join(
        f"(to_tsquery('swedish', :t{n}) || to_tsquery('simple', :t{n} || ':*'))"
        for n in range(len(terms))
    )
    rows = connection.execute(
        text(
            "SELECT agenda_items.id FROM agenda_items"
            " JOIN meetings ON meetings.id = agenda_items.meeting_id"
            f" WHERE meetings.group_id = :group AND ({PG_DOCUMENT}) @@ ({query})"
            f" ORDER BY ts_rank({PG_DOCUMENT}, {query}) DESC, agenda_items.id DESC"
            " LIMIT :limit"
        ),
        {"group": group_id, "limit": limit} | {f"t{n}": term for n, term in enumerate(terms)},
    ).all()
    return [int(row[0]) for row in rows]


def like_matching_ids(
    connection: Connection, group_id: int, words: str, limit: int = 200
) -> list[int]:
    """The substring search: every whitespace-separated word occurs literally (any case) in the
    title, notes or decision; newest first."""
    terms = words.split()
    if not terms:
        return []
    statement: Select[int] = (
        select(AgendaItem.id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.group_id == group_id)
    )
    for term in terms:
        pattern = contains_pattern(term)
        statement = statement.where(
            or_(
                AgendaItem.title.ilike(pattern, escape=LIKE_ESCAPE),
                AgendaItem.notes.ilike(pattern, escape=LIKE_ESCAPE),
                AgendaItem.decision.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    return list(connection.execute(statement.order_by(AgendaItem.id.desc()).limit(limit)).scalars())
