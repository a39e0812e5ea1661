"""The overview page: what the secretary has to do next, each entry leading to the place to
do it (the next meeting with its notice, protocols awaiting justering, open action items by
owner, the current plan's overdue activities, SIP periods to fill in), and where things stand
(the plan per area, the SIP trend). Cards in a scroll area, left what to do, right the state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.group.overview import overview
from naravard_desktop.services.group.read_models import Overview
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import theme
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.overview import sections
from naravard_desktop.ui.overview.cards import Card, EntryList
from naravard_desktop.ui.overview.charts import AreaBars, SipTrend
from naravard_desktop.ui.overview.next_meeting import NextMeetingCard


class OverviewPage(QWidget):
    """Each entry's payload says where it leads (see sections.py); `_open` sends it on."""

    activity_requested = Signal(int, int)  # plan id, activity id
    meeting_requested = Signal(int)
    meeting_item_requested = Signal(int, int)  # meeting id, agenda item id
    sip_period_requested = Signal(int)
    sip_period_to_add = Signal()  # the next period after the last, on the SIP page
    all_actions_requested = Signal()
    status_message = Signal(str)

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.today = dt.date.today()
        self.data: Overview | None = None
        heading = QLabel(_("Overview"))
        theme.heading(heading)
        self.date_label = QLabel()
        self.date_label.setObjectName("overview_date")

        self.next_meeting = NextMeetingCard(db)
        self.next_meeting.open_requested.connect(self.meeting_requested)
        self.next_meeting.status_message.connect(self.status_message)
        self.justering_card = Card("justering_card", _("Protocols to approve"))
        self.justering_list = EntryList(
            "justering_list", _("Protocols to approve"), [_("Meeting"), _("Place")]
        )
        self.actions_card = Card("actions_card", _("Action items"))
        self.action_list = EntryList(
            "actions_list",
            _("Action items"),
            [_("Action item"), _("Due"), _("Meeting")],
            due_column=1,
        )
        self.activities_card = Card("activities_card", _("Overdue activities"))
        self.activity_list = EntryList(
            "overdue_activities",
            _("Overdue activities"),
            [_("Activity"), _("Responsible"), _("Due date")],
            stretch=(0, 1),
        )
        self.periods_card = Card("periods_card", _("SIP counts to fill in"))
        self.period_list = EntryList(
            "sip_periods_to_fill", _("SIP counts to fill in"), [_("Period")]
        )
        self.period_list.setHeaderHidden(True)
        self.plan_card = Card("plan_card", _("The plan per area"))
        self.area_bars = AreaBars()
        self.trend_card = Card("trend_card", _("SIP over time"))
        self.trend = SipTrend()
        pairs = (
            (self.justering_card, self.justering_list),
            (self.actions_card, self.action_list),
            (self.activities_card, self.activity_list),
            (self.periods_card, self.period_list),
            (self.plan_card, self.area_bars),
            (self.trend_card, self.trend),
        )
        for card, body in pairs:
            card.body.addWidget(body)
            if isinstance(body, EntryList):
                body.chosen.connect(self._open)
                body.installEventFilter(self)
        self.next_meeting.entry.installEventFilter(self)

        content = QWidget()
        content.setObjectName("overview_content")
        grid = QGridLayout(content)
        grid.setContentsMargins(16, 12, 16, 16)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        title = QVBoxLayout()
        title.setSpacing(0)
        title.addWidget(heading)
        title.addWidget(self.date_label)
        grid.addLayout(title, 0, 0, 1, 2)
        left = QVBoxLayout()
        left.setSpacing(12)
        for card in (self.next_meeting, self.justering_card, self.actions_card):
            left.addWidget(card)
        left.addWidget(self.activities_card)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(12)
        for card in (self.periods_card, self.plan_card, self.trend_card):
            right.addWidget(card)
        right.addStretch(1)
        grid.addLayout(left, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("overview_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.refresh()
        self._just_read = JustRead(self)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._just_read.take():  # not read again as the window opens on it
            self.refresh()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """An entry list reached with Tab is scrolled into view."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.scroll_area.ensureWidgetVisible(watched, 0, 40)
        return False

    def refresh(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        try:
            data = overview(self.db, self.group_id, self.today)
        except DomainError:
            return
        self.data = data
        day = format_date(self.today, "full")
        self.date_label.setText(day[:1].upper() + day[1:])
        self.next_meeting.show_meeting(data.next_meeting, self.today)
        sections.show_justering(self.justering_card, self.justering_list, data)
        sections.show_actions(self.actions_card, self.action_list, data)
        sections.show_activities(self.activities_card, self.activity_list, data)
        sections.show_periods(self.periods_card, self.period_list, data)
        sections.show_plan(self.plan_card, self.area_bars, data)
        sections.show_trend(self.trend_card, self.trend, data)

    def _open(self, payload: object) -> None:
        """Where an entry leads: its payload as sections.py makes them."""
        match payload:
            case ("meeting", int(meeting_id)):
                self.meeting_requested.emit(meeting_id)
            case ("item", int(meeting_id), int(item_id)):
                self.meeting_item_requested.emit(meeting_id, item_id)
            case ("activity", int(plan_id), int(activity_id)):
                self.activity_requested.emit(plan_id, activity_id)
            case ("period", int(period_id)):
                self.sip_period_requested.emit(period_id)
            case ("new_period",):
                self.sip_period_to_add.emit()
            case ("all_actions",):
                self.all_actions_requested.emit()
