"""Headless commands on the same services as the GUI: check, backup, demo, lists.

Conventions: a problem is one readable line on stderr and a non-zero exit, never a traceback;
list commands print one row per line starting with the id, or a JSON list with `--json`;
`--group` may be left out when the database holds one group.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from naravard_desktop import __version__
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_ERROR = 2


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--database and --lang, accepted before or after the subcommand."""
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database",
        metavar=_("PATH_OR_URL"),
        default=default,
        help=_("database file or URL (default: NARAVARD_DATABASE or the user data folder)"),
    )
    parser.add_argument(
        "--lang", choices=["sv", "en"], default=default, help=_("language (sv or en)")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naravard-desktop",
        description=_(
            "Local plan, SIP follow-up, meetings and protocols for local samverkan groups. "
            "Without a command, the desktop window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"naravard-desktop {__version__}")
    _global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    check = commands.add_parser(
        "check", parents=[common], help=_("check integrity, schema version and row counts")
    )
    check.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser(
        "backup", parents=[common], help=_("copy the database to a file (safe while in use)")
    )
    backup.add_argument("--out", required=True, type=Path, metavar=_("FILE"))
    backup.set_defaults(handler=cmd_backup)

    demo = commands.add_parser(
        "demo", parents=[common], help=_("fill the database with an invented demo group")
    )
    demo.set_defaults(handler=cmd_demo)

    groups_cmd = commands.add_parser("groups", parents=[common], help=_("list the groups"))
    groups_sub = groups_cmd.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    groups_list = groups_sub.add_parser("list", parents=[common], help=_("list the groups"))
    groups_list.add_argument("--json", action="store_true", help=_("print JSON"))
    groups_list.set_defaults(handler=cmd_groups_list)

    members_cmd = commands.add_parser("members", parents=[common], help=_("list a group's members"))
    members_sub = members_cmd.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    members_list = members_sub.add_parser(
        "list", parents=[common], help=_("list a group's members")
    )
    members_list.add_argument("--group", type=int, metavar="ID")
    members_list.add_argument("--json", action="store_true", help=_("print JSON"))
    members_list.set_defaults(handler=cmd_members_list)
    return parser


def pre_parse_language(argv: Sequence[str]) -> str | None:
    """The --lang value, read before the parser is built so its help text is translated."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(list(argv))
    return known.lang  # type: ignore[no-any-return]


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run a parsed command; domain errors become one line on stderr."""
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out)
    except DomainError as error:
        print(_("Error: {message}").format(message=error.message), file=err)
        return EXIT_ERROR
    except Exception as error:  # a bug: log the traceback, still print one line
        log.exception("command %s failed", args.command)
        print(
            _("Unexpected error ({kind}): {message}. Details are in the log file.").format(
                kind=type(error).__name__, message=error
            ),
            file=err,
        )
        return EXIT_ERROR


def _open(args: argparse.Namespace) -> Any:
    from naravard_desktop.services.database import open_database

    return open_database(args.database)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.maintenance import check_database

    db = _open(args)
    try:
        report = check_database(db)
    finally:
        db.dispose()
    if args.json:
        payload = {
            "database": db.display_name,
            "ok": report.ok,
            "revision": report.revision,
            "head": report.head,
            "problems": report.problems,
            "counts": report.counts,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        print(_("Database: {name}").format(name=db.display_name), file=out)
        print(_("Schema version: {revision}").format(revision=report.revision), file=out)
        for table, count in report.counts.items():
            print(f"  {table:<20} {count:>8}", file=out)
        for problem in report.problems:
            print(_("Problem: {problem}").format(problem=problem), file=out)
        print(
            _("The database is sound.") if report.ok else _("The database has problems."), file=out
        )
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.maintenance import backup_to

    db = _open(args)
    try:
        target = backup_to(db, args.out)
    finally:
        db.dispose()
    print(_("Backup written to {path}").format(path=target), file=out)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.demo import create_demo

    db = _open(args)
    try:
        group = create_demo(db)
    finally:
        db.dispose()
    print(
        _("Demo data added: group {id} “{name}” in {database}").format(
            id=group.id, name=group.name, database=db.display_name
        ),
        file=out,
    )
    return EXIT_OK


def cmd_groups_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.groups import list_groups

    db = _open(args)
    try:
        rows = list_groups(db)
    finally:
        db.dispose()
    if args.json:
        payload = [
            {"id": g.id, "name": g.name, "municipality": g.municipality, "region": g.region}
            for g in rows
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        for g in rows:
            print(f"{g.id}\t{g.name}\t{g.principals_line}", file=out)
    return EXIT_OK


def cmd_members_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.groups import resolve_group
    from naravard_desktop.services.labels import principal_label, role_label
    from naravard_desktop.services.members import list_members

    db = _open(args)
    try:
        group = resolve_group(db, args.group)
        rows = list_members(db, group.id)
    finally:
        db.dispose()
    if args.json:
        payload = [
            {
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
            for m in rows
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        for m in rows:
            period = f"{format_iso_date(m.active_from)}–{format_iso_date(m.active_to)}"
            print(
                f"{m.membership_id}\t{m.name}\t{role_label(m.role)}\t"
                f"{principal_label(m.principal)}\t{m.organisation}\t{period}",
                file=out,
            )
    return EXIT_OK
