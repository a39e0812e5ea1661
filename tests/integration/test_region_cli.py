"""`naravard-desktop region` in its own process on three invented groups: a line per group,
or JSON with the same figures as the overview service, small SIP counts hidden."""

from __future__ import annotations

import json
from pathlib import Path

from naravard_desktop.services.group.region import region_overview
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of
from tests.unit.region_setup import YEAR, make_region


def test_region_json_gives_every_groups_figures_with_small_counts_hidden(
    db: Database, tmp_path: Path
) -> None:
    built = make_region(db)
    done = run_cli(tmp_path, "region", "--year", YEAR, "--json", "--database", target_of(db))
    assert done.returncode == 0, done.stderr
    found = {row["id"]: row for row in json.loads(done.stdout)}
    expected = region_overview(db, YEAR)  # seen from today, as the command sees it
    assert list(found) == [g.id for g in expected.groups]
    for group in expected.groups:
        row = found[group.id]
        assert row["name"] == group.name
        assert row["plan"]["title"] == group.plan_title
        assert (row["plan"]["done"], row["plan"]["activities"]) == (group.done, group.activities)
        assert row["overdue_activities"] == group.overdue
        assert row["meetings_held"] == group.meetings_held
        assert row["protocols_awaiting_justering"] == group.awaiting_justering
    lillsjo = found[built.lillsjo]
    assert lillsjo["sip"]["initiated"] == {"value": 12, "hidden": False}
    assert lillsjo["sip"]["held"] == {"value": None, "hidden": True}  # 3 is small
    assert lillsjo["sip"]["followed_up"] == {"value": 0, "hidden": False}
    assert found[built.asberga]["sip"]["initiated"] == {"value": None, "hidden": False}


def test_region_lines_start_with_the_id_and_show_a_hidden_count_as_dots(
    db: Database, tmp_path: Path
) -> None:
    built = make_region(db)
    done = run_cli(tmp_path, "region", "--year", YEAR, "--database", target_of(db))
    assert done.returncode == 0, done.stderr
    lines = {line.split("\t")[0]: line.split("\t") for line in done.stdout.splitlines()}
    assert set(lines) == {str(built.lillsjo), str(built.angsvik), str(built.asberga)}
    lillsjo = lines[str(built.lillsjo)]
    assert lillsjo[1] == "Samverkansgrupp Lillsjö"
    assert lillsjo[-3:] == ["12", "..", "0"]
