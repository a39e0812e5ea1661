"""The administrator's commands on a server: `migrate` brings a database's schema up to this
version's, `grant` and `grants` say which server roles may open which groups.

On a server the window and the other commands never change the schema (they say who must run
this); here the administrator is first told to take a `pg_dump`, then the upgrade runs under
an advisory lock, so two runs at once do it once. A SQLite file is backed up and migrated
exactly as the app does on open. `grant` runs with the same owner role (services/system/
access.py); row-level security then holds every other role to the groups granted to it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    Commands,
    add_list_options,
    open_db,
    print_rows,
    refuse,
    whole_number,
)
from naravard_desktop.i18n import _, format_iso_date

if TYPE_CHECKING:
    from naravard_desktop.services.system.read_models import GrantRow

YES_ANSWERS = ("j", "ja", "y", "yes")


def register(commands: Commands) -> None:
    migrate = commands.add(
        "migrate",
        _(
            "upgrade the database's schema to this version (on a server: the administrator's "
            "step, with the role that owns the database)"
        ),
        cmd_migrate,
    )
    migrate.add_argument(
        "--yes", action="store_true", help=_("upgrade without asking (after taking a backup)")
    )
    grant = commands.add(
        "grant",
        _(
            "let a server role open a group (the administrator's step, with the role that "
            "owns the database)"
        ),
        cmd_grant,
    )
    grant.add_argument("role", metavar=_("ROLE"), help=_("the role's name on the server"))
    grant.add_argument(
        "--group", type=whole_number, required=True, metavar="ID", help=_("the group's id")
    )
    grant.add_argument(
        "--read-only", action="store_true", help=_("the role may read the group but not change it")
    )
    grant.add_argument(
        "--revoke", action="store_true", help=_("take the role's access to the group away")
    )
    grants = commands.add("grants", _("list which server roles may open which groups"), cmd_grants)
    add_list_options(grants)
    new_group = commands.add_to_group(
        "groups",
        "add",
        _("create a group (on a server: the administrator's step, before granting it)"),
        cmd_groups_add,
    )
    new_group.add_argument("name", metavar=_("NAME"), help=_("the group's name"))
    new_group.add_argument("--municipality", default="", help=_("the group's municipality"))
    new_group.add_argument("--region", default="", help=_("the group's region"))


def cmd_migrate(args: argparse.Namespace, out: TextIO) -> int:
    from sqlalchemy.exc import DatabaseError

    from naravard_desktop.cli.login import server_engine
    from naravard_desktop.db import schema
    from naravard_desktop.db.engine import shown_url, sqlite_path, to_url
    from naravard_desktop.errors import DatabaseFileError
    from naravard_desktop.services.system import migrations
    from naravard_desktop.services.system.database import resolve_target
    from naravard_desktop.services.system.database_errors import describe_open_error

    url = to_url(resolve_target(args.database))
    path = sqlite_path(url)
    if path is not None:
        return _migrate_file(path, out)
    try:
        engine = server_engine(url)
    except DatabaseError as error:  # the server could not be reached, or refused the login
        raise DatabaseFileError(describe_open_error(shown_url(url), error)) from error
    try:
        with engine.connect() as connection:
            found = migrations.server_revision(connection)
        if found == schema.HEAD_REVISION:
            return _already(out)
        if found is not None and not _backup_taken(url, found, args.yes, out):
            return refuse(
                _("The database was not upgraded. Run the command again once the backup is taken.")
            )
        before = migrations.migrate_server(engine, on_wait=lambda: _waiting(out))
    except DatabaseError as error:  # the server could not be reached, or refused the login
        raise DatabaseFileError(describe_open_error(shown_url(url), error)) from error
    finally:
        engine.dispose()
    return _done(before, out)


def _backup_taken(url: str, found: str, yes: bool, out: TextIO) -> bool:
    """Shows the pg_dump to run first; True once the administrator says it is done (--yes)."""
    from naravard_desktop.db import schema
    from naravard_desktop.services.system import migrations

    print(_("Take a backup of the database with the server's own tool before upgrading:"), file=out)
    print(f"  {migrations.pg_dump_command(url)}", file=out)
    if yes:
        return True
    question = _("Upgrade the database from schema {revision} to {head} now? [y/N] ")
    print(question.format(revision=found, head=schema.HEAD_REVISION), end="", file=out, flush=True)
    return sys.stdin.readline().strip().lower() in YES_ANSWERS


def _waiting(out: TextIO) -> None:
    print(
        _("Another upgrade of this database is running; waiting for it to finish…"),
        file=out,
        flush=True,
    )


def _migrate_file(path: Path, out: TextIO) -> int:
    """The app's own migration on open (a backup first); says where the backup went."""
    from naravard_desktop.db import schema
    from naravard_desktop.db.engine import make_engine, to_url
    from naravard_desktop.services.system import database_files, migrations
    from naravard_desktop.services.system.backups import list_backups
    from naravard_desktop.services.system.database import open_database
    from naravard_desktop.services.system.read_models import BEFORE_UPGRADE

    database_files.check_existing(path, create=False)  # a mistyped name creates nothing
    engine = make_engine(to_url(path))
    try:
        found = migrations.read_revision(engine)
    finally:
        engine.dispose()
    if found == schema.HEAD_REVISION:
        return _already(out)
    open_database(str(path), create=False).dispose()
    _done(found, out)
    made = [b for b in list_backups(path) if b.kind == BEFORE_UPGRADE]
    if found is not None and made:
        print(
            _("A copy from before the upgrade is in {path}.").format(path=made[0].path),
            file=out,
        )
    return EXIT_OK


