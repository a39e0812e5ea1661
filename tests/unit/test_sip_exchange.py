"""SIP exports (XLSX, CSV in both styles, PDF) and the import of the same layout: round trip,
small-number suppression in what is published, and bad files explained by row and column."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.sip.sip_import import apply_import, preview_import
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 2, 10)


@pytest.fixture
def group_id(db: Database) -> int:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö")).id


def fill(
    db: Database, group_id: int, year: int, number: int, seed: int
) -> dict[tuple[int, int, int], int]:
    """A period where every visible cell holds a count (some small, some not)."""
    setup = sip_setup.get_setup(db, group_id)
    period = sip_periods.create_period(db, group_id, year, number)
    values = {}
    for r, indicator in enumerate(setup.visible_indicators()):
        for c, (unit, target) in enumerate(setup.columns()):
            values[(indicator.id, unit.id, target.id)] = (r * 7 + c * 3 + seed) % 13
    sip_counts.save_counts(db, period.id, dict(values), period.version)
    return values


def all_values(db: Database, group_id: int) -> dict[tuple[dt.date, tuple[int, int, int]], int]:
    found = {}
    for period in sip_periods.list_periods(db, group_id):
        for key, value in sip_counts.load_counts(db, period.id).values.items():
            found[(period.starts_on, key)] = value
    return found


@pytest.mark.parametrize(("suffix", "utf8"), [(".xlsx", False), (".csv", False), (".csv", True)])
def test_export_then_import_into_another_group_gives_the_same_counts(
    db: Database, group_id: int, tmp_path: Path, suffix: str, utf8: bool
) -> None:
    fill(db, group_id, 2024, 1, 1)
    fill(db, group_id, 2024, 2, 5)
    path = tmp_path / f"sip{suffix}"
    path.write_bytes(sip_file_bytes(db, group_id, 2024, suffix, utf8=utf8))
    other = groups.create_group(db, GroupInput(name="Samverkan Ås")).id
    preview = preview_import(db, other, path)
    assert preview.ok, preview.problems
    assert [p.label for p in preview.periods] == ["Kvartal 1 2024", "Kvartal 2 2024"]
    assert all(p.existing_id is None for p in preview.periods)
    assert all_values(db, other) == {}  # a preview writes nothing
    changed = apply_import(db, other, preview)
    assert changed == len(all_values(db, group_id))

    def by_names(gid: int) -> dict[tuple[dt.date, str, str, str], int]:
        setup = sip_setup.get_setup(db, gid)
        codes = {i.id: i.code for i in setup.indicators}
        names = {c.id: c.name for c in (*setup.units, *setup.target_groups)}
        return {
            (day, codes[i], names[u], names[t]): v
            for (day, (i, u, t)), v in all_values(db, gid).items()
        }

    assert by_names(other) == by_names(group_id)
    # importing the same file again changes nothing
    assert preview_import(db, other, path).changed == 0


def test_the_csv_is_swedish_excel_style_by_default(db: Database, group_id: int) -> None:
    fill(db, group_id, 2024, 1, 0)
    data = sip_file_bytes(db, group_id, 2024, ".csv")
    text = data.decode("cp1252")
    assert text.splitlines()[0] == "Period;Från;Till;Indikator;Kod;Enhet;Målgrupp;Antal"
    assert "Kvartal 1 2024;2024-01-01;2024-03-31;Initierade SIP;initiated;Kommunen;" in text
    assert sip_file_bytes(db, group_id, 2024, ".csv", utf8=True).startswith(b"\xef\xbb\xbf")


def test_suppressed_export_hides_small_counts_and_protects_them(
    db: Database, group_id: int
) -> None:
    values = fill(db, group_id, 2024, 1, 2)
    data = sip_file_bytes(db, group_id, 2024, ".xlsx", suppress_below=5)
    book = load_workbook(io.BytesIO(data))
    rows = list(book["SIP-data"].iter_rows(values_only=True))[1:]
    shown = [row[7] for row in rows]
    small = sum(1 for v in values.values() if 0 < v < 5)
    # one sign for every hidden count: "<5" would tell that the count lies in 1–4
    assert shown.count("..") >= small > 0
    assert "<5" not in shown
    assert not any(isinstance(v, int) and 0 < v < 5 for v in shown)
    # the periods' table (Period, Indikator, counts …, Totalt): no row has exactly one
    # hidden cell (the total column included)
    table = [list(r) for r in book["Perioder"].iter_rows(values_only=True)]
    assert table[0][:2] == ["Period", "Indikator"]
    body = [r[2:] for r in table[1:] if r[0] and r[1]]
    assert len(body) == len(sip_setup.get_setup(db, group_id).visible_indicators())
    for cells in body:
        hidden = sum(1 for v in cells if v == "..")
        assert hidden != 1, cells


def test_a_published_file_with_hidden_numbers_is_refused_on_import(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    fill(db, group_id, 2024, 1, 2)
    path = tmp_path / "published.csv"
    path.write_bytes(sip_file_bytes(db, group_id, 2024, ".csv", suppress_below=5))
    other = groups.create_group(db, GroupInput(name="Samverkan Ås")).id
    preview = preview_import(db, other, path)
    assert not preview.ok
    assert any("dolt" in p for p in preview.problems)
    with pytest.raises(DomainError, match="inget importerades"):
        apply_import(db, other, preview)
    assert all_values(db, other) == {}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEAD = ["Period", "Från", "Till", "Indikator", "Kod", "Enhet", "Målgrupp", "Antal"]


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    sip_setup.get_setup(db, group_id)
    q1 = ["", dt.date(2024, 1, 1), dt.date(2024, 3, 31)]
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            HEAD,
            [*q1, "Initierade SIP", None, "Kommunen", "Vuxna", 4],
            [*q1, "SIP-möten som ingen känner", None, "Kommunen", "Vuxna", 2],
            [*q1, "Genomförda SIP-möten", None, "Kommunen", "Vuxna", -1],
            [*q1, "Uppföljda SIP", None, "Kommunen", "Vuxna", 2.5],
            [*q1, "Avslutade SIP", None, "Kommunen", "Vuxna", "många"],
            [*q1, "Avslutade SIP", None, "Kommunen", "Vuxna", 10**9],
            [*q1, "Avslutade SIP", None, "Skolan", "Pensionärer", 1],
            ["", "igår", dt.date(2024, 3, 31), "Avslutade SIP", None, "Kommunen", "Vuxna", 1],
            [
                "",
                dt.date(2024, 1, 1),
                dt.date(2024, 2, 15),
                "Avslutade SIP",
                None,
                "Kommunen",
                "Vuxna",
                1,
            ],
        ],
    )
    preview = preview_import(db, group_id, path)
    text = "\n".join(preview.problems)
    assert "rad 3, kolumn D: okänd indikator ”SIP-möten som ingen känner”" in text
    assert "rad 4, kolumn H: Ett antal kan inte vara negativt" in text
    assert "rad 5, kolumn H: " in text and "har decimaler. Skriv ett heltal." in text
    assert "rad 6, kolumn H: ”många” är inte ett tal" in text
    assert "rad 7, kolumn H: " in text and "för stort" in text
    assert "rad 8, kolumn F: okänd enhet ”Skolan”" in text
    assert "rad 8, kolumn G: okänd målgrupp ”Pensionärer”" in text
    assert "rad 9, kolumn B: ”igår” är inte ett datum" in text
    assert "rad 10, kolumn B: 2024-01-01 – 2024-02-15 är varken" in text
    with pytest.raises(DomainError):
        apply_import(db, group_id, preview)
    assert all_values(db, group_id) == {}


def test_an_import_overlapping_another_period_is_refused(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    sip_setup.get_setup(db, group_id)
    sip_periods.create_period(db, group_id, 2024, 1, PeriodKind.YEAR)
    path = write_xlsx(
        tmp_path / "q.xlsx",
        [HEAD, ["", "2024-04-01", "2024-06-30", "Initierade SIP", None, "Regionen", "Äldre", 3]],
    )
    preview = preview_import(db, group_id, path)
    assert preview.problems == [
        "Kvartal 2 2024 överlappar 2024, som redan finns. Kontrollera datumen."
    ]


def test_a_file_without_the_layout_is_explained(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "other.xlsx", [["Namn", "Telefon"], ["Anna", "123"]])
    with pytest.raises(DomainError, match="Ingen tabell med kolumnerna Period, Från, Till"):
        preview_import(db, group_id, path)


def test_pdf_report_has_the_tables_the_change_and_the_chart_as_text(
    db: Database, group_id: int
) -> None:
    fill(db, group_id, 2023, 1, 4)
    fill(db, group_id, 2024, 1, 1)
    fill(db, group_id, 2024, 2, 3)
    data = sip_file_bytes(db, group_id, 2024, ".pdf", suppress_below=5, today=TODAY)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "SIP-uppföljning 2024" in text
    assert "Samverkan Bergsjö" in text
    assert "Sammanställning 2024" in text
    assert "Förändring" in text
    assert "Kvartal 2 2024" in text
    assert "varav initierade av regionen" in text
    # unit over target group in the head (right-aligned over the numbers)
    assert "Kommunen\n Barn och\n unga" in text
    assert ".." in text and "<5" not in text
    assert "Värden under 5 visas inte (..), men nollor visas." in text
    assert "Utveckling, alla enheter" in text
    assert "K1 2023" in text  # the chart's axis, drawn without Qt
    assert f"Sida 1 av {len(reader.pages)}" in text
    assert reader.metadata is not None and reader.metadata.title == "SIP-uppföljning 2024"


def test_export_refuses_other_file_types(db: Database, group_id: int) -> None:
    with pytest.raises(DomainError, match=r"\.docx"):
        sip_file_bytes(db, group_id, 2024, ".docx")


def test_files_with_the_old_or_new_indicator_names_still_import(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    """The SIP names were put in Swedish word order ("SIP initierade" → "Initierade SIP"):
    a file exported before that, named by indicator only, still imports, and so does a new
    file into a database whose group still has the old name."""
    q1 = ["", dt.date(2024, 1, 1), dt.date(2024, 3, 31)]
    old_file = write_xlsx(
        tmp_path / "old.xlsx",
        [
            HEAD,
            [*q1, "SIP initierade", None, "Kommunen", "Vuxna", 4],
            [*q1, "SIP-möten genomförda", None, "Kommunen", "Vuxna", 3],
        ],
    )
    preview = preview_import(db, group_id, old_file)
    assert preview.problems == []
    apply_import(db, group_id, preview)
    setup = sip_setup.get_setup(db, group_id)
    by_code = {i.code: i for i in setup.indicators}
    assert by_code["initiated"].name_sv == "Initierade SIP"
    assert sorted(all_values(db, group_id).values()) == [3, 4]

    older = groups.create_group(db, GroupInput(name="Samverkan Ås")).id
    initiated = next(i for i in sip_setup.get_setup(db, older).indicators if i.code == "initiated")
    sip_setup.rename_indicator(
        db, initiated.id, "SIP initierade", initiated.name_en, initiated.version
    )
    new_file = write_xlsx(
        tmp_path / "new.xlsx", [HEAD, [*q1, "Initierade SIP", None, "Kommunen", "Vuxna", 6]]
    )
    preview = preview_import(db, older, new_file)
    assert preview.problems == []
    apply_import(db, older, preview)
    assert list(all_values(db, older).values()) == [6]
