"""Adding a counting period: kind, year and number; an overlap keeps the dialog open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_range
from naravard_desktop.services.sip import sip_periods
from naravard_desktop.services.sip.read_models import PeriodRow, label, number_of
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import combo_box, named


def period_kind_box(**properties: Any) -> QComboBox:
    """The kinds of counting period (quarter, tertial, …), each with its value as the data."""
    kinds = [(sip_periods.kind_label(kind), kind) for kind in PeriodKind]
    return combo_box(kinds, **properties)


class PeriodDialog(QDialog):
    def __init__(
        self,
        db: Database,
        group_id: int,
        kind: PeriodKind,
        suggested: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.created: PeriodRow | None = None
        self.setWindowTitle(_("New period"))
        self.kind = period_kind_box(objectName="period_kind")
        self.kind.setCurrentIndex(list(PeriodKind).index(kind))
        self.year = named(
            QSpinBox,
            "period_year",
            minimum=sip_periods.FIRST_YEAR,
            maximum=sip_periods.LAST_YEAR,
            value=suggested.year,
        )
        self.number = named(QSpinBox, "period_number")
        self.kind.currentIndexChanged.connect(self._update_range)
        self._update_range()
        self.number.setValue(number_of(kind, suggested))
        self.preview = QLabel()
        self.error = named(QLabel, "period_error", styleSheet="color: #a00000;", wordWrap=True)
        self.kind.currentIndexChanged.connect(self._update_preview)
        self.year.valueChanged.connect(self._update_preview)
        self.number.valueChanged.connect(self._update_preview)
        form = QFormLayout()
        form.addRow(_("&Kind of period"), self.kind)
        form.addRow(_("&Year"), self.year)
        form.addRow(_("&Number in the year"), self.number)
        form.addRow(_("Period"), self.preview)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update_preview()

    def chosen_kind(self) -> PeriodKind:
        return PeriodKind(self.kind.currentData())

    def _update_range(self) -> None:
        self.number.setRange(1, sip_periods.periods_per_year(self.chosen_kind()))
        self.number.setEnabled(self.chosen_kind() is not PeriodKind.YEAR)

    def _update_preview(self) -> None:
        starts, ends = sip_periods.bounds(
            self.chosen_kind(), self.year.value(), self.number.value()
        )
        name = label(self.chosen_kind(), starts)
        self.preview.setText(f"{name} ({format_iso_range(starts, ends)})")
        self.error.clear()

    def accept(self) -> None:
        try:
            self.created = sip_periods.create_period(
                self.db, self.group_id, self.year.value(), self.number.value(), self.chosen_kind()
            )
        except DomainError as error:
            self.error.setText(error.message)
            return
        super().accept()
