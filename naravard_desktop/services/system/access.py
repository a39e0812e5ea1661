"""Who may open which group on a server: the administrator's grants, and who is logged in.

A grant is a row in `group_access` (read by the row-level security policies of migration
0007) plus the table privileges the app needs, both in one transaction: SELECT on every table
for a role with any grant, INSERT, UPDATE and DELETE too (and the sequences behind new ids)
while one of its grants is not read-only, nothing once its last grant is revoked. Only the
role owning the tables may grant (as only it may `migrate`); a SQLite file has one user and
no grants.
"""

from __future__ import annotations

import getpass
import logging

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from naravard_desktop.db.base import Base
from naravard_desktop.db.models import Group, GroupAccess
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, sort_key
from naravard_desktop.services.system import migrations
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.read_models import GrantRow

log = logging.getLogger(__name__)

# What a role may do with the tables besides reading (sequences: new ids).
WRITING = "INSERT, UPDATE, DELETE"
READ_ONLY_TABLES = ("group_access", "alembic_version")  # read by every role, written by none


def current_login(session: Session) -> str:
    """The server role the app is logged in as, or the computer's login on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.execute(text("SELECT current_user")).scalar_one())
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the user database
        return ""


def may_create_groups(db: Database) -> bool:
    """Whether this login may create a group: always in a file; on a server only the role
    owning the tables (a new group has no grant yet, so the policies refuse anyone else)."""
    if not migrations.on_server(db.engine):
        return True
    with db.engine.connect() as connection:
        return migrations.may_change_schema(connection)


def login_name(db: Database) -> str:
    with db.session() as session:
        return current_login(session)


def grant(db: Database, role: str, group_id: int, *, read_only: bool = False) -> GrantRow:
    """Let `role` read the group (and write it unless `read_only`); a second grant to the
    same role and group changes read-only."""
    with db.session() as session:
        connection = _administrator(session)
        sees_all = _check_role(connection, role)
        group = session.get(Group, group_id)
        if group is None:
            raise DomainError(
                _("There is no group with id {id}. List the groups with “groups list”.").format(
                    id=group_id
                )
            )
        row = session.get(GroupAccess, (role, group_id))
        if row is None:
            row = GroupAccess(role_name=role, group_id=group_id)
            session.add(row)
        row.read_only = read_only
        row.granted_by = current_login(session)
        session.flush()
        _set_privileges(session, role)
        log.info("granted %s access to group %s (read-only: %s)", role, group_id, read_only)
        return _row(row, group.name, sees_all)


def revoke(db: Database, role: str, group_id: int) -> bool:
    """Take the role's access to the group away; False when it had none."""
    with db.session() as session:
        _administrator(session)
        row = session.get(GroupAccess, (role, group_id))
        if row is None:
            return False
        session.delete(row)
        session.flush()
        _set_privileges(session, role)
        log.info("revoked %s's access to group %s", role, group_id)
        return True


def list_grants(db: Database, group_id: int | None = None) -> list[GrantRow]:
    """Every grant (of one group when `group_id`), by role, then group name."""
    with db.session() as session:
        connection = _administrator(session)
        statement = select(GroupAccess, Group.name).join(Group, Group.id == GroupAccess.group_id)
        if group_id is not None:
            statement = statement.where(GroupAccess.group_id == group_id)
        found = session.execute(statement).all()
        every = {
            access.role_name for access, _name in found if _check_role(connection, access.role_name)
        }
        rows = [_row(access, name, access.role_name in every) for access, name in found]
    return sorted(rows, key=lambda r: (sort_key(r.role), sort_key(r.group_name), r.group_id))


def _row(access: GroupAccess, group_name: str, sees_every_group: bool) -> GrantRow:
    return GrantRow(
        role=access.role_name,
        group_id=access.group_id,
        group_name=group_name,
        read_only=access.read_only,
        granted_at=access.granted_at,
        granted_by=access.granted_by,
        sees_every_group=sees_every_group,
    )


def _administrator(session: Session) -> Connection:
    """The connection, after checking it is a server's and its role owns the tables."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        raise DomainError(
            _(
                "Access to groups is granted only in a database on a server; a database file "
                "has one user. Give the command a server's URL with --database."
            )
        )
    if not migrations.may_change_schema(connection):
        raise DomainError(
            _(
                "The role {role} may not grant access to groups: only the role that owns the "
                "database's tables may. Use that role for the command (the one that runs "
                "“naravard-desktop migrate”)."
            ).format(role=current_login(session))
        )
    return connection


def _check_role(connection: Connection, role: str) -> bool:
    """Refuses a role the server does not have; True when row-level security does not hold
    it (a superuser, BYPASSRLS, or the owner of the tables)."""
    found = connection.execute(
        text(
            "SELECT rolsuper OR rolbypassrls OR rolname IN (SELECT tableowner FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'groups')"
            " FROM pg_roles WHERE rolname = :role"
        ),
        {"role": role},
    ).first()
    if found is None:
        raise DomainError(
            _(
                "There is no role {role} on the server. Create it first (CREATE ROLE … LOGIN) "
                "and give the command its name exactly as written there."
            ).format(role=role)
        )
    return bool(found[0])


def _set_privileges(session: Session, role: str) -> None:
    """The table privileges matching the role's grants, as described above."""
    connection = session.connection()
    quote = connection.dialect.identifier_preparer.quote_identifier
    grantee = quote(role)
    schema = quote(str(connection.execute(text("SELECT current_schema()")).scalar_one()))
    data = ", ".join(quote(t.name) for t in Base.metadata.sorted_tables if t.name != "group_access")
    every = ", ".join((data, *(quote(name) for name in READ_ONLY_TABLES)))
    modes = set(session.scalars(select(GroupAccess.read_only).where(GroupAccess.role_name == role)))
    statements = [
        f"REVOKE ALL ON {every} FROM {grantee}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {grantee}",
    ]
    if modes:
        statements += [
            f"GRANT USAGE ON SCHEMA {schema} TO {grantee}",
            f"GRANT SELECT ON {every} TO {grantee}",
        ]
    if False in modes:
        statements += [
            f"GRANT {WRITING} ON {data} TO {grantee}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee}",
        ]
    for statement in statements:
        connection.execute(text(statement))
