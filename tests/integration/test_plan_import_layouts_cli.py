"""`import plan` on a Word plan (seed 000's layout): the dry run says what it understood (the
title and the row it came from, validity, revisions, the tree with counts, the rows left out
and why), and --apply creates exactly that plan."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.test_plan_cli import run
from tests.unit import plan_layout_files as files


def test_import_plan_from_a_word_document(tmp_path: Path, cli_database: str) -> None:
    source = files.jamtland_docx(tmp_path / "Handlingsplan 2024.docx")
    database = cli_database
    dry = run(tmp_path, "import", "plan", source, "--database", database)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == (f"Dokumentet: planen ”{files.J_TITLE}” med 2 områden och 16 aktiviteter.")
    assert lines[1:6] == [
        f"  Rubrik: {files.J_TITLE} (dokumentets första rubrik)",
        "  Gäller: 2021-09-24 – …",
        "  Reviderad: 2022-03-14, 2024-02-09 (Beslut i Fredagsgruppen)",
        f"  {files.J_AREA_1} (8 aktiviteter)",
        f"  {files.J_AREA_2} (8 aktiviteter)",
    ]
    assert "Togs inte med: tabell 2, rad 1: kolumnrubriker igen" in lines
    assert (
        "Togs inte med: stycket ”GODKÄNT AV” – stycket ”2024-03-06”: "
        "text, varken område eller aktivitet" in lines
    )
    applied = run(
        tmp_path, "import", "plan", source, "--apply", "--group", "1", "--database", database
    )
    assert applied.returncode != 0  # no group yet: nothing is created
    run(tmp_path, "demo", "--database", database)
    applied = run(tmp_path, "import", "plan", source, "--apply", "--database", database)
    assert applied.returncode == 0, applied.stderr
    plans = json.loads(run(tmp_path, "plans", "list", "--json", "--database", database).stdout)
    mine = [p for p in plans if p["title"] == files.J_TITLE]
    assert [(p["areas"], p["activities"], p["valid_from"]) for p in mine] == [(2, 16, "2021-09-24")]
