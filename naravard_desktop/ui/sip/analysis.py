"""The analysis tab: sums per quarter (or tertial) and year with the change against the same
period last year, and a trend chart per indicator and unit that can be copied or saved as PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.services import sip_analysis
from naravard_desktop.services.database import Database
from naravard_desktop.services.sip_setup import Setup
from naravard_desktop.ui.errors import show_error


class AnalysisTab(QWidget):
    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.setup: Setup | None = None
        self.sums = sip_analysis.Sums({})

        self.year = QSpinBox()
        self.year.setObjectName("analysis_year")
        self.year.setRange(2000, 2100)
        self.indicator = QComboBox()
        self.indicator.setObjectName("analysis_indicator")
        self.unit = QComboBox()
        self.unit.setObjectName("analysis_unit")
        self.table = QTableView()
        self.table.setObjectName("analysis_table")
        self.table_model = QStandardItemModel(self)
        self.table.setModel(self.table_model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
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
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("analysis_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(150)
        copy_button = QPushButton(_("&Copy chart"))
        copy_button.setObjectName("copy_chart")
        copy_button.clicked.connect(self.copy_chart)
        save_button = QPushButton(_("&Save chart as PNG…"))
        save_button.setObjectName("save_chart")
        save_button.clicked.connect(self.save_chart)

        form = QFormLayout()
        form.addRow(_("&Year"), self.year)
        form.addRow(_("&Indicator"), self.indicator)
        form.addRow(_("U&nit"), self.unit)
        buttons = QHBoxLayout()
        buttons.addWidget(copy_button)
        buttons.addWidget(save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.chart_view, 3)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(self._fill_table)
        self.indicator.currentIndexChanged.connect(self._draw_chart)
        self.unit.currentIndexChanged.connect(self._draw_chart)
        self.unit.currentIndexChanged.connect(self._fill_table)

    def reload(self, setup: Setup, year: int) -> None:
        """Read the sums again (after edits) and redraw, keeping the choices made."""
        self.setup = setup
        self.sums = sip_analysis.load_sums(self.db, self.group_id)
        chosen_indicator, chosen_unit = self.indicator.currentData(), self.unit.currentData()
        for box in (self.indicator, self.unit, self.year):
            box.blockSignals(True)
        self.indicator.clear()
        for indicator in setup.visible_indicators():
            self.indicator.addItem(indicator.name, indicator.id)
        self.unit.clear()
        self.unit.addItem(_("All units"), None)
        for unit in setup.units:
            if not unit.hidden:
                self.unit.addItem(unit.name, unit.id)
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(chosen_indicator)))
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen_unit)))
        self.year.setValue(year)
        for box in (self.indicator, self.unit, self.year):
            box.blockSignals(False)
        self._fill_table()
        self._draw_chart()

    def _fill_table(self) -> None:
        self.table_model.clear()
        if self.setup is None:
            return
        year = self.year.value()
        unit = self.unit.currentData()
        buckets = self.sums.buckets(year)
        heads = [sip_analysis.bucket_label(b) for b in buckets]
        heads += [
            _("Year {year}").format(year=year),
            _("Year {year}").format(year=year - 1),
            _("Change"),
        ]
        self.table_model.setHorizontalHeaderLabels(heads)
        for indicator in self.setup.visible_indicators():
            cells = []
            for bucket in buckets:
                value = self.sums.total(bucket, indicator.id, unit)
                previous = self.sums.total((year - 1, bucket[1], bucket[2]), indicator.id, unit)
                text = "" if value is None else str(value)
                change = sip_analysis.format_change(value, previous)
                item = QStandardItem(text)
                if change:
                    item.setToolTip(
                        _("Same period last year: {value} ({change})").format(
                            value=previous, change=change
                        )
                    )
                cells.append(item)
            now = self.sums.year_total(year, indicator.id, unit)
            before = self.sums.year_total(year - 1, indicator.id, unit)
            cells += [
                QStandardItem("" if now is None else str(now)),
                QStandardItem("" if before is None else str(before)),
                QStandardItem(sip_analysis.format_change(now, before)),
            ]
            for item in cells:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table_model.appendRow(cells)
        self.table_model.setVerticalHeaderLabels([i.name for i in self.setup.visible_indicators()])

    def points(self) -> list[tuple[str, int | None]]:
        """The chart's values: every quarter (or tertial, year) with counts, in time order."""
        indicator = self.indicator.currentData()
        if indicator is None:
            return []
        return [
            (sip_analysis.bucket_label(bucket), value)
            for bucket, value in sip_analysis.trend(self.sums, indicator, self.unit.currentData())
        ]

    def _draw_chart(self) -> None:
        points = self.points()
        self.series.clear()
        for number, (_label, value) in enumerate(points):
            if value is not None:
                self.series.append(QPointF(number, value))
        self.chart.setTitle(f"{self.indicator.currentText()} – {self.unit.currentText()}")
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        for number, (label, _value) in enumerate(points):
            self.x_axis.append(label, number)
        self.x_axis.setRange(-0.3, max(0, len(points) - 1) + 0.3)
        peak = max((v for _l, v in points if v is not None), default=0)
        self.y_axis.setRange(0, max(5, peak + 1))

    def copy_chart(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.chart_view.grab())

    def save_chart(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save chart"), str(Path.home() / "sip-trend.png"), _("PNG images (*.png)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.chart_view.grab().save(str(path), "PNG"):
            show_error(self, _("Could not save the chart to {path}.").format(path=path))
