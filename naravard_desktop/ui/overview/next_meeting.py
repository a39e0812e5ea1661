"""The overview's card of the next meeting: the meeting as an entry that opens it, and its
notice saved as a PDF (Kallelse) or sent as an e-mail draft (Skicka) from here, through the
same document helpers and send actions as the meeting editor's. The meetings' modules are
imported on the first click: the overview is the page a start shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date, format_time, ngettext
from naravard_desktop.services.group.read_models import OverviewMeeting
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import named
from naravard_desktop.ui.overview.cards import Card, EntryList

if TYPE_CHECKING:
    from naravard_desktop.services.meetings.read_models import MeetingData
    from naravard_desktop.ui.meetings.send_actions import SendActions


def when_text(meeting: OverviewMeeting) -> str:
    """ "måndag 21 december 2026 kl. 13.00"."""
    text = format_date(meeting.held_on, "full")
    if meeting.starts_at:
        text += " " + _("at {time}").format(time=format_time(meeting.starts_at))
    return text


def days_until(day: dt.date, today: dt.date) -> str:
    days = (day - today).days
    if days == 0:
        return _("today")
    return ngettext("in {count} day", "in {count} days", days).format(count=days)


class NextMeetingCard(Card):
    """`open_requested` carries the meeting's id; `status_message` what was saved or sent."""

    open_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("next_meeting_card", _("Next meeting"), parent)
        self.db = db
        self.meeting: OverviewMeeting | None = None
        self._sending: SendActions | None = None
        self.entry = EntryList("next_meeting", _("Next meeting"), [_("When")])
        self.entry.setHeaderHidden(True)
        font = self.entry.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.entry.setFont(font)
        self.entry.chosen.connect(lambda meeting_id: self.open_requested.emit(meeting_id))
        self.notice_button = named(QPushButton, "overview_notice", _("Notice (PDF)…"))
        self.notice_button.setToolTip(_("Save the meeting's notice as a PDF"))
        self.notice_button.clicked.connect(self.save_notice)
        self.send_button = named(QPushButton, "overview_send_notice", _("Send the notice…"))
        self.send_button.setToolTip(
            _("An e-mail to the members with the notice attached, in your mail program")
        )
        self.send_button.clicked.connect(self.send_notice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        self.body.insertWidget(1, self.entry)  # the meeting, then how soon and where
        self.body.addLayout(buttons)

    def show_meeting(self, meeting: OverviewMeeting | None, today: dt.date) -> None:
        self.meeting = meeting
        for widget in (self.entry, self.notice_button, self.send_button):
            widget.setVisible(meeting is not None)
        if meeting is None:
            self.say(_("No meeting planned."))
            return
        when = days_until(meeting.held_on, today)
        when = when[:1].upper() + when[1:]
        self.say(f"{when} · {meeting.place}" if meeting.place else when)
        self.entry.set_rows([((when_text(meeting),), meeting.id, None)])

    def _meeting_data(self) -> MeetingData | None:
        """The meeting as the documents take it, read now (it may have changed or gone)."""
        from naravard_desktop.services.meetings import meetings

        if self.meeting is None:
            return None
        try:
            return meetings.get_meeting(self.db, self.meeting.id)
        except DomainError as error:
            show_error(self, error)
            return None

    def save_notice(self) -> Path | None:
        """Kallelse: the notice as the meeting editor saves it (the group in the name, the
        folder of the last notice, the confirmation with Öppna and Visa i mappen)."""
        from naravard_desktop.ui.meetings import documents

        meeting = self._meeting_data()
        if meeting is None:
            return None
        path = documents.export_kallelse(self, self.db, meeting)
        if path is not None:
            self.status_message.emit(_("Saved {path}").format(path=path))
        return path

    def send_notice(self) -> Path | None:
        """Skicka: the notice in an e-mail draft, as the meeting editor sends it."""
        if self._sending is None:
            from naravard_desktop.ui.meetings.send_actions import SendActions

            self._sending = SendActions(self, self.db, self._meeting_data, lambda: None)
            self._sending.sent.connect(self.status_message)
        return self._sending.send("notice")
