"""Issue 19 point 3: Skicka kallelse… and Skicka protokoll… make an e-mail draft (.eml, marked
unsent) to the members with the PDF attached, and open it with the default mail program. The
draft is read back with the standard library, as a mail program would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from naravard_desktop.documents.meeting_mail import meeting_draft, usable_address
from naravard_desktop.services.group.read_models import GroupData, MemberInput, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from tests.ui.meetings.conftest import MakeMeeting

pytestmark = pytest.mark.usefixtures("roster")


class Opened(QObject):
    """Stands in for the desktop's mail program: the URLs it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def mail_program() -> Iterator[Opened]:
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    yield opened
    QDesktopServices.unsetUrlHandler("file")


def parsed(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_notice_goes_to_the_members_of_the_day_with_the_pdf_attached(
    db: Database,
    group: GroupData,
    make_meeting: MakeMeeting,
    add_member: Callable[[MemberInput], MemberRow],
) -> None:
    add_member(MemberInput(name="Bo Utan-Post", active_from=dt.date(2020, 1, 1)))
    add_member(
        MemberInput(name="Cilla Ö", email="cilla@bergsjö.example", active_from=dt.date(2020, 1, 1))
    )
    add_member(MemberInput(name="Dan Å", email="dån@x.example", active_from=dt.date(2020, 1, 1)))
    meeting = make_meeting()
    draft = meeting_draft(db, meeting.id, "notice")

    message = parsed(draft.eml)
    assert message["X-Unsent"] == "1"
    to = str(message["To"])
    for address in (
        "anna.berg@bergsjo.example",
        "Erik.Lund@RegionMittland.example",
        "asa.oberg@anhoriga.example",
        "arla.nord@bergsjo.example",
    ):
        assert address in to
    assert "cilla@xn--bergsj-1xa.example" in to  # a Swedish domain as mail programs take it
    assert "Gustav" not in to  # left the group before the meeting
    # No address, or one no mail program takes (å before the @): named, not on the To line.
    assert draft.without_address == ("Bo Utan-Post", "Dan Å")
    assert message["Subject"] == f"Kallelse: {group.name} 2024-05-17"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Du kallas till möte med {group.name} den 17 maj 2024." in text
    assert "Plats: Kommunhuset, sal Ljusnan." in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"Kallelse 2024-05-17 {group.name}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert draft.file_name == f"Kallelse 2024-05-17 {group.name}.eml"


@pytest.mark.parametrize(
    ("typed", "usable"),
    [
        ("anna.berg@bergsjo.example", "anna.berg@bergsjo.example"),
        (" erik@region.example ", "erik@region.example"),
        ("maja@bergsjö.se", "maja@xn--bergsj-1xa.se"),
        ("åsa@exempel.se", None),
        ("a,b@x.se", None),
        ("ingen-snabel-a", None),
        ("", None),
    ],
)
def test_only_addresses_a_mail_program_takes_are_used(typed: str, usable: str | None) -> None:
    assert usable_address(typed) == usable


def test_skicka_protokoll_saves_the_draft_and_opens_it_in_the_mail_program(
    qtbot: QtBot,
    db: Database,
    group: GroupData,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
    mail_program: Opened,
) -> None:
    meeting = make_meeting()
    meetings_page.open_meeting(meeting.id)
    editor = meetings_page.editor
    assert editor.sending.protocol_action in editor.actions_for_menu()
    shown: list[str] = []
    meetings_page.status_message.connect(shown.append)

    editor.sending.protocol_action.trigger()

    (url,) = mail_program.urls
    path = Path(url.toLocalFile())
    assert path.name == f"Protokoll 2024-05-17 {group.name}.eml"
    message = parsed(path.read_bytes())
    assert message["Subject"] == f"Protokoll: {group.name} 2024-05-17"
    assert "anna.berg@bergsjo.example" in str(message["To"])
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"Protokoll 2024-05-17 {group.name}.pdf"
    assert shown and shown[-1].startswith("E-postmeddelandet öppnas i ditt e-postprogram")
