"""The action register on the command line: `export actions --out FILE.xlsx [--group ID]
[--status open|overdue|done|all]`, the same workbook as the window's Åtgärder page exports."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from naravard_desktop.cli.core import EXIT_OK, Commands, add_group_option, add_out_option, open_db
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.meetings.read_models import ActionStatus


def register(commands: Commands) -> None:
    export = commands.add_to_group(
        "export", "actions", _("write the group's action items as XLSX"), cmd_export_actions
    )
    add_out_option(export)
    add_group_option(export)
    export.add_argument(
        "--status",
        choices=[status.value for status in ActionStatus],
        default=ActionStatus.ALL.value,
        help=_("which action items: open (overdue too), overdue, done or all (default)"),
    )


def cmd_export_actions(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.action_xlsx import actions_xlsx
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.meetings.action_register import chosen_rows, read_register
    from naravard_desktop.services.meetings.read_models import ActionFilter

    if args.out.suffix.lower() != ".xlsx":
        raise DomainError(
            _("Choose a file name ending in .xlsx, not “{name}”.").format(name=args.out.name)
        )
    today = dt.date.today()
    chosen = ActionFilter(status=ActionStatus(args.status))
    with open_db(args) as db:
        group = resolve_group(db, args.group)
        found = read_register(db, group.id)
    rows = chosen_rows(found, chosen, today)
    data = actions_xlsx(found, rows, chosen, group=group.name, today=today)
    target = write_atomically(args.out, data)
    count = len(rows)
    print(
        ngettext(
            "{count} action item written to {path}",
            "{count} action items written to {path}",
            count,
        ).format(count=count, path=target),
        file=out,
    )
    return EXIT_OK
