"""Reading spreadsheets as real groups have them: XLSX (merged cells, dates) and CSV as
Swedish Excel saves it (semicolons, Windows-1252) or as UTF-8. Importers get plain rows and
refer to problems by spreadsheet row and column ("rad 12, kolumn C")."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.spreadsheet_limits import (
    MAX_CELL_TEXT,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    check_file_size,
    column_letter,
)
from naravard_desktop.services.system.xlsx_checks import DAMAGED_OFFICE_FILE, check_xlsx
from naravard_desktop.services.system.xlsx_parts import SheetScan

CellValue = str | int | float | bool | dt.date | dt.datetime | None

_ZIP = b"PK\x03\x04"
# Characters that make a spreadsheet program read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted XLSX and old .xls both use it
log = logging.getLogger(__name__)
_T = TypeVar("_T")
__all__ = ["MAX_ROWS", "CellValue", "Sheet", "cell_name", "column_letter", "read_sheets"]


@dataclass(frozen=True)
class Sheet:
    """One sheet; rows[0] is spreadsheet row 1. Merged ranges repeat their top-left value.
    `formulas` holds the (row, column) of cells that are formulas rather than values: CSV
    text starting with "=" (an XLSX is read with the values Excel calculated, and text that
    starts with "=" there is text, as in our own exports)."""

    name: str
    rows: list[list[CellValue]]
    formulas: frozenset[tuple[int, int]] = frozenset()
    # How an XLSX sheet looks, for telling headings from activities (services/plan_layouts):
    # merged ranges, zero-based (top, left, bottom, right); rows whose filled cells are all
    # bold, filled or larger than the workbook's font; cells indented by their alignment.
    merged: tuple[tuple[int, int, int, int], ...] = ()
    emphasis: frozenset[int] = frozenset()
    indents: dict[tuple[int, int], int] = field(default_factory=dict)


def cell_name(row: int, column: int) -> str:
    """Zero-based row and column → "rad 12, kolumn C" in the user's language."""
    return _("row {row}, column {column}").format(row=row + 1, column=column_letter(column))


def read_import_file(path: Path) -> bytes:
    """The bytes of a file to import (spreadsheet or Word), within the size limit; a missing,
    unreadable or folder path is a DomainError in the user's language (the detail in the log)."""
    try:
        check_file_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except FileNotFoundError as error:
        raise DomainError(
            _("The file {path} does not exist. Check the name and the folder.").format(path=path)
        ) from error
    except IsADirectoryError as error:
        raise DomainError(
            _("{path} is a folder, not a file. Choose a file.").format(path=path)
        ) from error
    except PermissionError as error:
        raise DomainError(
            _(
                "You do not have permission to read {path}. Choose another file or ask for access."
            ).format(path=path)
        ) from error
    except OSError as error:
        log.info("cannot read %s: %r", path, error)
        raise DomainError(
            _(
                "{path} could not be read (see the log for details). Check that the file is there "
                "and try again."
            ).format(path=path)
        ) from error


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an XLSX file, or the one table of a CSV file."""
    data = read_import_file(path)
    if data.startswith(_ZIP):
        return _within_memory(path, _read_xlsx, data)
    if data.startswith(_OLE):
        raise DomainError(
            _(
                "{name} is password-protected or saved in the old Excel format (.xls). "
                "Open it in Excel, remove the password and save it as .xlsx or CSV."
            ).format(name=path.name)
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise DomainError(
            _(
                "{name} is not a complete Excel file (it may be damaged or cut off). Save it "
                "again in Excel and try again."
            ).format(name=path.name)
        )
    return [_within_memory(path, _read_csv, data)]


def _within_memory(path: Path, read: Callable[[Path, bytes], _T], data: bytes) -> _T:
    """The limits keep reading far below the memory of any computer; should one still run
    out, say so in the user's language instead of "Oväntat fel (MemoryError)"."""
    try:
        return read(path, data)
    except MemoryError as error:
        log.warning("out of memory reading %s", path)
        raise DomainError(
            _(
                "{name} could not be read: the computer ran out of memory. Close other "
                "programs and try again."
            ).format(name=path.name)
        ) from error


