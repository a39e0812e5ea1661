"""Meeting commands: `meetings list`, `export protocol`, `export kallelse`, `verify FILE.pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from naravard_desktop.cli.core import EXIT_OK, EXIT_PROBLEM, Commands, open_db, print_json
from naravard_desktop.i18n import _, format_iso_date


def register(commands: Commands) -> None:
    listing = commands.add_to_group(
        "meetings", "list", _("list the meetings with state and § range"), cmd_meetings_list
    )
    listing.add_argument("--group", type=int, metavar="ID")
    listing.add_argument("--json", action="store_true", help=_("print JSON"))

    protocol = commands.add_to_group(
        "export", "protocol", _("write a meeting's protocol as PDF or DOCX"), cmd_export_protocol
    )
    protocol.add_argument("--meeting", type=int, required=True, metavar="ID")
    protocol.add_argument("--out", type=Path, required=True, metavar=_("FILE"))

    kallelse = commands.add_to_group(
        "export", "kallelse", _("write the notice with agenda as PDF"), cmd_export_kallelse
    )
    kallelse.add_argument("--meeting", type=int, required=True, metavar="ID")
    kallelse.add_argument("--out", type=Path, required=True, metavar=_("FILE"))

    verify = commands.add(
        "verify", _("say whether a PDF is identical to an approved protocol"), cmd_verify
    )
    verify.add_argument("file", type=Path, metavar=_("FILE"))


def cmd_meetings_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.groups import resolve_group
    from naravard_desktop.services.meeting_labels import state_label
    from naravard_desktop.services.meetings import list_meetings

    with open_db(args) as db:
        rows = list_meetings(db, resolve_group(db, args.group).id)

    def paragraphs(first: int | None, last: int | None) -> str:
        return f"§§ {first}–{last}" if first is not None else ""

    if args.json:
        print_json(
            [
                {
                    "id": m.id,
                    "date": m.held_on.isoformat(),
                    "number": m.number,
                    "state": state_label(m.state),
                    "first_paragraph": m.first_paragraph,
                    "last_paragraph": m.last_paragraph,
                    "place": m.place,
                }
                for m in rows
            ],
            out,
        )
    else:
        for m in rows:
            print(
                f"{m.id}\t{format_iso_date(m.held_on)}\t{state_label(m.state)}\t"
                f"{paragraphs(m.first_paragraph, m.last_paragraph)}\t{m.place}",
                file=out,
            )
    return EXIT_OK


def cmd_export_protocol(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.meeting_documents import write_protocol

    with open_db(args) as db:
        path = write_protocol(db, args.meeting, args.out)
    print(_("Protocol written to {path}").format(path=path), file=out)
    return EXIT_OK


def cmd_export_kallelse(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.meeting_documents import write_kallelse

    with open_db(args) as db:
        path = write_kallelse(db, args.meeting, args.out)
    print(_("Notice of meeting written to {path}").format(path=path), file=out)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.errors import DomainError
    from naravard_desktop.services.approval import describe_verification, verify_pdf

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise DomainError(
            _("Cannot read {path}: {reason}").format(path=args.file, reason=error.strerror)
        ) from error
    with open_db(args) as db:
        result = verify_pdf(db, data)
    print(describe_verification(result), file=out)
    return EXIT_OK if result is not None else EXIT_PROBLEM
