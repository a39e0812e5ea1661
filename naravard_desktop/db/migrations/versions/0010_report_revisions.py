"""An adopted annual report in the chain of approvals, reopened and adopted again (issue 20):
every adoption becomes a revision of its own, with its PDF, its hashes and its link in the
group's chain; the report keeps its texts, its state and the reason of a correction under way.

Revision ID: 0010
Revises: 0009

Reports adopted before move into revision 1, without a link (as protocols approved before
the chain existed). On PostgreSQL the new table gets the row-level security 0007 gives every
table that names its group in its own column. The downgrade puts the latest adoption back
into the report's row and drops the earlier revisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLE = "annual_report_revisions"
GRANTED = "SELECT a.group_id FROM group_access a WHERE a.role_name = current_user"
READABLE = f"{TABLE}.group_id IN ({GRANTED})"
WRITABLE = f"{TABLE}.group_id IN ({GRANTED} AND NOT a.read_only)"
OLD_WRITABLE = f"OLD.group_id IN ({GRANTED} AND NOT a.read_only)"
GUARD = f"naravard_guard_delete_{TABLE}"
# The adoption's columns, the same in the report's row (up to 0009) and in a revision.
MOVED = (
    "adopted_by_item_id",
    "adopted_at",
    "adopted_by",
    "adopted_login",
    "language",
    "pdf",
    "sha256",
    "data_sha256",
)


def upgrade() -> None:
    op.add_column(
        "annual_reports",
        sa.Column("correction_reason", sa.Text(), server_default="", nullable=False),
    )
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("adopted_by_item_id", sa.Integer(), nullable=True),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopted_by", sa.String(length=500), nullable=False),
        sa.Column("adopted_login", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data_sha256", sa.String(length=64), nullable=True),
        sa.Column("chain_previous", sa.String(length=64), nullable=True),
        sa.Column("chain_hash", sa.String(length=64), nullable=True),
        sa.Column("chain_after", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["adopted_by_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_annual_report_revisions_adopted_by_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_annual_report_revisions_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["annual_reports.id"],
            name=op.f("fk_annual_report_revisions_report_id_annual_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_report_revisions")),
        sa.UniqueConstraint(
            "report_id", "revision", name=op.f("uq_annual_report_revisions_report_id_revision")
        ),
    )
    for column in ("report_id", "group_id", "sha256", "chain_hash"):
        op.create_index(op.f(f"ix_{TABLE}_{column}"), TABLE, [column])
    moved = ", ".join(MOVED)
    op.execute(
        f"INSERT INTO {TABLE} (report_id, group_id, year, revision, reason, chain_after, "
        f"{moved}) SELECT id, group_id, year, 1, '', 0, {moved} FROM annual_reports "
        "WHERE state = 'adopted' AND pdf IS NOT NULL AND adopted_at IS NOT NULL"
    )
    op.execute(
        "UPDATE annual_reports SET adopted_by_item_id = NULL, adopted_at = NULL, "
        "adopted_by = '', adopted_login = '', pdf = NULL, sha256 = NULL, data_sha256 = NULL"
    )
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
    latest = f"SELECT max(r.revision) FROM {TABLE} r WHERE r.report_id = annual_reports.id"
    found = (
        "(SELECT v.{column} FROM " + TABLE + " v WHERE v.report_id = annual_reports.id "
        "AND v.revision = (" + latest + "))"
    )
    required = {"adopted_by": "''", "adopted_login": "''", "language": "'sv'"}
    values = ", ".join(
        f"{column} = coalesce({found.format(column=column)}, {required[column]})"
        if column in required
        else f"{column} = {found.format(column=column)}"
        for column in MOVED
    )
    # A report reopened for a correction is a draft without an adoption before 0010.
    op.execute(f"UPDATE annual_reports SET {values} WHERE state = 'adopted'")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER naravard_guard_delete ON {TABLE}")
        op.execute(f"DROP FUNCTION {GUARD}()")
        for policy in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY naravard_{policy} ON {TABLE}")
    for column in ("chain_hash", "sha256", "group_id", "report_id"):
        op.drop_index(op.f(f"ix_{TABLE}_{column}"), table_name=TABLE)
    op.drop_table(TABLE)
    with op.batch_alter_table("annual_reports") as batch:
        batch.drop_column("correction_reason")
