"""Justering: who approved and when (the justering rules of services/meetings/approval.py are asked
before approving, and a refusal is shown in the dialog), and the start of a correction of an
approved protocol (a reason is required)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.meetings.read_models import Problem
from naravard_desktop.ui.form_dialog import add_form_row, ok_cancel_buttons
from naravard_desktop.ui.forms import ERROR_STYLE, DateLineEdit, FieldErrors
from naravard_desktop.ui.meetings.view_tools import busy_cursor


def _refusal_label() -> QLabel:
    label = QLabel()
    label.setObjectName("refusal")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ApproveDialog(QDialog):
    """Calls `submit(approved_by, approved_on)`; a refusal stays in the dialog to be read,
    with what was typed. `check(approved_on)` (the justering rules) is asked first: a date
    outside the meeting day … today is shown at the date field, other problems above the
    buttons. `held_on` is the meeting day, named beside the date field."""

    def __init__(
        self,
        approved_by: str,
        submit: Callable[[str, dt.date], None],
        parent: QWidget | None = None,
        *,
        held_on: dt.date | None = None,
        check: Callable[[dt.date], Sequence[Problem]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve the protocol"))
        self.setMinimumWidth(480)
        self._submit = submit
        self._check = check
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
            with busy_cursor():
                self._submit(self.approved_by.text(), day)
        except ValidationError as error:
            for message in self.errors.show(error.fields):
                self._refuse(message)
            return
        except DomainError as error:
            self._refuse(error.message)
            return
        super().accept()

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
