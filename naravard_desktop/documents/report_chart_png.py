"""The annual report's two charts as PNG pictures for its DOCX (Word cannot show a ReportLab
drawing): the bars of progress per area and the SIP trend over three years, drawn with Pillow
as the PDF draws them (documents/report_chart.py, sip_chart.py) in the font file the PDF
embeds, its colours and proportions. Drawn at twice the print resolution and scaled down, so
that lines and letters are smooth on screen and sharp on paper at the text column's width."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from naravard_desktop.documents.pdf import FONT, INK, MUTED, RULE, register_fonts
from naravard_desktop.documents.report_chart import BAR, FONT_SIZE, LABEL_SHARE, ROW, TRACK
from naravard_desktop.documents.report_chart import fitted as fitted_label
from naravard_desktop.documents.sip_chart import SERIES_COLOURS
from naravard_desktop.i18n import format_number, format_percent
from naravard_desktop.services.report.read_models import AnnualReport
from naravard_desktop.services.sip.read_models import YearReport

DPI = 220  # print resolution of the pictures as placed in the document
_OVERSAMPLE = 2  # drawn this many times larger, then scaled down (smooth lines)
TREND_HEIGHT = 180.0  # points: the PDF's plot, without the room its drawing keeps for a title
Series = Sequence[tuple[str, Sequence[int | None]]]
Colour = tuple[int, int, int]


def progress_rows(report: AnnualReport) -> list[tuple[str, int | None]]:
    """The PDF's bars: each area of the year's plans with its mean progress as the read model
    gives it (None: no activity to measure)."""
    return [(area.label, area.progress) for _plan, area in report.areas]


def trend_series(sip: YearReport) -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    """The PDF's trend: the period labels and, per trend indicator, its value in each period
    as printed (None where the count is hidden)."""
    labels = [label for label, _values in sip.trend]
    series = [
        (indicator.name, [values[n] for _label, values in sip.trend])
        for n, indicator in enumerate(sip.trend_indicators)
    ]
    return labels, series


def progress_png(rows: Sequence[tuple[str, int | None]], width_mm: float) -> bytes:
    """One bar a row as report_chart.ProgressChart draws it, `width_mm` wide."""
    register_fonts()  # the labels are measured and drawn in the PDF's font
    width = width_mm * mm
    canvas = _Canvas(width, ROW * len(rows) + 2 * mm)
    label_width = width * LABEL_SHARE
    track = width - label_width - 16 * mm
    for number, (label, percent) in enumerate(rows):
        bottom = ROW * (number + 1)  # the row's foot, from the top of the picture
        canvas.text(0, bottom - 1.6 * mm, fitted_label(label, label_width - 3 * mm), INK)
        top, foot = bottom - 4.7 * mm, bottom - 0.9 * mm
        canvas.rectangle(label_width, top, label_width + track, foot, fill=TRACK, outline=RULE)
        if percent:
            canvas.rectangle(label_width, top, label_width + track * min(100, percent) / 100, foot)
        shown = format_percent(percent) if percent is not None else "–"
        colour = INK if percent is not None else MUTED
        canvas.text(label_width + track + 2 * mm, bottom - 1.6 * mm, shown, colour)
    return canvas.png()


def trend_png(labels: Sequence[str], series: Series, width_mm: float) -> bytes:
    """A line per series over the period labels as sip_chart.trend_drawing draws it; a hidden
    value leaves a gap, a value alone between gaps is a dot."""
    register_fonts()
    width = width_mm * mm
    per_row, legend_rows, step = _legend_grid(series, width)
    height = TREND_HEIGHT + 14 * (legend_rows - 1)  # a wide legend wraps, the plot stays
    canvas = _Canvas(width, height)
    left, right, foot, top = 40.0, width - 20, height - 50 - 14 * (legend_rows - 1), 12.0
    peak = max((v for _n, values in series for v in values if v is not None), default=0)
    most = max(5, peak + max(1, peak // 10))
    tick = _tick_step(most)
    for value in range(0, most + 1, tick):
        y = foot - (foot - top) * value / most
        canvas.line([(left - 5, y), (left, y)], INK, 0.5)
        canvas.text(left - 7, y, format_number(value), INK, size=7, anchor="rm")
    canvas.line([(left, top), (left, foot), (right, foot)], INK, 0.5)
    band = (right - left) / max(1, len(labels))
    slanted = len(labels) > 6
    for number, label in enumerate(labels):
        canvas.line([(left + band * (number + 1), foot), (left + band * (number + 1), foot + 5)])
        centre = left + band * (number + 0.5)
        if slanted:
            canvas.slanted(centre, foot + 5, label, 30)
        else:
            canvas.text(centre, foot + 5, label, INK, size=7, anchor="mt")
    for number, (_name, values) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        for run in _runs(values):
            points = [(left + band * (n + 0.5), foot - (foot - top) * v / most) for n, v in run]
            if len(points) == 1:
                canvas.dot(points[0], 2.25, colour)
            else:
                canvas.line(points, colour, 1.6)
    for number, (name, _values) in enumerate(series):
        x = 40 + step * (number % per_row)
        y = height - 12 - 14 * (legend_rows - 1 - number // per_row)
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        canvas.rectangle(x, y - 10, x + 10, y, fill=colour, outline=None)
        canvas.text(x + 20, y - 5, name, INK, size=8, anchor="lm")
    return canvas.png()


def _runs(values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
    """Each unbroken run of values as (period number, value) pairs."""
    found: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] | None = None
    for number, value in enumerate(values):
        if value is None:
            current = None
        elif current is None:
            current = [(number, value)]
            found.append(current)
        else:
            current.append((number, value))
    return found


def _legend_grid(series: Series, width: float) -> tuple[int, int, float]:
    """The legend's entries per row, its rows, and the distance between entries (the PDF's:
    swatch, gap, the longest name and room to breathe)."""
    widest = max((pdfmetrics.stringWidth(name, FONT, 8) for name, _v in series), default=0)
    step = max(80, widest + 36)
    per_row = max(1, int((width - 40) // step))
    return per_row, max(1, math.ceil(len(series) / per_row)), step


def _tick_step(most: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most about six ticks."""
    power = int(10 ** max(0, len(str(most)) - 2))
    return next(f * power for f in (1, 2, 5, 10, 20, 50) if most / (f * power) <= 6)


