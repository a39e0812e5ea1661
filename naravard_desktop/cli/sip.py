"""SIP follow-up commands: `export sip` (XLSX, CSV, PDF) and `import sip` (dry run by default)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_group_option,
    open_db,
    out_file_help,
    whole_number,
)
from naravard_desktop.i18n import _, ngettext


def register(commands: Commands) -> None:
    writing = commands.add_to_group(
        "export", "sip", _("write a year's SIP counts as XLSX, CSV or PDF"), cmd_export
    )
    writing.add_argument(
        "--year",
        type=whole_number,
        required=True,
        metavar=_("YEAR"),
        help=_("the year whose periods are exported"),
    )
    writing.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=out_file_help())
    writing.add_argument(
        "--suppress-below",
        type=whole_number,
        metavar="N",
        help=_("hide counts from 1 to N−1 (as “..”) and what would give them away (usually 5)"),
    )
    writing.add_argument(
        "--utf8", action="store_true", help=_("CSV in UTF-8 with commas instead of Swedish Excel")
    )
    add_group_option(writing)

    reading = commands.add_to_group(
        "import", "sip", _("read SIP counts from XLSX or CSV (the export layout)"), cmd_import
    )
    reading.add_argument("file", type=Path, metavar=_("FILE"), help=_("the file to read"))
    add_group_option(reading)
    reading.add_argument("--apply", action="store_true", help=_("save the counts"))


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.sip_files import NothingToExport, sip_file_bytes
    from naravard_desktop.services.group.groups import resolve_group

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        try:
            data = sip_file_bytes(
                db,
                group.id,
                args.year,
                args.out.suffix,
                suppress_below=args.suppress_below,
                utf8=args.utf8,
            )
        except NothingToExport as nothing:
            # not an error of the command, a year without counts: the reason, exit 1, no file
            print(nothing.message, file=sys.stderr)
            return EXIT_PROBLEM
    target = write_atomically(args.out, data)
    print(_("SIP counts written to {path}").format(path=target), file=out)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.sip.sip_import import apply_import, preview_import

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        preview = preview_import(db, group.id, args.file)
        print(
            ngettext("{n} row read.", "{n} rows read.", preview.rows_read).format(
                n=preview.rows_read
            ),
            file=out,
        )
        for period in preview.periods:
            state = _("new period") if period.existing_id is None else _("existing period")
            print(
                "  "
                + ngettext(
                    "{period} ({state}): {n} cell changes",
                    "{period} ({state}): {n} cells change",
                    period.changed,
                ).format(period=period.label, state=state, n=period.changed),
                file=out,
            )
        for problem in preview.problems:
            print(_("Error: {message}").format(message=problem), file=out)
        if not preview.ok:
            print(_("Nothing was imported: correct the file and try again."), file=out)
            return EXIT_PROBLEM
        if not args.apply:
            print(_("Dry run: nothing was written. Add --apply to save the counts."), file=out)
            return EXIT_OK
        changed = apply_import(db, group.id, preview)
    print(
        ngettext("{n} cell saved.", "{n} cells saved.", changed).format(n=changed),
        file=out,
    )
    return EXIT_OK
