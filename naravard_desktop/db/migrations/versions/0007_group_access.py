"""Who may open which group on a server (issue 16, point 5): the table of grants, row-level
security on every table holding a group's rows, and the login that approved a protocol.

Revision ID: 0007
Revises: 0006

On PostgreSQL a role reads the rows of the groups granted to it in `group_access` and writes
those granted without read-only; a read-only role's insert or update is refused by the
policies' WITH CHECK and its delete by a trigger (a DELETE policy can only hide rows, and a
hidden row would look like "someone else deleted it first"). The owner of the tables (the
role that ran `migrate`) is not subject to them (RLS is enabled, not forced), so `migrate`,
`check`, `grant` and creating groups stay the administrator's, with full access.

Child tables (a meeting's §§, an area's activities …) are checked through their parent: the
policy asks whether the parent row is visible (EXISTS on the parent's primary key, itself
filtered by the parent's policy). The app goes from a parent to its children through the
indexed parent key, so that is one primary-key probe per level on pages already in memory,
and no service has to set anything. Two tables carry a copy of their group's id instead,
set by triggers from the parent (on insert, when the parent key or the copy is written, when a
parent moves; never by the app): activities (two levels below the plan) and sip_counts (the
largest table), because the region overview counts them across every group, and the probes
then ran for each of their rows. Measured with 290 groups × 10 years
(benchmarks/region_data.py) as the owner / a role granted all 290 groups / 8 of them: the
region overview 163 / 154 / 45 ms with the copies (162 / 1174 / 684 ms through the parents),
a group's meetings 68 / 66 / 66 ms, its plans 9 / 13 / 11 ms.

The search (db/search.py) keeps its group filter on meetings.group_id. For a role under
these policies PostgreSQL uses an index only for leakproof conditions, so the text match (@@)
is checked on the group's items found through meetings.group_id and agenda_items.meeting_id
(the plan it chose for the owner too, measured with 20 000 items in a group: 1.4 s as owner,
1.5 s as a role), never through the GIN index; the policies add one hashed subplan per query
(the granted groups), not a probe per row. Sequences, `alembic_version` (the app reads its
revision on start) and the advisory lock of `migrate` need no policy: `grant` gives the
sequences' USAGE and SELECT on `alembic_version`; a lock needs no privilege.

SQLite gets the table (empty: one file, one user), the approval's login and the copied group
ids with their triggers (so the column means the same in every database), no policies.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Tables whose own column names the group.
OWN_GROUP = {
    "groups": "id",
    "persons": "group_id",
    "meetings": "group_id",
    "plans": "group_id",
    "indicators": "group_id",
    "sip_categories": "group_id",
    "sip_periods": "group_id",
    "activities": "group_id",  # a copy, kept by the triggers below
    "sip_counts": "group_id",  # likewise
}
# Tables whose rows belong to a parent row: (parent key, parent table).
PARENT = {
    "memberships": ("person_id", "persons"),
    "attendance": ("meeting_id", "meetings"),
    "agenda_items": ("meeting_id", "meetings"),
    "protocol_revisions": ("meeting_id", "meetings"),
    "attachments": ("agenda_item_id", "agenda_items"),
    "action_items": ("agenda_item_id", "agenda_items"),
    "plan_revisions": ("plan_id", "plans"),
    "areas": ("plan_id", "plans"),
    "follow_ups": ("activity_id", "activities"),
}
GROUP_TABLES = (*OWN_GROUP, *PARENT)

# The copies of the group id: table → (parent key, the group of a parent key `{}`).
COPIES = {
    "activities": (
        "area_id",
        "SELECT p.group_id FROM areas a JOIN plans p ON p.id = a.plan_id WHERE a.id = {}",
    ),
    "sip_counts": ("period_id", "SELECT p.group_id FROM sip_periods p WHERE p.id = {}"),
}
# What moves a copied row to another group: (table, column, copied table, its rows moved
# by the table's row `{}`).
MOVES = (
    ("areas", "plan_id", "activities", "activities.area_id = {}.id"),
    (
        "plans",
        "group_id",
        "activities",
        "activities.area_id IN (SELECT a.id FROM areas a WHERE a.plan_id = {}.id)",
    ),
    ("sip_periods", "group_id", "sip_counts", "sip_counts.period_id = {}.id"),
)

GRANTED = "SELECT a.group_id FROM group_access a WHERE a.role_name = current_user"
WRITABLE = GRANTED + " AND NOT a.read_only"


def readable(table: str, row: str) -> str:
    """Whether the row (columns prefixed by `row`) belongs to a group the role may read."""
    if table in OWN_GROUP:
        return f"{row}{OWN_GROUP[table]} IN ({GRANTED})"
    key, parent = PARENT[table]
    return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {row}{key})"


def writable(table: str, row: str, depth: int = 0) -> str:
    """Whether the row belongs to a group the role may write: up the parents to the group."""
    if table in OWN_GROUP:
        return f"{row}{OWN_GROUP[table]} IN ({WRITABLE})"
    key, parent = PARENT[table]
    alias = f"p{depth}"
    inner = writable(parent, f"{alias}.", depth + 1)
    return f"EXISTS (SELECT 1 FROM {parent} {alias} WHERE {alias}.id = {row}{key} AND {inner})"


def _security(table: str) -> list[str]:
    row = f"{table}."
    guard = f"naravard_guard_delete_{table}"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY naravard_read ON {table} FOR SELECT USING ({readable(table, row)})",
        f"CREATE POLICY naravard_insert ON {table} FOR INSERT WITH CHECK ({writable(table, row)})",
        f"CREATE POLICY naravard_update ON {table} FOR UPDATE USING ({readable(table, row)})"
        f" WITH CHECK ({writable(table, row)})",
        f"CREATE POLICY naravard_delete ON {table} FOR DELETE USING ({readable(table, row)})",
        f"CREATE FUNCTION {guard}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF row_security_active(TG_RELID) AND NOT ({writable(table, 'OLD.')}) THEN"
        " RAISE EXCEPTION 'permission denied: read-only access to this group'"
        " USING ERRCODE = 'insufficient_privilege'; END IF; RETURN OLD; END $$",
        f"CREATE TRIGGER naravard_guard_delete BEFORE DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {guard}()",
    ]


def _copy_triggers(postgresql: bool) -> list[str]:
    """Keep each copied group id equal to its parent's: on insert, when the parent key or the
    copy itself is changed, and when a parent moves to another group."""
    statements = []
    for table, (key, group_of) in COPIES.items():
        if postgresql:
            statements += [
                f"CREATE FUNCTION naravard_copy_group_{table}() RETURNS trigger LANGUAGE plpgsql"
                f" AS $$ BEGIN NEW.group_id := ({group_of.format('NEW.' + key)}); RETURN NEW;"
                " END $$",
                f"CREATE TRIGGER naravard_copy_group BEFORE INSERT OR UPDATE OF {key}, group_id"
                f" ON {table} FOR EACH ROW EXECUTE FUNCTION naravard_copy_group_{table}()",
            ]
            continue
        lookup = group_of.format("NEW." + key)
        statements += [
            f"CREATE TRIGGER naravard_copy_group_{table}_insert AFTER INSERT ON {table}"
            f" BEGIN UPDATE {table} SET group_id = ({lookup}) WHERE id = NEW.id; END",
            f"CREATE TRIGGER naravard_copy_group_{table}_update AFTER UPDATE OF {key}, group_id"
            f" ON {table} WHEN NEW.group_id IS NOT ({lookup})"
            f" BEGIN UPDATE {table} SET group_id = ({lookup}) WHERE id = NEW.id; END",
        ]
    for parent, column, table, rows in MOVES:
        key, group_of = COPIES[table]
        name = f"naravard_move_{table}_with_{parent}"
        if postgresql:
            # Setting the copy fires its own trigger above, which takes the parent's group.
            statements += [
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                f" UPDATE {table} SET group_id = NULL WHERE {rows.format('NEW')}; RETURN NULL;"
                " END $$",
                f"CREATE TRIGGER {name} AFTER UPDATE OF {column} ON {parent}"
                f" FOR EACH ROW EXECUTE FUNCTION {name}()",
            ]
            continue
        lookup = group_of.format(f"{table}.{key}")
        statements.append(
            f"CREATE TRIGGER {name} AFTER UPDATE OF {column} ON {parent} BEGIN"
            f" UPDATE {table} SET group_id = ({lookup}) WHERE {rows.format('NEW')}; END"
        )
    return statements


def upgrade() -> None:
    op.create_table(
        "group_access",
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("read_only", sa.Boolean(), nullable=False),
        sa.Column(
            "granted_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("granted_by", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_access_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_name", "group_id", name=op.f("pk_group_access")),
    )
    op.create_index(op.f("ix_group_access_group_id"), "group_access", ["group_id"])
    op.add_column(
        "protocol_revisions",
        sa.Column("approved_login", sa.String(length=200), nullable=False, server_default=""),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, (key, group_of) in COPIES.items():
        op.add_column(table, sa.Column("group_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET group_id = ({group_of.format(table + '.' + key)})")
    for statement in _copy_triggers(postgresql):
        op.execute(statement)
    if not postgresql:
        return
    op.execute("ALTER TABLE group_access ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY naravard_own ON group_access FOR SELECT USING (role_name = current_user)"
    )
    for table in GROUP_TABLES:
        for statement in _security(table):
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for parent, _column, table, _rows in MOVES:
        name = f"naravard_move_{table}_with_{parent}"
        op.execute(f"DROP TRIGGER {name} ON {parent}" if postgresql else f"DROP TRIGGER {name}")
        if postgresql:
            op.execute(f"DROP FUNCTION {name}()")
    for table in COPIES:
        if postgresql:
            op.execute(f"DROP TRIGGER naravard_copy_group ON {table}")
            op.execute(f"DROP FUNCTION naravard_copy_group_{table}()")
        else:
            op.execute(f"DROP TRIGGER naravard_copy_group_{table}_insert")
            op.execute(f"DROP TRIGGER naravard_copy_group_{table}_update")
    if postgresql:
        for table in GROUP_TABLES:
            op.execute(f"DROP TRIGGER naravard_guard_delete ON {table}")
            op.execute(f"DROP FUNCTION naravard_guard_delete_{table}()")
            for policy in ("read", "insert", "update", "delete"):
                op.execute(f"DROP POLICY naravard_{policy} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    with op.batch_alter_table("protocol_revisions") as batch_op:
        batch_op.drop_column("approved_login")
    for table in COPIES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("group_id")
    op.drop_index(op.f("ix_group_access_group_id"), table_name="group_access")
    op.drop_table("group_access")
