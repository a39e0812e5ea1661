"""Full-text search over a part of the agenda items' text: their titles and notes, or their
decisions alone (search everywhere lists the two apart: services/search/everywhere.py).

The same indexes, word rules, ranking and group filter as db/search.py, which owns them: the
FTS5 query restricted to columns (`{title notes} : (…)`), the PostgreSQL query restricted to
the weights the indexed document gives those columns (title A, decision B, notes C), and
the substring search where neither is available.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Connection, Select, or_, select, text
from sqlalchemy.exc import OperationalError

from naravard_desktop.db.models import AgendaItem, Meeting
from naravard_desktop.db.search import (
    _TERM,
    LIKE_ESCAPE,
    PG_DOCUMENT,
    SEARCH_TABLE,
    contains_pattern,
    fts_query,
)

# The group's items, a set the index's matches are looked up in: 2 to 3 times faster than
# joining every match (of every group) to its item and meeting, which reads each item's row.
# The `+` keeps the set from being handed to FTS5 as rowids to fetch one by one (minutes).
_GROUP_ITEMS = (
    "SELECT agenda_items.id FROM meetings"
    " JOIN agenda_items ON agenda_items.meeting_id = meetings.id"
    " WHERE meetings.group_id = :group"
)


class ItemPart(Enum):
    """Which of an agenda item's texts are searched."""

    TITLE_AND_NOTES = ("{title notes}", "AC", ("title", "notes"))
    DECISION = ("decision", "B", ("decision",))

    def __init__(self, fts_columns: str, weights: str, columns: tuple[str, ...]) -> None:
        self.fts_columns = fts_columns
        self.weights = weights
        self.columns = columns


def matching_ids_in(
    connection: Connection, group_id: int, words: str, part: ItemPart, limit: int
) -> list[int]:
    """Ids of the group's agenda items whose `part` contains all the words, best first, at
    most `limit` (each word a prefix, and on PostgreSQL also a Swedish stem, as db/search)."""
    if connection.dialect.name == "postgresql":
        return _postgresql_ids(connection, group_id, words, part, limit)
    if connection.dialect.name == "sqlite":
        query = fts_query(words)
        if query is None:
            return []
        try:
            rows = connection.execute(
                text(
                    f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q"
                    f" AND +rowid IN ({_GROUP_ITEMS})"
                    f" ORDER BY bm25({SEARCH_TABLE}, 5.0, 1.0, 2.0), rowid DESC LIMIT :limit"
                ),
                {"q": f"{part.fts_columns} : ({query})", "group": group_id, "limit": limit},
            ).all()
            return [int(row[0]) for row in rows]
        except OperationalError:
            connection.rollback()  # no FTS5 in this SQLite build: fall through
    return like_matching_ids_in(connection, group_id, words, part, limit)


def _postgresql_ids(
    connection: Connection, group_id: int, words: str, part: ItemPart, limit: int
) -> list[int]:
    terms = _TERM.findall(words)
    if not terms:
        return []
    # As db/search, each word a stem or a prefix, here only in the part's weights; terms
    # hold only letters and digits, so "term:AC" and "term:*AC" are valid to_tsquery syntax.
    query = " && ".join(
        f"(to_tsquery('swedish', :t{n} || :stem) || to_tsquery('simple', :t{n} || :prefix))"
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
        {
            "group": group_id,
            "limit": limit,
            "stem": f":{part.weights}",
            "prefix": f":*{part.weights}",
        }
        | {f"t{n}": term for n, term in enumerate(terms)},
    ).all()
    return [int(row[0]) for row in rows]


def like_matching_ids_in(
    connection: Connection, group_id: int, words: str, part: ItemPart, limit: int
) -> list[int]:
    """Every whitespace-separated word literally (any case) in one of the part's texts."""
    terms = words.split()
    if not terms:
        return []
    columns = [getattr(AgendaItem, name) for name in part.columns]
    statement: Select[int] = (
        select(AgendaItem.id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.group_id == group_id)
    )
    for term in terms:
        pattern = contains_pattern(term)
        statement = statement.where(
            or_(*(column.ilike(pattern, escape=LIKE_ESCAPE) for column in columns))
        )
    return list(connection.execute(statement.order_by(AgendaItem.id.desc()).limit(limit)).scalars())
