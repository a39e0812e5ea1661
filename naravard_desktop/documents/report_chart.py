"""The annual report's bar chart of plan progress per area: one bar a row, the area's name to
the left (shortened with "…" when it would not fit), the mean progress to the right."""

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
LABEL_SHARE = 0.45
FONT_SIZE = 8.5


def fitted(text: str, width: float, size: float = FONT_SIZE) -> str:
    """`text` cut at a word or character with "…" so it fits in `width` points."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip(" ,.–-") + "…"


class ProgressChart(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Rows of (label, percent or None: no activities to measure, shown as "–")."""

    def __init__(self, rows: Sequence[tuple[str, int | None]]) -> None:
        super().__init__()
        self.rows = list(rows)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = ROW * len(self.rows) + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        label_width = self.width * LABEL_SHARE
        track = self.width - label_width - 16 * mm
        for number, (label, percent) in enumerate(self.rows):
            y = self.height - ROW * (number + 1)
            canvas.setFont(FONT, FONT_SIZE)
            canvas.setFillColor(INK)
            canvas.drawString(0, y + 1.6 * mm, fitted(label, label_width - 3 * mm))
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
