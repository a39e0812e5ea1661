"""The meeting form (new or edit): date, times, place, kind, chair, secretary, adjusters and,
for a new meeting, which agenda to start from. Errors appear under the fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import MeetingKind
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.meetings.meeting_labels import kind_label
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import DateLineEdit, TimeLineEdit

WARNING_STYLE = "color: #8a5a00;"

Submit = Callable[[MeetingInput, int | None], None]
People = list[tuple[int, str]]


def person_box(people: People, name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(_("(none)"), None)
    for person_id, person_name in people:
        box.addItem(person_name, person_id)
    return box


def choose(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


class MeetingDialog(FormDialog):
    """Calls `submit(value, copy_agenda_from)`; stays open while it raises ValidationError.

    `previous` (id, date) offers copying that meeting's agenda (new meetings only), or
    `previous_before(date)` gives the meeting before the date chosen, asked again when the
    date changes; `same_day(date)` says how many other meetings the group has that day."""

    def __init__(
        self,
        title: str,
        initial: MeetingInput,
        people: People,
        submit: Submit,
        *,
        same_day: Callable[[dt.date], int],
        previous: tuple[int, dt.date] | None = None,
        previous_before: Callable[[dt.date], tuple[int, dt.date] | None] | None = None,
        new: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        ok_text = _("Create") if new else _("Save")
        super().__init__(title, lambda value: submit(*value), parent, ok_text, min_width=620)
        self._same_day = same_day
        self._previous = previous
        self._previous_before = previous_before

        self.held_on = DateLineEdit()
        self.held_on.setObjectName("meeting_date")
        self.held_on.textChanged.connect(self._check_same_day)
        self.same_day_label = QLabel()
        self.same_day_label.setObjectName("same_day_warning")
        self.same_day_label.setStyleSheet(WARNING_STYLE)
        self.same_day_label.setWordWrap(True)
        self.same_day_label.setVisible(False)
        self.starts_at = TimeLineEdit()
        self.starts_at.setObjectName("meeting_starts")
        self.starts_at.setAccessibleName(_("Start time"))
        self.ends_at = TimeLineEdit()
        self.ends_at.setObjectName("meeting_ends")
        self.ends_at.setAccessibleName(_("End time"))
        self.place = QLineEdit()
        self.place.setObjectName("meeting_place")
        self.place.setPlaceholderText(_("e.g. the town hall, room Ljusnan, or a Teams link"))
        self.kind = QComboBox()
        self.kind.setObjectName("meeting_kind")
        for kind in MeetingKind:
            self.kind.addItem(kind_label(kind), kind)
        self.chair = person_box(people, "meeting_chair")
        self.secretary = person_box(people, "meeting_secretary")
        self.adjuster1 = person_box(people, "meeting_adjuster1")
        self.adjuster2 = person_box(people, "meeting_adjuster2")

        date_column = self.add_field(_("&Date:"), self.held_on, "held_on")
        date_column.addWidget(self.same_day_label)
        times = QWidget()
        times_layout = QHBoxLayout(times)
        times_layout.setContentsMargins(0, 0, 0, 0)
        times_layout.addWidget(self.starts_at)
        until = QLabel(_("&until"))
        until.setBuddy(self.ends_at)
        times_layout.addWidget(until)
        times_layout.addWidget(self.ends_at)
        times_layout.addStretch(1)
        time_column = self.add_field(_("&Time:"), times, "starts_at", buddy=self.starts_at)
        time_column.addWidget(self.errors.label_for("ends_at", self.ends_at))
        self.add_field(_("&Place or link:"), self.place, "place")
        self.add_field(_("&Kind:"), self.kind, "kind")
        self.add_field(_("C&hair:"), self.chair, "chair_id")
        self.add_field(_("&Secretary:"), self.secretary, "secretary_id")
        self.add_field(_("&Adjuster:"), self.adjuster1, "adjuster1_id")
        self.add_field(_("Sec&ond adjuster:"), self.adjuster2, "adjuster2_id")
        QWidget.setTabOrder(self.starts_at, self.ends_at)  # the time row holds two fields

        self.standard_agenda = QRadioButton(_("Standard agenda (opening and closing items)"))
        self.standard_agenda.setObjectName("standard_agenda")
        self.copy_agenda = QRadioButton()
        self.copy_agenda.setObjectName("copy_agenda")
        self._show_previous()
        self.held_on.textChanged.connect(self._find_previous)
        group = QButtonGroup(self)
        group.addButton(self.standard_agenda)
        group.addButton(self.copy_agenda)
        self.standard_agenda.setChecked(True)
        if new:
            agenda_box = QVBoxLayout()
            agenda_box.setSpacing(2)
            agenda_box.addWidget(self.standard_agenda)
            agenda_box.addWidget(self.copy_agenda)
            self.form.addRow(QLabel(_("Agenda:")), agenda_box)
        self.set_value(initial)

    def set_value(self, data: MeetingInput) -> None:
        self.held_on.set_date(data.held_on)
        self.starts_at.set_time(data.starts_at)
        self.ends_at.set_time(data.ends_at)
        self.place.setText(data.place)
        choose(self.kind, data.kind)
        choose(self.chair, data.chair_id)
        choose(self.secretary, data.secretary_id)
        choose(self.adjuster1, data.adjuster1_id)
        choose(self.adjuster2, data.adjuster2_id)
        self._check_same_day()

    def value(self) -> tuple[MeetingInput, dict[str, str]]:
        """The form's value and the dates and times that could not be read."""
        problems: dict[str, str] = {}
        held_on, problem = self.held_on.date_or_error()
        if problem:
            problems["held_on"] = problem
        starts_at, problem = self.starts_at.time_or_error()
        if problem:
            problems["starts_at"] = problem
        ends_at, problem = self.ends_at.time_or_error()
        if problem:
            problems["ends_at"] = problem
        data = MeetingInput(
            held_on=held_on,
            starts_at=starts_at,
            ends_at=ends_at,
            place=self.place.text(),
            kind=self.kind.currentData(),
            chair_id=self.chair.currentData(),
            secretary_id=self.secretary.currentData(),
            adjuster1_id=self.adjuster1.currentData(),
            adjuster2_id=self.adjuster2.currentData(),
        )
        return data, problems

    def copy_from(self) -> int | None:
        if self._previous is not None and self.copy_agenda.isChecked():
            return self._previous[0]
        return None

    def _find_previous(self) -> None:
        """The meeting just before the date typed is the one whose agenda can be copied."""
        day, problem = self.held_on.date_or_error()
        if self._previous_before is None or problem or day is None:
            return
        self._previous = self._previous_before(day)
        self._show_previous()

    def _show_previous(self) -> None:
        previous = self._previous
        if previous is not None:
            self.copy_agenda.setText(
                _("Copy the agenda of the previous meeting ({date})").format(
                    date=format_date(previous[1])
                )
            )
        else:
            self.copy_agenda.setText(_("Copy the agenda of the previous meeting"))
            if self.copy_agenda.isChecked():
                self.standard_agenda.setChecked(True)
        self.copy_agenda.setEnabled(previous is not None)

    def _check_same_day(self) -> None:
        day, problem = self.held_on.date_or_error()
        count = self._same_day(day) if day is not None and problem is None else 0
        self.same_day_label.setText(
            _("The group already has a meeting on {date}. You can still add this one.").format(
                date=format_date(day)
            )
            if count and day is not None
            else ""
        )
        self.same_day_label.setVisible(bool(count))

    def build(self) -> tuple[MeetingInput, int | None]:
        data, problems = self.value()
        if problems:
            raise ValidationError(problems)
        return data, self.copy_from()
