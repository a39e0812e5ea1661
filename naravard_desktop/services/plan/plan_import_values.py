"""The values of an activity row as people write them: status words, progress as a number
or per cent, a due date, the principal. Each reader returns the value and, when the cell
cannot be read, the problem to show by its cell (services/plan/plan_import_rows.py)."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.db.enums import ActivityStatus, Principal
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_labels import status_from_text
from naravard_desktop.services.plan.plan_layouts import as_date, cell_text, norm
from naravard_desktop.services.plan.schedule import derive_due_date
from naravard_desktop.services.system.spreadsheets import CellValue, shown

PRINCIPAL_WORDS = {
    "region": Principal.REGION,
    "kommun": Principal.MUNICIPALITY,
    "municipality": Principal.MUNICIPALITY,
    "gemensamt": Principal.JOINT,
    "gemensam": Principal.JOINT,
    "joint": Principal.JOINT,
    "annan": Principal.OTHER,
    "other": Principal.OTHER,
}


def read_status(text: str) -> tuple[ActivityStatus, str | None]:
    if not text:
        return ActivityStatus.NOT_STARTED, None
    status = status_from_text(text)
    if status is None:
        return ActivityStatus.NOT_STARTED, _(
            "“{value}” is not a status. Write Not started, In progress, Done, Paused or Cancelled."
        ).format(value=shown(text))
    return status, None


def read_progress(value: CellValue, status: ActivityStatus) -> tuple[int, str | None]:
    if value is None:
        return (100 if status is ActivityStatus.DONE else 0), None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        # A cell formatted as per cent holds 0.5 for 50 %.
        number = value * 100 if isinstance(value, float) and 0 < value < 1 else value
    elif isinstance(value, str) and not value.startswith("="):
        text = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text.rstrip("%"))
        except ValueError:
            number = None
    if number is None or not 0 <= number <= 100:
        return 0, _("“{value}” is not a progress from 0 to 100 %.").format(
            value=shown(cell_text(value))
        )
    return round(number), None


def read_due(value: CellValue, schedule: str) -> tuple[dt.date | None, bool, str | None]:
    """The due date written, and whether it overrides the one the schedule gives."""
    if value is None:
        return None, False, None
    day = as_date(value) if not isinstance(value, str) else _iso(value)
    if day is None:
        return (
            None,
            False,
            _("“{value}” is not a date. Write it as YYYY-MM-DD.").format(
                value=shown(cell_text(value))
            ),
        )
    return (day, True, None) if day != derive_due_date(schedule) else (None, False, None)


def read_principal(text: str) -> tuple[Principal | None, str | None]:
    if not text:
        return None, None
    principal = PRINCIPAL_WORDS.get(norm(text))
    if principal is None:
        return None, _("“{value}” is not a principal. Write Region, Municipality or Joint.").format(
            value=shown(text)
        )
    return principal, None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
