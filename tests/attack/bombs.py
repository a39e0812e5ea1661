"""Hand-made XLSX files for attack tests: a minimal workbook whose parts are written here, so
a sheet can declare what openpyxl never writes (a cell at XFD2000, a merged range over
billions of cells, a million rows, a 150 MB text). Large parts are streamed into the zip, so
the files stay small on disk and in memory."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def inline(cell: str, text: str) -> str:
    return f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    """Row 1 of a plan: the headers the plan import looks for."""
    return f'<row r="1">{inline("A1", "Område")}{inline("B1", "Aktivitet")}</row>'


def sheet_start(dimension: str = "A1:B2") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>'
    )


def sheet(rows: str, after: str = "", dimension: str = "A1:B2") -> str:
    return f"{sheet_start(dimension)}{rows}</sheetData>{after}</worksheet>"


def write_xlsx(
    path: Path,
    sheet_xml: str | Iterable[str],
    *,
    shared: str | Iterable[str] | None = None,
    styles: str | Iterable[str] | None = None,
    title: str = "Plan",
    sheet_path: str = "xl/worksheets/sheet1.xml",
    book_path: str = "xl/workbook.xml",
) -> Path:
    """A workbook with one sheet (stored at `sheet_path`, under xl/); `sheet_xml`, `shared`
    and `styles` may be iterables of pieces, streamed into the zip (a 150 MB part costs no
    150 MB here)."""
    overrides = [
        (f"/{book_path}", f"{CT}.sheet.main+xml"),
        (f"/{sheet_path}", f"{CT}.worksheet+xml"),
    ]
    folder, base = posixpath.split(book_path)
    relations = [("rId1", "worksheet", posixpath.relpath(sheet_path, folder))]
    if shared is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{CT}.sharedStrings+xml"))
        relations.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    if styles is not None:
        overrides.append(("/xl/styles.xml", f"{CT}.styles+xml"))
        relations.append(("rId3", "styles", "styles.xml"))
    types = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    rels = "".join(
        f'<Relationship Id="{i}" Type="{REL}/{kind}" Target="{target}"/>'
        for i, kind, target in relations
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
            f'"xml" ContentType="application/xml"/>{types}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/officeDocument" Target="{book_path}"/></Relationships>',
        )
        archive.writestr(
            book_path,
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            posixpath.join(folder, "_rels", f"{base}.rels"),
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}'
            "</Relationships>",
        )
        _stream(archive, sheet_path, sheet_xml)
        if shared is not None:
            _stream(archive, "xl/sharedStrings.xml", shared)
        if styles is not None:
            _stream(archive, "xl/styles.xml", styles)
    return path


def _stream(archive: zipfile.ZipFile, name: str, content: str | Iterable[str]) -> None:
    pieces = [content] if isinstance(content, str) else content
    with archive.open(name, "w", force_zip64=True) as target:
        for piece in pieces:
            target.write(piece.encode())


def shared_strings(*texts: str) -> str:
    items = "".join(f"<si><t>{t}</t></si>" for t in texts)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'


def write_word_bomb(path: Path, paragraphs: int = 8_000_000) -> Path:
    """A .docx whose document.xml holds `paragraphs` empty paragraphs, tagged <x:p/> with the
    Word namespace under the prefix x (tens of KB on disk)."""
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<?xml version="1.0"?><x:document xmlns:x="{word}"><x:body>'.encode())
            for _ in range(paragraphs // 100_000):
                part.write(b"<x:p/>" * 100_000)
            part.write(b"</x:body></x:document>")
    return path
