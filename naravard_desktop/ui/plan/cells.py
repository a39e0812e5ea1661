"""What the plan's tree shows in a cell: an area's or an activity's text, colours, icon and
tooltips per column and role (the tree itself is model.py). Overdue is computed from the due
date when shown, never stored."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow
from naravard_desktop.ui.table_model import ROW_ROLE

Key = tuple[str, int]  # ("area" | "activity", id): a row that outlives a reload

# ROW_ROLE (the AreaRow or ActivityRow) is the tables' own; the tree's roles follow it.
KEY_ROLE = ROW_ROLE + 1  # ("area" | "activity", id)
OVERDUE_ROLE = ROW_ROLE + 2
OVERDUE_COLOUR = QColor("#b00020")
STATUS_COLOURS = {
    ActivityStatus.NOT_STARTED: QColor("#757575"),
    ActivityStatus.IN_PROGRESS: QColor("#1f5f8b"),
    ActivityStatus.DONE: QColor("#2e7d32"),
    ActivityStatus.PAUSED: QColor("#a15c00"),
    ActivityStatus.CANCELLED: QColor("#5a5a5a"),
}


class Column(IntEnum):
    TITLE = 0
    RESPONSIBLE = 1
    SCHEDULE = 2
    DUE = 3
    STATUS = 4
    PROGRESS = 5
    FOLLOW_UP = 6


HEADERS = {
    Column.TITLE: lambda: _("Area / activity"),
    Column.RESPONSIBLE: lambda: _("Responsible"),
    Column.SCHEDULE: lambda: _("Schedule"),
    Column.DUE: lambda: _("Due date"),
    Column.STATUS: lambda: _("Status"),
    Column.PROGRESS: lambda: _("Progress"),
    Column.FOLLOW_UP: lambda: _("Follow-up"),
}
EDITABLE = {Column.TITLE, Column.RESPONSIBLE, Column.SCHEDULE, Column.PROGRESS, Column.STATUS}


def key_of(row: AreaRow | ActivityRow) -> Key:
    return ("area" if isinstance(row, AreaRow) else "activity", row.id)


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@cache
def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def area_cell(area: AreaRow, column: Column, role: int) -> Any:
    if role == KEY_ROLE:
        return key_of(area)
    if column != Column.TITLE:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return area.label
    if role == Qt.ItemDataRole.EditRole:
        return area.title
    if role == Qt.ItemDataRole.FontRole:
        return _bold()
    if role == Qt.ItemDataRole.ToolTipRole:
        return area.description or None
    return None


def activity_cell(activity: ActivityRow, column: Column, role: int, today: dt.date) -> Any:
    late = activity.is_overdue(today)
    if role == KEY_ROLE:
        return key_of(activity)
    if role == OVERDUE_ROLE:
        return late
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
        return activity_text(activity, column, role == Qt.ItemDataRole.EditRole)
    if role == Qt.ItemDataRole.ForegroundRole:
        if late and column in (Column.TITLE, Column.DUE):
            return QBrush(OVERDUE_COLOUR)
        if column == Column.STATUS:
            return QBrush(STATUS_COLOURS[activity.status])
    if role == Qt.ItemDataRole.DecorationRole and late and column == Column.DUE:
        return _warning_icon()
    if role == Qt.ItemDataRole.ToolTipRole:
        if late and column in (Column.TITLE, Column.DUE):
            return _("Overdue: due {date} and not done.").format(
                date=format_iso_date(activity.due_date)
            )
        if column == Column.TITLE and activity.description:
            return activity.description
        if column == Column.DUE and activity.due_date_overridden:
            return _("Set by hand; the schedule says “{text}”.").format(text=activity.schedule_text)
    if role == Qt.ItemDataRole.AccessibleTextRole and late and column == Column.DUE:
        return _("{date}, overdue").format(date=format_iso_date(activity.due_date))
    return None


def activity_text(activity: ActivityRow, column: Column, edit: bool) -> Any:
    if column == Column.TITLE:
        return activity.title if edit else " ".join(activity.title.split())
    if column == Column.RESPONSIBLE:
        return activity.responsible
    if column == Column.SCHEDULE:
        return activity.schedule_text
    if column == Column.DUE:
        text = format_iso_date(activity.due_date)
        return f"{text} ✎" if activity.due_date_overridden and not edit else text
    if column == Column.STATUS:
        return activity.status.value if edit else status_label(activity.status)
    if column == Column.PROGRESS:
        return activity.progress if edit else f"{activity.progress} %"
    if column == Column.FOLLOW_UP:
        return " ".join(activity.follow_up_method.split())
    return None
