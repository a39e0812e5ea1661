"""The privacy guard in the GUI (services/system/privacy.py refuses text that looks like it holds a
personal identity number): a dialog that shows what was found, masked, and where, with the
choice to go back and remove the number (it is then selected in the editor) or to save anyway
with a reason; and a warning bar for autosaved fields, which must not pop up a dialog while
the user types. Nothing typed is thrown away either way."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.services.system.privacy import (
    REASON_LIMIT,
    PrivacyWarning,
    find_identity_numbers,
)
from naravard_desktop.ui.forms import buddy_label, named

T = TypeVar("T")

# The reason logged when undo puts back text that had been saved before (with an override
# given then, or before the number was a new one). Log text, not shown: not translated.
RESTORED_REASON = "put back by undo (the text had been saved before)"

WARNING_STYLE = (
    'QFrame[privacyWarning="true"] { background: #fff4ce; border: 1px solid #e0b400; '
    "border-radius: 3px; }"
)


class BackToEditing(Exception):
    """The user chose to remove the number: the form stays open, the number selected."""


def field_labels() -> dict[str, str]:
    """Names of the checked fields as the user sees them (callers may pass their own)."""
    return {
        "notes": _("Notes"),
        "decision": _("Decision"),
        "title": _("Title"),
        "description": _("Description"),
        "presenter": _("Presenter"),
        "attachments": _("Attachments"),
        "responsible": _("Responsible"),
        "schedule_text": _("Schedule"),
        "follow_up_method": _("Follow-up"),
        "note": _("Follow-up note"),
        "area": _("Area"),
        "plan_title": _("Plan title"),
    }


def where(name: str, labels: Mapping[str, str] | None = None) -> str:
    """'notes' → 'Anteckningar'; 'description:5' (a row of an imported file) → 'Beskrivning
    (rad 6)'."""
    known = {**field_labels(), **(labels or {})}
    if name in known:
        return known[name]
    field, _sep, row = name.partition(":")
    label = known.get(field, field)
    if row.isdigit():
        label += " (" + _("row {row}").format(row=int(row) + 1) + ")"
    return label


