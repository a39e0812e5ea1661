"""The Årsuppföljning page's sections as the report prints them, each a card with its figures
in the report's own words (documents/report_text, so the page and the PDF never disagree):
the summary's key figures, the plan's progress per area, SIP in brief against last year, and
the year's meetings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from naravard_desktop.documents import report_text
from naravard_desktop.i18n import _, format_percent, ngettext
from naravard_desktop.services.report.read_models import AnnualReport, Section
from naravard_desktop.ui.overview.cards import Card
from naravard_desktop.ui.overview.charts import area_bar, clear_grid

# Rows a table shows before it scrolls (the page scrolls as a whole).
MAX_ROWS = 12


class Figures(QWidget):
    """Label and value pairs in two columns, the values bold and right-aligned."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 2, 0, 2)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(2)

    def show_pairs(self, pairs: Sequence[tuple[str, str]], columns: int = 2) -> None:
        clear_grid(self.grid)
        rows = (len(pairs) + columns - 1) // columns
        for index, (label, value) in enumerate(pairs):
            row, column = index % rows, 2 * (index // rows)
            figure = QLabel(value)
            figure.setObjectName(f"{self.objectName()}_{index}")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = figure.font()
            font.setBold(True)
            figure.setFont(font)
            self.grid.addWidget(QLabel(label), row, column)
            self.grid.addWidget(figure, row, column + 1)
        # Each value close to its label; the room left over goes to the right.
        self.grid.setColumnStretch(2 * columns, 1)


class AreaProgressBars(QWidget):
    """A row per area of the plans in force: its name, a bar of its mean progress, the
    percentage and how many activities it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_area_bars")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.bars: list[QProgressBar] = []

    def show_report(self, report: AnnualReport) -> None:
        clear_grid(self.grid)
        self.bars = []
        for row, (_plan, area) in enumerate(report.areas):
            name = QLabel(("    " * area.depth) + area.label)
            name.setWordWrap(True)
            progress = area.progress
            count = ngettext("{n} activity", "{n} activities", len(area.activities)).format(
                n=len(area.activities)
            )
            shown = format_percent(progress) if progress is not None else "–"
            bar = area_bar(
                f"report_area_{area.id}", progress or 0, 100, area.label, f"{shown}, {count}"
            )
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(bar, row, 1)
            self.grid.addWidget(QLabel(shown), row, 2, Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(QLabel(count), row, 3)
            self.bars.append(bar)


def table(name: str, accessible: str) -> QTreeWidget:
    """A read-only table of rows, reached with Tab and read row by row."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return tree


def fill_table(tree: QTreeWidget, rows: Sequence[Sequence[str]]) -> None:
    """The first row is the head; the numbers' columns (all but the first) right-aligned;
    the table as tall as its rows up to MAX_ROWS."""
    tree.clear()
    if not rows:
        tree.setVisible(False)
        return
    tree.setVisible(True)
    head, body = rows[0], rows[1:]
    tree.setColumnCount(len(head))
    tree.setHeaderLabels(list(head))
    for cells in body:
        item = QTreeWidgetItem(list(cells))
        for column in range(1, len(cells)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        tree.addTopLevelItem(item)
    header = tree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(head)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    row_height = tree.sizeHintForRow(0) if body else tree.fontMetrics().height()
    shown = min(len(body), MAX_ROWS)
    tree.setFixedHeight(header.sizeHint().height() + shown * row_height + 2 * tree.frameWidth() + 2)


def show_summary(card: Card, figures: Figures, meetings: Figures, report: AnnualReport) -> None:
    card.say(report_text.plan_line(report))
    figures.show_pairs(report_text.outcome_figures(report), columns=3)
    meetings.show_pairs(report_text.meeting_figures(report))


def show_plan(card: Card, bars: AreaProgressBars, report: AnnualReport) -> None:
    empty = report_text.empty_section(report, Section.PLAN)
    card.say(empty or " ".join(report_text.plan_facts(p) for p in report.plans).strip())
    bars.setVisible(not empty)
    bars.show_report(report)


def show_sip(card: Card, brief: QTreeWidget, report: AnnualReport) -> None:
    empty = report_text.empty_section(report, Section.SIP)
    if empty:
        card.say(empty)
        fill_table(brief, [])
        return
    card.say(_("The main indicators of the year against the same months of last year."))
    fill_table(brief, report_text.sip_brief_rows(report))


def show_sip_pending(card: Card, brief: QTreeWidget) -> None:
    card.say(_("Working out the SIP figures with the small numbers hidden …"))
    fill_table(brief, [])


def show_meetings(card: Card, listed: QTreeWidget, report: AnnualReport) -> None:
    empty = report_text.empty_section(report, Section.MEETINGS)
    if empty:
        card.say(empty)
        fill_table(listed, [])
        return
    card.say(
        ngettext(
            "{n} meeting, {decisions} decisions.",
            "{n} meetings, {decisions} decisions.",
            len(report.meetings),
        ).format(n=len(report.meetings), decisions=len(report.decisions))
    )
    rows = [report_text.meeting_heads(report)]
    rows += [report_text.meeting_cells(m, report) for m in report.meetings]
    fill_table(listed, rows)
