"""Attack: texts that a spreadsheet program would run as formulas (issue 11, point 2).

Before: activity titles, responsible names and a plan title starting with + - @ (and =)
were written to CSV as they were and to XLSX as live formulas — `=HYPERLINK(...)` in "Om
planen" B1 ran when the export was opened. Now every such text is a text cell in XLSX
(read back with openpyxl: type "s", quote prefix, no formula) and has an apostrophe before
it in CSV (OWASP's advice); numbers stay numbers, and our own import reads the texts back
as they were typed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.spreadsheets import CsvStyle, Table, csv_bytes, xlsx_bytes
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.plan_import import apply_import, read_plan_file
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database

LINK = '=HYPERLINK("http://example.com/x","Klicka")'
ATTACKS = [LINK, "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "-5"]


def test_xlsx_cells_that_look_like_formulas_are_text(tmp_path: Path) -> None:
    table = Table(
        "Plan",
        ["Aktivitet", "=Rubrik"],
        [[text, 7] for text in ATTACKS] + [["Tal", -5]],
        above=[[LINK]],
        below=["=1+1 under tabellen"],
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes([table])))["Plan"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    for text in [*ATTACKS, LINK, "=Rubrik", "=1+1 under tabellen"]:
        cell = cells[text]
        assert cell.data_type == "s", text  # a text cell, never "f" (formula)
        assert cell.quotePrefix, text  # stays text when edited in Excel
    number = sheet.cell(row=len(ATTACKS) + 3, column=2)
    assert (number.value, number.data_type) == (-5, "n")
    assert not cells["Aktivitet"].quotePrefix  # ordinary text untouched


def test_csv_cells_that_look_like_formulas_get_an_apostrophe() -> None:
    rows = [["Aktivitet", "Framsteg"], *([text, -5] for text in ATTACKS)]
    for style in CsvStyle:
        data = csv_bytes(rows, style)
        text = data.decode("cp1252" if style is CsvStyle.EXCEL_SV else "utf-8-sig")
        read = list(
            csv.reader(io.StringIO(text), delimiter=";" if style is CsvStyle.EXCEL_SV else ",")
        )
        assert [row[0] for row in read[1:]] == ["'" + attack for attack in ATTACKS]
        assert {row[1] for row in read[1:]} == {"-5"}  # a number stays a number
        assert read[0] == ["Aktivitet", "Framsteg"]


@pytest.fixture
def plan_id(db: Database) -> int:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    plan = plans.create_plan(db, group.id, PlanInput(title=LINK))
    area = plan_items.add_area(db, plan.id, AreaInput(title="@Område"))
    for title, responsible in (("+Ring upp", "-Hemtjänsten"), ("-5", "=1+1")):
        plan_items.add_activity(db, area.id, ActivityInput(title=title, responsible=responsible))
    return plan.id


def test_a_plan_export_runs_nothing_and_reads_back_as_typed(
    db: Database, plan_id: int, tmp_path: Path
) -> None:
    data = plan_file_bytes(db, plan_id, ".xlsx")
    book = load_workbook(io.BytesIO(data))
    about = book["Om planen"]
    assert (about["B1"].value, about["B1"].data_type) == (LINK, "s")
    for row in book["Plan"].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    csv_text = plan_file_bytes(db, plan_id, ".csv").decode("cp1252")
    assert "'+Ring upp" in csv_text and "'-Hemtjänsten" in csv_text and "'=1+1" in csv_text
    assert "'@Område" in csv_text
    group_id = plans.get_plan(db, plan_id).group_id
    for suffix, content in ((".xlsx", data), (".csv", csv_text.encode("cp1252"))):
        path = tmp_path / f"export{suffix}"
        path.write_bytes(content)
        preview = read_plan_file(path)
        assert [p for p in preview.problems if p.blocking] == [], suffix
        tree = plan_items.load_tree(db, apply_import(db, group_id, preview).id)
        assert [(a.title, a.responsible) for a in tree.activities] == [
            ("+Ring upp", "-Hemtjänsten"),
            ("-5", "=1+1"),
        ], suffix
        assert [a.title for a in tree.areas] == ["@Område"], suffix


def test_a_formula_in_a_csv_is_still_refused_but_its_quoted_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Område;Aktivitet\r\n1. Vård;=1+1\r\n;'=1+2\r\n", encoding="utf-8")
    preview = read_plan_file(path)
    assert [(p.where, "formel" in p.message) for p in preview.blocking] == [
        ("rad 2, kolumn B", True)
    ]
    assert [a.data.title for a in preview.activities] == ["=1+2"]
