"""A version column on every editable row (issue 16): attendance, attachments, areas,
follow-ups, indicators, SIP categories and SIP counts join the tables that had one, so two
clients on one server never overwrite each other's change silently.

Revision ID: 0006
Revises: 0005

Existing rows start at version 1, as the first versioned tables did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = (
    "attendance",
    "attachments",
    "areas",
    "follow_ups",
    "indicators",
    "sip_categories",
    "sip_counts",
)


def upgrade() -> None:
    for table in TABLES:
        # SQLite adds a NOT NULL column in place when it has a default: no table copy.
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
