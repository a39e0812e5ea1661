"""The overview page: activities per status across the group's plans, the overdue ones (with
a double click or Enter leading to them), and the next meeting from the meetings table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date, format_iso_date, format_time
from naravard_desktop.services.group.overview import overview
from naravard_desktop.services.group.read_models import Overview
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.plan.model import OVERDUE_COLOUR, STATUS_COLOURS


class OverviewPage(QWidget):
    activity_requested = Signal(int, int)  # plan id, activity id

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.today = dt.date.today()
        self.data: Overview | None = None
        heading = QLabel(_("Overview"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.meeting_label = QLabel()
        self.meeting_label.setObjectName("next_meeting")
        self.meeting_label.setWordWrap(True)
        self.counts = QGridLayout()
        self.count_labels: dict[ActivityStatus, QLabel] = {}
        for column, status in enumerate(ActivityStatus):
            number = QLabel("0")
            number.setObjectName(f"count_{status.value}")
            colour = STATUS_COLOURS[status].name()
            number.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {colour};")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(status_label(status))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.counts.addWidget(number, 0, column)
            self.counts.addWidget(caption, 1, column)
            self.count_labels[status] = number
        self.overdue_heading = QLabel()
        self.overdue_heading.setStyleSheet(f"font-weight: 600; color: {OVERDUE_COLOUR.name()};")
        self.overdue = QTableWidget(0, 5)
        self.overdue.setObjectName("overdue_table")
        self.overdue.setHorizontalHeaderLabels(
            [_("Activity"), _("Responsible"), _("Schedule"), _("Due date"), _("Status")]
        )
        self.overdue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overdue.verticalHeader().hide()
        # The activity and who is responsible share the room; the short columns fit their text.
        header = self.overdue.horizontalHeader()
        for column, mode in enumerate(
            (QHeaderView.ResizeMode.Stretch,) * 2 + (QHeaderView.ResizeMode.ResizeToContents,) * 3
        ):
            header.setSectionResizeMode(column, mode)
        self.overdue.activated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.meeting_label)
        layout.addLayout(self.counts)
        layout.addWidget(self.overdue_heading)
        layout.addWidget(self.overdue, 1)
        self.refresh()
        self._just_read = JustRead(self)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._just_read.take():  # not read again as the window opens on it
            self.refresh()
        super().showEvent(event)

    def refresh(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        try:
            data = overview(self.db, self.group_id, self.today)
        except DomainError:
            return
        self.data = data
        for status, label in self.count_labels.items():
            label.setText(str(data.status_counts[status]))
        meeting = data.next_meeting
        if meeting is None:
            self.meeting_label.setText(_("No meeting planned."))
        else:
            when = format_date(meeting.held_on)
            if meeting.starts_at:
                when += " " + _("at {time}").format(time=format_time(meeting.starts_at))
            place = f", {meeting.place}" if meeting.place else ""
            self.meeting_label.setText(_("Next meeting: {when}").format(when=when) + place)
        self.overdue_heading.setText(
            _("⚠ Overdue activities: {count}").format(count=len(data.overdue))
            if data.overdue
            else _("No activity is overdue.")
        )
        # Emptied first: replacing the items of a shown table whose columns fit their contents
        # measures every row again at each item (6 s for a busy group's 353 overdue rows).
        self.overdue.setRowCount(0)
        self.overdue.setRowCount(len(data.overdue))
        for row, activity in enumerate(data.overdue):
            cells = [
                " ".join(activity.title.split()),
                activity.responsible,
                activity.schedule_text,
                format_iso_date(activity.due_date),
                status_label(activity.status),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (activity.plan_id, activity.id))
                if column in (0, 3):
                    item.setForeground(OVERDUE_COLOUR)
                self.overdue.setItem(row, column, item)

    def _open(self) -> None:
        item = self.overdue.item(self.overdue.currentRow(), 0)
        if item is not None:
            plan_id, activity_id = item.data(Qt.ItemDataRole.UserRole)
            self.activity_requested.emit(plan_id, activity_id)
