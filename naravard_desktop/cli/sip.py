"""SIP follow-up commands: `export sip` (XLSX, CSV, PDF), `import sip` (dry run by default)
and `audit sip --year Y [--suppress-below N] FILE`: can a hidden count be worked out from an
exported SIP file? (it reads the XLSX or CSV back and prints each problem, or that it passed)."""

from __future__ import annotations

import argparse
import math
import sys
from typing import TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_file_argument,
    add_group_option,
    add_out_option,
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
    add_out_option(writing, out_file_help())
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
    add_file_argument(reading, _("the file to read"))
    add_group_option(reading)
    reading.add_argument("--apply", action="store_true", help=_("save the counts"))

    audit = commands.add_to_group(
        "audit",
        "sip",
        _("check that no hidden count can be worked out from an exported SIP file"),
        cmd_audit,
        group_help=_("check an exported file"),
    )
    audit.add_argument(
        "--year", type=whole_number, required=True, metavar=_("YEAR"), help=_("the file's year")
    )
    audit.add_argument(
        "--suppress-below",
        type=whole_number,
        metavar="N",
        help=_("the limit for small numbers (default: the group's setting)"),
    )
    add_file_argument(audit, _("an exported XLSX or CSV"))
    add_group_option(audit)


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


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.errors import DomainError
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.sip import sip_setup
    from naravard_desktop.services.sip.sip_audit import audit_file

    if args.file.suffix.lower() not in (".xlsx", ".csv"):
        raise DomainError(_("The audit reads .xlsx and .csv files (a PDF cannot be read back)."))
    with open_db(args, create=False) as db:
        group = resolve_group(db, args.group)
        threshold = args.suppress_below or sip_setup.get_setup(db, group.id).suppress_below
        if not 2 <= threshold <= 20:
            raise DomainError(
                _("Give a limit for small numbers from 2 to {limit}.").format(limit=20)
            )
        result = audit_file(db, group.id, args.year, args.file, threshold)
    for finding in result.findings:
        print(f"{finding.where}: {finding.problem}", file=out)
    hidden = ngettext("{n} hidden value", "{n} hidden values", result.hidden).format(
        n=result.hidden
    )
    narrowest = result.narrowest
    width = (
        "–"
        if narrowest is None
        else ("∞" if math.isinf(narrowest.width) else f"{narrowest.width:g}")
    )
    summary = _("{file}: limit {limit}, {hidden}, narrowest interval {width}, {seconds} s.").format(
        file=args.file.name,
        limit=threshold,
        hidden=hidden,
        width=width,
        seconds=f"{result.seconds:.2f}",
    )
    print(summary, file=out)
    if result.ok:
        print(_("Passed: no hidden count can be worked out."), file=out)
        return EXIT_OK
    print(
        ngettext("Failed: {n} problem.", "Failed: {n} problems.", len(result.findings)).format(
            n=len(result.findings)
        ),
        file=out,
    )
    return EXIT_PROBLEM
