"""Skicka kallelse… and Skicka protokoll…: the meeting's PDF in an e-mail draft to the members
(documents/meeting_mail), saved in the data folder and opened with the default mail program,
which shows it as a new message ready to send."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from naravard_desktop.documents.files import write_atomically
from naravard_desktop.documents.meeting_mail import Kind, meeting_draft
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, join_names
from naravard_desktop.paths import user_data_dir
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.database_errors import file_error_reason
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.view_tools import busy_cursor

DRAFTS_FOLDER = "e-post"


class SendActions(QObject):
    """The two actions of a meeting editor; `sent` carries the status line to show."""

    sent = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        meeting: Callable[[], MeetingData | None],
        flush: Callable[[], object],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db = db
        self._meeting = meeting
        self._flush = flush
        self.notice_action = make_action(
            parent,
            _("Send the notice…"),
            lambda: self.send("notice"),
            name="send_notice",
            tooltip=_("An e-mail to the members with the notice attached, in your mail program"),
        )
        self.protocol_action = make_action(
            parent,
            _("Send the protocol…"),
            lambda: self.send("protocol"),
            name="send_protocol",
            tooltip=_("An e-mail to the members with the protocol attached, in your mail program"),
        )

    def send(self, kind: Kind) -> Path | None:
        """Make the draft, save it and open it; the path, or None when it failed (said)."""
        meeting = self._meeting()
        if meeting is None:
            return None
        self._flush()  # what was typed is in the document
        folder = user_data_dir() / DRAFTS_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            show_error(
                self._parent,
                _(
                    "The folder {folder} for e-mail drafts cannot be made ({reason}). Check "
                    "that the data folder can be written to."
                ).format(folder=folder, reason=file_error_reason(error)),
            )
            return None
        try:
            with busy_cursor():
                draft = meeting_draft(self._db, meeting.id, kind)
                path = write_atomically(
                    user_data_dir() / DRAFTS_FOLDER / draft.file_name, draft.eml
                )
        except DomainError as error:
            show_error(self._parent, error)
            return None
        status = _("The e-mail is opened in your mail program: {path}").format(path=path)
        if draft.without_address:
            names = join_names(draft.without_address)
            text = _("No usable e-mail address for {names}: reach them another way.")
            status += " " + text.format(names=names)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self._parent,
                _("Open the e-mail"),
                _("No mail program opened the e-mail. Open {path} in your mail program.").format(
                    path=path
                ),
            )
        self.sent.emit(status)
        return path
