"""Writing tables as XLSX and CSV in the layouts our importers read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from enum import StrEnum

from naravard_desktop.services.spreadsheets import CellValue

Rows = Sequence[Sequence[CellValue]]


class CsvStyle(StrEnum):
    """Swedish Excel: semicolons and Windows-1252; UTF-8: commas, with a BOM so Excel
    recognises the encoding."""

    EXCEL_SV = "excel-sv"
    UTF8 = "utf-8"


def csv_bytes(rows: Rows, style: CsvStyle = CsvStyle.EXCEL_SV) -> bytes:
    buffer = io.StringIO(newline="")
    delimiter = ";" if style == CsvStyle.EXCEL_SV else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else _text(value) for value in row])
    text = buffer.getvalue()
    if style == CsvStyle.EXCEL_SV:
        return text.encode("cp1252", errors="replace")
    return text.encode("utf-8-sig")


def _text(value: CellValue) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def xlsx_bytes(
    sheets: Sequence[tuple[str, Rows]],
    *,
    header_rows: int = 1,
    max_width: int = 60,
) -> bytes:
    """One worksheet per (title, rows); bold, frozen header rows; columns sized to content;
    dates as real Excel dates shown as ÅÅÅÅ-MM-DD."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title))
        widths: dict[int, int] = {}
        for row_number, row in enumerate(rows, start=1):
            sheet.append(list(row))
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                if row_number <= header_rows:
                    cell.font = bold
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                length = max((len(part) for part in _text(value).split("\n")), default=0)
                widths[column] = max(widths.get(column, 0), length if value is not None else 0)
        for column, width in widths.items():
            letter = sheet.cell(row=1, column=column).column_letter
            sheet.column_dimensions[letter].width = min(max_width, max(8, width + 2))
        if header_rows:
            sheet.freeze_panes = sheet.cell(row=header_rows + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in title).strip() or "Blad"
    return cleaned[:31]
