"""A meeting's notice or protocol as an e-mail draft for the group's members (issue 19 point 3).

The draft is an .eml file marked unsent (`X-Unsent: 1`), addressed to the members active on the
meeting's day who have an e-mail address, with a Swedish (or English) subject and body and the
PDF attached. Opened with the default mail program (Outlook, Thunderbird), it is a new message
ready to send: offline, with no passwords and no server of ours. Who has no address is listed
for the secretary to reach another way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from typing import TYPE_CHECKING, Literal

from naravard_desktop.i18n import _, format_date_in_text, format_iso_date

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database

Kind = Literal["notice", "protocol"]

# An address a mail program takes as typed: ASCII, one @, a dotted domain. Anything else (a
# space, a comma, "å" in it) would be misread or refused there, so its member is listed as
# one to reach another way rather than put on the To line.
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# Characters a file name may not hold on Windows (or anywhere: "/").
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class MailDraft:
    """The .eml's bytes, a file name for it, and the members it could not be addressed to
    (no address, or none a mail program would take)."""

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
    addresses: dict[str, str] = {}  # one line each, however many roles a person has
    reached: set[str] = set()
    for member in active:
        address = usable_address(member.email)
        if address is not None:
            addresses.setdefault(address.lower(), formataddr((member.name, address)))
            reached.add(member.name)
    pdf = (
        kallelse_bytes(db, meeting_id)
        if kind == "notice"
        else protocol_bytes(db, meeting_id, ".pdf")
    )
    word = _("Notice") if kind == "notice" else _("Protocol")
    name = _NOT_IN_FILE_NAMES.sub("-", f"{word} {format_iso_date(day)} {group.name}")
    message = EmailMessage(policy=SMTP)
    message["To"] = ", ".join(addresses.values())
    message["Subject"] = f"{word}: {group.name} {format_iso_date(day)}"
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a new message to send
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message.set_content(_body(kind, group.name, day, meeting.place))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{name}.pdf")
    return MailDraft(
        eml=message.as_bytes(),
        file_name=f"{name}.eml",
        without_address=tuple(sorted({m.name for m in active} - reached)),
    )


def usable_address(text: str) -> str | None:
    """The address as a mail program takes it (a Swedish domain such as bergsjö.se in its
    ASCII form, xn--bergsj-1xa.se), or None when it cannot be written so."""
    local, at, domain = text.strip().rpartition("@")
    try:
        address = f"{local}{at}{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return None
    return address if _ADDRESS.fullmatch(address) else None


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
