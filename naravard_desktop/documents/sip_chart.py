"""The trend chart for the PDF report, drawn with ReportLab graphics (no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from naravard_desktop.documents.pdf import FONT, register_fonts

SERIES_COLOURS = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#d0782a"),
    colors.HexColor("#3a8a3a"),
    colors.HexColor("#8b1f5f"),
    colors.HexColor("#5a5a5a"),
)


def trend_drawing(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    width: float = 460,
    height: float = 220,
    title: str = "",
) -> Drawing:
    """A line per series over the period labels; a missing value leaves a gap."""
    register_fonts()
    drawing = Drawing(width, height)
    # The renderer starts every drawing in this font; ReportLab's default is the
    # non-embedded Helvetica, which a PDF/A file may not use.
    drawing.initialFontName = FONT
    drawing.initialFontSize = 8
    chart = HorizontalLineChart()
    chart.x, chart.y = 40, 50
    chart.width, chart.height = width - 60, height - 85
    # One row per unbroken run of a series: ReportLab joins the points on either side of a
    # missing value with a straight line, which would draw a value where a count is hidden.
    runs = [(n, run) for n, (_name, values) in enumerate(series) for run in _runs(values)]
    chart.data = [run for _n, run in runs] or [[0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    peak = max((v for _n, values in series for v in values if v is not None), default=0)
    chart.valueAxis.valueMax = max(5, peak + max(1, peak // 10))
    chart.joinedLines = 1
    for row, (number, run) in enumerate(runs):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        chart.lines[row].strokeColor = colour
        chart.lines[row].strokeWidth = 1.6
        if sum(v is not None for v in run) == 1:  # a point alone: a dot, not an empty line
            chart.lines[row].symbol = makeMarker(
                "FilledCircle", size=4.5, fillColor=colour, strokeColor=colour
            )
    drawing.add(chart)
    legend = Legend()
    legend.fontName = FONT
    legend.fontSize = 8
    legend.x, legend.y = 40, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    widest = max((stringWidth(name, FONT, 8) for name, _values in series), default=0)
    legend.deltax = max(80, widest + 36)  # swatch, gap, the longest name and room to breathe
    legend.colorNamePairs = [
        (SERIES_COLOURS[n % len(SERIES_COLOURS)], name) for n, (name, _v) in enumerate(series)
    ]
    drawing.add(legend)
    if title:
        drawing.add(String(40, height - 14, title, fontName=FONT, fontSize=9))
    return drawing


def _runs(values: Sequence[int | None]) -> list[list[int | None]]:
    """Each unbroken run of values, as a full-length row with None elsewhere."""
    found: list[list[int | None]] = []
    current: list[int | None] | None = None
    for number, value in enumerate(values):
        if value is None:
            current = None
            continue
        if current is None:
            current = [None] * len(values)
            found.append(current)
        current[number] = value
    return found


class TrendChart(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """The chart under its heading, as tall as the room left on the page allows (between
    `min_height` and `max_height`); moved whole to the next page when less is left, so a
    chart on a page of its own fills it instead of leaving half of it blank."""

    def __init__(
        self,
        heading: Paragraph,
        labels: Sequence[str],
        series: Sequence[tuple[str, Sequence[int | None]]],
        *,
        min_height: float = 230,
        max_height: float = 360,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.labels = labels
        self.series = series
        self.min_height = min_height
        self.max_height = max_height
        self.chart_height = min_height
        self.heading_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _w, height = self.heading.wrap(avail_width, avail_height)
        self.heading_height = height + self.heading.getSpaceAfter() + 4
        room = avail_height - self.heading_height
        self.chart_height = max(self.min_height, min(self.max_height, room))
        self.height = self.heading_height + self.chart_height
        return avail_width, self.height

    def draw(self) -> None:
        self.heading.drawOn(self.canv, 0, self.height - self.heading.height)
        drawing = trend_drawing(
            self.labels, self.series, width=self.width, height=self.chart_height
        )
        drawing.drawOn(self.canv, 0, 0)
