"""Approval integrity (issue 15): data hash, chain of approvals and signed PDF per revision.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing revisions keep NULL: they were approved before these checks existed, and
    # `check` says so instead of calling them forged.
    with op.batch_alter_table("protocol_revisions") as batch_op:
        batch_op.add_column(sa.Column("data_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chain_previous", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("signed_pdf", sa.LargeBinary(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_protocol_revisions_chain_hash"), ["chain_hash"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("protocol_revisions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_protocol_revisions_chain_hash"))
        batch_op.drop_column("signed_pdf")
        batch_op.drop_column("chain_hash")
        batch_op.drop_column("chain_previous")
        batch_op.drop_column("data_sha256")
