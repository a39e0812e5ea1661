"""The overview's two small pictures: how far each area of the plan has come (a bar per area)
and the SIPs initiated over the last periods (a small column chart). Colours come from the
palette, so they follow a dark one; each picture also says what it shows in words, for a
screen reader and as its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.i18n import _, format_date, ngettext
from naravard_desktop.services.group.read_models import AreaProgress, SipPoint
from naravard_desktop.ui.forms import named


def clear_grid(grid: QGridLayout) -> None:
    """Empty `grid`: its widgets out of sight now, not when the event loop deletes them."""
    while grid.count():
        taken = grid.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def area_bar(name: str, value: int, maximum: int, label: str, description: str) -> QProgressBar:
    """A thin bar of an area's progress, named and described for a screen reader."""
    bar = named(QProgressBar, name)
    bar.setRange(0, maximum)
    bar.setValue(value)
    bar.setTextVisible(False)
    bar.setFixedHeight(8)
    # A framed groove: on a dark palette Fusion's groove is the card's own colour.
    bar.setStyleSheet(
        "QProgressBar { border: 1px solid palette(mid); border-radius: 3px;"
        " background: palette(base); }"
        " QProgressBar::chunk { background: palette(highlight); border-radius: 2px; }"
    )
    bar.setAccessibleName(label)
    bar.setAccessibleDescription(description)
    bar.setToolTip(f"{label}: {description}")
    return bar


class AreaBars(QWidget):
    """A row per top area of the plan: its name, and a bar of its activities done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("area_bars")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 1)
        self.bars: list[QProgressBar] = []

    def show_areas(self, areas: Sequence[AreaProgress]) -> None:
        clear_grid(self.grid)
        self.bars = []
        for row, area in enumerate(areas):
            text = ngettext(
                "{done} of {count} done", "{done} of {count} done", area.activities
            ).format(done=area.done, count=area.activities)
            name = QLabel(area.label)
            name.setWordWrap(True)
            bar = area_bar(
                f"area_bar_{area.id}", area.done, max(area.activities, 1), area.label, text
            )
            figure = QLabel(text)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(bar, row, 1)
            self.grid.addWidget(figure, row, 2)
            self.bars.append(bar)


def short_label(point: SipPoint) -> str:
    """Under a column: "okt." for a month, "K3" for a quarter, "T2", or the year."""
    starts = point.starts_on
    if point.kind is PeriodKind.MONTH:
        return format_date(starts, "LLL")
    if point.kind is PeriodKind.QUARTER:
        return _("Q{number}").format(number=(starts.month - 1) // 3 + 1)
    if point.kind is PeriodKind.TERTIAL:
        return _("T{number}").format(number=(starts.month - 1) // 4 + 1)
    return str(starts.year)


def describe_trend(name: str, points: Sequence[SipPoint]) -> str:
    """The chart in words: each period's figure, and from what to what it went."""
    missing = _("no counts")
    parts = [f"{p.label}: {p.value if p.value is not None else missing}" for p in points]
    text = _("{indicator}, the last periods: {figures}.").format(
        indicator=name, figures="; ".join(parts)
    )
    counted = [p for p in points if p.value is not None]
    if len(counted) >= 2:
        text += " " + _("From {first} in {start} to {last} in {end}.").format(
            first=counted[0].value,
            start=counted[0].label,
            last=counted[-1].value,
            end=counted[-1].label,
        )
    return text


class SipTrend(QWidget):
    """A column per ended period, the newest on the right, its figure above it and the
    period under it; the year under the first column and wherever it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sip_trend")
        self.points: list[SipPoint] = []
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(320, 140)

    def show_points(self, name: str, points: Sequence[SipPoint]) -> None:
        self.points = list(points)
        text = describe_trend(name, points)
        self.setAccessibleName(name)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        line = metrics.height()
        top, bottom = line + 2, self.height() - 2 * line - 4
        width = self.width() / len(self.points)
        highest = max((p.value or 0 for p in self.points), default=0) or 1
        years: set[int] = set()
        for index, point in enumerate(self.points):
            left = index * width
            column = QRectF(left + width * 0.2, 0, width * 0.6, 0)
            height = (bottom - top) * (point.value or 0) / highest
            column.setTop(bottom - height)
            column.setBottom(bottom)
            newest = index == len(self.points) - 1
            role = QPalette.ColorRole.Highlight if newest else QPalette.ColorRole.Mid
            painter.fillRect(column, palette.color(role))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            figure = str(point.value) if point.value is not None else "–"
            above = QRectF(left, column.top() - line - 2, width, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignCenter, figure)
            under = QRectF(left, bottom + 2, width, line)
            painter.drawText(under, Qt.AlignmentFlag.AlignCenter, short_label(point))
            year = point.starts_on.year
            if point.kind is not PeriodKind.YEAR and year not in years:
                years.add(year)
                below = QRectF(left, bottom + 2 + line, width * 2, line)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(below, Qt.AlignmentFlag.AlignLeft, str(year))
        painter.end()