def _read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    """Checked against the limits first (xlsx_checks), then read by openpyxl in
    read-only mode, which streams each sheet; rows and columns only as far as the cells
    counted go, never as far as the sheet's declared dimension says."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            scans = check_xlsx(archive, path.name)
        # data_only: the values Excel last calculated, not formula text.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [_read_sheet(sheet, scans) for sheet in workbook.worksheets]
        finally:
            workbook.close()
    except (InvalidFileException, *DAMAGED_OFFICE_FILE) as error:
        log.info("%s is not a readable XLSX file: %r", path, error)
        raise DomainError(
            _(
                "{name} is not a complete Excel file (it may be damaged or cut off). Save it "
                "again in Excel and try again."
            ).format(name=path.name)
        ) from error


def _read_sheet(worksheet: Any, scans: dict[str, SheetScan]) -> Sheet:
    scan = (
        scans.get(worksheet._worksheet_path.lstrip("/"))
        if hasattr(worksheet, "_worksheet_path")
        else None
    )
    if scan is None or scan.max_row == 0:
        return Sheet(worksheet.title, [])
    worksheet.reset_dimensions()  # the declared <dimension> may lie; the counted extent holds
    fonts = worksheet.parent._fonts
    base = fonts[0].sz if fonts and fonts[0].sz else 11
    rows: list[list[CellValue]] = []
    emphasis: set[int] = set()
    indents: dict[tuple[int, int], int] = {}
    for cells in worksheet.iter_rows(
        min_row=1, max_row=scan.max_row, min_col=1, max_col=scan.max_column
    ):
        filled = [cell for cell in cells if cell.value is not None]
        if filled and all(_emphasised(cell, base) for cell in filled):
            emphasis.add(len(rows))
        for cell in filled:
            if cell._style_id and cell.alignment.indent:
                indents[(len(rows), cell.column - 1)] = int(cell.alignment.indent)
        rows.append([cell.value for cell in cells])
    for top, left, bottom, right in scan.merged:
        top_left = rows[top - 1][left - 1] if top <= len(rows) else None
        for r in range(top - 1, min(bottom, len(rows))):
            for c in range(left - 1, min(right, len(rows[r]))):
                rows[r][c] = top_left
    merged = tuple((t - 1, left - 1, b - 1, r - 1) for t, left, b, r in scan.merged)
    return Sheet(
        worksheet.title,
        [_trim(row) for row in rows],
        frozenset(),
        merged,
        frozenset(emphasis),
        indents,
    )


def _emphasised(cell: Any, base: float) -> bool:
    """Bold, filled or larger than the workbook's font: how plans mark their heading rows."""
    if not cell._style_id:
        return False
    font = cell.font
    return bool(font.b or (font.sz and font.sz > base) or cell.fill.fill_type not in (None, "none"))


def _read_csv(path: Path, data: bytes) -> Sheet:
    text = decode_text(data)
    if "\x00" in text:
        raise DomainError(
            _(
                "{name} is not a spreadsheet (neither Excel nor CSV). Choose an .xlsx or .csv file."
            ).format(name=path.name)
        )
    sample = text[:8192]
    delimiter = max(";,\t", key=sample.count) if any(d in sample for d in ";,\t") else ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[CellValue]] = []
    cells = 0
    formulas: set[tuple[int, int]] = set()
    try:
        for row in reader:
            number = len(rows)
            if number >= MAX_ROWS:
                raise _refused(path, _limit_rows(number + 1))
            if len(row) > MAX_COLUMNS:
                raise _refused(path, _limit_column(cell_name(number, MAX_COLUMNS)))
            for column, cell in enumerate(row):
                if len(cell) > MAX_CELL_TEXT:
                    raise _refused(path, _limit_text(cell_name(number, column), len(cell)))
            cells += len(row)
            if cells > MAX_CELLS:
                raise _refused(
                    path,
                    _("there are more than {limit} cells").format(limit=format_number(MAX_CELLS)),
                )
            formulas.update((number, c) for c, cell in enumerate(row) if cell.lstrip()[:1] == "=")
            rows.append(_trim([_unquoted(cell.strip()) or None for cell in row]))
    except csv.Error as error:
        log.info("%s: CSV error at line %s: %s", path, reader.line_num, error)
        if "field larger than field limit" in str(error):
            reason = _limit_text(
                _("line {line}").format(line=reader.line_num), csv.field_size_limit()
            )
        else:
            reason = _(
                "line {line} is not valid CSV (a quotation mark is missing or misplaced)"
            ).format(line=reader.line_num)
        raise _refused(path, reason) from error
    return Sheet(path.stem, rows, frozenset(formulas))


def _refused(path: Path, reason: str) -> DomainError:
    return DomainError(
        _("{name} cannot be read: {reason}. Correct the file and try again.").format(
            name=path.name, reason=reason
        )
    )


def _limit_rows(row: int) -> str:
    return _("row {row} is beyond the {limit} rows that can be read").format(
        row=format_number(row), limit=format_number(MAX_ROWS)
    )


def _limit_column(where: str) -> str:
    return _("{where} is beyond column {last}; at most {limit} columns can be read").format(
        where=where, last=column_letter(MAX_COLUMNS - 1), limit=format_number(MAX_COLUMNS)
    )


def _limit_text(where: str, length: int) -> str:
    return _("{where} holds {count} characters or more; a cell can hold at most {limit}").format(
        where=where, count=format_number(length), limit=format_number(MAX_CELL_TEXT)
    )


def _unquoted(text: str) -> str:
    """Our CSV export writes a text that would start a formula with an apostrophe before it
    (export/spreadsheets.py); reading it back drops that apostrophe again."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def decode_text(data: bytes) -> str:
    """UTF-16 with its byte-order mark (Excel's "Unicode text", tab-separated), UTF-8 with
    or without one, else Windows-1252 as Swedish Excel writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif _looks_utf16le(data[:4096]):
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_utf16le(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: text of Latin letters has a zero every other byte."""
    odd = head[1::2]
    return len(odd) >= 8 and odd.count(0) > 0.9 * len(odd) and head[0::2].count(0) == 0


def _trim(row: list[CellValue]) -> list[CellValue]:
    """Drop trailing empty cells; text cells are stripped and empty text becomes None."""
    cleaned = [value.strip() or None if isinstance(value, str) else value for value in row]
    while cleaned and cleaned[-1] is None:
        cleaned.pop()
    return cleaned


def shown(value: object, limit: int = 60) -> str:
    """A cell's text as a message quotes it: cut with "…" after `limit` characters, so a
    problem about a 30 000-character cell neither fills the screen nor, repeated on 20 000
    rows, the memory (a 155 KB file made 1.2 GB of messages)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excel_serial_to_date(value: float) -> dt.date:
    """Excel's day numbers (1900 system): 45000 → 2023-03-15."""
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
