"""Full-text index of agenda items on PostgreSQL (GIN over Swedish stems and plain words).

Revision ID: 0005
Revises: 0004

SQLite keeps its FTS5 table from 0003: nothing to do there. The indexed expression is
naravard_desktop/db/search.py's PG_DOCUMENT, written out here as this revision made it (a
test checks that the search uses the index).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_agenda_items_search"
DOCUMENT = (
    "setweight(to_tsvector('swedish', title) || to_tsvector('simple', title), 'A')"
    " || setweight(to_tsvector('swedish', decision) || to_tsvector('simple', decision), 'B')"
    " || setweight(to_tsvector('swedish', notes) || to_tsvector('simple', notes), 'C')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {INDEX} ON agenda_items USING gin (({DOCUMENT}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