def _already(out: TextIO) -> int:
    from naravard_desktop.db import schema

    print(
        _("The database is already at schema {head}: nothing to do.").format(
            head=schema.HEAD_REVISION
        ),
        file=out,
    )
    return EXIT_OK


def _done(before: str | None, out: TextIO) -> int:
    from naravard_desktop.db import schema

    if before == schema.HEAD_REVISION:
        return _already(out)
    if before is None:
        text = _("The database's tables were created (schema {head}).")
    else:
        text = _("The database was upgraded from schema {revision} to {head}.")
    print(text.format(revision=before, head=schema.HEAD_REVISION), file=out)
    return EXIT_OK


def cmd_grant(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.system import access

    with open_db(args, create=False) as db:
        if args.revoke:
            if not access.revoke(db, args.role, args.group):
                return refuse(
                    _(
                        "The role {role} has no access to the group with id {id}: nothing to "
                        "take away. List the grants with “grants”."
                    ).format(role=args.role, id=args.group)
                )
            text = _("The role {role} no longer has access to the group with id {id}.")
            print(text.format(role=args.role, id=args.group), file=out)
            return EXIT_OK
        row = access.grant(db, args.role, args.group, read_only=args.read_only)
    if row.read_only:
        text = _("The role {role} may now read the group {group} (id {id}), but not change it.")
    else:
        text = _("The role {role} may now read and change the group {group} (id {id}).")
    print(text.format(role=row.role, group=row.group_name, id=row.group_id), file=out)
    if row.sees_every_group:
        print(_sees_every_group(row.role), file=out)
    return EXIT_OK


def _sees_every_group(role: str) -> str:
    return _(
        "Note: {role} is a superuser, may bypass row-level security or owns the tables, so it "
        "reads and changes every group whatever it is granted. Give each secretary a role of "
        "their own (CREATE ROLE … LOGIN)."
    ).format(role=role)


def cmd_groups_add(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import create_group
    from naravard_desktop.services.group.read_models import GroupInput

    data = GroupInput(name=args.name, municipality=args.municipality, region=args.region)
    with open_db(args) as db:
        group = create_group(db, data)
    print(
        _("The group {name} was created (id {id}).").format(name=group.name, id=group.id), file=out
    )
    return EXIT_OK


def cmd_grants(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.system import access

    with open_db(args, create=False) as db:
        rows = access.list_grants(db, args.group)
    return print_rows(rows, out, args.json, _grant_line, _grant_object)


def _grant_line(row: GrantRow) -> str:
    mode = _("read only") if row.read_only else _("read and change")
    day = format_iso_date(row.granted_at.date())
    if row.sees_every_group:
        mode = _("every group (row-level security does not hold this role)")
    return f"{row.group_id}\t{row.group_name}\t{row.role}\t{mode}\t{day}\t{row.granted_by}"


def _grant_object(row: GrantRow) -> dict[str, object]:
    return {
        "id": row.group_id,
        "group": row.group_name,
        "role": row.role,
        "read_only": row.read_only,
        "granted_at": row.granted_at.isoformat(),
        "granted_by": row.granted_by,
        "sees_every_group": row.sees_every_group,
    }
