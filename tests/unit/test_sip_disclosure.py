"""SIP disclosure control over the whole export (issue 12): the demo's leaks written out by
hand, the audit over every demo year and limit, and random groups of counts.

HYPOTHESIS_PROFILE=long (make test-long) runs many more random groups and every demo year in
every format."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.sip.read_models import HIDDEN
from naravard_desktop.services.sip.sip_audit import audit_file, audit_printed, audit_report
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database, open_database
from tests.db_backends import demo_file

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
DEMO_TODAY = dt.date(2026, 11, 30)  # the day the issue's figures were taken


@pytest.fixture(scope="module")
def demo_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, int]]:
    """A copy of the worker's demo made for DEMO_TODAY, read by the module's tests."""
    folder = tmp_path_factory.mktemp("sip-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NARAVARD_DATA_DIR", str(folder / "data"))
        group = demo_file(request, folder / "demo.sqlite", DEMO_TODAY)
        db = open_database(str(folder / "demo.sqlite"))
        yield db, group.id
        db.dispose()


def _number(value: object) -> int | None:
    return value if isinstance(value, int) else None


_SHEETS: dict[tuple[int, int, int], tuple[dict, dict]] = {}


def _sheets(db: Database, group_id: int, year: int, limit: int) -> tuple[dict, dict]:
    """From the XLSX: {code: summary numbers (None = hidden)} and {(period, code): Totalt}."""
    key = (id(db), year, limit)
    if key not in _SHEETS:
        _SHEETS[key] = _read_sheets(db, group_id, year, limit)
    return _SHEETS[key]


def _read_sheets(db: Database, group_id: int, year: int, limit: int) -> tuple[dict, dict]:
    book = load_workbook(
        io.BytesIO(sip_file_bytes(db, group_id, year, ".xlsx", suppress_below=limit))
    )
    codes = {i.name: i.code for i in sip_setup.get_setup(db, group_id).indicators}
    summary = {}
    for row in book["Sammanställning"].iter_rows(min_row=3, values_only=True):
        if row[0] in codes:
            summary[codes[row[0]]] = [_number(v) for v in row[1:6]]  # K1–K4, the year
    totals = {}
    for row in book["Perioder"].iter_rows(min_row=2, values_only=True):
        if row[1] in codes:
            totals[(row[0], codes[row[1]])] = _number(row[-1])
    return summary, totals


def _quarters_known(summary: dict, totals: dict, year: int, code: str) -> list[int | None]:
    """Each quarter as a reader finds it: in the summary, or else as that quarter's Totalt."""
    known = []
    for number, value in enumerate(summary[code][:4], start=1):
        known.append(value if value is not None else totals.get((f"Kvartal {number} {year}", code)))
    return known


def test_the_issues_leaks_by_subtraction_are_closed(demo_db: tuple[Database, int]) -> None:
    db, group_id = demo_db
    # 2025: Q1 "avslutade" was 31 − 12 − 5 − 11 = 3 (the Q3 page showed its Totalt 5)
    summary, totals = _sheets(db, group_id, 2025, 5)
    quarters = _quarters_known(summary, totals, 2025, "closed")
    assert quarters[0] is None
    assert not (summary["closed"][4] is not None and sum(q is None for q in quarters) == 1)
    # 2023 Q2: "upprättade planer" 4 and "avslutade" 2 came out the same way
    summary, totals = _sheets(db, group_id, 2023, 5)
    for code in ("established", "closed", "relatives_took_part"):
        quarters = _quarters_known(summary, totals, 2023, code)
        assert quarters[1] is None, code
        assert not (summary[code][4] is not None and sum(q is None for q in quarters) == 1), code
    # and no row anywhere in the two sheets is one hidden quarter short of its year
    for year in (2023, 2025, 2026):
        summary, totals = _sheets(db, group_id, year, 5)
        for code in summary:
            quarters = _quarters_known(summary, totals, year, code)
            if summary[code][4] is not None:
                assert sum(q is None for q in quarters) != 1, (year, code)
            assert not any(q is not None and 0 < q < 5 for q in quarters), (year, code)


def test_the_varav_lines_do_not_give_a_hidden_part_away(demo_db: tuple[Database, int]) -> None:
    db, group_id = demo_db
    parts = ["initiated_region", "initiated_municipality", "initiated_school"]
    parts += ["initiated_person", "initiated_other"]
    for year in (2023, 2026):
        summary, _totals = _sheets(db, group_id, year, 5)
        for column in range(5):
            known = [summary[code][column] for code in parts]
            if summary["initiated"][column] is not None:
                assert sum(v is None for v in known) != 1, (year, column)


