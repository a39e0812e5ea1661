"""A meeting's notice or protocol as an e-mail draft for the group's members (issue 19 point 3).

The draft is an .eml file marked unsent (`X-Unsent: 1`), addressed to the members active on the
meeting's day who have an e-mail address, with a Swedish (or English) subject and body and the
PDF attached. Opened with the default mail program (Outlook, Thunderbird), it is a new message
ready to send: offline, with no passwords and no server of ours. Who has no address is listed
for the secretary to reach another way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from typing import TYPE_CHECKING, Literal

from naravard_desktop.i18n import _, format_date_in_text, format_iso_date

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database

Kind = Literal["notice", "protocol"]


@dataclass(frozen=True)
class MailDraft:
    """The .eml's bytes, a file name for it, and the members it could not be addressed to."""

    eml: bytes
    file_name: str
    without_address: tuple[str, ...]


def meeting_draft(db: Database, meeting_id: int, kind: Kind) -> MailDraft:
    """The draft of `kind` for the meeting: its PDF attached as the window would save it."""
    from naravard_desktop.documents.meeting_files import kallelse_bytes, protocol_bytes
    from naravard_desktop.services.group import groups, members
    from naravard_desktop.services.meetings.meetings import get_meeting

    meeting = get_meeting(db, meeting_id)
    group = groups.get_group(db, meeting.group_id)
    day = meeting.held_on
    active = [
        m
        for m in members.list_members(db, meeting.group_id)
        if (m.active_from is None or m.active_from <= day)
        and (m.active_to is None or m.active_to >= day)
    ]
    addressed = [m for m in active if m.email.strip()]
    pdf = (
        kallelse_bytes(db, meeting_id)
        if kind == "notice"
        else protocol_bytes(db, meeting_id, ".pdf")
    )
    word = _("Notice") if kind == "notice" else _("Protocol")
    attachment = f"{word} {format_iso_date(day)} {group.name}.pdf"
    message = EmailMessage(policy=SMTP)
    message["To"] = ", ".join(formataddr((m.name, m.email.strip())) for m in addressed)
    message["Subject"] = f"{word}: {group.name} {format_iso_date(day)}"
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a new message to send
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message.set_content(_body(kind, group.name, day, meeting.place))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment)
    return MailDraft(
        eml=message.as_bytes(),
        file_name=f"{word} {format_iso_date(day)} {group.name}.eml",
        without_address=tuple(m.name for m in active if not m.email.strip()),
    )


def _body(kind: Kind, group: str, day: dt.date, place: str) -> str:
    when = format_date_in_text(day)
    if kind == "notice":
        lines = [
            _("You are called to the meeting of {group} {when}.").format(group=group, when=when),
            *([_("Place: {place}.").format(place=place)] if place else []),
            _("The notice with the agenda is attached."),
        ]
    else:
        lines = [
            _("Attached is the protocol of the meeting of {group} {when}.").format(
                group=group, when=when
            )
        ]
    return "\n".join([_("Hello,"), "", *lines, "", _("Kind regards,"), ""])
