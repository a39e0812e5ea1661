"""The annual report's bar chart of plan progress per area: one bar a row, the area's name to
the left (on two lines when it is long, shortened with "…" only beyond that), the mean
progress to the right."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from naravard_desktop.documents.pdf import FONT, INK, MUTED, RULE
from naravard_desktop.i18n import format_percent

BAR = colors.HexColor("#1f5f8b")
TRACK = colors.HexColor("#eeeeee")
ROW = 6.5 * mm
LINE = 3.4 * mm  # what a label's second line adds to its row
LABEL_SHARE = 0.45
FONT_SIZE = 8.5


def fitted(text: str, width: float, size: float = FONT_SIZE) -> str:
    """`text` cut at a word or character with "…" so it fits in `width` points."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip(" ,.–-") + "…"


def label_lines(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """`text` on one line, or broken between words onto two ("5 Ökad samordning och
    samverkan kring" / "personer med omfattande behov"), the second cut with "…" only when
    even two lines are too short."""
    if stringWidth(text, FONT, size) <= width:
        return [text]
    words = text.split(" ")
    first = ""
    for number, word in enumerate(words):
        longer = f"{first} {word}".strip()
        if first and stringWidth(longer, FONT, size) > width:
            return [first, fitted(" ".join(words[number:]), width, size)]
        first = longer
    return [fitted(text, width, size)]


class ProgressChart(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Rows of (label, percent or None: no activities to measure, shown as "–")."""

    def __init__(self, rows: Sequence[tuple[str, int | None]]) -> None:
        super().__init__()
        self.rows = list(rows)
        self.lines: list[list[str]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        label_width = self.width * LABEL_SHARE - 3 * mm
        self.lines = [label_lines(label, label_width) for label, _percent in self.rows]
        self.height = sum(ROW + LINE * (len(lines) - 1) for lines in self.lines) + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        label_width = self.width * LABEL_SHARE
        track = self.width - label_width - 16 * mm
        top = self.height
        for lines, (_label, percent) in zip(self.lines, self.rows, strict=True):
            extra = LINE * (len(lines) - 1)
            y = top - ROW - extra  # the row's foot; the bar stands level with its first line
            top = y
            canvas.setFont(FONT, FONT_SIZE)
            canvas.setFillColor(INK)
            for number, line in enumerate(lines):
                canvas.drawString(0, y + extra + 1.6 * mm - LINE * number, line)
            y += extra
            x = label_width
            canvas.setFillColor(TRACK)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.4)
            canvas.rect(x, y + 0.9 * mm, track, 3.8 * mm, stroke=1, fill=1)
            if percent:
                canvas.setFillColor(BAR)
                canvas.rect(x, y + 0.9 * mm, track * min(100, percent) / 100, 3.8 * mm, 0, 1)
            canvas.setFillColor(INK if percent is not None else MUTED)
            shown = format_percent(percent) if percent is not None else "–"
            canvas.drawString(x + track + 2 * mm, y + 1.6 * mm, shown)
