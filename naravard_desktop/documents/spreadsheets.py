"""Writing tables as XLSX and CSV in the layouts our importers read back, laid out as an Excel
user expects: the row of column headings bold and frozen (under any title lines), a filter
over each table, printing on A4 across one page width with the headings on every page, long
text wrapped in columns of a readable width, dates as dates, sub-rows indented by the cell's
alignment, and the app (not the library) as the author. CSV rows all have one width."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Collection, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from naravard_desktop.documents.cell_safety import (
    csv_text,
    protect_formulas,
    without_control_characters,
    xlsx_row,
)
from naravard_desktop.i18n import _, current_language
from naravard_desktop.services.system.spreadsheets import CellValue

if TYPE_CHECKING:
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet.worksheet import Worksheet

Rows = Sequence[Sequence[CellValue]]

APP_NAME = "naravard-desktop"  # the author of every file we write
MAX_WIDTH = 50  # characters; longer text wraps
MIN_WIDTH = 6
HEADER_FILL = "E8ECF2"
LINE_HEIGHT = 15  # points per line of 11-point text
BOLD = 1.15  # bold text is about this much wider
FONT = "Calibri"  # the workbook's default font; a font without a name falls back to a serif
TEXT_PER_WIDTH = 1.1  # a column width counts digits; ordinary text is narrower
_WHOLE_NUMBER = re.compile(r"^(?:0|[1-9]\d{0,14})$")


class CsvStyle(StrEnum):
    """Swedish Excel: semicolons and Windows-1252; UTF-8: commas, with a BOM so Excel
    recognises the encoding."""

    EXCEL_SV = "excel-sv"
    UTF8 = "utf-8"


def csv_bytes(rows: Rows, style: CsvStyle = CsvStyle.EXCEL_SV) -> bytes:
    """Every row padded to the width of the widest (the header), as Excel writes a table;
    a text that would start a formula gets an apostrophe before it (export/cell_safety)."""
    buffer = io.StringIO(newline="")
    delimiter = ";" if style == CsvStyle.EXCEL_SV else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        cells = [
            "" if value is None else csv_text(value) if isinstance(value, str) else _text(value)
            for value in row
        ]
        writer.writerow(cells + [""] * (width - len(cells)))
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


def as_number(text: str) -> CellValue:
    """ "12" → 12, so Excel sorts and sums it; anything else ("1 a", "<5", "..", "01", "")
    stays text ("" becomes an empty cell)."""
    stripped = text.strip()
    if _WHOLE_NUMBER.match(stripped):
        return int(stripped)
    return text or None


@dataclass(frozen=True)
class Table:
    """One worksheet: title lines, the row of column headings, the body, and notes under it
    (after an empty line, outside the filter). With `header` None the sheet is a list of
    label/value lines (labels bold) rather than a table: nothing to filter or freeze."""

    name: str
    header: Sequence[CellValue] | None
    body: Rows
    above: Rows = ()
    below: Sequence[str] = ()
    indents: Sequence[int] = ()  # per body row, the indent level of `indent_column`
    indent_column: int = 0
    max_widths: Mapping[int, int] = field(default_factory=dict)  # column (0-based) → chars
    right_aligned: Collection[int] = ()  # count columns: "<5" lines up with the numbers
    left_aligned: Collection[int] = ()  # numbering ("1" over "a)"), values beside labels
    number_formats: Mapping[int, str] = field(default_factory=dict)
    frozen_columns: int = 0
    landscape: bool = True


SheetSource = Table | tuple[str, Rows]


def xlsx_bytes(
    sheets: Sequence[SheetSource],
    *,
    title: str | None = None,
    subject: str = "",
    header_rows: int = 1,
    max_width: int = MAX_WIDTH,
) -> bytes:
    """One worksheet per Table; a plain (name, rows) pair is a table whose last of
    `header_rows` rows holds the column headings. `title` (default: the first sheet's name)
    is the document title and the printed page header."""
    from openpyxl import Workbook

    tables = [_as_table(sheet, header_rows) for sheet in sheets]
    document_title = without_control_characters(
        title if title is not None else (tables[0].name if tables else "")
    )
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _write_sheet(
            workbook.create_sheet(_sheet_title(table.name)), table, document_title, max_width
        )
    properties = workbook.properties
    properties.creator = APP_NAME
    properties.lastModifiedBy = APP_NAME
    properties.title = document_title
    properties.subject = without_control_characters(subject) or None
    properties.language = current_language()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _app_properties(buffer.getvalue())


def _as_table(sheet: SheetSource, header_rows: int) -> Table:
    if isinstance(sheet, Table):
        return sheet
    name, rows = sheet
    if header_rows <= 0 or not rows:
        return Table(name, None, rows)
    return Table(
        name,
        rows[header_rows - 1] if len(rows) >= header_rows else None,
        rows[header_rows:],
        above=rows[: header_rows - 1],
    )


def _write_sheet(sheet: Worksheet, table: Table, title: str, max_width: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    bold = Font(name=FONT, size=11, bold=True)
    header_style = {
        "font": bold,
        "fill": PatternFill("solid", fgColor=HEADER_FILL),
        "border": Border(bottom=Side(style="thin", color="808080")),
        "alignment": Alignment(wrap_text=True, vertical="top"),
    }
    widths, wrapped = _widths(table, max_width)
    row_number = 0
    for line in table.above:
        row_number += 1
        sheet.append(xlsx_row(line, sheet.title, row_number))
        first = sheet.cell(row=row_number, column=1)
        first.font = Font(name=FONT, size=13, bold=True)
        protect_formulas(sheet, row_number, line)
    header_row = 0
    if table.header is not None:
        row_number += 1
        sheet.append(xlsx_row(table.header, sheet.title, row_number))
        header_row = row_number
        for column in range(1, len(table.header) + 1):
            cell = sheet.cell(row=row_number, column=column)
            for name, style in header_style.items():
                setattr(cell, name, style)
        protect_formulas(sheet, row_number, table.header)
        _fit_height(sheet, row_number, table.header, widths, range(len(table.header)), bold=True)
    # Setting a style is slow in openpyxl (it hashes it each time): style one cell of each
    # kind and copy its style array to the others.
    styles: dict[tuple[bool, int, str | None, str | None, bool], StyleArray] = {}
    for index, row in enumerate(table.body):
        row_number += 1
        sheet.append(xlsx_row(row, sheet.title, row_number))
        level = table.indents[index] if index < len(table.indents) else 0
        for column, value in enumerate(row):
            if value is None:
                continue
            number_format = None
            if isinstance(value, dt.date):
                number_format = "yyyy-mm-dd"
            elif isinstance(value, int | float):
                number_format = table.number_formats.get(column)
            indent = level if column == table.indent_column else 0
            key = (
                column in wrapped or (isinstance(value, str) and "\n" in value),
                indent,
                "right"
                if column in table.right_aligned
                else ("left" if column in table.left_aligned or indent else None),
                number_format,
                table.header is None and column == 0,
            )
            cell = sheet.cell(row=row_number, column=column + 1)
            known = styles.get(key)
            if known is not None:
                cell._style = copy(known)
                continue
            if number_format:
                cell.number_format = number_format
            cell.alignment = Alignment(
                wrap_text=key[0] or None,
                vertical="top",
                indent=key[1],
                horizontal=key[2],
            )
            if key[4]:
                cell.font = bold  # the labels of a label/value sheet
            styles[key] = copy(cell._style)
        protect_formulas(sheet, row_number, row)  # after the styles, which replace it
        _fit_height(sheet, row_number, row, widths, wrapped, indent=(table.indent_column, level))
    last_row = row_number
    last_column = max([len(table.header or ()), *(len(row) for row in table.body)])
    for column, width in widths.items():
        letter = sheet.cell(row=1, column=column + 1).column_letter
        sheet.column_dimensions[letter].width = width
    if table.below:
        row_number += 1
        total = sum(widths.get(c, MIN_WIDTH) for c in range(max(last_column, 1)))
        for note in table.below:
            row_number += 1
            (text,) = xlsx_row([note], sheet.title, row_number)
            cell = sheet.cell(row=row_number, column=1, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            protect_formulas(sheet, row_number, [text])
            if last_column > 1:
                sheet.merge_cells(
                    start_row=row_number, start_column=1, end_row=row_number, end_column=last_column
                )
            lines = sum(max(1, -(-len(part) // max(total, 1))) for part in note.split("\n"))
            sheet.row_dimensions[row_number].height = 15 * lines  # Excel won't fit merged cells
    if table.header is not None:
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=table.frozen_columns + 1)
        end = sheet.cell(row=last_row, column=max(len(table.header), 1))
        sheet.auto_filter.ref = f"A{header_row}:{end.coordinate}"
        sheet.print_title_rows = f"{header_row}:{header_row}"
    _print_setup(sheet, title, landscape=table.landscape)


def _widths(table: Table, max_width: int) -> tuple[dict[int, float], set[int]]:
    """Each column as wide as its longest line (a heading by its longest word, since
    headings wrap), at most its limit; the columns whose text is longer wrap."""
    longest: dict[int, int] = {}
    for column, value in enumerate(table.header or ()):
        words = _text(value).split() if value is not None else []
        longest[column] = math.ceil(BOLD * max((len(w) for w in words), default=0))
    for index, row in enumerate(table.body):
        level = table.indents[index] if index < len(table.indents) else 0
        for column, value in enumerate(row):
            if value is None:
                continue
            length = 10 if isinstance(value, dt.date) else _longest_line(value)
            if column == table.indent_column:
                length += 2 * level
            longest[column] = max(longest.get(column, 0), length)
    widths: dict[int, float] = {}
    wrapped: set[int] = set()
    for column, length in longest.items():
        limit = min(max_width, table.max_widths.get(column, max_width))
        wanted = length + 2
        if wanted > limit:
            wrapped.add(column)
        widths[column] = max(MIN_WIDTH, min(limit, wanted))
    return widths, wrapped


def _fit_height(
    sheet: Worksheet,
    row_number: int,
    row: Sequence[CellValue],
    widths: Mapping[int, float],
    wrapped: Collection[int],
    *,
    indent: tuple[int, int] = (0, 0),
    bold: bool = False,
) -> None:
    """Make a row tall enough for its wrapped text. Neither Excel nor LibreOffice fits the
    height of a row written without one when the file is opened, so wrapped text would
    hide behind the next row."""
    lines = 1
    for column, value in enumerate(row):
        if not isinstance(value, str) or (column not in wrapped and "\n" not in value):
            continue
        room = widths.get(column, MIN_WIDTH) - 1
        if column == indent[0]:
            room -= 2 * indent[1]
        room *= TEXT_PER_WIDTH / BOLD if bold else TEXT_PER_WIDTH
        lines = max(lines, _line_count(value, max(1, int(room))))
    if lines > 1:
        sheet.row_dimensions[row_number].height = LINE_HEIGHT * lines


def _line_count(text: str, room: int) -> int:
    """How many lines `text` takes when wrapped at word boundaries in `room` characters."""
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            needed = len(word) if used == 0 else used + 1 + len(word)
            if needed <= room:
                used = needed
                continue
            if used:
                lines += 1
            used = len(word)
            while used > room:  # a word longer than the column breaks inside
                lines += 1
                used -= room
        count += lines
    return count


def _longest_line(value: CellValue) -> int:
    return max((len(part) for part in _text(value).split("\n")), default=0)


def _print_setup(sheet: Worksheet, title: str, *, landscape: bool) -> None:
    """A4, as wide as one page and as many pages down as needed; the document title and the
    sheet at the top of each page, "Sida 1 av 3" at the bottom."""
    from openpyxl.worksheet.properties import PageSetupProperties

    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True
    sheet.oddHeader.left.text = _header_text(title)
    sheet.oddHeader.right.text = "&A"
    sheet.oddFooter.center.text = _("Page {page} of {pages}").format(page="&P", pages="&N")


def _header_text(text: str) -> str:
    """A literal & is written && in Excel's page headers, which hold at most 255 characters
    in all."""
    return " ".join(without_control_characters(text).split())[:200].replace("&", "&&")


def _app_properties(data: bytes) -> bytes:
    """openpyxl names itself as the application in docProps/app.xml; name the app."""
    from xml.sax.saxutils import escape

    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>{escape(APP_NAME)}</Application></Properties>'
    ).encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = app if item.filename == "docProps/app.xml" else source.read(item)
            target.writestr(item, content)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in without_control_characters(title))
    cleaned = cleaned.strip() or "Blad"
    return cleaned[:31]
