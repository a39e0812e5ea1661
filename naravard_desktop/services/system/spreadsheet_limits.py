"""How much of a spreadsheet we read, decided before reading it, and the checks that hold an
XLSX file to it before openpyxl sees a byte.

An XLSX is a zip of XML: 1.6 KB can declare a cell at XFD2000 or a merged range over 3
billion cells, and 150 KB can unpack to a 150 MB text. openpyxl builds whatever the XML
describes, so the file is checked first, streaming and stopping at the first limit passed:
the unpacked sizes in the zip directory (which zipfile then enforces while unpacking), then
every XML part with expat, counting rows, cells, merged areas and text as they come. The
sheet's declared <dimension> is not trusted (it can lie or be missing); the cells are
counted instead. A refusal names the limit and where (sheet and cell) in the user's language.

The limits fit real plans (a few hundred rows, about 20 columns) and the SIP layout (one row
per period, indicator, unit and target group: about 2 200 a year) with generous headroom,
and keep the work small: refusing any file under 10 MB takes well under a second, and
reading one at the limits stays far below 300 MB of memory (benchmarks/spreadsheet_attacks).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

from openpyxl.utils import column_index_from_string, get_column_letter

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number

# --- the limits, in one place -------------------------------------------------------------
MAX_FILE_BYTES = 20 * 1024 * 1024  # the file on disk, XLSX or CSV
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # all XML parts of an XLSX together, unpacked
MAX_ROWS = 20_000  # rows per sheet (counted as they come, not as declared)
MAX_COLUMNS = 200  # column GR
MAX_CELLS = 200_000  # cells per sheet, empty ones written in the file included
MAX_MERGED_CELLS = 200_000  # the cells all merged ranges of a sheet cover together
MAX_CELL_TEXT = 32_767  # characters in one cell: what Excel itself allows
MAX_PART_ELEMENTS = 500_000  # XML elements in any one part (a cell is two: <c><v>)
MAX_PARTS = 2_000  # files inside one XLSX; Excel writes a dozen or two

_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_CHUNK = 64 * 1024


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA" (how users see columns in Excel)."""
    return str(get_column_letter(index + 1))


def _column_number(letters: str) -> int:
    return int(column_index_from_string(letters.upper()))


_COLUMNS = {column_letter(index): index + 1 for index in range(MAX_COLUMNS)}


def _coordinate(text: str) -> tuple[int, int] | None:
    """ "XFD2000" → (2000, 16384), one-based; None when it is no cell reference."""
    match = _CELL_REFERENCE.match(text.strip())
    if not match:
        return None
    return int(match.group(2)), _column_number(match.group(1))


def _number(value: int) -> str:
    return format_number(value)


@dataclass
class SheetScan:
    """What a sheet holds, counted: its extent (one-based) and its merged ranges as
    (min_row, min_col, max_row, max_col), one-based and inclusive."""

    max_row: int = 0
    max_column: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # what openpyxl reads
_ROW, _CELL, _VALUE, _SHARED, _MERGE = (_MAIN + tag for tag in ("row", "c", "v", "si", "mergeCell"))


class _Part:
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
        while chunk := stream.read(_CHUNK):
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
            _("there are more than {limit} XML elements").format(limit=_number(MAX_PART_ELEMENTS))
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


class _SharedStrings(_Part):
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


