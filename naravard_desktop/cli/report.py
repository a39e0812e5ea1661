"""Annual report commands: `export report --year Y --out FILE.pdf|.docx` (the adopted report's
stored PDF when there is one in that language), `report analysis --year Y --section S` (the
secretary's text of a section, from --text or a UTF-8 file) and `report adopt --year Y
--item ID --by NAMES` (adopted at that §: the PDF is stored with its hash and the texts lock)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_group_option,
    add_out_option,
    open_db,
    out_file_help,
    whole_number,
)
from naravard_desktop.i18n import _
from naravard_desktop.services.report.read_models import Section


def _add_year(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--year", type=whole_number, required=True, metavar=_("YEAR"), help=_("the report's year")
    )


def register(commands: Commands) -> None:
    writing = commands.add_to_group(
        "export",
        "report",
        _("write the annual follow-up report of a year as PDF/A or DOCX"),
        cmd_export,
    )
    _add_year(writing)
    add_out_option(writing, out_file_help())
    add_group_option(writing)

    group_help = _("the annual follow-up report: its analysis and adoption")
    text = commands.add_to_group(
        "report",
        "analysis",
        _("store the analysis of a section of the annual report"),
        cmd_analysis,
        group_help=group_help,
    )
    _add_year(text)
    text.add_argument(
        "--section",
        required=True,
        choices=[s.value for s in Section],
        help=_("the section the text analyses"),
    )
    given = text.add_mutually_exclusive_group(required=True)
    given.add_argument("--text", metavar=_("TEXT"), help=_("the text"))
    given.add_argument("--file", metavar=_("FILE"), help=_("a UTF-8 text file holding the text"))
    add_group_option(text)

    adopting = commands.add_to_group(
        "report", "adopt", _("adopt the annual report at a meeting's §"), cmd_adopt
    )
    _add_year(adopting)
    adopting.add_argument(
        "--item",
        type=whole_number,
        required=True,
        metavar="ID",
        help=_("the id of the agenda item (§) that adopted the report"),
    )
    adopting.add_argument(
        "--by", required=True, metavar=_("NAMES"), help=_("who adopted it (the chair …)")
    )
    add_group_option(adopting)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.report_files import report_bytes
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.report.annual import NoDataForYear

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        try:
            data = report_bytes(db, group.id, args.year, args.out.suffix)
        except NoDataForYear as nothing:
            print(nothing.message, file=sys.stderr)
            return EXIT_PROBLEM
    target = write_atomically(args.out, data)
    print(_("Annual report written to {path}").format(path=target), file=out)
    return EXIT_OK


def cmd_analysis(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.report.analysis import get_analysis, save_analysis

    text = args.text if args.file is None else Path(args.file).read_text("utf-8")
    with open_db(args) as db:
        group = resolve_group(db, args.group)
        shown = get_analysis(db, group.id, args.year)
        save_analysis(db, group.id, args.year, Section(args.section), text, shown.version)
    print(_("The analysis was stored."), file=out)
    return EXIT_OK


def cmd_adopt(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.report_files import adopt
    from naravard_desktop.services.group.groups import resolve_group

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        report = adopt(db, group.id, args.year, args.item, args.by)
    print(
        _("The annual report {year} was adopted; its PDF is stored (SHA-256 {sha256}).").format(
            year=args.year, sha256=report.analysis.sha256
        ),
        file=out,
    )
    return EXIT_OK
