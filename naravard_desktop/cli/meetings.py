"""Meeting commands: `meetings list`, `meetings approve`, `export protocol`, `export kallelse`,
`verify FILE.pdf`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from naravard_desktop.cli.core import (
    EXIT_OK,
    EXIT_PROBLEM,
    Commands,
    add_file_argument,
    add_json_option,
    add_out_option,
    open_db,
    print_json,
    print_rows,
    refuse,
)
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date_in_text, format_iso_date, ngettext

if TYPE_CHECKING:
    from naravard_desktop.services.meetings.read_models import MeetingSummary


def register(commands: Commands) -> None:
    listing = commands.add_to_group(
        "meetings", "list", _("list the meetings with state and § range"), cmd_meetings_list
    )
    listing.add_argument("--group", type=int, metavar="ID")
    add_json_option(listing)

    approve = commands.add_to_group(
        "meetings",
        "approve",
        _("approve a meeting's protocol and lock it"),
        cmd_meetings_approve,
    )
    approve.add_argument("--meeting", type=int, required=True, metavar="ID")
    approve.add_argument(
        "--by", required=True, metavar=_("NAMES"), help=_("who approved the protocol")
    )
    approve.add_argument(
        "--date",
        metavar=_("YYYY-MM-DD"),
        help=_("the date of approval, from the meeting day until today (default: today)"),
    )

    protocol = commands.add_to_group(
        "export", "protocol", _("write a meeting's protocol as PDF or DOCX"), cmd_export_protocol
    )
    kallelse = commands.add_to_group(
        "export", "kallelse", _("write the notice with agenda as PDF"), cmd_export_kallelse
    )
    for export in (protocol, kallelse):
        export.add_argument("--meeting", type=int, required=True, metavar="ID")
        add_out_option(export)

    verify = commands.add(
        "verify", _("say whether a PDF is identical to an approved protocol"), cmd_verify
    )
    add_file_argument(verify)

    signed = commands.add_to_group(
        "import",
        "signed",
        _("store a protocol PDF signed outside the app (e.g. by a signing portal)"),
        cmd_import_signed,
    )
    add_file_argument(signed)
    signed.add_argument(
        "--apply", action="store_true", help=_("store the file (default: check only)")
    )

    chain = commands.add(
        "chain",
        _("print the chain code of the group's latest approval, to note outside the database"),
        cmd_chain,
    )
    chain.add_argument("--group", type=int, metavar="ID")
    add_json_option(chain)


def cmd_meetings_list(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.meetings.meetings import list_meetings

    with open_db(args) as db:
        rows = list_meetings(db, resolve_group(db, args.group).id)
    return print_rows(rows, out, args.json, _meeting_line, _meeting_object)


def _meeting_line(m: MeetingSummary) -> str:
    from naravard_desktop.services.meetings.meeting_labels import state_label

    paragraphs = (
        f"§§ {m.first_paragraph}–{m.last_paragraph}" if m.first_paragraph is not None else ""
    )
    return (
        f"{m.id}\t{format_iso_date(m.held_on)}\t"
        f"{state_label(m.state, m.awaiting_signatures)}\t{paragraphs}\t{m.place}"
    )


def _meeting_object(m: MeetingSummary) -> dict[str, object]:
    from naravard_desktop.services.meetings.meeting_labels import state_label

    return {
        "id": m.id,
        "date": m.held_on.isoformat(),
        "number": m.number,
        "state": state_label(m.state, m.awaiting_signatures),
        "first_paragraph": m.first_paragraph,
        "last_paragraph": m.last_paragraph,
        "place": m.place,
    }


def cmd_meetings_approve(args: argparse.Namespace, out: TextIO) -> int:
    """A refusal by the justering rules is one line on stderr and exit 1."""
    from naravard_desktop.documents.meeting_files import approve
    from naravard_desktop.services.meetings.meetings import get_meeting

    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        return refuse(_("Write the date as YYYY-MM-DD, for example 2025-01-31."))
    with open_db(args) as db:
        try:
            revision = approve(db, args.meeting, args.by, day)
        except DomainError as error:
            return refuse(error.message)
        held_on = get_meeting(db, args.meeting).held_on
    print(
        _(
            "The protocol of the meeting {date} is approved (revision {revision}, "
            "date of approval {day})."
        ).format(
            date=format_date_in_text(held_on),
            revision=revision.revision,
            day=format_iso_date(revision.approved_at.date()),
        ),
        file=out,
    )
    return EXIT_OK


def cmd_export_protocol(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.meeting_files import write_protocol

    with open_db(args) as db:
        path = write_protocol(db, args.meeting, args.out)
    print(_("Protocol written to {path}").format(path=path), file=out)
    return EXIT_OK


def cmd_export_kallelse(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.documents.meeting_files import write_kallelse

    with open_db(args) as db:
        path = write_kallelse(db, args.meeting, args.out)
    print(_("Notice of meeting written to {path}").format(path=path), file=out)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from naravard_desktop.services.meetings.verification import verify_file
    from naravard_desktop.services.report.report_record import verify_report

    data = _read_pdf(args.file)
    with open_db(args, create=False) as db:
        found = verify_report(db, data)  # an adopted annual report's PDF, or a protocol's
        if found is None:
            result = verify_file(db, data)
            found = (result.ok, list(result.lines))
    ok, lines = found
    for line in lines:
        print(line, file=out)
    return EXIT_OK if ok else EXIT_PROBLEM


def _read_pdf(path: Path) -> bytes:
    from naravard_desktop.services.system.database_errors import os_reason

    try:
        return path.read_bytes()
    except OSError as error:
        raise DomainError(
            _(
                "Cannot read {path}: {reason}. Check that the file is there and that you may open "
                "it."
            ).format(path=path, reason=os_reason(error))
        ) from error


def cmd_import_signed(args: argparse.Namespace, out: TextIO) -> int:
    """A refused file is one line on stderr and exit 1; nothing is stored then."""
    from naravard_desktop.services.meetings.signing import import_signed
    from naravard_desktop.services.meetings.verification import signature_line

    data = _read_pdf(args.file)
    with open_db(args, create=False) as db:
        try:
            result = import_signed(db, data, apply=args.apply)
        except DomainError as error:
            return refuse(error.message)
    stored = (
        _("The signed protocol of the meeting {date} (revision {revision}) is stored.")
        if args.apply
        else _(
            "The signed protocol of the meeting {date} (revision {revision}) can be stored: "
            "run again with --apply to store it."
        )
    )
    print(
        stored.format(date=format_date_in_text(result.held_on), revision=result.revision),
        file=out,
    )
    for signature in result.status.signatures:
        print(signature_line(signature), file=out)
    for field in result.status.missing:
        print(
            _("Not signed yet: {role} {name}").format(role=field.role, name=field.person),
            file=out,
        )
    return EXIT_OK


def cmd_chain(args: argparse.Namespace, out: TextIO) -> int:
    """The head of the chain of approvals: a short code and the approval it ends with."""
    from naravard_desktop.services.group.groups import resolve_group
    from naravard_desktop.services.meetings.approval_record import head_of

    with open_db(args, create=False) as db:
        group = resolve_group(db, args.group)
        head = head_of(db, group.id)
    if args.json:
        print_json(
            {
                "id": group.id,
                "group": group.name,
                "code": head.code,
                "hash": head.digest,
                "approvals": head.length,
                "meeting": head.meeting_id,
                "date": head.held_on.isoformat() if head.held_on else None,
                "revision": head.revision,
                "report_year": head.report_year,
            },
            out,
        )
        return EXIT_OK
    if not head.code:
        print(
            _(
                "{group} has no approval in the chain yet: the chain starts with the next "
                "approved protocol."
            ).format(group=group.name),
            file=out,
        )
        return EXIT_OK
    print(head.code, file=out)
    if head.report_year is not None:
        print(
            ngettext(
                "Chain of approvals of {group}: {count} approval, the annual follow-up {year} "
                "(revision {revision}). Write the code in the next protocol or send it to the "
                "registrar.",
                "Chain of approvals of {group}: {count} approvals, the latest the annual "
                "follow-up {year} (revision {revision}). Write the code in the next protocol "
                "or send it to the registrar.",
                head.length,
            ).format(
                group=group.name, count=head.length, year=head.report_year, revision=head.revision
            ),
            file=out,
        )
        return EXIT_OK
    assert head.held_on is not None
    print(
        ngettext(
            "Chain of approvals of {group}: {count} approval, the protocol of the meeting "
            "{date} (id {id}, revision {revision}). Write the code in the next protocol or send "
            "it to the registrar.",
            "Chain of approvals of {group}: {count} approvals, the latest the protocol of the "
            "meeting {date} (id {id}, revision {revision}). Write the code in the next protocol "
            "or send it to the registrar.",
            head.length,
        ).format(
            group=group.name,
            count=head.length,
            date=format_date_in_text(head.held_on),
            id=head.meeting_id,
            revision=head.revision,
        ),
        file=out,
    )
    return EXIT_OK