def _rgb(colour: Any) -> Colour:
    """A ReportLab colour as Pillow's (red, green, blue)."""
    red, green, blue = colour.rgb()
    return round(red * 255), round(green * 255), round(blue * 255)


@cache
def _font(pixels: int) -> ImageFont.FreeTypeFont:
    """The PDF's font at `pixels` (the file it embeds, as ReportLab registered it)."""
    return ImageFont.truetype(pdfmetrics.getFont(FONT).face.filename, pixels)


class _Canvas:
    """A white picture drawn in points from its top-left corner."""

    def __init__(self, width: float, height: float) -> None:
        self.scale = DPI * _OVERSAMPLE / 72
        size = (self._px(width), self._px(height))
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)

    def _px(self, points: float) -> int:
        return round(points * self.scale)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        colour: Any,
        *,
        size: float = FONT_SIZE,
        anchor: str = "ls",
    ) -> None:
        font = _font(self._px(size))
        self.draw.text((self._px(x), self._px(y)), text, _rgb(colour), font, anchor)

    def slanted(self, x: float, y: float, text: str, degrees: float) -> None:
        """`text` in 7 pt rising at `degrees`, its upper right corner at (x, y)."""
        font = _font(self._px(7))
        left, top, right, bottom = font.getbbox(text)
        flat = Image.new("L", (math.ceil(right - left), math.ceil(bottom - top)), 0)
        ImageDraw.Draw(flat).text((-left, -top), text, 255, font)
        turned = flat.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True)
        angle = math.radians(degrees)
        corner = (
            turned.width / 2 + (flat.width * math.cos(angle) - flat.height * math.sin(angle)) / 2
        )
        ink = Image.new("RGB", turned.size, _rgb(INK))
        self.image.paste(ink, (self._px(x) - round(corner), self._px(y)), turned)

    def rectangle(
        self, x0: float, y0: float, x1: float, y1: float, *, fill: Any = BAR, outline: Any = None
    ) -> None:
        box = (self._px(x0), self._px(y0), self._px(x1), self._px(y1))
        edge = _rgb(outline) if outline is not None else None
        self.draw.rectangle(box, _rgb(fill), edge, max(1, self._px(0.4)))

    def line(
        self, points: list[tuple[float, float]], colour: Any = INK, width: float = 0.5
    ) -> None:
        xy = [(self._px(x), self._px(y)) for x, y in points]
        self.draw.line(xy, _rgb(colour), max(1, self._px(width)), joint="curve")

    def dot(self, centre: tuple[float, float], radius: float, colour: Any) -> None:
        x, y, r = self._px(centre[0]), self._px(centre[1]), self._px(radius)
        self.draw.ellipse((x - r, y - r, x + r, y + r), _rgb(colour))

    def png(self) -> bytes:
        """The picture at DPI, marked with it so Word knows its size in print."""
        out = BytesIO()  # each pixel the mean of the ones drawn (a box filter is quick)
        self.image.reduce(_OVERSAMPLE).save(out, "PNG", dpi=(DPI, DPI))
        return out.getvalue()
