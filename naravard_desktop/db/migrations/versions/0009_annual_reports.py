"""The annual follow-up report (issue 20): a group's year with the secretary's analysis per
section and, once adopted, the stored PDF and its hash.

Revision ID: 0009
Revises: 0008

On PostgreSQL the table gets the row-level security 0007 gives every table that names its
group in its own column: a role reads the reports of the groups granted to it, writes those
granted without read-only, and a read-only role's delete is refused by a trigger.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "annual_reports"
GRANTED = "SELECT a.group_id FROM group_access a WHERE a.role_name = current_user"
READABLE = f"{TABLE}.group_id IN ({GRANTED})"
WRITABLE = f"{TABLE}.group_id IN ({GRANTED} AND NOT a.read_only)"
OLD_WRITABLE = f"OLD.group_id IN ({GRANTED} AND NOT a.read_only)"
GUARD = f"naravard_guard_delete_{TABLE}"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum("draft", "adopted", name="reportstate", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("summary_text", sa.Text(), nullable=False),
        sa.Column("plan_text", sa.Text(), nullable=False),
        sa.Column("sip_text", sa.Text(), nullable=False),
        sa.Column("meetings_text", sa.Text(), nullable=False),
        sa.Column("adopted_by_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("adopted_by", sa.String(length=500), nullable=False),
        sa.Column("adopted_login", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("data_sha256", sa.String(length=64), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["adopted_by_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_annual_reports_adopted_by_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_annual_reports_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_reports")),
        sa.UniqueConstraint("group_id", "year", name=op.f("uq_annual_reports_group_id_year")),
    )
    op.create_index(op.f("ix_annual_reports_group_id"), TABLE, ["group_id"])
    op.create_index(op.f("ix_annual_reports_sha256"), TABLE, ["sha256"])
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in (
        f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY naravard_read ON {TABLE} FOR SELECT USING ({READABLE})",
        f"CREATE POLICY naravard_insert ON {TABLE} FOR INSERT WITH CHECK ({WRITABLE})",
        f"CREATE POLICY naravard_update ON {TABLE} FOR UPDATE USING ({READABLE})"
        f" WITH CHECK ({WRITABLE})",
        f"CREATE POLICY naravard_delete ON {TABLE} FOR DELETE USING ({READABLE})",
        f"CREATE FUNCTION {GUARD}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF row_security_active(TG_RELID) AND NOT ({OLD_WRITABLE}) THEN"
        " RAISE EXCEPTION 'permission denied: read-only access to this group'"
        " USING ERRCODE = 'insufficient_privilege'; END IF; RETURN OLD; END $$",
        f"CREATE TRIGGER naravard_guard_delete BEFORE DELETE ON {TABLE}"
        f" FOR EACH ROW EXECUTE FUNCTION {GUARD}()",
    ):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER naravard_guard_delete ON {TABLE}")
        op.execute(f"DROP FUNCTION {GUARD}()")
        for policy in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY naravard_{policy} ON {TABLE}")
    op.drop_index(op.f("ix_annual_reports_sha256"), table_name=TABLE)
    op.drop_index(op.f("ix_annual_reports_group_id"), table_name=TABLE)
    op.drop_table(TABLE)
