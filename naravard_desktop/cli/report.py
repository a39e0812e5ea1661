"""Annual report commands: `export report --year Y --out FILE.pdf|.docx` (the adopted report's
stored PDF when there is one in that language), `report analysis --year Y --section S` (the
secretary's text of a section, from --text or a UTF-8 file), `report adopt --year Y
--item ID --by NAMES` (adopted at that §: the PDF is stored with its hash and the texts lock)
and `report reopen --year Y --reason TEXT` (unlocked to be corrected and adopted again; the
adopted PDF stays stored, and `export report --revision N` writes it)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_group_option,
    add_out_option,
    open_db,
    out_file_help,
    refuse,
    whole_number,
)
from naravard_desktop.i18n import _
from naravard_desktop.services.report.read_models import Section

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database


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
    writing.add_argument(
        "--revision",
        type=whole_number,
        metavar="N",
        help=_("the stored PDF of that adoption (an earlier one too), instead of the latest"),
    )
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

    reopening = commands.add_to_group(
        "report",
        "reopen",
        _("reopen an adopted annual report to correct it (its PDF stays stored)"),
        cmd_reopen,
    )
    _add_year(reopening)
    reopening.add_argument(
        "--reason",
        required=True,
        metavar=_("TEXT"),
        help=_("why it is reopened (printed on the next revision)"),
    )
    add_group_option(reopening)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.report_files import report_bytes
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.report.annual import NoDataForYear

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        if args.revision is not None:
            return _export_revision(db, group.id, args, out)
        try:
            data = report_bytes(db, group.id, args.year, args.out.suffix)
        except NoDataForYear as nothing:
            print(nothing.message, file=sys.stderr)
            return EXIT_PROBLEM
    target = write_atomically(args.out, data)
    print(_("Annual report written to {path}").format(path=target), file=out)
    return EXIT_OK


def _export_revision(db: Database, group_id: int, args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.services.report.adoption import stored_pdf

    if args.out.suffix.lower() != ".pdf":
        return refuse(_("An adopted revision is stored as PDF: give a file name ending in .pdf."))
    stored = stored_pdf(db, group_id, args.year, args.revision)
    if stored is None:
        return refuse(
            _(
                "The annual report {year} has no adopted revision {revision}. Give the number "
                "of a revision it was adopted in."
            ).format(year=args.year, revision=args.revision)
        )
    target = write_atomically(args.out, stored[0])
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


def cmd_reopen(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.report.adoption import reopen
    from naravard_desktop.services.report.analysis import get_analysis

    with open_db(args) as db:
        group = resolve_group(db, args.group)
        shown = get_analysis(db, group.id, args.year)
        reopened = reopen(db, group.id, args.year, args.reason, shown.version)
    print(
        _(
            "The annual report {year} is reopened: its texts can be changed, and adopting it "
            "again makes revision {revision}. The adopted PDF stays stored."
        ).format(year=args.year, revision=reopened.revision),
        file=out,
    )
    return EXIT_OK
