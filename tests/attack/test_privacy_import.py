"""Attack: a plan file with personnummer in places the import did not look at.

Issue 11, point 4: the import checked only activity titles and descriptions, and only at
--apply; the dry run said "nothing was written" and exit 0. Now every text the import would
store is checked in the preview: the dry run lists field, row and masked number, fails, and
tells how to go on; --apply is refused until a reason is given.

The numbers are invented (dates 18 December 1981 and 12 March 2005, check digits computed).
"""

from __future__ import annotations

from pathlib import Path

from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import plan_import, plans
from naravard_desktop.services.plan.plan_import_model import IdentityProblem
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import PrivacyWarning
from tests.cli_run import run_cli

SPACED = "811218 1238"
CHILD = "0503121238"  # a child's ten digits without dash
WIDE = "８１１２１８－１２３８"  # full-width digits and hyphen


def write_plan(tmp_path: Path) -> Path:
    source = tmp_path / "Handlingsplan.csv"
    source.write_text(
        "Område;Aktivitet;Ansvar;Tidsplan;Uppföljning\n"
        f"1 Kontinuitet för {WIDE};;;;\n"
        f";Fast vårdkontakt;Kurator {SPACED};Hösten 2025;Enkät\n"
        f";Samordnad plan;Områdeschef;Våren 2026;Genomgång av ärende {CHILD}\n",
        encoding="utf-8",
    )
    return source


run = run_cli


def test_the_preview_names_field_row_and_masked_number_of_every_text(tmp_path: Path) -> None:
    preview = plan_import.read_plan_file(write_plan(tmp_path))
    notes = [str(p) for p in preview.problems if isinstance(p, IdentityProblem)]
    assert notes == [
        "rad 2: Område verkar innehålla 1 personnummer (8112**-****).",
        "rad 3: Ansvarig verkar innehålla 1 personnummer (8112** ****).",
        "rad 4: Uppföljning verkar innehålla 1 personnummer (0503******).",
    ]
    assert not any(p.blocking for p in preview.problems)  # importable, with a reason


def test_apply_refuses_until_a_reason_and_then_imports_everything(
    db: Database, tmp_path: Path
) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    preview = plan_import.read_plan_file(write_plan(tmp_path))
    try:
        plan_import.apply_import(db, group.id, preview, f"Plan {SPACED}")
    except PrivacyWarning as warning:
        message = str(warning)
    else:
        raise AssertionError("imported without a question")
    for field in ("Planens rubrik", "Område (rad 2)", "Ansvarig (rad 3)", "Uppföljning (rad 4)"):
        assert field in message
    assert SPACED not in message and plans.list_plans(db, group.id) == []
    plan = plan_import.apply_import(
        db, group.id, preview, f"Plan {SPACED}", privacy_override="Fingerad övningsfil"
    )
    assert (plan.title, plan.activities) == (f"Plan {SPACED}", 2)


def test_the_dry_run_shows_where_and_fails_and_apply_needs_a_reason(tmp_path: Path) -> None:
    source = write_plan(tmp_path)
    dry = run(tmp_path, "import", "plan", source, "--title", f"Plan för {SPACED}")
    assert dry.returncode == 1, dry.stderr
    out = dry.stdout
    assert "Anmärkning: Planens rubrik: Planens rubrik verkar innehålla 1 personnummer" in out
    assert "Anmärkning: rad 3: Ansvarig verkar innehålla 1 personnummer (8112** ****)." in out
    assert "rad 4: Uppföljning" in out and "rad 2: Område" in out
    assert "4 texter verkar innehålla personnummer" in out and "--privacy-reason" in out
    assert SPACED not in out.replace(f"Plan för {SPACED}", "") and CHILD not in out
    reasoned = run(tmp_path, "import", "plan", source, "--privacy-reason", "Övningsfil")
    assert reasoned.returncode == 0, reasoned.stderr
    assert "Provkörning" in reasoned.stdout
