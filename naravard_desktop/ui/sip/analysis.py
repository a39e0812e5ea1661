"""The analysis tab: sums per quarter (or tertial) and year with the change against the same
period last year (a part year against the same months of last year, and saying so), and a
trend chart per indicator and unit that can be copied or saved as PNG."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.services.sip import sip_analysis
from naravard_desktop.services.sip.analysis_model import (
    Bucket,
    Sums,
    bucket_label,
    bucket_months,
    format_change,
)
from naravard_desktop.services.sip.read_models import HIDDEN, Setup, ViewSuppression
from naravard_desktop.services.sip.sip_view import view_suppression
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.file_dialogs import save_file_name
from naravard_desktop.ui.forms import buddy_label, named, select_data, set_choices


class _TippedItem(QStandardItem):
    """A cell whose tooltip is worked out when asked for: the year before's sums for every
    cell took a third of filling the table, and few are ever hovered."""

    def __init__(self, text: str, tip: Callable[[], str]) -> None:
        super().__init__(text)
        self._tip = tip

    def data(self, role: int = Qt.ItemDataRole.UserRole + 1) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip()
        return super().data(role)


class AnalysisTab(QWidget):
    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.setup: Setup | None = None
        self.sums = Sums({})
        self._view: ViewSuppression | None = None  # chosen when first needed after a reload

        self.year = named(QSpinBox, "analysis_year", minimum=2000, maximum=2100)
        to_contents = QComboBox.SizeAdjustPolicy.AdjustToContents
        self.indicator = named(QComboBox, "analysis_indicator", sizeAdjustPolicy=to_contents)
        self.unit = named(QComboBox, "analysis_unit", sizeAdjustPolicy=to_contents)
        self.table = named(QTableView, "analysis_table")
        self.table_model = QStandardItemModel(self)
        self.table.setModel(self.table_model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.comparison = named(QLabel, "analysis_comparison", wordWrap=True, visible=False)
        # Small numbers hidden as in the exports, for a screen shown to others or a chart
        # copied into a report: the same limit, "..", and a note on what was hidden.
        self.hide_small = named(QCheckBox, "analysis_hide_small", _("&Hide small numbers"))
        self.suppression_note = named(
            QLabel, "analysis_suppression_note", wordWrap=True, visible=False
        )
        self.chart = QChart()
        self.chart.legend().hide()
        self.series = QLineSeries()
        self.series.setPointsVisible(True)
        self.chart.addSeries(self.series)
        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.x_axis.setLabelsAngle(-45)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.chart_view = named(QChartView, "analysis_chart", self.chart, minimumHeight=150)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        copy_button = named(QPushButton, "copy_chart", _("&Copy chart"))
        copy_button.clicked.connect(self.copy_chart)
        save_button = named(QPushButton, "save_chart", _("&Save chart as PNG…"))
        save_button.clicked.connect(self.save_chart)

        form = QFormLayout()
        # As wide as what they show, not across the whole page (a 1 100 px box for a year).
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # The year and whether small numbers are hidden on one row: a fourth row made the
        # page taller than a small laptop's window (537 px at least).
        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_row.addSpacing(24)
        year_row.addWidget(self.hide_small)
        year_label = buddy_label(_("&Year"), self.year)
        form.addRow(year_label, year_row)
        form.addRow(_("&Indicator"), self.indicator)
        form.addRow(_("U&nit"), self.unit)
        buttons = QHBoxLayout()
        buttons.addWidget(copy_button)
        buttons.addWidget(save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.comparison)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.suppression_note)
        layout.addWidget(self.chart_view, 3)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(self._fill_table)
        self.indicator.currentIndexChanged.connect(self._draw_chart)
        self.unit.currentIndexChanged.connect(self._draw_chart)
        self.unit.currentIndexChanged.connect(self._fill_table)
        self.hide_small.toggled.connect(self._fill_table)
        self.hide_small.toggled.connect(self._draw_chart)

    def reload(self, setup: Setup, year: int) -> None:
        """Read the sums again (after edits) and redraw, keeping the choices made."""
        self.setup = setup
        self.sums = sip_analysis.load_sums(self.db, self.group_id)
        self._view = None
        chosen_indicator, chosen_unit = self.indicator.currentData(), self.unit.currentData()
        for box in (self.indicator, self.unit, self.year):
            box.blockSignals(True)
        set_choices(self.indicator, ((i.name, i.id) for i in setup.visible_indicators()))
        units = [(unit.name, unit.id) for unit in setup.units if not unit.hidden]
        set_choices(self.unit, [(_("All units"), None), *units])
        select_data(self.indicator, chosen_indicator)
        select_data(self.unit, chosen_unit)
        self.year.setValue(year)
        for box in (self.indicator, self.unit, self.year):
            box.blockSignals(False)
        self._fill_table()
        self._draw_chart()

    def suppressed(self) -> ViewSuppression | None:
        """What is hidden when small numbers are hidden (None when they are not)."""
        if not self.hide_small.isChecked() or self.setup is None:
            return None
        if self._view is None:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._view = view_suppression(self.setup, self.sums, self.setup.suppress_below)
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._view

    def _fill_table(self) -> None:
        """Each quarter (or tertial) of the year, the year so far, and the comparison with
        last year over the same months only, the heads saying which ("Jan–mar 2027",
        "Jan–mar 2026") and the line above the table why."""
        self.table_model.clear()
        if self.setup is None:
            return
        year = self.year.value()
        unit = self.unit.currentData()
        buckets = self.sums.buckets(year)
        compared = sip_analysis.compare(self.sums, year)
        this_months = self.sums.months(year)
        extra = bool(compared.months) and compared.months != this_months
        last_months = compared.months or self.sums.months(year - 1)
        note = compared.note()
        self.comparison.setText(note)
        self.comparison.setVisible(bool(note))
        heads = [self.sums.label(b) for b in buckets]
        heads += [
            sip_analysis.span_label(year, this_months),
            *([compared.this_label] if extra else []),
            sip_analysis.span_label(year - 1, last_months),
            _("Change"),
        ]
        self.table_model.setHorizontalHeaderLabels(heads)
        view = self.suppressed()
        self.suppression_note.setText(view.note if view is not None else "")
        self.suppression_note.setVisible(view is not None)

        def text(value: int | None, months: frozenset[int], of_year: int, indicator: int) -> str:
            if view is not None and view.hidden(of_year, months, indicator, unit):
                return HIDDEN
            return "" if value is None else str(value)

        before_months = compared.months or last_months
        for indicator in self.setup.visible_indicators():
            cells: list[QStandardItem] = []
            for bucket in buckets:
                value = self.sums.total(bucket, indicator.id, unit)
                months = this_months & bucket_months(bucket)
                tip = partial(self._bucket_tip, bucket, indicator.id, unit)
                cells.append(_TippedItem(text(value, months, year, indicator.id), tip))
            total = self.sums.year_total(year, indicator.id, unit)
            now, before = compared.values(self.sums, indicator.id, unit)
            if not compared.months:
                before = self.sums.months_total(year - 1, last_months, indicator.id, unit)
            shown_now = text(now, compared.months, year, indicator.id)
            shown_before = text(before, before_months, year - 1, indicator.id)
            cells.append(QStandardItem(text(total, this_months, year, indicator.id)))
            if extra:
                cells.append(QStandardItem(shown_now))
            change = format_change(now, before)
            if HIDDEN in (
                shown_before,
                text(now, compared.months or this_months, year, indicator.id),
            ):
                change = ""  # it would give a hidden sum away
            cells += [QStandardItem(shown_before), QStandardItem(change)]
            for item in cells:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table_model.appendRow(cells)
        self.table_model.setVerticalHeaderLabels([i.name for i in self.setup.visible_indicators()])

    def _bucket_tip(self, bucket: Bucket, indicator: int, unit: int | None) -> str:
        """The same quarter last year, or as much of it as holds the same months."""
        compared = sip_analysis.compare(self.sums, bucket[0], bucket_months(bucket))
        now, before = compared.values(self.sums, indicator, unit)
        change = format_change(now, before)
        if not change:
            return ""
        view = self.suppressed()
        if view is not None and not all(
            (key[0], key[1], indicator, unit) in view.cells
            and not view.hidden(key[0], key[1], indicator, unit)
            for key in ((bucket[0], compared.months), (bucket[0] - 1, compared.months))
        ):
            return ""  # a sum of the tooltip is hidden, or not among those protected
        if compared.like_for_like:
            return _("Same period last year: {value} ({change})").format(
                value=before, change=change
            )
        return _("{this} compared with {last}: {value} ({change})").format(
            this=compared.this_label,
            last=sip_analysis.span_label(bucket[0] - 1, compared.months, capital=False),
            value=before,
            change=change,
        )

    def points(self) -> list[tuple[str, int | None]]:
        """The chart's values: every quarter (or tertial, year) with counts, in time order,
        labelled so that a quarter holding only some of its months says which."""
        return [(self.sums.label(bucket), value) for bucket, value in self._trend()]

    def _trend(self) -> list[tuple[Bucket, int | None]]:
        """The chart's sums; a hidden one (small numbers hidden) is a gap in the line."""
        indicator = self.indicator.currentData()
        if indicator is None:
            return []
        unit = self.unit.currentData()
        points = sip_analysis.trend(self.sums, indicator, unit)
        view = self.suppressed()
        if view is None:
            return points
        return [
            (bucket, None if view.bucket_hidden(bucket, indicator, unit, self.sums) else value)
            for bucket, value in points
        ]

    def _draw_chart(self) -> None:
        trend = self._trend()
        self.series.clear()
        for number, (_bucket, value) in enumerate(trend):
            if value is not None:
                self.series.append(QPointF(number, value))
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        # The axis has room for short labels only: a quarter not complete is starred there
        # and the title says what it holds, so it is never read as a whole quarter.
        partial = []
        for number, (bucket, _value) in enumerate(trend):
            label, full = bucket_label(bucket), self.sums.label(bucket)
            if full != label:
                partial.append(full)
                label += " *"
            self.x_axis.append(label, number)
        title = escape(f"{self.indicator.currentText()} – {self.unit.currentText()}")
        if partial:
            title += "<br/><small>* " + escape(", ".join(partial)) + "</small>"
        self.chart.setTitle(title)
        self.x_axis.setRange(-0.3, max(0, len(trend) - 1) + 0.3)
        peak = max((v for _b, v in trend if v is not None), default=0)
        self.y_axis.setRange(0, max(5, peak + 1))

    def copy_chart(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.chart_view.grab())

    def save_chart(self) -> None:
        name = save_file_name(
            self, _("Save chart"), f"{self.chart.title() or 'SIP'}.png", _("PNG images (*.png)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.chart_view.grab().save(str(path), "PNG"):
            show_error(
                self,
                _(
                    "Could not save the chart to {path}. Choose another folder and try again."
                ).format(path=path),
            )
