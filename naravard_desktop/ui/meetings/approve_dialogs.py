"""Justering: who approved and when (the justering rules of services/meetings/justering.py are
asked before approving, and a refusal is shown in the dialog), and the start of a correction of
an approved protocol (a reason is required). The protocol's PDF/A is rendered on a worker
thread between a short read and a short write, so the window stays responsive; a busy dialog
shows when it takes longer than PROGRESS_AFTER_MS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.documents import meeting_files
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.meetings import approval, justering
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import ApprovalSnapshot, MeetingData, Problem
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.background import run_and_wait
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import add_form_row, ok_cancel_buttons
from naravard_desktop.ui.forms import ERROR_STYLE, DateLineEdit, FieldErrors
from naravard_desktop.ui.meetings import documents
from naravard_desktop.ui.meetings.view_tools import busy_cursor

PROGRESS_AFTER_MS = 200  # a busy dialog for a rendering that takes longer than this


@dataclass(frozen=True)
class ApprovalSteps:
    """An approval's steps: `prepare` reads the protocol as approved (a short read, on this
    thread), `render` makes its PDF from the read model alone (on a worker thread, no
    database), `store` keeps it unless the meeting changed meanwhile (a short write, here)."""

    prepare: Callable[[str, dt.date], ApprovalSnapshot]
    render: Callable[[ProtocolData], bytes]
    store: Callable[[ApprovalSnapshot, bytes], object]


def _refusal_label() -> QLabel:
    label = QLabel()
    label.setObjectName("refusal")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ApproveDialog(QDialog):
    """Approves through `steps` (ApprovalSteps); a refusal stays in the dialog to be read,
    with what was typed. `check(approved_on)` (the justering rules) is asked first: a date
    outside the meeting day … today is shown at the date field, other problems above the
    buttons. `held_on` is the meeting day, named beside the date field. While the approval
    runs (`approving`) the dialog cannot be closed."""

    def __init__(
        self,
        approved_by: str,
        steps: ApprovalSteps,
        parent: QWidget | None = None,
        *,
        held_on: dt.date | None = None,
        check: Callable[[dt.date], Sequence[Problem]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve the protocol"))
        self.setMinimumWidth(480)
        self._steps = steps
        self._check = check
        self.approving = False
        self.errors = FieldErrors()
        intro = QLabel(
            _(
                "When the protocol is approved it is locked: the PDF made now is stored with "
                "its checksum, and later changes need a correction."
            )
        )
        intro.setWordWrap(True)
        self.approved_by = QLineEdit(approved_by)
        self.approved_by.setObjectName("approved_by")
        self.approved_on = DateLineEdit()
        self.approved_on.setObjectName("approved_on")
        self.approved_on.set_date(dt.date.today())
        self.date_hint = QLabel()
        self.date_hint.setObjectName("approved_on_hint")
        self.date_hint.setWordWrap(True)
        if held_on is not None:
            self.date_hint.setText(
                _("From the meeting day ({date}) until today.").format(date=format_date(held_on))
            )
        self.date_hint.setVisible(held_on is not None)
        self.approved_on.setToolTip(self.date_hint.text())
        self.refusal = _refusal_label()

        form = QFormLayout()
        by_error = self.errors.label_for("approved_by", self.approved_by)
        add_form_row(form, _("Approved &by:"), self.approved_by, by_error)
        on_error = self.errors.label_for("approved_on", self.approved_on)
        on_column = add_form_row(form, _("&Date of approval:"), self.approved_on, on_error)
        on_column.insertWidget(1, self.date_hint)  # under the date, above its error
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(ok_cancel_buttons(self, _("Approve")))
        self.approved_by.setFocus()

    def accept(self) -> None:
        self.refusal.setVisible(False)
        day, problem = self.approved_on.date_or_error()
        if problem or day is None:
            self.errors.show({"approved_on": problem or _("Give the date of approval.")})
            return
        self.errors.clear()
        try:
            if self._check is not None and self._refused_by_rules(self._check(day)):
                return
            self.approving = True
            self._approve(self.approved_by.text(), day)
        except ValidationError as error:
            for message in self.errors.show(error.fields):
                self._refuse(message)
            return
        except DomainError as error:
            self._refuse(error.message)
            return
        finally:
            self.approving = False
        super().accept()

    def _approve(self, approved_by: str, day: dt.date) -> None:
        with busy_cursor():
            snapshot = self._steps.prepare(approved_by, day)
        pdf = run_and_wait(
            self,
            _("The protocol is being approved …"),
            lambda: self._steps.render(snapshot.data),
            show_after_ms=PROGRESS_AFTER_MS,
        )
        with busy_cursor():
            self._steps.store(snapshot, pdf)

    def reject(self) -> None:
        if not self.approving:  # Escape, Avbryt or the close box wait until it is done
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.approving:
            event.ignore()
            return
        super().closeEvent(event)

    def _refused_by_rules(self, problems: Sequence[Problem]) -> bool:
        """Show the justering rules' problems (the date's at the date field); True if any."""
        dated = [p.message for p in problems if p.field == "approved_on"]
        others = [p.message for p in problems if p.field != "approved_on"]
        if dated:
            self.errors.show({"approved_on": " ".join(dated)})
            self.approved_on.setFocus()
            self.approved_on.selectAll()
        if others:
            self._refuse("\n".join(others))
        return bool(problems)

    def _refuse(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.setVisible(True)
        self.adjustSize()


def approve_meeting(parent: QWidget, db: Database, meeting: MeetingData, approvers: str) -> bool:
    """Ask who approved the meeting's protocol and when, and approve it: True once approved.
    The PDF writers are imported here first: imported on a worker thread they crashed the
    interpreter now and then (see documents.preload_writers)."""

    def prepare(who: str, day: dt.date) -> ApprovalSnapshot:
        snapshot = justering.prepare_approval(db, meeting.id, who, day)
        documents.import_writers()
        return snapshot

    def store(snapshot: ApprovalSnapshot, pdf: bytes) -> object:
        return justering.store_approval(db, snapshot, pdf)

    steps = ApprovalSteps(prepare, meeting_files.render_protocol, store)
    dialog = ApproveDialog(
        approvers,
        steps,
        parent,
        held_on=meeting.held_on,
        check=lambda day: approval.approval_problems(db, meeting.id, day),
    )
    return bool(dialog.exec())


def approval_running(parent: QWidget) -> bool:
    """Whether an approval of `parent`'s is running (then the user is told to wait): the
    window must not close before its protocol is stored."""
    if not any(d.approving for d in parent.findChildren(ApproveDialog)):
        return False
    show_error(
        parent,
        _("The protocol is being approved. Wait until it is done, then close the window."),
        _("Approve the protocol"),
    )
    return True


class CorrectionDialog(QDialog):
    """Asks why an approved protocol is corrected; calls `submit(reason)`."""

    def __init__(self, submit: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Start a correction"))
        self.setMinimumWidth(480)
        self._submit = submit
        self.errors = FieldErrors()
        intro = QLabel(
            _(
                "The approved protocol stays stored as it is. The meeting becomes editable, and "
                "when it is approved again the corrected protocol is a new revision that shows "
                "this reason."
            )
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("correction_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        caption = QLabel(_("&Reason for the correction:"))
        caption.setBuddy(self.reason)
        self.refusal = _refusal_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(self.errors.label_for("reason", self.reason))
        layout.addWidget(self.refusal)
        layout.addWidget(ok_cancel_buttons(self, _("Start correction")))
        self.reason.setFocus()

    def accept(self) -> None:
        self.refusal.setVisible(False)
        try:
            self._submit(self.reason.toPlainText())
        except ValidationError as error:
            for message in self.errors.show(error.fields):
                self.refusal.setText(message)
                self.refusal.setVisible(True)
            return
        except DomainError as error:
            self.refusal.setText(error.message)
            self.refusal.setVisible(True)
            return
        super().accept()
