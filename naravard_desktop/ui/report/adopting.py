"""Adopting the year's report at a meeting's § and opening an adopted one for a correction,
from the Årsuppföljning page: the dialog, then the work on a worker (the PDF is rendered and
stored with its hash) while the window repaints. A refusal keeps the dialog open as typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from naravard_desktop.i18n import _
from naravard_desktop.services.report.read_models import AnnualReport
from naravard_desktop.services.report.report_choices import adoption_choices
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.background import run_and_wait
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.report.dialogs import AdoptDialog, ReopenDialog


def adopt(parent: QWidget, db: Database, group_id: int, year: int) -> bool:
    """Ask for the § and who adopted the report there, then adopt it; True when adopted."""
    from naravard_desktop.documents import report_files

    choices = adoption_choices(db, group_id, year, dt.date.today())
    if not choices:
        show_error(
            parent,
            _(
                "No meeting has been held since {year} began, so none can have adopted the "
                "report. Adopt it after the meeting that does, choosing its §."
            ).format(year=year),
        )
        return False

    def submit(value: tuple[int, str]) -> None:
        item_id, adopted_by = value
        run_and_wait(
            dialog,
            _("Adopting the annual follow-up {year} …").format(year=year),
            lambda: report_files.adopt(db, group_id, year, item_id, adopted_by),
        )

    dialog = AdoptDialog(year, choices, submit, parent)
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


def reopen(parent: QWidget, db: Database, report: AnnualReport) -> bool:
    """Ask for the reason, then open the adopted report for a correction; True when done."""
    from naravard_desktop.services.report import adoption

    def submit(reason: str) -> None:
        adoption.reopen(db, report.group.id, report.year, reason, report.analysis.version)

    dialog = ReopenDialog(report.year, submit, parent)
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()
