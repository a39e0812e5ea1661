"""Form helpers: an error label under each field, the date and time fields every form uses
(either may be left empty), a few lines of text and the activity status choice. Dates and
times follow the UI language: times are 24-hour in Swedish ("13.00") and say AM/PM in English
("1:00 PM"); a date is typed as 2024-05-17 or picked in a calendar in the language (Monday
first, Swedish month names)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _, format_time
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.ui.qt_locale import current_qt_locale

ERROR_STYLE = "color: #b00020;"

W = TypeVar("W", bound=QWidget)


def named(kind: Callable[..., W], name: str, /, *args: Any, **properties: Any) -> W:
    """`kind(*args, **properties)` with the object name tests and style sheets find it by.
    PySide6 sets each keyword as the Qt property of that name (placeholderText=, suffix=) and
    refuses one that is not; its type stubs do not know the inherited `objectName`, so it
    goes through here."""
    return kind(*args, objectName=name, **properties)


def buddy_label(text: str, field: QWidget) -> QLabel:
    """A caption whose mnemonic (the & in `text`) gives `field` the focus."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


def error_label(name: str) -> QLabel:
    """The hidden red label for the messages about field `name`, found as `error_<name>`."""
    return named(QLabel, f"error_{name}", styleSheet=ERROR_STYLE, wordWrap=True, visible=False)


class FieldErrors:
    """Shows a ValidationError's messages next to the fields they belong to.

    Each field gets a hidden red label (placed in the form by the dialog) that appears with
    its message; the first field in error receives the focus.
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def label_for(self, name: str, field: QWidget) -> QLabel:
        label = error_label(name)
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

    def fields_named(self, names: Iterable[str]) -> dict[str, QWidget]:
        """The fields (of those with an error label) that `names` names, in that order."""
        return {name: self._fields[name] for name in names if name in self._fields}

    def text(self, name: str) -> str:
        label = self._labels.get(name)
        return label.text() if label is not None and label.isVisible() else ""


def text_box(lines: int = 3, **properties: Any) -> QPlainTextEdit:
    """A few lines of text; Tab goes on to the next field rather than into the text."""
    box = QPlainTextEdit(**properties)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


Choices = Iterable[tuple[str, object]]  # what a combo box offers: each item's text and data


def set_choices(combo: QComboBox, choices: Choices) -> QComboBox:
    """`combo` offering `choices` and nothing else."""
    combo.clear()
    for text, data in choices:
        combo.addItem(text, data)
    return combo


def combo_box(choices: Choices, **properties: Any) -> QComboBox:
    """A combo box offering `choices`, with Qt properties by keyword (objectName=…)."""
    return set_choices(QComboBox(**properties), choices)


def select_data(combo: QComboBox, value: object) -> None:
    """Choose the item whose data is `value`, or the first when there is none."""
    combo.setCurrentIndex(max(0, combo.findData(value)))


def status_choices() -> list[tuple[str, object]]:
    """The statuses of a plan activity, each with its value as the item's data."""
    return [(status_label(status), status.value) for status in ActivityStatus]


def status_combo(**properties: Any) -> QComboBox:
    return combo_box(status_choices(), **properties)


