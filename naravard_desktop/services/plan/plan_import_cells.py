"""The cells of a plan table's row read as its header names them: a text, a formula refused,
the status, progress, due date and principal read leniently, and an activity built from them
and checked as the activity form checks it, each problem noted at its cell
(services/plan/plan_import_rows.py decides what each row is)."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.errors import ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_import_model import ImportPreview, Problem
from naravard_desktop.services.plan.plan_import_values import (
    read_due,
    read_principal,
    read_progress,
    read_status,
)
from naravard_desktop.services.plan.plan_items import validate_activity
from naravard_desktop.services.plan.plan_layouts import cell_text
from naravard_desktop.services.plan.read_models import ActivityInput
from naravard_desktop.services.system.spreadsheets import CellValue, Sheet

# ActivityInput's fields → the column keys, to name the cell of a problem.
_ACTIVITY_COLUMNS = {
    "title": "activity",
    "schedule_text": "schedule",
    "follow_up_method": "follow_up",
    "responsible_principal": "principal",
}


class RowCells:
    """Reads the cells of one sheet's rows under its header into the preview's problems."""

    def __init__(
        self, sheet: Sheet, columns: dict[str, int], out: ImportPreview, where: str
    ) -> None:
        self.sheet = sheet
        self.columns = columns
        self.out = out
        self.where = where  # the sheet's name when each sheet is an area, for problems

    def place(self, index: int) -> str:
        places: tuple[str, ...] = getattr(self.sheet, "places", ())
        return places[index] if index < len(places) else ""

    def cell(self, row: list[CellValue], key: str) -> CellValue:
        column = self.columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def text(self, row: list[CellValue], key: str, index: int) -> str:
        value = self.cell(row, key)
        if (index, self.columns.get(key)) in self.sheet.formulas:
            self.problem(
                index,
                key,
                _("This is a formula, not a value. Save the file with the values Excel shows."),
            )
            return ""
        return cell_text(value, schedule=key == "schedule")

    def activity(self, index: int, row: list[CellValue], title: str) -> ActivityInput | None:
        """The activity of the row with `title`, checked as the activity form checks it;
        None when a problem of the row blocks it (each noted at its cell)."""
        before = len(self.out.problems)  # not .blocking: that is a new list each time, and
        # asking it twice per row made 20 000 rows with a problem take a minute
        schedule = self.text(row, "schedule", index)
        status = self._status(index, row)
        progress = self._progress(index, row, status)
        due, overridden = self._due(index, row, schedule)
        data = ActivityInput(
            title=title,
            description=self.text(row, "description", index),
            responsible=self.text(row, "responsible", index),
            responsible_principal=self._principal(index, row),
            schedule_text=schedule,
            due_date=due,
            due_date_overridden=overridden,
            status=status,
            progress=progress,
            follow_up_method=self.text(row, "follow_up", index),
        )
        try:
            cleaned = validate_activity(data)
        except ValidationError as error:
            for name, message in error.fields.items():
                key = _ACTIVITY_COLUMNS.get(name, name)
                self.problem(index, key if key in self.columns else "activity", message)
            return None
        if any(p.blocking for p in self.out.problems[before:]):
            return None
        return cleaned

    def _status(self, index: int, row: list[CellValue]) -> ActivityStatus:
        status, problem = read_status(self.text(row, "status", index))
        if problem:
            self.problem(index, "status", problem)
        return status

    def _progress(self, index: int, row: list[CellValue], status: ActivityStatus) -> int:
        progress, problem = read_progress(self.cell(row, "progress"), status)
        if problem:
            self.problem(index, "progress", problem)
        return progress

    def _due(self, index: int, row: list[CellValue], schedule: str) -> tuple[dt.date | None, bool]:
        due, overridden, problem = read_due(self.cell(row, "due"), schedule)
        if problem:
            self.problem(index, "due", problem)
        return due, overridden

    def _principal(self, index: int, row: list[CellValue]) -> Principal | None:
        principal, problem = read_principal(self.text(row, "principal", index))
        if problem:
            self.problem(index, "principal", problem)
        return principal

    def problem(self, index: int, key: str, message: str) -> None:
        self.out.problems.append(
            Problem(
                index, self.columns.get(key), message, sheet=self.where, place=self.place(index)
            )
        )
