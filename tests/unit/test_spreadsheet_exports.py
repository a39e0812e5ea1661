"""The plan and SIP exports as an Excel user opens them: the header row frozen under any title,
a filter on each table, printing on A4 landscape across one page width with the header on
every page, long text wrapped in columns of a readable width, numbers as numbers, sub-rows
indented by the cell (not by spaces), the app as the author, and CSV rows of one width.
Every test opens the bytes the services write, with openpyxl or csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from naravard_desktop import i18n
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.plan_import import apply_import, read_plan_file
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput, PlanTree
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 3, 1)
APP = "naravard-desktop"


pytestmark = pytest.mark.demo(TODAY)  # `db`: a private copy of the demo made for TODAY


@pytest.fixture
def demo(demo_group: GroupData) -> GroupData:
    return demo_group


@pytest.fixture
def plan_id(db: Database, demo: GroupData) -> int:
    [plan] = plans.list_plans(db, demo.id)
    return plan.id


def book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def plan_book(db: Database, plan_id: int) -> Workbook:
    return book(plan_file_bytes(db, plan_id, ".xlsx", TODAY))


def sip_book(db: Database, group: GroupData, suppress_below: int | None = 5) -> Workbook:
    return book(sip_file_bytes(db, group.id, 2024, ".xlsx", suppress_below=suppress_below))


def values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def header_row(sheet: Worksheet, first: str) -> int:
    """The spreadsheet row (1-based) whose first cell is the heading `first`."""
    for number, row in enumerate(values(sheet), start=1):
        if row and row[0] == first:
            return number
    raise AssertionError(f"no row starting with {first!r} on {sheet.title}")


def table_sheets(db: Database, plan_id: int, group: GroupData) -> list[tuple[Worksheet, int]]:
    """Every table sheet of both exports with the row of its column headings."""
    plan = plan_book(db, plan_id)
    sip = sip_book(db, group)
    return [
        (plan["Plan"], header_row(plan["Plan"], "Nr")),
        (sip["SIP-data"], header_row(sip["SIP-data"], "Period")),
        (sip["Sammanställning"], header_row(sip["Sammanställning"], "Indikator")),
        (sip["Perioder"], header_row(sip["Perioder"], "Period")),
    ]


def test_the_header_row_is_frozen_not_the_title(
    db: Database, plan_id: int, demo: GroupData
) -> None:
    sheets = table_sheets(db, plan_id, demo)
    summary = sheets[2][0]
    assert summary["A1"].value == "Sammanställning 2024"  # the title stays above the table
    assert sheets[2][1] == 2
    for sheet, header in sheets:
        assert sheet.freeze_panes is not None, sheet.title
        _column, row = coordinate_from_string(sheet.freeze_panes)
        assert row == header + 1, sheet.title  # scrolling keeps the headings in view
        assert all(cell.font.bold for cell in sheet[header] if cell.value is not None)


NOTE = "Värden under 5 visas inte (..), men nollor visas."


def test_each_table_has_a_filter_over_its_rows_and_not_the_notes_below(
    db: Database, plan_id: int, demo: GroupData
) -> None:
    for sheet, header in table_sheets(db, plan_id, demo):
        assert sheet.auto_filter.ref, sheet.title
        first_col, first_row, last_col, last_row = range_boundaries(sheet.auto_filter.ref)
        rows = values(sheet)
        width = max(len([v for v in rows[header - 1] if v is not None]), 1)
        assert (first_col, first_row, last_col) == (1, header, width), sheet.title
        body = rows[header:last_row]
        assert body and all(any(v is not None for v in row) for row in body), sheet.title
        after = rows[last_row:]
        # only an empty line and the note on what was hidden ("..") follow the table
        assert all(row[0] is None or str(row[0]).startswith(NOTE) for row in after)
    summary = sip_book(db, demo)["Sammanställning"]
    notes = [row[0] for row in values(summary) if str(row[0]).startswith(NOTE)]
    assert len(notes) == 1


def test_printing_is_a4_landscape_one_page_wide_with_the_header_on_every_page(
    db: Database, plan_id: int, demo: GroupData
) -> None:
    for sheet, header in table_sheets(db, plan_id, demo):
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9  # A4
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows.replace("$", "") == f"{header}:{header}"
        assert "Sida &P av &N" in sheet.oddFooter.center.text
    plan = plan_book(db, plan_id)
    assert "Lokal samverkansplan 2024–2026" in plan["Plan"].oddHeader.left.text
    about = plan["Om planen"]  # not a table: printed on A4, but nothing to filter or freeze
    assert int(about.page_setup.paperSize) == 9  # A4
    assert not about.auto_filter.ref


def test_long_text_wraps_in_columns_of_a_readable_width(db: Database, plan_id: int) -> None:
    sheet = plan_book(db, plan_id)["Plan"]
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert widths and max(widths.values()) <= 50
    heads = {cell.value: cell.column_letter for cell in sheet[1]}
    activity = heads["Aktivitet"]
    long_cells = [
        cell
        for cell in sheet[activity][1:]
        if isinstance(cell.value, str) and len(cell.value) > widths[activity]
    ]
    assert long_cells, "the demo plan has activities longer than the column"
    for cell in long_cells:
        assert cell.alignment.wrap_text, cell.coordinate
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None:
                assert cell.alignment.vertical == "top", cell.coordinate
    # short columns stay narrow
    assert widths[heads["Nr"]] <= 8
    assert widths[heads["Status"]] <= 15


def test_numbers_are_numbers_and_suppressed_cells_stay_text(
    db: Database, plan_id: int, demo: GroupData
) -> None:
    plan = values(plan_book(db, plan_id)["Plan"])
    numbers = [row[0] for row in plan[1:] if row[0] is not None]
    assert numbers == [1, 2, 3, 4, 5]  # "Nr", not the text "1"
    progress = [row[9] for row in plan[1:] if row[2] is not None]
    assert progress and all(isinstance(v, int) for v in progress)
    sip = sip_book(db, demo)
    data = [row[7] for row in values(sip["SIP-data"])[1:]]
    assert any(isinstance(v, int) and v >= 5 for v in data)
    assert {v for v in data if isinstance(v, str)} == {".."}  # one sign for every hidden count
    summary = sip["Sammanställning"]
    rows = values(summary)
    head = rows[1]
    change = head.index("Förändring")
    percent = head.index("Förändring (%)")
    first = rows[2]  # Initierade SIP 2024 against 2023
    assert first[0] == "Initierade SIP"
    year, before = first[head.index("År 2024")], first[head.index("År 2023")]
    assert isinstance(year, int) and isinstance(before, int)
    assert first[change] == year - before
    assert first[percent] == pytest.approx((year - before) / before)
    assert "%" in summary.cell(row=3, column=percent + 1).number_format
    # a change that would give away a hidden count stays empty
    for row in rows[2:]:
        if row[0] and ("<5" in row[1:] or ".." in row[1:]) and not isinstance(row[change], int):
            assert row[change] is None and row[percent] is None


def test_sub_rows_are_indented_by_the_cell_not_by_spaces(db: Database, demo: GroupData) -> None:
    for name in ("Sammanställning", "Perioder"):
        sheet = sip_book(db, demo)[name]
        column = 1 if name == "Sammanställning" else 2
        [cells_of_column] = sheet.iter_cols(min_col=column, max_col=column)
        cells = {cell.value: cell for cell in cells_of_column if isinstance(cell.value, str)}
        assert not any(text.startswith(" ") for text in cells)
        sub = cells["varav initierade av regionen"].alignment
        assert (sub.indent, sub.horizontal) == (1, "left")  # Excel indents left-aligned text
        assert cells["Initierade SIP"].alignment.indent == 0


def test_sub_areas_are_indented_numbers_like_a_stay_text_and_the_import_reads_it_back(
    tmp_path: Path, db: Database, demo: GroupData
) -> None:
    skane = plans.create_plan(
        db, demo.id, PlanInput(title="Skåne", valid_from=TODAY), template_key="skane"
    )
    tree = plan_items.load_tree(db, skane.id)
    sub = plan_items.add_area(
        db, skane.id, AreaInput(title="Uppföljning", number="1 a"), tree.areas[0].id
    )
    plan_items.add_activity(db, sub.id, ActivityInput(title="Mät kontinuitet"))
    data = plan_file_bytes(db, skane.id, ".xlsx", TODAY)
    sheet = book(data)["Plan"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value is not None}
    assert rows[1][1].value == "Personcentrerat arbets- och förhållningssätt"
    assert rows[1][1].alignment.indent == 0
    assert rows["a)"][1].alignment.indent == 1  # a sub-area, indented under its area
    assert rows["1 a"][1].value == "Uppföljning"  # "1 a" is not a number
    assert isinstance(rows[6][0].value, int)
    # "1" and "a)" line up at the left of the Nr column
    assert {rows[key][0].alignment.horizontal for key in (1, "a)", "1 a")} == {"left"}
    path = tmp_path / "Skåne.xlsx"
    path.write_bytes(data)
    preview = read_plan_file(path)
    assert preview.problems == []
    again = plan_items.load_tree(db, apply_import(db, demo.id, preview).id)

    def shape(tree: PlanTree) -> list[tuple[str, str, bool]]:
        return [(a.number, a.title, a.parent_id is None) for a in tree.areas]

    assert shape(again) == shape(plan_items.load_tree(db, skane.id))
    assert [a.title for a in again.activities] == ["Mät kontinuitet"]


def test_the_app_is_the_author_and_the_document_has_a_title(
    db: Database, plan_id: int, demo: GroupData
) -> None:
    plan_data = plan_file_bytes(db, plan_id, ".xlsx", TODAY)
    sip_data = sip_file_bytes(db, demo.id, 2024, ".xlsx")
    for data, title in (
        (plan_data, "Lokal samverkansplan 2024–2026"),
        (sip_data, "SIP-uppföljning 2024"),
    ):
        properties = book(data).properties
        assert properties.creator == APP
        assert properties.lastModifiedBy == APP
        assert properties.title == title
        assert properties.language == "sv"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for part in ("docProps/core.xml", "docProps/app.xml"):
                assert b"openpyxl" not in archive.read(part).lower(), part


def test_an_english_export_is_english_throughout_and_reads_back(
    tmp_path: Path, db: Database, plan_id: int, demo: GroupData
) -> None:
    with i18n.use_language("en"):
        data = plan_file_bytes(db, plan_id, ".xlsx", TODAY)
    workbook = book(data)
    assert workbook.sheetnames == ["Plan", "About the plan"]
    sheet = workbook["Plan"]
    assert sheet["A1"].value == "No."
    assert "Page &P of &N" in sheet.oddFooter.center.text
    about = values(workbook["About the plan"])
    assert [row[0] for row in about[:4]] == ["Title", "Valid from", "Valid to", "State"]
    assert about[3][1] == "Adopted"
    assert {row[0] for row in about[4:]} == {"Revised"}
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    preview = read_plan_file(path)  # read in Swedish, as the app runs
    assert preview.problems == []
    original = plans.get_plan(db, plan_id)
    assert (preview.plan.title, preview.plan.valid_from, preview.plan.valid_to) == (
        original.title,
        original.valid_from,
        original.valid_to,
    )
    assert preview.plan.state is original.state
    assert len(preview.activities) == len(plan_items.load_tree(db, plan_id).activities)


@pytest.mark.parametrize("utf8", [False, True])
def test_csv_rows_all_have_the_width_of_the_header(
    db: Database, plan_id: int, demo: GroupData, utf8: bool
) -> None:
    from naravard_desktop.documents.plan_xlsx import plan_csv
    from naravard_desktop.documents.spreadsheets import CsvStyle

    style = CsvStyle.UTF8 if utf8 else CsvStyle.EXCEL_SV
    plan = plan_csv(plan_items.load_tree(db, plan_id), style, plans.get_plan(db, plan_id))
    sip = sip_file_bytes(db, demo.id, 2024, ".csv", utf8=utf8)
    if not utf8:
        assert plan == plan_file_bytes(db, plan_id, ".csv", TODAY)
    tables = []
    for data in (plan, sip):
        text = data.decode("utf-8-sig" if utf8 else "cp1252")
        rows = list(csv.reader(io.StringIO(text), delimiter="," if utf8 else ";"))
        assert len(rows) > 5
        assert {len(row) for row in rows} == {len(rows[0])}
        tables.append(rows)
    area = next(row for row in tables[0] if row[0] == "1")  # an area row, padded
    assert area[1:4] == ["Ökad delaktighet", "", "Jag är informerad, kan påverka och är delaktig."]
    assert area[4:] == [""] * 7


def test_only_whole_numbers_become_numbers() -> None:
    from naravard_desktop.documents.spreadsheets import as_number

    assert [as_number(t) for t in ("12", "0", " 7 ")] == [12, 0, 7]
    for text in ("1 a", "a)", "1.2", "01", "<5", "..", "-3", "1e3", "12 %"):
        assert as_number(text) == text
    assert as_number("") is None


def test_a_plain_table_gets_the_same_layout() -> None:
    from naravard_desktop.documents.spreadsheets import xlsx_bytes

    rows = [["Aktivitet", "Ansvar"], ["Kartlägg & följ upp", "Region"]]
    workbook = book(xlsx_bytes([("Plan", rows)], title="Handlingsplan R&D"))
    sheet = workbook["Plan"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B2"
    assert sheet.oddHeader.left.text == "Handlingsplan R&&D"  # a literal & in a page header
    assert workbook.properties.creator == APP and workbook.properties.title == "Handlingsplan R&D"