def calendar_icon(color: QColor) -> QIcon:
    """A small calendar sheet (no icon theme to rely on on Windows or offscreen)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(color)
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 4), color)
    for row in (8, 11):
        for column in (4, 7, 10):
            painter.fillRect(QRect(column, row, 2, 2), color)
    painter.end()
    return QIcon(pixmap)


class DateLineEdit(QLineEdit):
    """ÅÅÅÅ-MM-DD, or empty for "no date"; parsing errors are reported by the form.

    The calendar button at the right (or Alt+Down, F4) opens a calendar in the UI language;
    Enter or a click there fills in the date, Escape leaves the field as it was."""

    def __init__(self, parent: QWidget | None = None, **properties: Any) -> None:
        """`properties`: Qt properties by name (objectName=…), over this field's own."""
        own: dict[str, Any] = {
            "placeholderText": _("YYYY-MM-DD"),
            "maxLength": 10,
            "clearButtonEnabled": True,
        }
        super().__init__(parent, **(own | properties))
        self.calendar: QCalendarWidget | None = None
        self.calendar_action = self.addAction(
            calendar_icon(self.palette().text().color()),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.calendar_action.setObjectName("choose_date")
        self.calendar_action.setText(_("Choose in a calendar"))
        self.calendar_action.setToolTip(_("Choose the date in a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.show_calendar)

    def minimumSizeHint(self) -> QSize:
        """Room for a whole date or the placeholder beside the clear and calendar buttons, so
        that a narrow form never shows "Å…"."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in ("0000-00-00", self.placeholderText()))
        buttons = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8)
        return QSize(max(hint.width(), text + buttons + 12), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        down = event.key() == Qt.Key.Key_Down
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if (down and alt) or event.key() == Qt.Key.Key_F4:
            event.accept()
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> QCalendarWidget:
        """Open the calendar below the field at the typed date (today when there is none)."""
        calendar = self.calendar or self._make_calendar()
        locale = current_qt_locale()
        calendar.setLocale(locale)
        calendar.setFirstDayOfWeek(locale.firstDayOfWeek())
        day, _problem = self.date_or_error()
        shown = day or dt.date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.adjustSize()
        calendar.move(self._popup_position(calendar))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return calendar

    def _make_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setObjectName("date_calendar")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        calendar.setAccessibleName(_("Calendar"))
        calendar.clicked.connect(self._pick)
        calendar.activated.connect(self._pick)
        self.calendar = calendar
        return calendar

    def _popup_position(self, calendar: QCalendarWidget) -> QPoint:
        """Below the field, or above it when the screen ends; never off the screen's side."""
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = QGuiApplication.screenAt(below) or QGuiApplication.primaryScreen()
        if screen is None:
            return below
        area = screen.availableGeometry()
        size = calendar.sizeHint()
        x = max(area.left(), min(below.x(), area.right() - size.width()))
        y = below.y()
        if y + size.height() > area.bottom():
            y = max(area.top(), self.mapToGlobal(QPoint(0, 0)).y() - size.height())
        return QPoint(x, y)

    def _pick(self, day: QDate) -> None:
        """A date chosen in the calendar counts as typed: forms that save as you type or
        check the date on editingFinished see it like keyboard entry."""
        if self.calendar is not None:
            self.calendar.hide()
        text = dt.date(day.year(), day.month(), day.day()).isoformat()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        if text == self.text():
            return
        self.setText(text)
        self.textEdited.emit(text)
        self.editingFinished.emit()


def read_dates(
    fields: Mapping[str, DateLineEdit],
) -> tuple[dict[str, dt.date | None], dict[str, str]]:
    """Each field's date by its error name, and the messages of those that cannot be read."""
    dates: dict[str, dt.date | None] = {}
    problems: dict[str, str] = {}
    for name, field in fields.items():
        dates[name], problem = field.date_or_error()
        if problem:
            problems[name] = problem
    return dates, problems


_TIME = re.compile(r"^(\d{1,2})(?:[.:]?(\d{2}))? ?(?:([ap])\.? ?m\.?)?$")


def parse_time(text: str) -> tuple[dt.time | None, str | None]:
    """ "13.00", "13:00", "1300", "13", "1:00 PM", "1pm", "1.30 p.m." → the time; empty →
    no time. Without AM/PM the hour is on the 24-hour clock in both languages."""
    value = " ".join(text.split()).lower()
    if not value:
        return None, None
    match = _TIME.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        meridiem = match.group(3)
        if meridiem is not None and 1 <= hour <= 12:
            hour = hour % 12 + (12 if meridiem == "p" else 0)
        elif meridiem is not None:
            hour = 24  # "13 pm", "0 am": not a time
        if hour < 24 and minute < 60:
            return dt.time(hour, minute), None
    return None, _("Write the time as 1:30 PM or 13:30.")


def time_text(value: dt.time | None) -> str:
    """A time as the field shows it: "13.00" in Swedish, "1:00 PM" in English (an ordinary
    space, so that it can be edited and typed the same way)."""
    return " ".join(format_time(value).split()) if value is not None else ""


class TimeLineEdit(QLineEdit):
    """A time of day, or empty for "no time", written as the language writes it. What is
    typed in any accepted form is shown in the language's form when the field is left, so
    "13" becomes "1:00 PM" in English before anything is saved."""

    def __init__(self, parent: QWidget | None = None, **properties: Any) -> None:
        """`properties`: Qt properties by name (objectName=…), over this field's own."""
        own: dict[str, Any] = {"placeholderText": _("h:mm AM/PM"), "maxLength": 12}
        super().__init__(parent, **(own | properties))
        metrics = self.fontMetrics()
        samples = ("12:30 PM", "00.00", self.placeholderText())
        self.setFixedWidth(max(metrics.horizontalAdvance(t) for t in samples) + 24)
        self.editingFinished.connect(self._tidy)

    def set_time(self, value: dt.time | None) -> None:
        self.setText(time_text(value))

    def time_or_error(self) -> tuple[dt.time | None, str | None]:
        return parse_time(self.text())

    def _tidy(self) -> None:
        value, problem = self.time_or_error()
        if value is not None and problem is None and self.text() != time_text(value):
            self.set_time(value)
