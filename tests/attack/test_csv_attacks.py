"""Attack: CSV files as Excel writes them and as an attacker writes them (issue 11, points 1,
2 and 10). Excel's "Unicode text" is UTF-16 with a byte-order mark and tabs, and was refused as
"inte ett kalkylark"; a field past the csv module's limit surfaced as the English "field
larger than field limit"; the caps of the XLSX reading hold for CSV too."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from naravard_desktop.errors import DomainError
from naravard_desktop.services.plan.plan_import import read_plan_file
from naravard_desktop.services.system.spreadsheet_limits import MAX_CELL_TEXT, MAX_COLUMNS

PLAN = [
    ["Område", "Aktivitet", "Ansvar", "Tidsplan"],
    ["1. Trygg hemgång", "Samordnad utskrivning från slutenvården", "Äldreomsorgen", "Löpande"],
    ["", "Läkemedelsgenomgång för äldre", "Vårdcentralen Ängen", "Hösten 2025"],
]


def table(delimiter: str) -> str:
    return "\r\n".join(delimiter.join(row) for row in PLAN) + "\r\n"


def titles(path: Path) -> list[str]:
    return [activity.data.title for activity in read_plan_file(path).activities]


WANTED = ["Samordnad utskrivning från slutenvården", "Läkemedelsgenomgång för äldre"]


def test_excel_unicode_text_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + table("\t").encode("utf-16-le"))
    assert titles(path) == WANTED


def test_utf16_big_endian(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(codecs.BOM_UTF16_BE + table("\t").encode("utf-16-be"))
    assert titles(path) == WANTED


def test_utf16_without_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(table("\t").encode("utf-16-le"))
    assert titles(path) == WANTED


def test_utf8_with_byte_order_mark_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(codecs.BOM_UTF8 + table(";").encode())
    assert titles(path) == WANTED
    (area,) = read_plan_file(path).areas
    assert area.title == "Trygg hemgång"  # no BOM glued to the first cell


def refused(path: Path) -> str:
    started = time.process_time()
    with pytest.raises(DomainError) as caught:
        read_plan_file(path)
    assert time.process_time() - started < 1.0
    message = str(caught.value)
    assert "field" not in message and "Error" not in message
    return message


def test_a_field_past_the_csv_field_limit_is_explained_in_swedish(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('Område;Aktivitet\r\n1;"' + "x" * 200_000 + '"\r\n', encoding="utf-8")
    message = refused(path)
    assert "rad 2 i filen" in message and "32\u00a0767" in message


def test_an_unclosed_quote_swallowing_the_file(tmp_path: Path) -> None:
    rows = "".join(f"Rad {n};Aktivitet {n}\r\n" for n in range(20_000))
    path = tmp_path / "plan.csv"
    path.write_text('Område;Aktivitet\r\n1;"Början\r\n' + rows, encoding="utf-8")
    message = refused(path)
    assert "kan inte läsas in" in message and "tecken" in message


def test_a_cell_longer_than_excel_holds(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(f"Område;Aktivitet\r\n1;{'ö' * (MAX_CELL_TEXT + 1)}\r\n", encoding="utf-8")
    message = refused(path)
    assert "rad 2, kolumn B" in message and "32\u00a0768" in message


def test_a_million_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"Omr;Aktivitet\r\n" + b"1;a\r\n" * 1_000_000)
    message = refused(path)
    assert "20\u00a0001" in message and "rader" in message


def test_too_many_columns(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;" + ";".join(["x"] * MAX_COLUMNS) + "\r\n", encoding="utf-8")
    message = refused(path)
    assert "rad 1, kolumn GS" in message and "högst 200 kolumner" in message


def test_a_missing_file_and_a_folder_are_named_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="finns inte"):
        read_plan_file(tmp_path / "saknas.csv")
    with pytest.raises(DomainError, match="är en mapp"):
        read_plan_file(tmp_path)
