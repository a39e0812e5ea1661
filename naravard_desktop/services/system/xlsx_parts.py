"""The XML parts of an XLSX file streamed through expat, counting as they come: rows, cells,
merged areas and the text of a cell, refused at the first limit passed
(services/system/spreadsheet_limits.py).

An XLSX is a zip of XML: 1.6 KB can declare a cell at XFD2000 or a merged range over 3
billion cells. The sheet's declared <dimension> is not trusted (it can lie or be missing);
the cells are counted instead. A refusal names the limit and where (sheet and cell) in the
user's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.spreadsheet_limits import (
    MAX_CELL_TEXT,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MERGED_CELLS,
    MAX_PART_ELEMENTS,
    MAX_ROWS,
    column_letter,
)

_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
CHUNK = 64 * 1024


def _column_number(letters: str) -> int:
    from openpyxl.utils import column_index_from_string  # not with the module: 0.5 s

    return int(column_index_from_string(letters.upper()))


_COLUMNS = {column_letter(index): index + 1 for index in range(MAX_COLUMNS)}


def _coordinate(text: str) -> tuple[int, int] | None:
    """ "XFD2000" → (2000, 16384), one-based; None when it is no cell reference."""
    match = _CELL_REFERENCE.match(text.strip())
    if not match:
        return None
    return int(match.group(2)), _column_number(match.group(1))


@dataclass
class SheetScan:
    """What a sheet holds, counted: its extent (one-based) and its merged ranges as
    (min_row, min_col, max_row, max_col), one-based and inclusive."""

    max_row: int = 0
    max_column: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # what openpyxl reads
_ROW, _CELL, _VALUE, _SHARED, _MERGE = (MAIN + tag for tag in ("row", "c", "v", "si", "mergeCell"))


class XmlPart:
    """Streams one XML part through expat (namespace-aware, as openpyxl reads it), refusing
    a DOCTYPE (XLSX has none; entities are how XML bombs grow) and more elements or longer
    text than the limits. Handlers are kept lean: a part may have 500 000 elements."""

    def __init__(self, name: str, where: str) -> None:
        self.name = name  # the file, for messages
        self.where = where  # the sheet (or part) the user knows, for messages
        self.elements = 0
        self.text = 0  # characters of text since the last element began
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.CharacterDataHandler = self._characters
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.buffer_text = True

    def feed(self, stream: IO[bytes]) -> None:
        while chunk := stream.read(CHUNK):
            self.parser.Parse(chunk, False)
        self.parser.Parse(b"", True)
        self.finish()

    def _doctype(self, *_args: object) -> None:
        raise self.refuse(_("it declares its own XML entities, which a spreadsheet never does"))

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        self.text = 0
        if self.elements > MAX_PART_ELEMENTS:
            self.too_many_elements()

    def too_many_elements(self) -> None:
        raise self.refuse(
            _("there are more than {limit} XML elements").format(
                limit=format_number(MAX_PART_ELEMENTS)
            )
        )

    def _characters(self, data: str) -> None:
        """Text of the cells is checked by the sheets and the shared texts; elsewhere (styles,
        properties, drawings) a long text is no danger within the unpacked limit."""

    def finish(self) -> None:
        """Called when the whole part has been read."""

    def refuse(self, reason: str) -> DomainError:
        return DomainError(
            _("{name} cannot be read: {reason} ({where}). Correct the file and try again.").format(
                name=self.name, reason=reason, where=self.where
            )
        )


class SharedTexts(XmlPart):
    """The shared texts: notes which are too long, so the cell using one can be named."""

    def __init__(self, name: str) -> None:
        super().__init__(name, _("the shared texts of the file"))
        self.index = -1
        self.length = 0
        self.too_long: dict[int, int] = {}  # index → length

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if tag == _SHARED:
            self.index += 1
            self.length = 0
        elif self.elements > MAX_PART_ELEMENTS:
            self.too_many_elements()

    def _characters(self, data: str) -> None:
        self.length += len(data)
        if self.length > MAX_CELL_TEXT:
            self.too_long[self.index] = self.length


class Worksheet(XmlPart):
    """Counts rows and cells as openpyxl will number them (a row or cell without its
    reference follows the one before) and checks each merged range's place and area."""

    def __init__(self, name: str, sheet: str, too_long: dict[int, int]) -> None:
        super().__init__(name, _("sheet “{sheet}”").format(sheet=sheet))
        self.scan = SheetScan()
        self.too_long = too_long
        self.rows = self.cells = self.merged_cells = 0
        self.row = self.column = 0
        self.shared = False  # the current cell refers to a shared text
        self.value: list[str] | None = None  # the text of the current <v> when shared

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        self.text = 0
        if self.value is not None:
            self._shared_value()
        if tag == _CELL:
            self._cell(attributes)
        elif tag == _VALUE:
            if self.shared:
                self.value = []
        elif tag == _ROW:
            self._row(attributes.get("r"))
        elif tag == _MERGE:
            self._merged(attributes.get("ref", ""))
        if self.elements > MAX_PART_ELEMENTS:
            self.too_many_elements()

    def _characters(self, data: str) -> None:
        if self.value is not None:
            self.value.append(data)
        self.text += len(data)
        if self.text > MAX_CELL_TEXT:
            self._text_refused(self.text)

    def too_many_elements(self) -> None:
        raise self.refuse(
            _(
                "there is more than can be read: at most {rows} rows and {cells} cells in all"
            ).format(rows=format_number(MAX_ROWS), cells=format_number(MAX_CELLS))
        )

    def finish(self) -> None:
        if self.value is not None:
            self._shared_value()

    def _shared_value(self) -> None:
        text = "".join(self.value or ()).strip()
        self.value = None
        if text.isdigit() and int(text) in self.too_long:
            self._text_refused(self.too_long[int(text)])

    def _text_refused(self, length: int) -> None:
        raise self.refuse(
            _("cell {cell} holds {count} characters; a cell can hold at most {limit}").format(
                cell=self._here(), count=format_number(length), limit=format_number(MAX_CELL_TEXT)
            )
        )

    def _here(self) -> str:
        return f"{column_letter(self.column - 1)}{self.row}"

    def _row(self, reference: str | None) -> None:
        self.rows += 1
        self.row = _whole(reference) if reference else self.row + 1
        self.column = 0
        if self.row > self.scan.max_row:
            self.scan.max_row = self.row
        if self.rows > MAX_ROWS or self.row > MAX_ROWS:
            raise self.refuse(
                _("row {row} is beyond the {limit} rows that can be read").format(
                    row=format_number(self.row) if self.row < 10**9 else (reference or "")[:20],
                    limit=format_number(MAX_ROWS),
                )
            )

    def _cell(self, attributes: dict[str, str]) -> None:
        self.cells += 1
        self.shared = attributes.get("t") == "s"
        reference = attributes.get("r")
        if reference:
            match = _CELL_REFERENCE.match(reference)
            if match is None:
                raise self.refuse(_("“{cell}” is not a cell reference").format(cell=reference[:20]))
            letters, digits = match.groups()
            self.row = int(digits)
            self.column = _COLUMNS.get(letters) or _column_number(letters)
        else:
            self.column += 1
        if self.row > self.scan.max_row:
            self.scan.max_row = self.row
        if self.row > MAX_ROWS:
            raise self.refuse(
                _("cell {cell} is beyond the {limit} rows that can be read").format(
                    cell=self._here(), limit=format_number(MAX_ROWS)
                )
            )
        if self.column > self.scan.max_column:
            if self.column > MAX_COLUMNS:
                raise self.refuse(
                    _(
                        "cell {cell} is beyond column {last}; at most {limit} columns can be read"
                    ).format(
                        cell=self._here(),
                        last=column_letter(MAX_COLUMNS - 1),
                        limit=format_number(MAX_COLUMNS),
                    )
                )
            self.scan.max_column = self.column
        if self.cells > MAX_CELLS:
            raise self.refuse(
                _("there are more than {limit} cells").format(limit=format_number(MAX_CELLS))
            )

    def _merged(self, reference: str) -> None:
        first, _colon, last = reference.partition(":")
        start, end = _coordinate(first), _coordinate(last or first)
        if start is None or end is None:
            raise self.refuse(_("“{range}” is not a range of cells").format(range=reference[:30]))
        top, bottom = sorted((start[0], end[0]))
        left, right = sorted((start[1], end[1]))
        if bottom > MAX_ROWS or right > MAX_COLUMNS:
            raise self.refuse(
                _("the merged cells {range} reach beyond {rows} rows or column {last}").format(
                    range=reference,
                    rows=format_number(MAX_ROWS),
                    last=column_letter(MAX_COLUMNS - 1),
                )
            )
        self.merged_cells += (bottom - top + 1) * (right - left + 1)
        if self.merged_cells > MAX_MERGED_CELLS:
            raise self.refuse(
                _("merged cells (up to {range}) cover more than {limit} cells").format(
                    range=reference, limit=format_number(MAX_MERGED_CELLS)
                )
            )
        self.scan.merged.append((top, left, bottom, right))
        self.scan.max_row = max(self.scan.max_row, bottom)
        self.scan.max_column = max(self.scan.max_column, right)


def _whole(text: str) -> int:
    """A row number as openpyxl reads it ("7", "7.0"); anything else ("inf", "x") is 0."""
    try:
        return int(float(text))
    except (ValueError, OverflowError):
        return 0
