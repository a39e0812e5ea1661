"""Reading and writing spreadsheets as groups have them (Excel, Swedish CSV, UTF-8 CSV)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from naravard_desktop.documents.spreadsheets import CsvStyle, csv_bytes, xlsx_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.system.spreadsheets import (
    cell_name,
    column_letter,
    excel_serial_to_date,
    read_sheets,
)

ROWS = [
    ["Område", "Aktivitet", "Ansvar", "Tidsplan"],
    ["1. Fast vårdkontakt", "Ta fram rutin för fast vårdkontakt", "Fredagsgruppen", "Löpande"],
    [None, "Följ upp – ”hur gick det?”", "Region; kommun", dt.date(2024, 12, 31)],
]


def test_swedish_excel_csv_round_trip(tmp_path: Path) -> None:
    data = csv_bytes(ROWS, CsvStyle.EXCEL_SV)
    assert b";" in data and "ö".encode("cp1252") in data
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    (sheet,) = read_sheets(path)
    assert sheet.rows[0] == ROWS[0]
    assert sheet.rows[1] == ROWS[1]
    assert sheet.rows[2] == [None, "Följ upp – ”hur gick det?”", "Region; kommun", "2024-12-31"]


def test_utf8_csv_with_bom_and_commas(tmp_path: Path) -> None:
    data = csv_bytes(ROWS, CsvStyle.UTF8)
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    assert read_sheets(path)[0].rows[1][0] == "1. Fast vårdkontakt"


def test_a_cp1252_file_as_excel_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Aktivitet;Ansvar\r\nÅterkoppling;Hälsocentralen\r\n".encode("cp1252"))
    rows = read_sheets(path)[0].rows
    assert rows == [["Aktivitet", "Ansvar"], ["Återkoppling", "Hälsocentralen"]]


def test_xlsx_round_trip_keeps_dates_and_header(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx_bytes([("Plan: 2024/2025", ROWS)]))
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet.title == "Plan- 2024-2025"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet["D3"].number_format == "yyyy-mm-dd"
    (read,) = read_sheets(path)
    assert read.rows[1] == ROWS[1]
    assert read.rows[2][3] == dt.datetime(2024, 12, 31)


def test_merged_cells_repeat_their_value(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Område", "Aktivitet"])
    sheet.append(["Ökad kontinuitet", "Fast läkarkontakt"])
    sheet.append([None, "Fast vårdkontakt"])
    sheet.merge_cells("A2:A3")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    rows = read_sheets(path)[0].rows
    assert rows[2] == ["Ökad kontinuitet", "Fast vårdkontakt"]


def test_a_truncated_xlsx_is_explained(tmp_path: Path) -> None:
    good = xlsx_bytes([("Blad", ROWS)])
    path = tmp_path / "avbruten.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(DomainError, match="inte en fullständig Excel-fil"):
        read_sheets(path)


def test_a_password_protected_workbook_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "hemlig.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DomainError, match="lösenordsskyddad"):
        read_sheets(path)


def test_binary_garbage_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "bild.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    with pytest.raises(DomainError, match="inte ett kalkylark"):
        read_sheets(path)


def test_a_zip_that_is_not_excel(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hej")
    with pytest.raises(DomainError, match="inte en fullständig Excel-fil"):
        read_sheets(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="finns inte"):
        read_sheets(tmp_path / "saknas.xlsx")


def test_cell_names_as_users_see_them() -> None:
    assert [column_letter(i) for i in (0, 2, 25, 26, 27)] == ["A", "C", "Z", "AA", "AB"]
    assert cell_name(11, 2) == "rad 12, kolumn C"
    assert excel_serial_to_date(45000) == dt.date(2023, 3, 15)
