"""Every text cell we write is safe to open: never run as a formula, never a character the
file format cannot hold, never cut.

- Formulas (OWASP, "CSV injection"): Excel, LibreOffice and Google Sheets read a cell that
  starts with = + - @, a tab or a carriage return as a formula, so a plan title such as
  `=HYPERLINK("http://…";"Klicka")` would run when the export is opened. In CSV such a text
  gets an apostrophe before it (services/system/spreadsheets.py drops it again when reading our
  file back); in XLSX it is written as a text cell (inline string) with Excel's quote
  prefix, so it shows as typed and stays text even when the cell is edited. Numbers stay
  numbers; "-5" typed as text is text and is protected like any other.
- Control characters (BEL, ESC …) cannot be stored in XLSX (openpyxl raises
  IllegalCharacterError): they are left out; tab and line breaks stay.
- Length: a cell holds at most 32 767 characters; openpyxl would cut a longer text
  silently, so the export is refused with the sheet and cell named instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.spreadsheet_limits import MAX_CELL_TEXT, column_letter
from naravard_desktop.services.system.spreadsheets import FORMULA_STARTS, CellValue

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab, LF, CR.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text: str) -> str:
    return _ILLEGAL.sub("", text)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A text for a CSV cell: control characters left out, a formula start neutralised."""
    cleaned = without_control_characters(text)
    return "'" + cleaned if looks_like_formula(cleaned) else cleaned


def xlsx_row(values: Sequence[CellValue], sheet: str, row: int) -> list[CellValue]:
    """The values of spreadsheet row `row` (one-based) ready for openpyxl: texts without
    control characters; a text too long for a cell refused, naming sheet and cell."""
    cleaned: list[CellValue] = []
    for column, value in enumerate(values):
        if isinstance(value, str):
            value = without_control_characters(value)
            if len(value) > MAX_CELL_TEXT:
                raise DomainError(
                    _(
                        "The text in cell {cell} of the sheet “{sheet}” has {count} characters; "
                        "an Excel cell holds at most {limit}. Shorten it and export again."
                    ).format(
                        cell=f"{column_letter(column)}{row}",
                        sheet=sheet,
                        count=format_number(len(value)),
                        limit=format_number(MAX_CELL_TEXT),
                    )
                )
        cleaned.append(value)
    return cleaned


def protect_formulas(sheet: Worksheet, row: int, values: Sequence[CellValue]) -> None:
    """Make each text of spreadsheet row `row` that would start a formula a text cell with
    Excel's quote prefix. Call after the row's styles are set (styling replaces them)."""
    for column, value in enumerate(values):
        if isinstance(value, str) and looks_like_formula(value):
            cell = sheet.cell(row=row, column=column + 1)
            cell.data_type = "s"
            cell.quotePrefix = True
