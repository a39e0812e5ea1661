"""The annual report PDF's building blocks: table cells whose text fits its column (smaller
rather than split mid-word), tables of counts sized to their contents, a register that reads
on below what stands above it, and a trend chart that gives way to what follows it."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from naravard_desktop.documents.pdf import FONT, RULE, HeadedTable, stylesheet
from naravard_desktop.documents.sip_chart import TrendChart
from naravard_desktop.documents.sip_pdf import escape
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.services.sip.read_models import ShownTable

PAGE = A4
WIDTH = PAGE[0] - 36 * mm
HEAD = colors.HexColor("#e8eef4")
PADDING = 4  # a cell's left and right padding (points)
SMALLEST = 6.5  # the smallest size a cell's text is shrunk to so its longest word fits
SLACK = 6  # points kept free under the trend chart for what ReportLab adds between flowables
TALLEST = 560  # points: a row taller than this may not fit a page below its table's head


def grid(rows: list[list[object]], widths: list[float], *, head: bool = True) -> Table:
    """A table of the report, its header row repeated on each page it runs onto. Rows move
    whole to the next page, except a row taller than a page (a follow-up note or a decision
    of thousands of characters), which splits where the page ends rather than stopping the
    report with a layout error."""
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),  # else the table selects Helvetica (not PDF/A)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(commands))
    table.wrap(sum(widths), TALLEST * 10)
    if max(table._rowHeights, default=0) > TALLEST:
        table.splitInRow = 3 * PADDING  # a part of a row at least a line high
    return table


def cell(text: str, style: ParagraphStyle, width: float | None = None) -> Paragraph:
    """A table cell's text; given the column's `width`, in a smaller size when its longest
    word would not fit at the style's (ReportLab would split it mid-word: "utvec klings")."""
    if width is not None:
        style = fitting(text.split(), style, width - 2 * PADDING)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def fitting(words: list[str], style: ParagraphStyle, width: float) -> ParagraphStyle:
    widest = max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0)
    if widest <= width:
        return style
    size = max(SMALLEST, style.fontSize * width / widest)
    return ParagraphStyle(f"{style.name}_{size:.1f}", style, fontSize=size, leading=size * 1.25)


def flat(flowables: list[Flowable]) -> list[Flowable]:
    """`flowables` with each KeepTogether's content in its place (a KeepTogether measures
    itself as endless, to be split)."""
    return [
        part
        for flowable in flowables
        for part in (flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    ]


class FlowingTable(HeadedTable):
    """A HeadedTable that splits where it stands whenever its heading and first rows fit
    there, even when the whole would fit on the next page: a register reads on from the
    table above it rather than leaving that page half empty."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heading_height = self._heading_height(avail_width)
        if self._continued is not None and (
            heading_height + self._rows_height(avail_width) <= avail_height
        ):
            parts = self._table.split(avail_width, avail_height - heading_height)
            if len(parts) == 2:
                first, rest = parts
                more = FlowingTable(
                    self._continued(), rest, self._rows_with_heading, continued=self._continued
                )
                return [*self._heading, first, more]
        return list(super().split(avail_width, avail_height))


def figures(pairs: list[tuple[str, str]]) -> Table:
    """Labels over their figures, one column each, the figures large: all in one size, as
    large as the widest allows on one line ("15/15 (100 %)" beside "5")."""
    styles = stylesheet()
    head = ParagraphStyle("figure_head", styles["small"], alignment=TA_CENTER)
    figure = ParagraphStyle(
        "figure", styles["cell_bold"], fontSize=13, leading=16, alignment=TA_CENTER
    )
    width = WIDTH / len(pairs)
    figure = fitting([v.replace(" ", "\u00a0") for _l, v in pairs], figure, width - 2 * PADDING)
    rows = [[cell(label, head) for label, _v in pairs], [cell(v, figure) for _l, v in pairs]]
    table = grid(rows, [width] * len(pairs))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, 0), "BOTTOM")]))
    return table


def numbers(
    rows: list[list[str]], name_width: float | None = None, depths: list[int] | None = None
) -> Table:
    """A table of counts as printed: the first column names, the others right-aligned. Without
    a `name_width`, each count column is as wide as its widest count (or word of its head) and
    the names take what is left, so fewer of them wrap."""
    styles = stylesheet()
    name = ParagraphStyle("number_name", styles["cell"], fontSize=8.5, leading=10.5)
    bold = ParagraphStyle("number_head", styles["cell_bold"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("number", name, alignment=TA_RIGHT)
    # A head breaks between its words ("År" over "2025"), never inside one.
    right_head = ParagraphStyle("number_head_right", bold, alignment=TA_RIGHT, splitLongWords=0)
    # An empty cell is a count not recorded (or a change not worked out): a dash, so it does
    # not read as a value left out by mistake.
    texts = [rows[0], *([row[0], *(t or "–" for t in row[1:])] for row in rows[1:])]
    body = []
    for number, row in enumerate(texts[1:]):
        depth = depths[number] if depths else 0
        indented = ParagraphStyle(f"name_{depth}", name, leftIndent=4 * mm * depth)
        body.append([cell(row[0], indented), *(cell(t, right) for t in row[1:])])
    head = [cell(rows[0][0], bold), *(cell(t, right_head) for t in rows[0][1:])]
    columns = len(rows[0]) - 1
    if name_width is not None:
        # The last column (the change, "+12 (+26 %)") gets half a column more than the counts.
        count = (WIDTH - name_width) / (columns + 0.5)
        return grid([head, *body], [name_width] + [count] * (columns - 1) + [count * 1.5])
    widths = [
        2 * PADDING
        + 1  # rounding: a word exactly as wide as the room is taken as too wide
        + max(
            # the words as the head breaks them ("K1 2025" is kept on one line)
            *(
                stringWidth(w, bold.fontName, 8.5)
                for w in keep_together(rows[0][column]).split(" ")
            ),
            *(stringWidth(row[column], name.fontName, 8.5) for row in texts[1:]),
        )
        for column in range(1, columns + 1)
    ]
    return grid([head, *body], [WIDTH - sum(widths), *widths])


def depths(table: ShownTable) -> list[int]:
    """How deep each indicator sits under its "varav" parents."""
    parents = {indicator.id: indicator.parent_id for indicator, _texts in table.rows}
    depths = []
    for indicator, _texts in table.rows:
        depth, parent = 0, indicator.parent_id
        while parent is not None and depth < 4:
            depth, parent = depth + 1, parents.get(parent)
        depths.append(depth)
    return depths


class ChartBefore(TrendChart):
    """The trend chart, made shorter (down to its least height) when that lets what follows
    it stand on its page too: the note on gaps and the section's analysis (`after`) and if
    possible the next section (`then`, when it is short)."""

    def __init__(
        self,
        heading: Paragraph,
        labels: list[str],
        series: list[tuple[str, list[int | None]]],
        after: list[Flowable],
        then: list[Flowable],
        *,
        min_height: float,
        max_height: float,
    ) -> None:
        super().__init__(heading, labels, series, min_height=min_height, max_height=max_height)
        self.after = flat(after)
        self.then = flat(then)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        for kept in ([*self.after, *self.then], self.after):
            room = (
                avail_height
                - SLACK
                - sum(
                    f.wrapOn(self.canv, avail_width, avail_height)[1]
                    + f.getSpaceBefore()
                    + f.getSpaceAfter()
                    for f in kept
                )
            )
            width, height = super().wrap(avail_width, room)
            if height <= room:
                return width, height
        return super().wrap(avail_width, avail_height)
