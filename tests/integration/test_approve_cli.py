"""`meetings approve` end to end: the same justering rules as the GUI and the services; a
refusal is one line on stderr with exit 1 and leaves the protocol a draft."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from naravard_desktop.db.enums import AttendanceStatus, Role
from naravard_desktop.i18n import format_date
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.meetings import attendance, meetings
from naravard_desktop.services.meetings.read_models import AttendanceInput, MeetingInput
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of

pytestmark = pytest.mark.slow

DAY = dt.date(2024, 5, 17)
AHEAD = dt.date.today() + dt.timedelta(days=60)


@pytest.fixture
def database(tmp_path: Path, db: Database) -> tuple[Path, str, dict[str, int]]:
    """A group with a past meeting, a meeting two months ahead and a past meeting whose chair
    is recorded as absent; returns the commands' folder, the database (file or URL) and
    "past"/"ahead"/"absent_chair" → meeting id."""
    group = groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))
    people = {
        name: add_member(db, group.id, MemberInput(name=name, role=role)).person_id
        for name, role in (("Anna Berg", Role.CHAIR), ("Erik Lund", Role.MEMBER))
    }

    def meeting(day: dt.date) -> int:
        data = MeetingInput(
            held_on=day, chair_id=people["Anna Berg"], adjuster1_id=people["Erik Lund"]
        )
        return meetings.create_meeting(db, group.id, data).id

    ids = {
        "past": meeting(DAY),
        "ahead": meeting(AHEAD),
        "absent_chair": meeting(DAY.replace(day=3)),
    }
    anna = next(
        r for r in attendance.list_attendance(db, ids["absent_chair"]) if r.name == "Anna Berg"
    )
    attendance.set_attendance(db, anna.id, AttendanceInput(AttendanceStatus.ABSENT), anna.version)
    db.dispose()
    return tmp_path, target_of(db), ids


run = run_cli


def approve(
    folder: Path, path: str, meeting_id: int, *extra: str
) -> subprocess.CompletedProcess[str]:
    return run(
        folder,
        "meetings",
        "approve",
        "--meeting",
        str(meeting_id),
        "--by",
        "Anna Berg och Erik Lund",
        *extra,
        "--database",
        path,
    )


def states(folder: Path, path: str) -> dict[int, str]:
    result = run(folder, "meetings", "list", "--json", "--database", path)
    assert result.returncode == 0, result.stderr
    return {row["id"]: row["state"] for row in json.loads(result.stdout)}


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_a_meeting_two_months_ahead_is_refused_and_stays_a_draft(
    database: tuple[Path, str, dict[str, int]],
) -> None:
    folder, path, ids = database
    later = (AHEAD + dt.timedelta(days=2)).isoformat()
    assert refusal(approve(folder, path, ids["ahead"], "--date", later)) == (
        f"Fel: Mötet hålls den {format_date(AHEAD)} och kan inte justeras förrän det har hållits. "
        "Justera protokollet tidigast på mötesdagen."
    )
    assert states(folder, path)[ids["ahead"]] == "utkast"


def test_dates_outside_the_meeting_day_and_today_are_refused(
    database: tuple[Path, str, dict[str, int]],
) -> None:
    folder, path, ids = database
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert refusal(approve(folder, path, ids["past"], "--date", tomorrow.isoformat())).startswith(
        f"Fel: Justeringsdatumet {tomorrow.isoformat()} ligger efter dagens datum"
    )
    assert refusal(approve(folder, path, ids["past"], "--date", "2024-05-16")).startswith(
        "Fel: Justeringsdatumet 2024-05-16 ligger före mötesdagen (17 maj 2024)"
    )
    assert refusal(approve(folder, path, ids["past"], "--date", "2024-13-01")) == (
        "Fel: Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-01-31."
    )
    assert states(folder, path)[ids["past"]] == "utkast"


def test_a_chair_recorded_as_absent_is_refused_by_name(
    database: tuple[Path, str, dict[str, int]],
) -> None:
    folder, path, ids = database
    assert refusal(approve(folder, path, ids["absent_chair"], "--date", "2024-05-10")) == (
        "Fel: Ordföranden Anna Berg är inte antecknad som närvarande: ändra närvaron eller "
        "välj en annan ordförande."
    )
    assert states(folder, path)[ids["absent_chair"]] == "utkast"


def test_a_held_meeting_is_approved_within_the_rules(
    database: tuple[Path, str, dict[str, int]],
) -> None:
    folder, path, ids = database
    done = approve(folder, path, ids["past"], "--date", "2024-05-24")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "Protokollet från mötet den 17 maj 2024 är justerat (version 1, justeringsdatum "
        "2024-05-24)."
    )
    assert states(folder, path)[ids["past"]] == "justerat"
