"""Form helpers: an error label under each field, and a date field that may be left empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from naravard_desktop.i18n import _

ERROR_STYLE = "color: #b00020;"


class FieldErrors:
    """Shows a ValidationError's messages next to the fields they belong to.

    Each field gets a hidden red label (placed in the form by the dialog) that appears with
    its message; the first field in error receives the focus.
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def label_for(self, name: str, field: QWidget) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._labels[name] = label
        self._fields[name] = field
        return label

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.setVisible(False)
        for field in self._fields.values():
            field.setProperty("invalid", False)
            field.setAccessibleDescription("")

    def show(self, errors: dict[str, str]) -> list[str]:
        """Display the messages; returns the ones with no field of their own."""
        self.clear()
        unplaced: list[str] = []
        first: QWidget | None = None
        for name, message in errors.items():
            label = self._labels.get(name)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.setVisible(True)
            self._fields[name].setAccessibleDescription(message)
            if first is None:
                first = self._fields[name]
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced

    def text(self, name: str) -> str:
        label = self._labels.get(name)
        return label.text() if label is not None and label.isVisible() else ""


class DateLineEdit(QLineEdit):
    """ÅÅÅÅ-MM-DD, or empty for "no date"; parsing errors are reported by the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("YYYY-MM-DD"))
        self.setMaxLength(10)
        self.setClearButtonEnabled(True)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def date_or_error(self) -> tuple[dt.date | None, str | None]:
        text = self.text().strip()
        if not text:
            return None, None
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            return None, _("Write the date as YYYY-MM-DD, for example 2025-01-31.")
