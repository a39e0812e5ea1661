"""`export report`, `report analysis` and `report adopt` end to end on the demo database, in
fresh interpreters: last year's report as PDF/A and DOCX in Swedish and English, the analysis
stored and printed, the adopted report exported byte for byte as stored; an adopted report
recognised by `verify` and `check`, reopened, adopted again and its first PDF still kept."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf.pdfa
import pytest
from pypdf import PdfReader

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import decisions
from naravard_desktop.services.system.database import Database, open_database
from tests.cli_run import run_cli
from tests.db_backends import target_of


def commands(tmp_path: Path, db: Database) -> Callable[..., tuple[int, str, str]]:
    """Run a command on `db` in a fresh interpreter (`db` let go of first): exit code,
    output and errors."""
    database = target_of(db)
    db.dispose()

    def run(*args: str | Path | int) -> tuple[int, str, str]:
        done = run_cli(tmp_path, *args, "--database", database)
        return done.returncode, done.stdout, done.stderr

    return run


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.mark.demo()
def test_last_years_report_from_the_command_line(
    tmp_path: Path, db: Database, demo_group: GroupData
) -> None:
    year = dt.date.today().year - 1
    item = decisions.list_decisions(db, demo_group.id, year=dt.date.today().year)[0]
    run = commands(tmp_path, db)

    code, _out, err = run(
        "report", "analysis", "--year", year, "--section", "meetings", "--text", "Sex möten."
    )
    assert code == 0, err
    pdf, word, english = tmp_path / "år.pdf", tmp_path / "år.docx", tmp_path / "en.pdf"
    assert run("export", "report", "--year", year, "--out", pdf)[0] == 0
    text = pdf_text(pdf)
    assert f"Årsuppföljning {year}" in text and "Sex möten." in text
    assert pikepdf.pdfa.validate_written(pdf, "2b").passed
    assert run("export", "report", "--year", year, "--out", word)[0] == 0
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert f"Årsuppföljning {year}" in paragraphs and "Sex möten." in paragraphs
    assert run("export", "report", "--year", year, "--out", english, "--lang", "en")[0] == 0
    assert f"Annual follow-up {year}" in pdf_text(english)

    code, out, err = run("report", "adopt", "--year", year, "--item", item.item_id, "--by", "Anna")
    assert code == 0, err
    adopted = tmp_path / "fastställd.pdf"
    assert run("export", "report", "--year", year, "--out", adopted)[0] == 0
    assert hashlib.sha256(adopted.read_bytes()).hexdigest() in out
    assert "Fastställd av" in pdf_text(adopted)
    code, _out, err = run(
        "report", "analysis", "--year", year, "--section", "plan", "--text", "Sent tillägg"
    )
    assert code == 2 and "är fastställd" in err

    code, _out, err = run("export", "report", "--year", 1999, "--out", tmp_path / "1999.pdf")
    assert code == 1 and "Det finns inget att redovisa för 1999" in err
    assert not (tmp_path / "1999.pdf").exists()


def test_adopt_verify_reopen_and_adopt_again_from_the_command_line(
    tmp_path: Path, db: Database
) -> None:
    from tests.unit.approval_setup import DAY, approved_meeting, make_group, raw

    group, people = make_group(db)
    meetings = (
        approved_meeting(db, group, people),
        approved_meeting(db, group, people, DAY + dt.timedelta(days=60)),
    )
    first, second = (
        next(d for d in decisions.list_decisions(db, group.id) if d.meeting_id == meeting)
        for meeting in meetings
    )
    year = DAY.year
    database = target_of(db)
    run = commands(tmp_path, db)

    code, _out, err = run(
        "report", "adopt", "--year", year, "--item", first.item_id, "--by", "Vera"
    )
    assert code == 0, err
    old = tmp_path / "version1.pdf"
    assert run("export", "report", "--year", year, "--out", old)[0] == 0
    code, out, _err = run("verify", old)
    assert code == 0 and f"Årsuppföljningen {year} för Samverkansgrupp Lillsjö (version 1)" in out
    code, out, _err = run("chain")
    assert code == 0 and f"den senaste årsuppföljningen {year} (version 1)" in out

    code, _out, err = run("report", "reopen", "--year", year, "--reason", " ")
    assert code == 2 and "Skriv varför den fastställda rapporten öppnas igen." in err
    code, out, err = run("report", "reopen", "--year", year, "--reason", "Fel antal möten")
    assert code == 0 and "blir det version 2" in out, err
    code, _out, err = run(
        "report", "adopt", "--year", year, "--item", second.item_id, "--by", "Vera"
    )
    assert code == 0, err
    code, out, _err = run("verify", old)
    assert code == 0 and "Den har ersatts av version 2" in out
    kept = tmp_path / "igen.pdf"
    assert run("export", "report", "--year", year, "--out", kept, "--revision", 1)[0] == 0
    assert kept.read_bytes() == old.read_bytes()
    new = tmp_path / "version2.pdf"
    assert run("export", "report", "--year", year, "--out", new)[0] == 0
    assert "därför att: Fel antal möten." in pdf_text(new)
    assert run("check")[0] == 0

    changed = tmp_path / "ändrad.pdf"
    changed.write_bytes(new.read_bytes() + b"\n")
    code, out, _err = run("verify", changed)
    assert code == 1 and "INTE identisk" in out
    reopened = open_database(database)
    try:
        raw(reopened, "UPDATE annual_report_revisions SET adopted_by = 'Någon' WHERE revision = 1")
    finally:
        reopened.dispose()
    code, out, err = run("check")
    assert code == 1
    assert (
        f"Årsuppföljningen {year} för Samverkansgrupp Lillsjö (version 1): fastställelseposten"
        in (out + err)
    )