@pytest.mark.parametrize("limit", [3, 5, 10])
def test_every_demo_year_passes_the_audit(demo_db: tuple[Database, int], limit: int) -> None:
    db, group_id = demo_db
    known: dict = {}  # each year's hidden sums, worked out once (the earliest first)
    for year in range(2023, 2027):
        report = year_report(db, group_id, year, limit, hidden_by_year=known)
        result = audit_report(report)
        assert result.ok, (year, result.findings[:3])
        primary, secondary = report.hidden_counts
        assert primary > 0 and result.hidden == primary + secondary
        assert result.narrowest is not None and result.narrowest.width >= limit
        # nothing small is printed anywhere, and a zero is printed as 0
        printed = [t for at, t in report.printed.items() if at.kind != "change"]
        assert not any(t.isdigit() and 0 < int(t) < limit for t in printed)
        assert "0" in printed


def test_no_export_shows_an_earlier_years_sum_that_years_own_export_hides(
    demo_db: tuple[Database, int],
) -> None:
    """The 2026 export shows 2025's total and the trend's 2024–2025 quarters: each is hidden
    there when the 2025 (or 2024) export hides it, or the two files together would tell."""
    db, group_id = demo_db
    for limit in (3, 5, 10) if LONG else (5,):
        known: dict = {}
        reports = {
            year: year_report(db, group_id, year, limit, hidden_by_year=known)
            for year in range(2023, 2027)
        }
        for year, report in reports.items():
            assert report.suppression is not None
            hidden = report.suppression.hidden
            shown = {k for c, k in report.model.all_units.items() if c not in hidden}
            for earlier in (year - 1, year - 2):
                if earlier in reports:
                    clash = shown & reports[earlier].hidden_sums
                    assert not clash, (limit, year, earlier, sorted(clash)[:3])
        assert any(k[0] == 2025 for k in reports[2026].hidden_sums)


def test_the_audit_catches_a_value_printed_that_gives_another_away(
    demo_db: tuple[Database, int],
) -> None:
    db, group_id = demo_db
    report = year_report(db, group_id, 2025, 5)
    plain = year_report(db, group_id, 2025)
    assert report.suppression is not None
    secondary = next(
        position
        for position, text in report.printed.items()
        if text == HIDDEN and position.kind == "total"
    )
    leaked = dict(report.printed)
    leaked[secondary] = plain.printed[secondary]  # as the old export printed the Q3 page
    result = audit_printed(report, leaked, 5)
    assert not result.ok
    assert any("kan räknas fram" in f.problem or "ringas in" in f.problem for f in result.findings)


def test_each_format_carries_the_note_and_is_audited_when_read_back(
    demo_db: tuple[Database, int], tmp_path: Path
) -> None:
    db, group_id = demo_db
    years = range(2023, 2027) if LONG else [2025]
    limits = (3, 5, 10) if LONG else (5,)
    for year in years:
        for limit in limits:
            report = year_report(db, group_id, year, limit)
            primary, secondary = report.hidden_counts
            note = (
                f"Värden under {limit} visas inte (..), men nollor visas. {primary} värden har "
                f"dolts för att de är små och {secondary} för att de annars kunde räknas fram."
            )
            assert report.note == note
            for suffix in (".xlsx", ".csv"):
                path = tmp_path / f"sip{year}-{limit}{suffix}"
                path.write_bytes(sip_file_bytes(db, group_id, year, suffix, suppress_below=limit))
                result = audit_file(db, group_id, year, path, limit)
                assert result.ok, (year, limit, suffix, result.findings[:3])
            csv_text = (tmp_path / f"sip{year}-{limit}.csv").read_bytes().decode("cp1252")
            assert csv_text.splitlines()[0].strip(";") == note
            assert csv_text.splitlines()[2].startswith("Period;Från;Till;Indikator;Kod;")
            book = load_workbook(tmp_path / f"sip{year}-{limit}.xlsx")
            for sheet in ("Sammanställning", "Perioder"):
                assert note in [row[0] for row in book[sheet].iter_rows(values_only=True)]
            pdf = sip_file_bytes(db, group_id, year, ".pdf", suppress_below=limit, today=DEMO_TODAY)
            text = " ".join(
                (page.extract_text() or "").replace("\n", " ")
                for page in PdfReader(io.BytesIO(pdf)).pages
            )
            assert note.replace(" ", "") in text.replace(" ", "")
            assert "<5" not in text


