"""`export sip` and `import sip` end to end on the demo database, in fresh interpreters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.sip import sip_periods
from naravard_desktop.services.system.database import Database, open_database
from tests.cli_run import run_cli
from tests.db_backends import target_of

run = run_cli


@pytest.mark.demo()
def test_demo_has_four_years_of_counts_at_a_small_municipalitys_scale(
    db: Database, demo_group: GroupData
) -> None:
    today = dt.date.today()
    group = demo_group
    periods = sip_periods.list_periods(db, group.id)
    years = sorted({p.year for p in periods})
    assert years == [today.year - 3, today.year - 2, today.year - 1, today.year]
    assert sum(1 for p in periods if p.year < today.year) == 12
    assert all(p.closed for p in periods if p.year < today.year)
    assert not any(p.closed for p in periods if p.year == today.year)
    assert all(p.starts_on <= today for p in periods)
    from naravard_desktop.services.sip.sip_counts import load_counts

    values = [v for p in periods for v in load_counts(db, p.id).values.values()]
    small = sum(1 for v in values if v <= 10)
    assert small / len(values) > 0.9


@pytest.mark.demo()
def test_export_and_import_sip_from_the_command_line(
    tmp_path: Path, db: Database, demo_group: GroupData, new_database: Callable[[], str]
) -> None:
    database = target_of(db)
    db.dispose()
    year = str(dt.date.today().year - 1)
    xlsx, csv, pdf = tmp_path / "sip.xlsx", tmp_path / "sip.csv", tmp_path / "sip.pdf"
    for target in (xlsx, csv):
        done = run(
            tmp_path, "export", "sip", "--year", year, "--out", target, "--database", database
        )
        assert done.returncode == 0, done.stderr
        assert str(target) in done.stdout
    done = run(
        tmp_path,
        "export",
        "sip",
        "--year",
        year,
        "--out",
        pdf,
        "--suppress-below",
        "5",
        "--database",
        database,
    )
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"SIP-uppföljning {year}" in text and ".." in text and "<5" not in text
    assert "Värden under 5 visas inte (..), men nollor visas." in text
    rows = list(load_workbook(xlsx)["SIP-data"].iter_rows(values_only=True))
    assert rows[0] == ("Period", "Från", "Till", "Indikator", "Kod", "Enhet", "Målgrupp", "Antal")

    # the same demo elsewhere holds the same (closed) periods and counts: nothing changes
    other = new_database()
    assert run(tmp_path, "demo", "--database", other).returncode == 0
    done = run(tmp_path, "import", "sip", csv, "--database", other)
    assert done.returncode == 0, done.stdout
    assert f"Kvartal 4 {year} (befintlig period): 0 celler ändras" in done.stdout

    blank = new_database()
    db = open_database(blank)
    from naravard_desktop.services.group import groups

    groups.create_group(db, GroupInput(name="Samverkan Ås"))
    db.dispose()
    done = run(tmp_path, "import", "sip", csv, "--database", blank)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Provkörning" in done.stdout
    assert f"Kvartal 1 {year} (ny period)" in done.stdout
    done = run(tmp_path, "import", "sip", xlsx, "--apply", "--database", blank)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "celler sparade" in done.stdout
    done = run(tmp_path, "import", "sip", xlsx, "--database", blank)
    assert "0 celler ändras" in done.stdout

    bad = run(
        tmp_path,
        "export",
        "sip",
        "--year",
        year,
        "--out",
        tmp_path / "x.docx",
        "--database",
        database,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("Fel: Välj ett filnamn")


@pytest.mark.demo(dt.date(2026, 11, 30))
def test_audit_sip_passes_an_export_and_catches_a_hidden_count_put_back(
    tmp_path: Path, db: Database, demo_group: GroupData
) -> None:
    database = target_of(db)
    db.dispose()
    published, plain = tmp_path / "sip.xlsx", tmp_path / "plain.xlsx"
    csv = tmp_path / "sip.csv"
    for target, hide in ((published, True), (plain, False), (csv, True)):
        limit = ["--suppress-below", "5"] if hide else []
        done = run(
            tmp_path, "export", "sip", "--year", "2025", "--out", target, *limit,
            "--database", database,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    for target in (published, csv):
        done = run(tmp_path, "audit", "sip", "--year", "2025", target, "--database", database)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Godkänd: inget dolt antal kan räknas fram." in done.stdout
        assert "gräns 5" in done.stdout

    # every ".." in the periods' sheet that hides a count of 5 or more (hidden to protect a
    # small one) is filled in with its value: small counts can be worked out again
    book = load_workbook(published)
    sheet, values = book["Perioder"], load_workbook(plain)["Perioder"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            value = values[cell.coordinate].value
            if cell.value == ".." and isinstance(value, int) and value >= 5:
                cell.value = value
    book.save(published)
    done = run(tmp_path, "audit", "sip", "--year", "2025", published, "--database", database)
    assert done.returncode == 1
    assert "kan räknas fram" in done.stdout or "kan ringas in" in done.stdout
    assert "Underkänd:" in done.stdout

    done = run(
        tmp_path, "audit", "sip", "--year", "2025", tmp_path / "x.pdf", "--database", database
    )
    assert done.returncode == 2 and "kan inte läsas tillbaka" in done.stderr
