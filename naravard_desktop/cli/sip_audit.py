"""`audit sip --year Y [--suppress-below N] FILE`: can a hidden count be worked out from an
exported SIP file? Reads the XLSX or CSV back and prints each problem, or that it passed."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_group_option,
    open_db,
    whole_number,
)
from naravard_desktop.i18n import _, ngettext


def register(commands: Commands) -> None:
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
    audit.add_argument("file", type=Path, metavar=_("FILE"), help=_("an exported XLSX or CSV"))
    add_group_option(audit)


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