class _Worksheet(_Part):
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
            ).format(rows=_number(MAX_ROWS), cells=_number(MAX_CELLS))
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
                cell=self._here(), count=_number(length), limit=_number(MAX_CELL_TEXT)
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
                    row=_number(self.row) if self.row < 10**9 else (reference or "")[:20],
                    limit=_number(MAX_ROWS),
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
                    cell=self._here(), limit=_number(MAX_ROWS)
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
                        limit=_number(MAX_COLUMNS),
                    )
                )
            self.scan.max_column = self.column
        if self.cells > MAX_CELLS:
            raise self.refuse(
                _("there are more than {limit} cells").format(limit=_number(MAX_CELLS))
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
                    rows=_number(MAX_ROWS),
                    last=column_letter(MAX_COLUMNS - 1),
                )
            )
        self.merged_cells += (bottom - top + 1) * (right - left + 1)
        if self.merged_cells > MAX_MERGED_CELLS:
            raise self.refuse(
                _("merged cells (up to {range}) cover more than {limit} cells").format(
                    range=reference, limit=_number(MAX_MERGED_CELLS)
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


def check_file_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise DomainError(
            _(
                "{name} is {size} MB; at most {limit} MB can be read. Split it into smaller files."
            ).format(
                name=name,
                size=_number(-(-size // (1024 * 1024))),
                limit=_number(MAX_FILE_BYTES // (1024 * 1024)),
            )
        )


def check_xlsx(archive: zipfile.ZipFile, name: str) -> dict[str, SheetScan]:
    """Refuses (DomainError) a workbook beyond the limits; returns what each worksheet part
    holds, by its path in the zip. Parts that are not XML (pictures, printer settings) are
    never unpacked, whatever their names say."""
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise DomainError(
            _(
                "{name} cannot be read: it holds {count} parts; at most {limit}. Save it again in "
                "Excel and try again."
            ).format(name=name, count=_number(len(members)), limit=_number(MAX_PARTS))
        )
    titles = dict(_sheet_titles(archive, name))
    parts = [i for i in members if i.filename in titles or _is_xml(archive, i)]
    _check_unpacked(parts, name)
    shared = _SharedStrings(name)
    sheets: dict[str, SheetScan] = {}
    # The shared texts first, so a sheet can name the cell that uses a too long one.
    parts.sort(key=lambda info: posixpath.basename(info.filename).lower() != "sharedstrings.xml")
    for info in parts:
        path = info.filename
        part: _Part
        if posixpath.basename(path).lower() == "sharedstrings.xml":
            part = shared
        elif path in titles or path.startswith("xl/worksheets/"):
            part = _Worksheet(name, titles.get(path, posixpath.basename(path)), shared.too_long)
        else:
            part = _Part(name, _("part {part} of the file").format(part=path))
        _count_elements(archive, info, part)
        try:
            with archive.open(info) as stream:
                part.feed(stream)
        except expat.ExpatError:
            if path.endswith((".xml", ".rels")) or path in titles:
                raise
            continue  # not XML: openpyxl does not read it either
        if isinstance(part, _Worksheet):
            sheets[path] = part.scan
    return sheets


def check_xml_parts(archive: zipfile.ZipFile, name: str) -> None:
    """For any Office file (a Word document too): in every XML part no DOCTYPE and at most
    MAX_PART_ELEMENTS elements, counted whatever prefix the tags use (a 69 KB document of
    eight million <x:p/> kept python-docx busy for minutes). Callers check MAX_PARTS and
    MAX_UNPACKED_BYTES first."""
    for info in archive.infolist():
        if _is_xml(archive, info):
            part = _Part(name, _("part {part} of the file").format(part=info.filename))
            _count_elements(archive, info, part)
            with archive.open(info) as stream:
                part.feed(stream)


def _check_unpacked(parts: list[zipfile.ZipInfo], name: str) -> None:
    unpacked = sum(info.file_size for info in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DomainError(
            _(
                "{name} cannot be read: it unpacks to {size} MB of spreadsheet data; "
                "at most {limit} MB can be read. Split it into smaller files and import "
                "them one at a time."
            ).format(
                name=name,
                size=_number(-(-unpacked // (1024 * 1024))),
                limit=_number(MAX_UNPACKED_BYTES // (1024 * 1024)),
            )
        )


def _is_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part starts like XML (what openpyxl could parse), judged by its first bytes
    rather than its name: a sheet can be stored as "image1.png"."""
    with archive.open(info) as stream:
        head = stream.read(16)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or head.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    )


def _count_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part: _Part) -> None:
    """A first pass at C speed: every "<" that is no end tag, declaration or comment starts
    an element, so a part with too many is refused before expat spends time on each."""
    count = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK * 4):
            count += (
                chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            )
            if count > MAX_PART_ELEMENTS:
                part.too_many_elements()


def _sheet_titles(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, str]]:
    """(worksheet path, title) from xl/workbook.xml and its relationships, parsed with the
    same guards, so a bomb there is refused too. Missing parts give nothing."""
    names = set(archive.namelist())
    book_path = _workbook_path(archive, name) or "xl/workbook.xml"
    folder, base = posixpath.split(book_path)
    rels_path = posixpath.join(folder, "_rels", f"{base}.rels")
    if book_path not in names or rels_path not in names:
        return
    sheets: list[tuple[str, str]] = []
    targets: dict[str, str] = {}

    class Book(_Part):
        def _start(self, tag: str, attributes: dict[str, str]) -> None:
            super()._start(tag, attributes)
            if tag == _MAIN + "sheet":
                rid = next((v for k, v in attributes.items() if k.endswith(" id")), "")
                sheets.append((rid, attributes.get("name", "")))

    class Rels(_Part):
        def _start(self, tag: str, attributes: dict[str, str]) -> None:
            super()._start(tag, attributes)
            if tag.endswith(" Relationship"):
                targets[attributes.get("Id", "")] = attributes.get("Target", "")

    for part, path in (
        (Book(name, _("part {part} of the file").format(part=book_path)), book_path),
        (Rels(name, _("part {part} of the file").format(part=rels_path)), rels_path),
    ):
        with archive.open(path) as stream:
            part.feed(stream)
    for rid, title in sheets:
        target = targets.get(rid, "")
        if target.startswith("/"):
            yield target.lstrip("/"), title
        elif target:
            yield posixpath.normpath(posixpath.join(folder, target)), title


def _workbook_path(archive: zipfile.ZipFile, name: str) -> str | None:
    """The workbook part found as openpyxl finds it: the first part [Content_Types].xml
    gives a workbook type (xl/workbook.xml in every file Excel writes)."""
    from openpyxl.xml.constants import XLSM, XLSX, XLTM, XLTX

    path = "[Content_Types].xml"
    if path not in archive.namelist():
        return None
    found: dict[str, str] = {}

    class Types(_Part):
        def _start(self, tag: str, attributes: dict[str, str]) -> None:
            super()._start(tag, attributes)
            if tag.endswith(" Override"):
                kind = attributes.get("ContentType", "")
                found.setdefault(kind, attributes.get("PartName", "").lstrip("/"))

    with archive.open(path) as stream:
        Types(name, _("part {part} of the file").format(part=path)).feed(stream)
    for kind in (XLTM, XLTX, XLSM, XLSX):
        if found.get(kind):
            return posixpath.normpath(found[kind])
    return None
