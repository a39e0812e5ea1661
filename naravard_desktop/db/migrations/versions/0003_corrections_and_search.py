"""Correction reason on meetings; full-text index of agenda items (SQLite FTS5).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# External-content FTS5 index over agenda_items, kept in step by triggers; queried by
# naravard_desktop/db/search.py. Only on SQLite: PostgreSQL searches with ILIKE.
FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE agenda_search USING fts5("
    "title, notes, decision, content='agenda_items', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER agenda_search_insert AFTER INSERT ON agenda_items BEGIN "
    "INSERT INTO agenda_search(rowid, title, notes, decision) "
    "VALUES (new.id, new.title, new.notes, new.decision); END",
    "CREATE TRIGGER agenda_search_delete AFTER DELETE ON agenda_items BEGIN "
    "INSERT INTO agenda_search(agenda_search, rowid, title, notes, decision) "
    "VALUES ('delete', old.id, old.title, old.notes, old.decision); END",
    "CREATE TRIGGER agenda_search_update AFTER UPDATE ON agenda_items BEGIN "
    "INSERT INTO agenda_search(agenda_search, rowid, title, notes, decision) "
    "VALUES ('delete', old.id, old.title, old.notes, old.decision); "
    "INSERT INTO agenda_search(rowid, title, notes, decision) "
    "VALUES (new.id, new.title, new.notes, new.decision); END",
    "INSERT INTO agenda_search(agenda_search) VALUES ('rebuild')",
)


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.add_column(
            sa.Column("correction_reason", sa.Text(), server_default="", nullable=False)
        )
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("agenda_search_insert", "agenda_search_delete", "agenda_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS agenda_search")
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.drop_column("correction_reason")
