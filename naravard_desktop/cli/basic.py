"""The basic commands: check, backup, demo, and the group and member lists."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_json_option,
    add_list_options,
    add_out_option,
    open_db,
    print_json,
    print_rows,
)
from naravard_desktop.i18n import _, format_iso_date, format_iso_range

if TYPE_CHECKING:
    from naravard_desktop.services.group.read_models import GroupData, MemberRow


def register(commands: Commands) -> None:
    check = commands.add("check", _("check integrity, schema version and row counts"), cmd_check)
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))

    backup = commands.add(
        "backup", _("copy the database to a file (safe while in use)"), cmd_backup
    )
    add_out_option(backup, _("the file to write the copy to"))

    commands.add("demo", _("fill the database with an invented demo group"), cmd_demo)

    groups_list = commands.add_to_group("groups", "list", _("list the groups"), cmd_groups_list)
    add_json_option(groups_list)

    members_list = commands.add_to_group(
        "members", "list", _("list a group's members"), cmd_members_list
    )
    add_list_options(members_list)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.system.maintenance import check_database

    with open_db(args, create=False) as db:
        report = check_database(db)
    if args.json:
        payload = {
            "database": db.display_name,
            "ok": report.ok,
            "revision": report.revision,
            "head": report.head,
            "problems": report.problems,
            "details": report.details,
            "notes": report.notes,
            "counts": report.counts,
        }
        print_json(payload, out)
    else:
        print(_("Database: {name}").format(name=db.display_name), file=out)
        print(_("Schema version: {revision}").format(revision=report.revision), file=out)
        for table, count in report.counts.items():
            print(f"  {table:<20} {count:>8}", file=out)
        for problem in report.problems:
            print(_("Problem: {problem}").format(problem=problem), file=out)
        for note in report.notes:
            print(_("Note: {note}").format(note=note), file=out)
        print(
            _("The database is sound.") if report.ok else _("The database has problems."), file=out
        )
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.system.maintenance import backup_to

    with open_db(args, create=False) as db:
        target = backup_to(db, args.out)
    print(_("Backup written to {path}").format(path=target), file=out)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.demo import create_demo

    with open_db(args) as db:
        group = create_demo(db)
    print(
        _("Demo data added: group {id} “{name}” in {database}").format(
            id=group.id, name=group.name, database=db.display_name
        ),
        file=out,
    )
    return EXIT_OK


def cmd_groups_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import list_groups

    with open_db(args) as db:
        rows = list_groups(db)
    return print_rows(rows, out, args.json, _group_line, _group_object)


def _group_line(g: GroupData) -> str:
    return f"{g.id}\t{g.name}\t{g.principals_line}"


def _group_object(g: GroupData) -> dict[str, object]:
    return {"id": g.id, "name": g.name, "municipality": g.municipality, "region": g.region}


def cmd_members_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.group.members import list_members

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        rows = list_members(db, group.id)
    return print_rows(rows, out, args.json, _member_line, _member_object)


def _member_line(m: MemberRow) -> str:
    from naravard_desktop.services.group.labels import principal_label, role_label

    return (
        f"{m.membership_id}\t{m.name}\t{role_label(m.role)}\t"
        f"{principal_label(m.principal)}\t{m.organisation}\t"
        f"{format_iso_range(m.active_from, m.active_to)}"
    )


def _member_object(m: MemberRow) -> dict[str, object]:
    return {
        "id": m.membership_id,
        "person_id": m.person_id,
        "name": m.name,
        "organisation": m.organisation,
        "principal": m.principal.value,
        "role": m.role.value,
        "email": m.email,
        "phone": m.phone,
        "active_from": format_iso_date(m.active_from) or None,
        "active_to": format_iso_date(m.active_to) or None,
        "active": m.is_active(),
    }