def test_an_export_is_refused_when_its_audit_fails(
    demo_db: tuple[Database, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from naravard_desktop.services.sip import sip_report, suppression

    db, group_id = demo_db

    # a suppression that hides only the small counts, as each table did on its own before
    def primary_only(
        publication: suppression.Publication, threshold: int, _also: object = ()
    ) -> suppression.Suppression:
        values = [publication.cell_value(c) for c in range(publication.cell_count)]
        small = frozenset(c for c, v in enumerate(values) if 0 < v < threshold)
        return suppression.Suppression(small, frozenset())

    monkeypatch.setattr(sip_report, "protect", primary_only)
    with pytest.raises(DomainError, match="Exporten stoppades: ett dolt antal"):
        sip_file_bytes(db, group_id, 2025, ".csv", suppress_below=5)


# --- random groups of counts ------------------------------------------------------------------

counts = st.one_of(st.integers(0, 4), st.integers(0, 4), st.just(0), st.integers(5, 30))


@st.composite
def groups_of_counts(draw: st.DrawFn) -> dict:
    periods = draw(st.integers(1, 4))
    last_year = draw(st.booleans())
    single_unit = draw(st.booleans())
    seed = draw(st.integers(0, 10_000))
    style = draw(st.sampled_from(["small", "mixed", "one part"]))
    return {
        "periods": periods,
        "last_year": last_year,
        "single_unit": single_unit,
        "seed": seed,
        "style": style,
        "limit": draw(st.sampled_from([3, 5, 10])),
    }


def _fill(
    db: Database, group_id: int, year: int, number: int, rng: random.Random, style: str
) -> None:
    setup = sip_setup.get_setup(db, group_id)
    codes = {i.code: i.id for i in setup.indicators}
    period = sip_periods.create_period(db, group_id, year, number)
    values: dict[tuple[int, int, int], int | None] = {}
    for unit, target in setup.columns():

        def count() -> int:
            if style == "small":
                return rng.choice([0, 0, 1, 2, 3, 4])
            return rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 25])

        column = {code: count() for code in codes}
        parts = ["initiated_region", "initiated_municipality", "initiated_school"]
        parts += ["initiated_person", "initiated_other"]
        if style == "one part":  # a total equal to one of its parts
            for code in parts[1:]:
                column[code] = 0
        column["initiated"] = sum(column[p] for p in parts)
        column["followed_up"] = column["followed_up_on_time"] + column["followed_up_late"]
        for code, value in column.items():
            values[(codes[code], unit.id, target.id)] = value
    sip_counts.save_counts(db, period.id, values, period.version)


@settings(
    max_examples=40 if LONG else 3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(case=groups_of_counts())
def test_random_groups_pass_the_audit_in_every_format(case: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "sip.sqlite"))
        try:
            group = groups.create_group(db, GroupInput(name="Samverkan Prov"))
            rng = random.Random(case["seed"])
            if case["last_year"]:
                _fill(db, group.id, 2024, 1, rng, case["style"])
            for number in range(1, case["periods"] + 1):
                _fill(db, group.id, 2025, number, rng, case["style"])
            if case["single_unit"]:  # its counts stay in the sums, not in the tables
                setup = sip_setup.get_setup(db, group.id)
                sip_setup.set_category_hidden(db, setup.units[-1].id, True, setup.units[-1].version)
            limit = case["limit"]
            report = year_report(db, group.id, 2025, limit)
            result = audit_report(report)
            assert result.ok, result.findings[:3]
            for suffix in (".xlsx", ".csv"):
                path = Path(folder) / f"sip{suffix}"
                path.write_bytes(sip_file_bytes(db, group.id, 2025, suffix, suppress_below=limit))
                assert audit_file(db, group.id, 2025, path, limit).ok
            assert sip_file_bytes(db, group.id, 2025, ".pdf", suppress_below=limit)[:5] == b"%PDF-"
        finally:
            db.dispose()


def test_the_trend_chart_leaves_a_gap_where_a_count_is_hidden() -> None:
    """ReportLab joins the points on either side of a missing value with a straight line,
    which would draw a value where the count is hidden: each unbroken run is its own line."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart

    from naravard_desktop.documents.sip_chart import trend_drawing

    drawing = trend_drawing(
        ["K1", "K2", "K3", "K4", "K5"], [("Initierade SIP", [7, None, 9, 8, None])]
    )
    chart = next(c for c in drawing.contents if isinstance(c, HorizontalLineChart))
    assert chart.data == [[7, None, None, None, None], [None, None, 9, 8, None]]
    assert chart.lines[0].symbol is not None  # a point alone is drawn as a dot
