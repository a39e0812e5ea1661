"""Reading spreadsheets as real groups have them: XLSX (merged cells, dates) and CSV as
Swedish Excel saves it (semicolons, Windows-1252) or as UTF-8. Importers get plain rows and
refer to problems by spreadsheet row and column ("rad 12, kolumn C")."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _

CellValue = str | int | float | bool | dt.date | dt.datetime | None

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted XLSX and old .xls both use it
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Sheet:
    """One sheet; rows[0] is spreadsheet row 1. Merged ranges repeat their top-left value."""

    name: str
    rows: list[list[CellValue]]


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA" (how users see columns in Excel)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Zero-based row and column → "rad 12, kolumn C" in the user's language."""
    return _("row {row}, column {column}").format(row=row + 1, column=column_letter(column))


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an XLSX file, or the one table of a CSV file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise DomainError(_("The file {path} does not exist.").format(path=path)) from error
    except OSError as error:
        raise DomainError(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if data.startswith(_ZIP):
        return _read_xlsx(path, data)
    if data.startswith(_OLE):
        raise DomainError(
            _(
                "{name} is password-protected or saved in the old Excel format (.xls). "
                "Open it in Excel, remove the password and save it as .xlsx or CSV."
            ).format(name=path.name)
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise DomainError(
            _("{name} is not a complete Excel file (it may be damaged or cut off).").format(
                name=path.name
            )
        )
    return [_read_csv(path, data)]


def _read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: the values Excel last calculated, not formula text.
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        EOFError,
        zlib.error,  # a damaged compressed part
        SyntaxError,  # damaged XML inside (xml.etree's ParseError)
        ValueError,
        TypeError,
        IndexError,
        NotImplementedError,  # a zip feature (compression, version) Python cannot read
        RuntimeError,  # an encrypted zip part
    ) as error:
        raise DomainError(
            _("{name} is not a complete Excel file (it may be damaged or cut off).").format(
                name=path.name
            )
        ) from error
    sheets = []
    for worksheet in workbook.worksheets:
        if worksheet.max_row > MAX_ROWS:
            raise DomainError(
                _("The sheet “{sheet}” has {count} rows; at most {limit} can be read.").format(
                    sheet=worksheet.title, count=worksheet.max_row, limit=MAX_ROWS
                )
            )
        rows: list[list[CellValue]] = [list(row) for row in worksheet.iter_rows(values_only=True)]
        for merged in worksheet.merged_cells.ranges:
            top_left = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, merged.max_col):
                    rows[r][c] = top_left
        sheets.append(Sheet(worksheet.title, [_trim(row) for row in rows]))
    workbook.close()
    return sheets


def _read_csv(path: Path, data: bytes) -> Sheet:
    text = decode_text(data)
    if "\x00" in text:
        raise DomainError(
            _("{name} is not a spreadsheet (neither Excel nor CSV).").format(name=path.name)
        )
    sample = text[:8192]
    delimiter = max(";,\t", key=sample.count) if any(d in sample for d in ";,\t") else ";"
    try:
        rows: list[list[CellValue]] = [
            _trim([cell.strip() or None for cell in row])
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise DomainError(
            _("{name} could not be read as CSV: {reason}").format(name=path.name, reason=error)
        ) from error
    if len(rows) > MAX_ROWS:
        raise DomainError(
            _("The sheet “{sheet}” has {count} rows; at most {limit} can be read.").format(
                sheet=path.stem, count=len(rows), limit=MAX_ROWS
            )
        )
    return Sheet(path.stem, rows)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 as Swedish Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _trim(row: list[CellValue]) -> list[CellValue]:
    """Drop trailing empty cells; text cells are stripped and empty text becomes None."""
    cleaned = [value.strip() or None if isinstance(value, str) else value for value in row]
    while cleaned and cleaned[-1] is None:
        cleaned.pop()
    return cleaned


def excel_serial_to_date(value: float) -> dt.date:
    """Excel's day numbers (1900 system): 45000 → 2023-03-15."""
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
