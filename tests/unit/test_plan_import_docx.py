"""Word plans are held to the same reading limits as spreadsheets before python-docx sees
them (the size unpacked, the table cells, XML entities), and refused in Swedish."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import format_number
from naravard_desktop.services.plan.plan_import import read_plan_file
from naravard_desktop.services.system.spreadsheet_limits import MAX_CELLS
from tests.unit import plan_layout_files as files


def _rewritten(source: Path, target: Path, document: bytes, extra: dict[str, bytes]) -> Path:
    """The Word file with its document part replaced and parts added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in original.infolist():
            data = document if info.filename == "word/document.xml" else original.read(info)
            new.writestr(info.filename, data)
        for name, data in extra.items():
            new.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def test_too_many_table_cells_are_refused_before_reading(tmp_path: Path) -> None:
    good = files.jamtland_docx(tmp_path / "plan.docx")
    document = zipfile.ZipFile(good).read("word/document.xml")
    cells = b"<w:tr>" + b"<w:tc><w:p/></w:tc>" * 1000 + b"</w:tr>"
    table = b"<w:tbl>" + cells * (MAX_CELLS // 1000 + 1) + b"</w:tbl>"
    bomb = document.replace(b"<w:body>", b"<w:body>" + table, 1)
    path = _rewritten(good, tmp_path / "celler.docx", bomb, {})
    with pytest.raises(DomainError) as refused:
        read_plan_file(path)
    assert str(refused.value) == (
        f"celler.docx kan inte läsas in: dess tabeller har fler än {format_number(MAX_CELLS)} "
        "celler. Rätta filen och försök igen."
    )


def test_xml_entities_and_huge_parts_are_refused(tmp_path: Path) -> None:
    good = files.jamtland_docx(tmp_path / "plan.docx")
    document = zipfile.ZipFile(good).read("word/document.xml")
    entities = document.replace(
        b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>', 1
    )
    with pytest.raises(DomainError, match="deklarerar egna XML-entiteter"):
        read_plan_file(_rewritten(good, tmp_path / "entiteter.docx", entities, {}))
    padding = {"word/padding.xml": b"<a>" + b" " * (61 * 1024 * 1024) + b"</a>"}
    with pytest.raises(DomainError, match=r"packas upp till 62 MB text; högst 60 MB"):
        read_plan_file(_rewritten(good, tmp_path / "stor.docx", document, padding))


def test_damaged_and_old_word_files_are_explained(tmp_path: Path) -> None:
    good = files.jamtland_docx(tmp_path / "plan.docx")
    cut = tmp_path / "avkortad.docx"
    cut.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(DomainError, match=r"avkortad\.docx är inte ett fullständigt Word-dokument"):
        read_plan_file(cut)
    old = tmp_path / "gammal.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DomainError, match="gamla Word-formatet"):
        read_plan_file(old)


def test_a_problem_in_a_word_table_is_named_by_table_and_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Lokal plan Krokom", level=0)
    document.add_heading("Ökad kontinuitet", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate(
        (
            ("Aktivitet", "Ansvar", "Status"),
            ("Uppföljning av fasta kontakter", "Fredagsgruppen", "kanske"),
            ("Samtal med 19121212-1212 om kontakterna", "Hälsocentralen", "Pågår"),
        )
    ):
        for cell, text in zip(table.rows[row].cells, values, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    preview = read_plan_file(path)
    assert [(p.where, p.blocking) for p in preview.problems] == [
        ("tabell 1, rad 2", True),
        ("tabell 1, rad 3", False),
    ]
    assert preview.plan.title == "Lokal plan Krokom"