def found_lines(warning: PrivacyWarning, labels: Mapping[str, str] | None = None) -> list[str]:
    """One line per field: where, and the numbers found there with their last digits hidden."""
    known = {n: label for n, label in warning.labels.items() if label != n}
    known.update(labels or {})
    return [
        f"{where(name, known)}: {', '.join(number.masked for number in found)}"
        for name, found in warning.matches.items()
    ]


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 code units (an emoji is two)."""
    return len(text[:index].encode("utf-16-le")) // 2


def select_first_number(widget: QWidget) -> bool:
    """Focus the editor and select the first identity number in its text; False if none."""
    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText()
    elif isinstance(widget, QLineEdit):
        text = widget.text()
    else:
        return False
    found = find_identity_numbers(text)
    if not found:
        return False
    start, end = _utf16(text, found[0].start), _utf16(text, found[0].end)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
    else:
        widget.setSelection(start, end - start)
    return True


class PrivacyDialog(QDialog):
    """What was found and where; 'Remove the number' (also Escape) goes back to editing,
    'Save anyway…' asks for the reason, which is required. `reason` is set on accept."""

    def __init__(
        self,
        warning: PrivacyWarning,
        parent: QWidget | None = None,
        *,
        labels: Mapping[str, str] | None = None,
        back_text: str | None = None,
        ask_reason: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("privacy_dialog")
        self.setWindowTitle(_("Personal identity number?"))
        self.reason: str | None = None

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        heading = QLabel(
            _("The text seems to contain a personal identity number.")
            if sum(len(found) for found in warning.matches.values()) == 1
            else _("The text seems to contain personal identity numbers.")
        )
        heading.setStyleSheet("font-weight: 600;")
        heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)

        self.found = named(QListWidget, "privacy_found", focusPolicy=Qt.FocusPolicy.NoFocus)
        self.found.addItems(found_lines(warning, labels))
        self.found.setFixedHeight(
            self.found.sizeHintForRow(0) * min(5, max(1, self.found.count())) + 6
        )
        explanation = QLabel(
            _(
                "Protocols and plans must not hold data about individuals. Remove the number, "
                "or save anyway and say why."
            )
        )
        explanation.setWordWrap(True)
        explanation.setMinimumWidth(440)

        back = back_text or _("&Remove the number")
        self.back_button = named(QPushButton, "privacy_back", back, clicked=self.reject)
        self.anyway_button = named(
            QPushButton, "privacy_anyway", _("&Save anyway…"), clicked=self._ask_reason
        )
        self.choice = choice = QWidget()
        choice_buttons = QHBoxLayout(choice)
        choice_buttons.setContentsMargins(0, 0, 0, 0)
        choice_buttons.addStretch(1)
        choice_buttons.addWidget(self.back_button)
        choice_buttons.addWidget(self.anyway_button)

        self.reason_page = reason_page = QWidget()
        self.reason_edit = named(
            QLineEdit,
            "privacy_reason",
            maxLength=REASON_LIMIT,
            placeholderText=_("e.g. the number is a case number, not a person's"),
        )
        reason_label = buddy_label(_("&Reason to save anyway:"), self.reason_edit)
        hint = QLabel(_("The reason is written to the program's log, without the number."))
        hint.setStyleSheet("color: #5a5a5a;")
        hint.setWordWrap(True)
        self.save_button = named(
            QPushButton, "privacy_save", _("Save &anyway"), enabled=False, clicked=self._save
        )
        self.cancel_button = named(
            QPushButton, "privacy_cancel", _("&Back to editing"), clicked=self.reject
        )
        self.reason_edit.textChanged.connect(
            lambda text: self.save_button.setEnabled(bool(text.strip()))
        )
        reason_buttons = QHBoxLayout()
        reason_buttons.addStretch(1)
        reason_buttons.addWidget(self.cancel_button)
        reason_buttons.addWidget(self.save_button)
        reason_layout = QVBoxLayout(reason_page)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(reason_label)
        reason_layout.addWidget(self.reason_edit)
        reason_layout.addWidget(hint)
        reason_layout.addLayout(reason_buttons)

        reason_page.hide()
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(top)
        layout.addWidget(self.found)
        layout.addWidget(explanation)
        layout.addWidget(choice)
        layout.addWidget(reason_page)
        self.back_button.setDefault(True)
        if ask_reason:
            self._ask_reason()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.reason_edit if self.reason_page.isVisibleTo(self) else self.back_button).setFocus()

    def _ask_reason(self) -> None:
        self.choice.hide()
        self.reason_page.show()
        self.back_button.setDefault(False)
        self.save_button.setDefault(True)
        self.reason_edit.setFocus()

    def _save(self) -> None:
        reason = " ".join(self.reason_edit.text().split())
        if not reason:
            return
        self.reason = reason
        self.accept()


def ask_privacy(
    parent: QWidget | None,
    warning: PrivacyWarning,
    *,
    fields: Mapping[str, QWidget] | None = None,
    labels: Mapping[str, str] | None = None,
    back_text: str | None = None,
    ask_reason: bool = False,
) -> str | None:
    """The reason to save anyway, or None: then the first number is selected in the first of
    `fields` (field name → editor) that holds one, for the user to remove."""
    dialog = PrivacyDialog(
        warning, parent, labels=labels, back_text=back_text, ask_reason=ask_reason
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = dialog.reason if accepted else None
    dialog.deleteLater()
    if reason is None and fields:
        names = [name for name in warning.matches if name in fields]
        for name in [*names, *(n for n in fields if n not in names)]:
            if select_first_number(fields[name]):
                break
    return reason


def save_guarded(
    parent: QWidget | None,
    save: Callable[[str | None], T],
    *,
    fields: Mapping[str, QWidget] | None = None,
    labels: Mapping[str, str] | None = None,
) -> T:
    """`save(None)`; when the services refuse with a PrivacyWarning, ask: with a reason the
    result of `save(reason)`, else BackToEditing (the number is selected in its field)."""
    try:
        return save(None)
    except PrivacyWarning as warning:
        reason = ask_privacy(parent, warning, fields=fields, labels=labels)
        if reason is None:
            raise BackToEditing from warning
        return save(reason)


class PrivacyBar(QFrame):
    """A warning under an autosaved field: shown (again) only when a new number appears, so
    typing on is never interrupted. The text stays unsaved (and kept as a draft) until the
    number is removed or the user saves anyway."""

    override_requested = Signal()
    show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacy_bar")
        self.setProperty("privacyWarning", True)  # the style follows any object name
        self.setStyleSheet(WARNING_STYLE)
        self.warning: PrivacyWarning | None = None
        self._shown_for: frozenset[str] = frozenset()
        self.message = named(QLabel, "privacy_bar_message", wordWrap=True)
        self.show_button = named(QPushButton, "privacy_bar_show", _("Show the &number"))
        self.show_button.clicked.connect(self.show_requested.emit)
        self.anyway_button = named(QPushButton, "privacy_bar_anyway", _("Save an&yway…"))
        self.anyway_button.clicked.connect(self.override_requested.emit)
        close = named(
            QToolButton,
            "privacy_bar_close",
            autoRaise=True,
            text="×",
            toolTip=_("Hide the warning (the text stays unsaved)"),
            accessibleName=_("Hide the warning"),
            clicked=self.hide,
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 3, 3)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.anyway_button)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def warn(self, warning: PrivacyWarning, labels: Mapping[str, str] | None = None) -> None:
        """Show the warning, unless it is about the same numbers as the last one (which the
        user may have hidden)."""
        self.warning = warning
        numbers = frozenset(n.digits for found in warning.matches.values() for n in found)
        if numbers == self._shown_for:
            return
        self._shown_for = numbers
        self.message.setText(
            _("Not saved: the text seems to contain a personal identity number ({found}).").format(
                found="; ".join(found_lines(warning, labels))
            )
        )
        self.setAccessibleDescription(self.message.text())
        self.show()

    def clear(self) -> None:
        """The text was saved (or another record is shown): no warning."""
        self.warning = None
        self._shown_for = frozenset()
        self.hide()
