"""Full-text search over agenda items: SQLite FTS5 where available, ILIKE elsewhere.

The FTS5 index (agenda_search) and its triggers are created by migration 0003; everything that
knows about them is here."""

from __future__ import annotations

import re

from sqlalchemy import Connection, Select, or_, select, text
from sqlalchemy.exc import OperationalError

from naravard_desktop.db.models import AgendaItem

SEARCH_TABLE = "agenda_search"
_WORD = re.compile(r"\w+", re.UNICODE)


def is_search_table(name: str | None) -> bool:
    """The FTS5 table and its shadow tables, which the models do not describe."""
    return bool(name) and (name == SEARCH_TABLE or str(name).startswith(SEARCH_TABLE + "_"))


def fts_query(words: str) -> str | None:
    """User text → an FTS5 query: every word must occur, each as a prefix ("fast vård" finds
    "fasta vårdkontakter"). Quotes and operators typed by the user are taken as plain text."""
    terms = _WORD.findall(words)
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def matching_item_ids(connection: Connection, words: str, limit: int = 200) -> list[int]:
    """Ids of agenda items whose title, notes or decision contain all the words, best first."""
    query = fts_query(words)
    if query is None:
        return []
    if connection.dialect.name == "sqlite":
        try:
            rows = connection.execute(
                text(
                    f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q "
                    f"ORDER BY bm25({SEARCH_TABLE}, 5.0, 1.0, 2.0) LIMIT :limit"
                ),
                {"q": query, "limit": limit},
            ).all()
            return [int(row[0]) for row in rows]
        except OperationalError:
            connection.rollback()  # no FTS5 in this SQLite build: fall through
    return list(connection.execute(_like_query(words, limit)).scalars())


def _like_query(words: str, limit: int) -> Select[int]:
    statement = select(AgendaItem.id)
    for term in _WORD.findall(words):
        pattern = f"%{term}%"
        statement = statement.where(
            or_(
                AgendaItem.title.ilike(pattern),
                AgendaItem.notes.ilike(pattern),
                AgendaItem.decision.ilike(pattern),
            )
        )
    return statement.order_by(AgendaItem.id.desc()).limit(limit)
