"""The meeting editor: header, approval banner, documents and approval actions, and the two
tabs Agenda (items, notes, decisions, action items) and Attendance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import (
    _,
    format_date,
    format_date_in_text,
    format_time,
    join_typed_names,
)
from naravard_desktop.services.meetings import approval, approval_check, meetings, signing
from naravard_desktop.services.meetings.meeting_labels import kind_label
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.meetings.read_models import MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import theme
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings import documents
from naravard_desktop.ui.meetings.approve_dialogs import (
    CorrectionDialog,
    approval_running,
    approve_meeting,
)
from naravard_desktop.ui.meetings.attendance import AttendancePanel
from naravard_desktop.ui.meetings.items import AgendaPanel
from naravard_desktop.ui.meetings.send_actions import SendActions
from naravard_desktop.ui.meetings.signing_actions import SigningActions, signing_line
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.toolbar_menu import menu_button

APPROVED_BANNER = "background: #e3f1e6; color: #1b4d2c; border: 1px solid #9cc8a8;"
CORRECTION_BANNER = "background: #fff4dc; color: #5c4100; border: 1px solid #e3c27a;"
ALTERED_BANNER = "background: #fbe3e1; color: #7a1010; border: 1px solid #d9534f;"
BANNER_PADDING = " padding: 6px 10px; border-radius: 3px; font-weight: 600;"


class MeetingEditor(QWidget):
    back_requested = Signal()
    edit_requested = Signal()
    changed = Signal()  # state or details changed: the list redraws
    status_message = Signal(str)

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.meeting: MeetingData | None = None
        self.people: dict[int, str] = {}

        self.back_button = QPushButton(_("← All meetings"))
        self.back_button.setObjectName("back_to_meetings")
        self.back_button.setToolTip(_("Back to the list of meetings (Alt+Left)"))
        self.back_button.clicked.connect(self.go_back)
        self.title = QLabel()
        self.title.setObjectName("meeting_title")
        theme.heading(self.title, 1.45)
        self.facts = QLabel()
        self.facts.setObjectName("meeting_facts")
        self.facts.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("meeting_banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.edit_action = make_action(
            self, _("&Edit details…"), self.edit_requested.emit, "Ctrl+E", name="edit_meeting"
        )
        self.kallelse_action = make_action(
            self, _("Notice (PDF)…"), self.export_kallelse, name="export_kallelse"
        )
        self.protocol_action = make_action(
            self, _("Protocol (PDF)…"), self.export_protocol, name="export_protocol_pdf"
        )
        self.docx_action = make_action(
            self, _("Protocol (Word)…"), self.export_docx, name="export_protocol_docx"
        )
        self.print_protocol_action = make_action(
            self,
            _("Print the protocol…"),
            lambda: self.print_document("protocol"),
            "Ctrl+P",
            name="print_protocol",
            tooltip=_("Print the protocol as its PDF looks (Ctrl+P)"),
        )
        self.print_notice_action = make_action(
            self,
            _("Print the notice…"),
            lambda: self.print_document("notice"),
            name="print_notice",
            tooltip=_("Print the notice as its PDF looks"),
        )
        self.approve_action = make_action(
            self, _("&Approve…"), self.approve, name="approve_protocol"
        )
        self.correction_action = make_action(
            self, _("Start &correction…"), self.correct, name="start_correction"
        )
        self.signing = SigningActions(self, db, lambda: self.meeting, self._signed)
        self.sending = SendActions(self, db, lambda: self.meeting, self.flush)
        self.sending.sent.connect(self.status_message)
        make_action(self, _("All meetings"), self.go_back, "Alt+Left")
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.edit_action)
        toolbar.addSeparator()
        # The files and the printing each behind one button: the toolbar fits 1366 pixels.
        self.export_menu_action = menu_button(
            toolbar,
            _("Export"),
            "export_documents",
            _("Save the notice or the protocol as a file"),
            (self.kallelse_action, self.protocol_action, self.docx_action),
        )
        self.print_menu_action = menu_button(
            toolbar,
            _("Print"),
            "print_documents",
            _("Print the protocol (Ctrl+P) or the notice"),
            (self.print_protocol_action, self.print_notice_action),
        )
        toolbar.addSeparator()
        toolbar.addAction(self.sending.notice_action)
        toolbar.addAction(self.sending.protocol_action)
        toolbar.addSeparator()
        toolbar.addAction(self.approve_action)
        toolbar.addAction(self.correction_action)
        toolbar.addAction(self.signing.sign_action)

        self.agenda = AgendaPanel(db, undo_stack)
        self.attendance = AttendancePanel(db)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meeting_tabs")
        self.tabs.addTab(self.agenda, _("Agenda and protocol"))
        self.tabs.addTab(self.attendance, _("Attendance"))
        self.tabs.currentChanged.connect(lambda _index: self.agenda.editor.flush())

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.facts)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def actions_for_menu(self) -> list[QAction | None]:
        """For the main window's Meeting menu (None is a separator)."""
        return [
            self.edit_action,
            None,
            self.agenda.add_action,
            self.agenda.remove_action,
            self.agenda.next_action,
            self.agenda.previous_action,
            None,
            self.kallelse_action,
            self.protocol_action,
            self.docx_action,
            self.print_protocol_action,
            self.print_notice_action,
            self.sending.notice_action,
            self.sending.protocol_action,
            None,
            self.approve_action,
            self.correction_action,
            None,
            *self.signing.actions(),
        ]

    # --- showing --------------------------------------------------------------------------

    def show_meeting(
        self, meeting_id: int | None, people: dict[int, str], item_id: int | None = None
    ) -> None:
        self.flush()
        documents.preload_writers()
        self.people = people
        meeting: MeetingData | None = None
        if meeting_id is not None:
            try:
                meeting = meetings.get_meeting(self.db, meeting_id)
            except DomainError as error:
                show_error(self, error)
        self.meeting = meeting
        self._show_header()
        self.agenda.show_meeting(meeting, item_id)
        self.attendance.show_meeting(meeting)
        if item_id is not None:
            self.tabs.setCurrentWidget(self.agenda)

    def refresh(self) -> None:
        """Reload the meeting (after approval, a correction or an edit of its details)."""
        if self.meeting is not None:
            self.show_meeting(self.meeting.id, self.people, self.agenda.selected_id())

    def _show_header(self) -> None:
        meeting = self.meeting
        for action in (
            self.edit_action,
            self.kallelse_action,
            self.protocol_action,
            self.docx_action,
            self.print_protocol_action,
            self.print_notice_action,
            self.sending.notice_action,
            self.sending.protocol_action,
        ):
            action.setEnabled(meeting is not None)
        self.approve_action.setEnabled(meeting is not None and not meeting.locked)
        self.correction_action.setEnabled(meeting is not None and meeting.locked)
        self.edit_action.setEnabled(meeting is not None and not meeting.locked)
        self.signing.enable(meeting is not None and meeting.locked)
        if meeting is None:
            self.title.setText(_("No meeting chosen"))
            self.facts.clear()
            self.banner.setVisible(False)
            return
        self.title.setText(format_date(meeting.held_on))
        times = ""
        if meeting.starts_at:
            times = format_time(meeting.starts_at)
            if meeting.ends_at:
                times += "–" + format_time(meeting.ends_at)
        parts = [kind_label(meeting.kind), times, meeting.place]
        chair = self.people.get(meeting.chair_id or -1)
        if chair:
            parts.append(_("Chair: {name}").format(name=chair))
        self.facts.setText(" · ".join(p for p in parts if p))
        self._show_banner(meeting)

    def _show_banner(self, meeting: MeetingData) -> None:
        try:
            revisions = approval.revisions(self.db, meeting.id)
        except DomainError:
            revisions = []
        altered = approval_check.meeting_problems(self.db, meeting.id) if revisions else []
        if altered:
            self.banner.setText(
                _("This approved protocol no longer matches what was approved.")
                + " "
                + " ".join(altered)
            )
            self.banner.setStyleSheet(ALTERED_BANNER + BANNER_PADDING)
            self.banner.setVisible(True)
        elif meeting.locked and revisions:
            last = revisions[-1]
            text = _("Approved {date} by {names}. The protocol is locked.").format(
                date=format_date_in_text(last.approved_at.date()),
                names=join_typed_names(last.approved_by),
            )
            if last.revision > 1:
                text += " " + _("Revision {number}.").format(number=last.revision)
            if last.approved_login:  # who was logged in (issue 16): a server role
                text += " " + _("The approval was recorded by the login {login}.").format(
                    login=last.approved_login
                )
            signed = signing_line(signing.fields_state(self.db, meeting.id))
            if signed:
                text += " " + signed
            self.banner.setText(text)
            self.banner.setStyleSheet(APPROVED_BANNER + BANNER_PADDING)
            self.banner.setVisible(True)
        elif revisions:
            reason = protocol_data(self.db, meeting.id).correction_reason
            self.banner.setText(
                _(
                    "Correction under way (will be revision {number}): {reason}. "
                    "Approve again when it is done."
                ).format(number=revisions[-1].revision + 1, reason=reason)
            )
            self.banner.setStyleSheet(CORRECTION_BANNER + BANNER_PADDING)
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)

    # --- behaviour ------------------------------------------------------------------------

    def flush(self) -> bool:
        return self.agenda.editor.flush()

    def can_close(self) -> bool:
        """Everything typed saved, or the user chose to stay and edit (see ItemEditor); never
        while an approval runs."""
        return not approval_running(self) and self.agenda.editor.can_close()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def go_back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def _export(self, document: documents.Document, suffix: str) -> None:
        """Save a document of the meeting shown (what is typed saved first)."""
        meeting = self.meeting
        if meeting is None:
            return
        self.flush()
        path = documents.export_document(self, self.db, meeting, document, suffix)
        if path is not None:
            self.status_message.emit(_("Saved {path}").format(path=path))

    def export_kallelse(self) -> None:
        self._export("notice", ".pdf")

    def export_protocol(self) -> None:
        self._export("protocol", ".pdf")

    def export_docx(self) -> None:
        self._export("protocol", ".docx")

    def print_document(self, document: documents.Document) -> None:
        """Print the notice or the protocol of the meeting shown (what is typed saved first)."""
        meeting = self.meeting
        if meeting is None:
            return
        self.flush()
        if documents.print_document(self, self.db, meeting, document):
            self.status_message.emit(_("Sent to the printer."))

    def default_approvers(self) -> str:
        meeting = self.meeting
        if meeting is None:
            return ""
        ids = (meeting.chair_id, meeting.adjuster1_id, meeting.adjuster2_id)
        return ", ".join(self.people[i] for i in ids if i is not None and i in self.people)

    def approve(self) -> None:
        meeting = self.meeting
        if meeting is None or meeting.locked or not self.flush():
            return
        if approve_meeting(self, self.db, meeting, self.default_approvers()):
            self.refresh()
            self.changed.emit()
            self.status_message.emit(_("The protocol is approved and locked."))

    def _signed(self, message: str) -> None:
        self.refresh()
        self.status_message.emit(message)

    def correct(self) -> None:
        meeting = self.meeting
        if meeting is None or not meeting.locked:
            return
        if not confirm(
            self,
            _("Start a correction"),
            _(
                "Reopen the approved protocol of the meeting {date} for a correction? The "
                "approved version stays stored; the corrected one becomes a new revision."
            ).format(date=format_date_in_text(meeting.held_on)),
            _("&Start the correction"),
            destructive=False,
        ):
            return

        def submit(reason: str) -> None:
            approval.start_correction(self.db, meeting.id, reason)

        if CorrectionDialog(submit, self).exec():
            self.refresh()
            self.changed.emit()
