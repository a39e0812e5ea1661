"""Reading a plan written in Word: the document becomes one sheet of rows in reading order
(each paragraph a row of one cell, each table row a row of cells), so the same layout rules
as for a spreadsheet apply (services/plan/plan_import_rows.py): the heading paragraph before a
table is its area, the column headers of each table are skipped, the first heading is the
title and "Gäller från …, reviderad …" paragraphs give the validity and revision history.

Paragraphs in a Heading (Rubrik) or Title style, or bold throughout, are headings; other
paragraphs are prose: read above the first table for dates, left out between the tables.
List paragraphs inside a cell get a bullet, so that a list in a cell can become one activity
per line.

A .docx is a zip of XML, checked against the same limits as a spreadsheet before
python-docx reads it: the file and its unpacked size, the number of parts, and the table
cells, rows and paragraphs counted in the document's XML; XML that declares entities is
refused.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.spreadsheet_limits import (
    MAX_CELLS,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
)
from naravard_desktop.services.system.spreadsheets import CellValue, Sheet, read_import_file
from naravard_desktop.services.system.xlsx_checks import DAMAGED_OFFICE_FILE, check_xml_parts

log = logging.getLogger(__name__)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCUMENT = "word/document.xml"
_CHUNK = 256 * 1024
_HEADING_STYLES = ("heading", "rubrik", "title", "titel", "överskrift")


@dataclass(frozen=True)
class DocumentSheet(Sheet):
    """A Word document as rows; `prose` holds the rows that are ordinary paragraphs."""

    prose: frozenset[int] = frozenset()
    places: tuple[str, ...] = ()  # per row, how the user finds it: "tabell 2, rad 3"
    levels: dict[int, int] = field(default_factory=dict)  # heading rows → 0 title, 1, 2 …
    lists: bool = False  # no table of activities: the lists under the headings are


def read_docx(path: Path) -> list[Sheet]:
    """The document as one sheet named after the file; DomainError (in the user's language)
    when it cannot be read or passes a limit."""
    data = read_import_file(path)
    if data.startswith(_OLE):
        raise DomainError(
            _(
                "{name} is password-protected or saved in the old Word format (.doc). Open it "
                "in Word, remove the password and save it as .docx."
            ).format(name=path.name)
        )
    try:
        if not data.startswith(_ZIP):
            raise zipfile.BadZipFile("not a zip")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check(archive, path.name)
        import docx

        document = docx.Document(io.BytesIO(data))
        return [_as_sheet(document, path.stem)]
    except DomainError:
        raise
    except MemoryError as error:
        raise DomainError(
            _(
                "{name} could not be read: the computer ran out of memory. Close other "
                "programs and try again."
            ).format(name=path.name)
        ) from error
    except DAMAGED_OFFICE_FILE as error:
        log.info("%s is not a readable DOCX file: %r", path, error)
        raise DomainError(
            _(
                "{name} is not a complete Word document (it may be damaged or cut off). Save "
                "it again in Word as .docx and try again."
            ).format(name=path.name)
        ) from error


def _refused(name: str, reason: str) -> DomainError:
    return DomainError(
        _("{name} cannot be read: {reason}. Correct the file and try again.").format(
            name=name, reason=reason
        )
    )


def _check(archive: zipfile.ZipFile, name: str) -> None:
    """The limits, before python-docx builds anything."""
    members = archive.infolist()
    if len(members) > MAX_PARTS:
        raise _refused(
            name,
            _("it holds {count} parts; at most {limit}").format(
                count=format_number(len(members)), limit=format_number(MAX_PARTS)
            ),
        )
    unpacked = sum(info.file_size for info in members if info.filename.endswith((".xml", ".rels")))
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refused(
            name,
            _("it unpacks to {size} MB of text; at most {limit} MB can be read").format(
                size=format_number(-(-unpacked // (1024 * 1024))),
                limit=format_number(MAX_UNPACKED_BYTES // (1024 * 1024)),
            ),
        )
    check_xml_parts(archive, name)  # every part, whatever prefix its tags use
    if _DOCUMENT not in archive.namelist():
        raise zipfile.BadZipFile("no word/document.xml")
    cells = rows = paragraphs = 0
    tail = b""
    with archive.open(_DOCUMENT) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk  # a tag cut in two by the chunks is found here
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _refused(
                    name, _("it declares its own XML entities, which a document never does")
                )
            cells += _count(window, b"<w:tc") - _count(tail, b"<w:tc")
            rows += _count(window, b"<w:tr") - _count(tail, b"<w:tr")
            paragraphs += _count(window, b"<w:p") - _count(tail, b"<w:p")
            tail = chunk[-16:]
            if cells > MAX_CELLS:
                raise _refused(
                    name,
                    _("its tables have more than {limit} cells").format(
                        limit=format_number(MAX_CELLS)
                    ),
                )
            if rows > MAX_ROWS or paragraphs > MAX_CELLS + MAX_ROWS:  # cells hold paragraphs
                raise _refused(
                    name,
                    _("it has more than {limit} rows and paragraphs").format(
                        limit=format_number(MAX_ROWS)
                    ),
                )


def _count(data: bytes, tag: bytes) -> int:
    return data.count(tag + b">") + data.count(tag + b" ") + data.count(tag + b"/")


@dataclass
class _Block:
    """A paragraph ("heading" with its level, "list" item, "prose") or a "table"."""

    kind: str
    text: str = ""
    level: int = 0
    table: Any = None


def _blocks(document: Any) -> list[_Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[_Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            blocks.append(_Block("table", table=Table(child, document)))
        elif tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if text:
                level = _heading_level(paragraph)
                kind = "heading" if level is not None else "list" if _listed(paragraph) else "prose"
                blocks.append(_Block(kind, text, level or 0))
    return blocks


def _list_areas(blocks: list[_Block]) -> list[int] | None:
    """A document without a table of activities, whose activities are bullet lists under
    headings (as seed 003 lists each strategy's prioritised activities): the headings of the
    highest level with a list in their section become the areas. None when a table has
    the column headers (the tables are read) or there is no list."""
    from naravard_desktop.services.plan.plan_import_model import header_columns

    for block in blocks:
        if block.kind == "table":
            for row in list(block.table.rows)[:3]:
                if "activity" in header_columns([cell.text.strip() for cell in row.cells]):
                    return None
    with_lists: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level == 0:
            continue
        for after in blocks[index + 1 :]:
            if after.kind == "heading" and after.level <= block.level:
                break
            if after.kind == "list":
                with_lists.append(index)
                break
    if not with_lists:
        return None
    top = min(blocks[index].level for index in with_lists)
    return [index for index in with_lists if blocks[index].level == top]


def _as_sheet(document: Any, name: str) -> Sheet:
    blocks = _blocks(document)
    areas = _list_areas(blocks)
    rows: list[list[CellValue]] = []
    emphasis: set[int] = set()
    prose: set[int] = set()
    merged: list[tuple[int, int, int, int]] = []
    places: list[str] = []
    levels: dict[int, int] = {}
    tables = 0
    for index, block in enumerate(blocks):
        if areas and index == areas[0]:  # the lists are the activities: a header for them
            rows.append([_("Activity")])
            places.append("")
        if block.kind != "table":
            listed = areas is not None and index > areas[0] and block.kind == "list"
            if block.kind == "heading" and (areas is None or index in areas or index < areas[0]):
                levels[len(rows)] = block.level
                emphasis.add(len(rows))
            elif not listed:
                prose.add(len(rows))
            rows.append([block.text])
            short = block.text if len(block.text) <= 40 else block.text[:39] + "…"
            places.append(_("the paragraph “{text}”").format(text=short))
            continue
        tables += 1
        for number, table_row in enumerate(block.table.rows, start=1):
            cells = list(table_row.cells)
            values: list[CellValue] = [_cell_text(cell) or None for cell in cells]
            for left, cell in enumerate(cells):
                right = left
                while right + 1 < len(cells) and cells[right + 1]._tc is cell._tc:
                    right += 1
                if right > left and (left == 0 or cells[left - 1]._tc is not cell._tc):
                    merged.append((len(rows), left, len(rows), right))
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
            places.append(_("table {table}, row {row}").format(table=tables, row=number))
    return DocumentSheet(
        name,
        rows,
        merged=tuple(merged),
        emphasis=frozenset(emphasis),
        prose=frozenset(prose),
        places=tuple(places),
        levels=levels,
        lists=areas is not None,
    )


def _heading_level(paragraph: Any) -> int | None:
    """0 for the title, 1, 2 … for Heading 1, 2 …, 9 for a line bold throughout; None for
    any other paragraph."""
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith(("title", "titel")):
        return 0
    if style.startswith(_HEADING_STYLES):
        digits = "".join(ch for ch in style if ch.isdigit())
        return int(digits) if digits else 1
    return 9 if _is_heading(paragraph) else None


def _listed(paragraph: Any) -> bool:
    properties = paragraph._p.pPr
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    numbered = properties is not None and properties.numPr is not None
    return numbered or "list" in style or paragraph.text.strip()[:1] in "•●▪–-*"


def _is_heading(paragraph: Any) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith(_HEADING_STYLES):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _cell_text(cell: Any) -> str:
    """The cell's paragraphs, one per line; list paragraphs (Word's own bullets, which are
    not part of the text) get a "•" so the list can be split."""
    lines: list[str] = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        properties = paragraph._p.pPr
        listed = properties is not None and properties.numPr is not None
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if (listed or "list" in style) and text[0] not in "•-–*":
            text = "• " + text
        lines.append(text)
    return "\n".join(lines)
