"""The checks that hold an XLSX file (and the XML of any Office file) to the reading limits
before openpyxl or python-docx sees it.

150 KB can unpack to a 150 MB text, and openpyxl builds whatever the XML describes, so the
file is checked first, streaming and stopping at the first limit passed: the unpacked sizes
in the zip directory (which zipfile then enforces while unpacking), then every XML part
(services/system/xlsx_parts.py).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from xml.parsers import expat

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.spreadsheet_limits import (
    MAX_PART_ELEMENTS,
    MAX_PARTS,
    MAX_UNPACKED_BYTES,
)
from naravard_desktop.services.system.xlsx_parts import (
    CHUNK,
    MAIN,
    SharedTexts,
    SheetScan,
    Worksheet,
    XmlPart,
)

# What reading a damaged or cut-off Office file (XLSX, DOCX) can raise, from the zip, the
# XML or the library reading it: each means "not a complete file", said to the user as such.
DAMAGED_OFFICE_FILE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    expat.ExpatError,  # damaged XML, met by our checks
    KeyError,
    OSError,
    EOFError,
    zlib.error,  # a damaged compressed part
    SyntaxError,  # damaged XML inside (xml.etree's ParseError)
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    NotImplementedError,  # a zip feature (compression, version) Python cannot read
    RuntimeError,  # an encrypted zip part
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
            ).format(name=name, count=format_number(len(members)), limit=format_number(MAX_PARTS))
        )
    titles = dict(_sheet_titles(archive, name))
    parts = [i for i in members if i.filename in titles or _is_xml(archive, i)]
    _check_unpacked(parts, name)
    shared = SharedTexts(name)
    sheets: dict[str, SheetScan] = {}
    # The shared texts first, so a sheet can name the cell that uses a too long one.
    parts.sort(key=lambda info: posixpath.basename(info.filename).lower() != "sharedstrings.xml")
    for info in parts:
        path = info.filename
        part: XmlPart
        if posixpath.basename(path).lower() == "sharedstrings.xml":
            part = shared
        elif path in titles or path.startswith("xl/worksheets/"):
            part = Worksheet(name, titles.get(path, posixpath.basename(path)), shared.too_long)
        else:
            part = XmlPart(name, _("part {part} of the file").format(part=path))
        _count_elements(archive, info, part)
        try:
            with archive.open(info) as stream:
                part.feed(stream)
        except expat.ExpatError:
            if path.endswith((".xml", ".rels")) or path in titles:
                raise
            continue  # not XML: openpyxl does not read it either
        if isinstance(part, Worksheet):
            sheets[path] = part.scan
    return sheets


def check_xml_parts(archive: zipfile.ZipFile, name: str) -> None:
    """For any Office file (a Word document too): in every XML part no DOCTYPE and at most
    MAX_PART_ELEMENTS elements, counted whatever prefix the tags use (a 69 KB document of
    eight million <x:p/> kept python-docx busy for minutes). Callers check MAX_PARTS and
    MAX_UNPACKED_BYTES first."""
    for info in archive.infolist():
        if _is_xml(archive, info):
            part = XmlPart(name, _("part {part} of the file").format(part=info.filename))
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
                size=format_number(-(-unpacked // (1024 * 1024))),
                limit=format_number(MAX_UNPACKED_BYTES // (1024 * 1024)),
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


def _count_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part: XmlPart) -> None:
    """A first pass at C speed: every "<" that is no end tag, declaration or comment starts
    an element, so a part with too many is refused before expat spends time on each."""
    count = 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK * 4):
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

    class Book(XmlPart):
        def _start(self, tag: str, attributes: dict[str, str]) -> None:
            super()._start(tag, attributes)
            if tag == MAIN + "sheet":
                rid = next((v for k, v in attributes.items() if k.endswith(" id")), "")
                sheets.append((rid, attributes.get("name", "")))

    class Rels(XmlPart):
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

    class Types(XmlPart):
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
