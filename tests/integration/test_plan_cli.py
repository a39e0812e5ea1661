"""The plan commands end to end in a fresh interpreter: demo, plans list, export to PDF and
XLSX, and import (dry run, --apply, refusal with every problem)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of

run = run_cli


def _closed(db: Database) -> str:
    """What --database names for the commands: the demo's copy (the demo command itself is
    tested in test_cli.py), closed here so only the commands use it."""
    db.dispose()
    return target_of(db)


@pytest.mark.slow
@pytest.mark.demo()
def test_demo_list_export_and_import_round_trip(tmp_path: Path, db: Database) -> None:
    database = _closed(db)
    listed = run(tmp_path, "plans", "list", "--json", "--database", database)
    assert listed.returncode == 0, listed.stderr
    [plan] = json.loads(listed.stdout)
    assert plan["areas"] == 5 and plan["activities"] == 17
    assert plan["title"].startswith("Lokal samverkansplan")
    plain = run(tmp_path, "plans", "list", "--database", database)
    assert plain.stdout.startswith(f"{plan['id']}\t{plan['title']}\t")

    pdf = tmp_path / "plan.pdf"
    done = run(
        tmp_path, "export", "plan", "--plan", str(plan["id"]), "--out", pdf, "--database", database
    )
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Ökad kontinuitet" in text and "Sida 1 av" in text

    sheet = tmp_path / "plan.xlsx"
    assert (
        run(
            tmp_path, "export", "plan", "--plan", "1", "--out", sheet, "--database", database
        ).returncode
        == 0
    )
    dry = run(tmp_path, "import", "plan", sheet, "--database", database)
    assert dry.returncode == 0, dry.stderr
    assert "17 aktiviteter" in dry.stdout and "--apply" in dry.stdout
    assert (
        json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)[1:]
        == []
    )
    applied = run(
        tmp_path, "import", "plan", sheet, "--apply", "--title", "Kopia", "--database", database
    )
    assert applied.returncode == 0, applied.stderr
    plans = json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)
    assert sorted((p["title"], p["areas"], p["activities"]) for p in plans)[0] == ("Kopia", 5, 17)


def test_import_preview_counts_in_singular_and_plural(tmp_path: Path) -> None:
    """ "1 område och 1 aktivitet", never "1 områden" or "1 aktiviteter"."""
    one = tmp_path / "en.csv"
    one.write_bytes("Område;Aktivitet\nStöd;Ett\nVård;Två\nVård;Tre\n".encode("cp1252"))
    result = run(tmp_path, "import", "plan", one, "--database", tmp_path / "x.sqlite")
    assert result.returncode == 0, result.stderr
    assert "med 2 områden och 3 aktiviteter." in result.stdout
    assert "Stöd (1 aktivitet)" in result.stdout and "Vård (2 aktiviteter)" in result.stdout


@pytest.mark.slow
@pytest.mark.demo()
def test_import_refuses_a_file_with_problems_and_names_them(tmp_path: Path, db: Database) -> None:
    database = _closed(db)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Aktivitet;Status\nEtt;Pågår\nTvå;kanske\n".encode("cp1252"))
    result = run(tmp_path, "import", "plan", bad, "--apply", "--database", database)
    assert result.returncode == 1
    assert "rad 3, kolumn B" in result.stdout and "Inget importerades" in result.stdout
    plans = json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)
    assert len(plans) == 1
    not_sheet = tmp_path / "bild.png"
    not_sheet.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    refused = run(tmp_path, "import", "plan", not_sheet, "--database", database)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    wrong = run(
        tmp_path,
        "export",
        "plan",
        "--plan",
        "1",
        "--out",
        tmp_path / "x.doc",
        "--database",
        database,
    )
    assert wrong.returncode == 2 and ".pdf" in wrong.stderr
    missing = run(
        tmp_path,
        "export",
        "plan",
        "--plan",
        "99",
        "--out",
        tmp_path / "x.pdf",
        "--database",
        database,
    )
    assert missing.returncode == 2 and "99" in missing.stderr


@pytest.mark.slow
@pytest.mark.demo()
def test_import_with_an_identity_number_needs_a_privacy_reason(
    tmp_path: Path, db: Database
) -> None:
    database = _closed(db)
    source = tmp_path / "plan.csv"
    source.write_text(
        "Område;Aktivitet;Beskrivning\n"
        "1 Kontinuitet;;\n"
        ";Fast vårdkontakt;Gäller 19121212-1212 enligt beslut\n",
        encoding="utf-8",
    )
    refused = run(tmp_path, "import", "plan", source, "--apply", "--database", database)
    assert refused.returncode != 0
    [line] = refused.stderr.splitlines()
    assert "191212**-****" in line and "1212-1212" not in line
    assert "--privacy-reason" in line
    before = json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)

    applied = run(
        tmp_path,
        "import",
        "plan",
        source,
        "--apply",
        "--title",
        "Importerad",
        "--privacy-reason",
        "Fingerat nummer i ett övningsexempel",
        "--database",
        database,
    )
    assert applied.returncode == 0, applied.stderr
    after = json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)
    assert [p["title"] for p in after if p not in before] == ["Importerad"]
    log = (tmp_path / "data" / "naravard.log").read_text("utf-8")
    assert "reason: Fingerat nummer i ett övningsexempel" in log
    assert "1212-1212" not in log
