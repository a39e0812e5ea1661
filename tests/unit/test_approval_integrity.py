"""Forgery that cannot go unnoticed (issue 15, points 1 and 2): `check` recomputes every
stored protocol's checksum, compares an approved meeting's data with the hash stored at
approval and walks the group's chain of approvals; `verify` rejects a PDF that matches an
altered record; the Word file of an approved protocol is refused when the data changed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from naravard_desktop.documents import meeting_files
from naravard_desktop.documents.meeting_files import protocol_bytes
from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.errors import DomainError
from naravard_desktop.services.meetings import actions, agenda, approval
from naravard_desktop.services.meetings.approval_record import chain_code, head_of
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.meetings.read_models import ActionInput
from naravard_desktop.services.meetings.verification import verify_file
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import DAY, approved_meeting, make_group, raw


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _problems(db: Database) -> list[str]:
    report = maintenance.check_database(db)
    assert report.ok == (not report.problems)
    return report.problems


def test_an_untouched_approval_checks_clean(db: Database) -> None:
    group, people = make_group(db)
    approved_meeting(db, group, people)
    report = maintenance.check_database(db)
    assert report.ok and report.problems == [] and report.notes == []


def test_the_forgery_of_the_issue_is_reported_by_check_and_rejected_by_verify(db: Database) -> None:
    """Change a decision of an approved meeting, re-render with the app's code, store the new
    PDF and its hash: everything a careful tester did against the old version."""
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    genuine = approval.stored_pdf(db, meeting_id)
    assert genuine is not None
    raw(
        db,
        "UPDATE agenda_items SET decision = :new WHERE decision = :old",
        new="Gruppen beslutar att avslå handlingsplanen.",
        old="Gruppen beslutar att anta handlingsplanen.",
    )
    forged = protocol_pdf(protocol_data(db, meeting_id))
    assert "avslå" in _text(forged)
    raw(
        db,
        "UPDATE protocol_revisions SET pdf = :pdf, sha256 = :sha256",
        pdf=forged,
        sha256=approval.sha256_of(forged),
    )

    problems = _problems(db)
    assert any("uppgifter" in p and f"id {meeting_id}" in p for p in problems), problems
    assert any("justeringsposten" in p for p in problems), problems
    found = approval.verify_pdf(db, forged)
    assert found is not None and found.problems
    assert "INTE det justerade protokollet" in approval.describe_verification(found)
    with pytest.raises(DomainError, match="Word"):
        protocol_bytes(db, meeting_id, ".docx")
    # The genuine archived PDF is recognised by the approval record it was made for.
    genuine_check = verify_file(db, genuine)
    assert not genuine_check.ok
    assert "gjordes för exakt den här filen" in genuine_check.lines[-1]


def test_only_the_stored_hash_changed_is_reported(db: Database) -> None:
    group, people = make_group(db)
    approved_meeting(db, group, people)
    raw(db, "UPDATE protocol_revisions SET sha256 = :sha256", sha256="0" * 64)
    assert any("kontrollsumma" in p for p in _problems(db))


def test_the_pdf_bytes_changed_at_the_same_size_are_reported(db: Database) -> None:
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    pdf = approval.stored_pdf(db, meeting_id)
    assert pdf is not None
    raw(db, "UPDATE protocol_revisions SET pdf = :pdf", pdf=pdf[:-10] + b"tampered!!")
    assert any("kontrollsumma" in p for p in _problems(db))


def test_a_changed_decision_alone_is_reported_and_refuses_the_word_file(db: Database) -> None:
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    assert protocol_bytes(db, meeting_id, ".docx").startswith(b"PK")
    raw(db, "UPDATE agenda_items SET decision = 'Ändrat i efterhand' WHERE decision <> ''")
    (problem,) = _problems(db)
    assert "stämmer inte längre" in problem and DAY.strftime("%Y") in problem
    with pytest.raises(DomainError, match="PDF"):
        protocol_bytes(db, meeting_id, ".docx")
    # The PDF is still the stored one, byte for byte.
    assert protocol_bytes(db, meeting_id, ".pdf") == approval.stored_pdf(db, meeting_id)


def test_each_protocol_prints_the_previous_chain_code_and_check_walks_the_chain(
    db: Database,
) -> None:
    group, people = make_group(db)
    first = approved_meeting(db, group, people)
    head = head_of(db, group.id)
    assert head.meeting_id == first and head.length == 1
    assert len(head.code) == 19 and head.code.count("-") == 3
    first_pdf = approval.stored_pdf(db, first)
    assert first_pdf is not None and "Föregående justering" not in _text(first_pdf)

    second = approved_meeting(db, group, people, DAY + dt.timedelta(days=28))
    second_pdf = approval.stored_pdf(db, second)
    assert second_pdf is not None
    assert f"Föregående justering {head.code}" in _text(second_pdf)
    assert head_of(db, group.id).meeting_id == second
    assert _problems(db) == []

    # Deleting the first approval breaks the link of the second.
    raw(db, "DELETE FROM protocol_revisions WHERE meeting_id = :first", first=first)
    problems = _problems(db)
    assert any("kedjan" in p.lower() and head.code in p for p in problems), problems


def test_rewriting_an_old_approval_breaks_its_record(db: Database) -> None:
    group, people = make_group(db)
    first = approved_meeting(db, group, people)
    approved_meeting(db, group, people, DAY + dt.timedelta(days=28))
    raw(
        db,
        "UPDATE protocol_revisions SET approved_by = 'Någon annan' WHERE meeting_id = :first",
        first=first,
    )
    assert any(f"id {first}" in p for p in _problems(db))


def test_approvals_from_before_the_check_are_a_note_not_a_forgery(db: Database) -> None:
    """What the 0004 migration leaves for existing protocols: no data hash, no chain."""
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    raw(
        db,
        "UPDATE protocol_revisions SET data_sha256 = NULL, chain_previous = NULL, "
        "chain_hash = NULL",
    )
    report = maintenance.check_database(db)
    assert report.ok, report.problems
    assert report.notes == [
        "1 protokoll justerades innan de här kontrollerna fanns: bara dess PDF-kontrollsumma "
        "kontrollerades, inte dess data eller justeringskedja."
    ]
    assert protocol_bytes(db, meeting_id, ".docx").startswith(b"PK")
    # The next approval starts the chain; the old protocol prints no code.
    assert head_of(db, group.id).code == ""
    approved_meeting(db, group, people, DAY + dt.timedelta(days=28))
    assert maintenance.check_database(db).ok
    assert chain_code(None) == ""


def test_follow_up_after_approval_is_not_reported(db: Database) -> None:
    """An action of the approved meeting marked done later, with an earlier date, and a new
    meeting planned: follow-up, not a change of the approved protocol."""
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people, action="Nils Ågren skickar planen")
    (action,) = [
        a
        for item in agenda.list_items(db, meeting_id)
        for a in actions.actions_of_item(db, item.id)
    ]
    actions.update_action(
        db,
        action.id,
        ActionInput(
            action.what, action.who, action.due_on, done=True, done_on=DAY + dt.timedelta(days=1)
        ),
        action.version,
    )
    approved_meeting(db, group, people, DAY + dt.timedelta(days=28))
    assert _problems(db) == []


def test_a_legitimate_correction_is_not_reported(db: Database) -> None:
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    approval.start_correction(db, meeting_id, "Fel i beslutet")
    item = agenda.list_items(db, meeting_id)[-1]
    agenda.save_text(db, item.id, "decision", "Gruppen beslutar att anta planen med ändringar.")
    meeting_files.approve(db, meeting_id, "Vera Lindqvist", DAY + dt.timedelta(days=10))
    assert _problems(db) == []
    assert head_of(db, group.id).length == 2


def test_a_database_approved_before_0004_upgrades_and_checks_with_a_note(
    tmp_path: Path,
) -> None:
    """A real approval made at schema 0003 (the 0004 columns taken away by its downgrade),
    then opened by this version: upgraded, nothing called forged, the next approval chained."""
    from alembic import command
    from sqlalchemy import text

    from naravard_desktop.db import schema
    from naravard_desktop.services.system.database import open_database

    path = tmp_path / "gammal.sqlite"
    db = open_database(str(path))
    group, people = make_group(db)
    first = approved_meeting(db, group, people)
    with db.engine.begin() as connection:
        command.downgrade(schema.alembic_config(connection), "0003")  # type: ignore[arg-type]
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0003"
        )
    db.dispose()

    db = open_database(str(path))
    try:
        report = maintenance.check_database(db)
        assert report.ok, report.problems
        assert report.notes and "innan de här kontrollerna fanns" in report.notes[0]
        assert verify_file(db, approval.stored_pdf(db, first) or b"").ok
        approved_meeting(db, group, people, DAY + dt.timedelta(days=28))
        assert maintenance.check_database(db).ok
        assert head_of(db, group.id).length == 1
    finally:
        db.dispose()
