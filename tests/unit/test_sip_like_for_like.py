"""SIP comparisons are like for like (issue 10, defect 3): a year with counts for only some
months is compared with the same months of last year, and the heads say which months; the
year report's summary (read by the SIP PDF and XLSX) and its trend chart say the same."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from pypdf import PdfReader

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.documents.sip_pdf import sip_pdf
from naravard_desktop.documents.sip_tables import sip_xlsx
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.sip import (
    analysis_model,
    sip_analysis,
    sip_counts,
    sip_periods,
    sip_setup,
)
from naravard_desktop.services.sip.analysis_model import bucket_months
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(
        db, GroupInput(name="Samverkan Bergsjö", municipality="Bergsjö kommun", region="Mittland")
    )


def record(
    db: Database,
    group: GroupData,
    year: int,
    number: int,
    held: int,
    kind: PeriodKind | None = None,
) -> None:
    """Held SIP meetings in the first unit and target group of one period."""
    setup = sip_setup.get_setup(db, group.id)
    indicator = next(i.id for i in setup.indicators if i.code == "held")
    unit, target = setup.columns()[0]
    period = sip_periods.create_period(db, group.id, year, number, kind)
    sip_counts.save_counts(db, period.id, {(indicator, unit.id, target.id): held}, period.version)


def held_id(db: Database, group: GroupData) -> int:
    return next(i.id for i in sip_setup.get_setup(db, group.id).indicators if i.code == "held")


@pytest.fixture
def part_year(db: Database, group: GroupData) -> GroupData:
    """The issue's case: 2026 whole (99 held), 2027 only its first quarter (20)."""
    for number, held in enumerate((25, 24, 26, 24), start=1):
        record(db, group, 2026, number, held)
    record(db, group, 2027, 1, 20)
    return group


def summary_row(db: Database, group: GroupData, year: int) -> dict[str, str]:
    report = year_report(db, group.id, year)
    texts = next(t for i, t in report.summary.rows if i.code == "held")
    return dict(zip(report.summary.columns, texts, strict=True))


def test_a_part_year_is_compared_with_the_same_months_of_last_year(
    db: Database, part_year: GroupData
) -> None:
    sums = sip_analysis.load_sums(db, part_year.id)
    compared = sip_analysis.compare(sums, 2027)
    assert (compared.this_label, compared.last_label) == ("Jan–mar 2027", "Jan–mar 2026")
    now, before = compared.values(sums, held_id(db, part_year))
    assert (now, before) == (20, 25)
    assert analysis_model.format_change(now, before) == "−5 (−20 %)"
    assert compared.note() == (
        "Jan–mar 2027 jämfört med jan–mar 2026: de månader båda åren har värden för."
    )


def test_the_year_summary_compares_q1_with_q1_not_with_the_whole_of_last_year(
    db: Database, part_year: GroupData
) -> None:
    row = summary_row(db, part_year, 2027)
    assert row == {
        "K1 2027": "20",
        "Jan–mar 2027": "20",
        "Jan–mar 2026": "25",
        "Förändring": "−5 (−20 %)",
    }  # it said "År 2027" 20, "År 2026" 99, "−79 (−80 %)"


def test_whole_years_are_compared_as_years(db: Database, part_year: GroupData) -> None:
    for number, held in enumerate((30, 20, 25, 25), start=1):
        record(db, part_year, 2025, number, held)
    row = summary_row(db, part_year, 2026)
    assert [row["År 2026"], row["År 2025"], row["Förändring"]] == ["99", "100", "−1 (−1 %)"]
    assert sip_analysis.compare(sip_analysis.load_sums(db, part_year.id), 2026).note() == ""


def test_a_later_start_last_year_compares_only_the_months_both_have(
    db: Database, group: GroupData
) -> None:
    """Counting began in July 2026: 2027's whole year against its second half."""
    record(db, group, 2026, 3, 10)
    record(db, group, 2026, 4, 10)
    for number, held in enumerate((5, 5, 12, 11), start=1):
        record(db, group, 2027, number, held)
    row = summary_row(db, group, 2027)
    assert list(row)[4:] == ["År 2027", "Jul–dec 2027", "Jul–dec 2026", "Förändring"]
    assert [row["År 2027"], row["Jul–dec 2027"], row["Jul–dec 2026"]] == [
        "33",
        "23",
        "20",
    ]
    assert row["Förändring"] == "+3 (+15 %)"


def test_periods_that_do_not_line_up_are_not_compared(db: Database, group: GroupData) -> None:
    """2026 counted as one whole year, 2027 by quarter so far: no like-for-like sum."""
    record(db, group, 2026, 1, 90, PeriodKind.YEAR)
    record(db, group, 2027, 1, 20)
    sums = sip_analysis.load_sums(db, group.id)
    compared = sip_analysis.compare(sums, 2027)
    assert compared.values(sums, held_id(db, group)) == (None, None)
    assert compared.note() == (
        "2027 kan inte jämföras med 2026: åren har inga värden för samma perioder."
    )
    row = summary_row(db, group, 2027)
    assert row["Jan–mar 2027"] == "20" and row["År 2026"] == "90"
    assert row["Förändring"] == ""


def test_a_quarter_holding_only_some_of_its_months_says_so(db: Database, group: GroupData) -> None:
    record(db, group, 2026, 1, 25)
    record(db, group, 2027, 1, 8, PeriodKind.MONTH)
    sums = sip_analysis.load_sums(db, group.id)
    assert sums.label((2026, PeriodKind.QUARTER, 1)) == "K1 2026"
    assert sums.label((2027, PeriodKind.QUARTER, 1)) == "K1 2027 (t.o.m. januari)"
    quarter = sip_analysis.compare(sums, 2027, bucket_months((2027, PeriodKind.QUARTER, 1)))
    assert not quarter.months  # January alone cannot be taken out of last year's quarter
    report = year_report(db, group.id, 2027)
    assert [label for label, _values in report.trend] == ["K1 2026", "K1 2027 (t.o.m. januari)"]


def test_the_pdf_and_the_workbook_show_the_like_for_like_change(
    db: Database, part_year: GroupData
) -> None:
    report = year_report(db, part_year.id, 2027)
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(sip_pdf(report, dt.date(2027, 4, 20)))).pages
    )
    assert "Jan–mar 2026" in text and "−5 (−20 %)" in text
    assert "−79" not in text and "År 2026" not in text
    book = openpyxl.load_workbook(io.BytesIO(sip_xlsx(report)))
    rows = [list(r) for r in book["Sammanställning"].iter_rows(values_only=True)]
    head = rows[1]
    held = next(r for r in rows if r[0] == "Genomförda SIP-möten")
    assert held[head.index("Jan–mar 2026")] == 25
    assert held[head.index("Förändring")] == -5
    assert held[head.index("Förändring (%)")] == pytest.approx(-0.2)
