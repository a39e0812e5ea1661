"""An adopted annual report is a link in the group's chain of approvals beside the protocols:
it names the link before it (printed on its cover), the next protocol names it, and `check`
finds a changed PDF, a changed record or a broken link, naming the report. An adopted report
is reopened with a reason and adopted again as revision 2, which says what it replaces and
why; the first PDF stays stored and `verify` says it was superseded."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import inspect, select

from naravard_desktop.db.models import ReportRevision
from naravard_desktop.documents import report_files
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import decisions
from naravard_desktop.services.meetings.approval_check import check_approvals
from naravard_desktop.services.meetings.approval_record import chain_code, head_of
from naravard_desktop.services.report import adoption, analysis
from naravard_desktop.services.report.read_models import Section
from naravard_desktop.services.report.report_record import verify_report
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import DAY, approved_meeting, make_group, raw

YEAR = DAY.year
TODAY = dt.date(YEAR + 1, 3, 1)
NAME = f"Årsuppföljningen {YEAR} för Samverkansgrupp Lillsjö"


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def problems(db: Database) -> list[str]:
    with db.session() as session:
        return check_approvals(session).problems


def adopted(db: Database) -> tuple[GroupData, dict[str, int], bytes]:
    """A group with one approved protocol and its year's report adopted at its §."""
    group, people = make_group(db)
    approved_meeting(db, group, people)
    item = decisions.list_decisions(db, group.id, year=YEAR)[0]
    report_files.adopt(db, group.id, YEAR, item.item_id, "Vera Lindqvist", today=TODAY)
    stored = adoption.stored_pdf(db, group.id, YEAR)
    assert stored is not None
    return group, people, stored[0]


def test_the_report_links_to_the_chain_head_and_the_next_protocol_to_the_report(
    db: Database,
) -> None:
    group, people = make_group(db)
    approved_meeting(db, group, people)
    protocol = head_of(db, group.id)
    item = decisions.list_decisions(db, group.id, year=YEAR)[0]
    report_files.adopt(db, group.id, YEAR, item.item_id, "Vera Lindqvist", today=TODAY)
    head = head_of(db, group.id)
    assert (head.report_year, head.revision, head.length) == (YEAR, 1, 2)
    stored = adoption.stored_pdf(db, group.id, YEAR)
    assert stored is not None
    assert f"Föregående justering {protocol.code}." in pdf_text(stored[0])
    assert analysis.get_analysis(db, group.id, YEAR).chain_code == protocol.code
    approved_meeting(db, group, people, DAY + dt.timedelta(days=60))
    with db.session() as session:
        report = session.scalars(select(ReportRevision)).one()
        assert report.chain_previous == protocol.digest
    assert head_of(db, group.id).length == 3
    assert problems(db) == []
    # Deleting the adoption breaks the link the next protocol holds.
    raw(db, "DELETE FROM annual_report_revisions")
    assert any(
        "Justeringskedjan för Samverkansgrupp Lillsjö är bruten före protokollet" in p
        and chain_code(report.chain_hash) in p
        for p in problems(db)
    )


def test_check_finds_a_changed_pdf_record_or_link_of_the_report(db: Database) -> None:
    _group, _people, pdf = adopted(db)
    assert problems(db) == []
    raw(db, "UPDATE annual_report_revisions SET pdf = :pdf", pdf=pdf + b"\n% changed")
    assert [p for p in problems(db) if p.startswith(NAME) and "kontrollsumma" in p]
    raw(db, "UPDATE annual_report_revisions SET pdf = :pdf", pdf=pdf)
    assert problems(db) == []
    raw(db, "UPDATE annual_report_revisions SET adopted_by = 'Någon annan'")
    assert [p for p in problems(db) if p.startswith(NAME) and "fastställelseposten" in p]
    raw(db, "UPDATE annual_report_revisions SET adopted_by = 'Vera Lindqvist'")
    assert problems(db) == []
    raw(db, "UPDATE annual_report_revisions SET chain_after = 0")  # now before the protocol
    assert any(p.startswith(f"Justeringskedjan är bruten före {NAME}") for p in problems(db))


def test_verify_knows_the_adopted_pdf_but_not_a_changed_copy(db: Database) -> None:
    _group, _people, pdf = adopted(db)
    found = verify_report(db, pdf)
    assert found is not None and found[0]
    assert found[1][0].startswith(f"Filen är identisk med {NAME} (version 1), fastställd vid")
    assert "av Vera Lindqvist" in found[1][0]
    assert verify_report(db, pdf + b"\n") is None
    # The stored copy replaced, checksum and all: the file kept is still known as adopted.
    forged = pdf + b"\n% forged"
    raw(
        db,
        "UPDATE annual_report_revisions SET pdf = :pdf, sha256 = :sha",
        pdf=forged,
        sha=hashlib.sha256(forged).hexdigest(),
    )
    found = verify_report(db, pdf)
    assert found is not None and not found[0]
    assert "fastställelseposten gjordes för just den här filen" in found[1][0]
    assert NAME in found[1][0]


def test_reopening_needs_a_reason_an_adopted_report_and_the_version_shown(db: Database) -> None:
    group, people = make_group(db)
    approved_meeting(db, group, people)
    shown = analysis.save_analysis(db, group.id, YEAR, Section.PLAN, "Text", 0)
    with pytest.raises(DomainError, match="är inte fastställd"):
        adoption.reopen(db, group.id, YEAR, "Fel siffra", shown.version)
    item = decisions.list_decisions(db, group.id, year=YEAR)[0]
    report = report_files.adopt(db, group.id, YEAR, item.item_id, "Vera", today=TODAY)
    version = report.analysis.version
    with pytest.raises(ValidationError) as refused:
        adoption.reopen(db, group.id, YEAR, "  ", version)
    assert refused.value.fields == {"reason": "Skriv varför den fastställda rapporten öppnas igen."}
    with pytest.raises(StaleEditError):
        adoption.reopen(db, group.id, YEAR, "Fel siffra", shown.version)
    assert analysis.get_analysis(db, group.id, YEAR).adopted


def test_a_reopened_report_is_corrected_and_adopted_again_as_revision_2(db: Database) -> None:
    group, people, first = adopted(db)
    shown = analysis.get_analysis(db, group.id, YEAR)
    reopened = adoption.reopen(db, group.id, YEAR, "Fel antal möten.", shown.version)
    assert not reopened.adopted and reopened.revision == 2
    assert reopened.reason == "Fel antal möten." and len(reopened.superseded) == 1
    found = verify_report(db, first)
    assert found is not None and found[0]
    assert found[1][-1] == (
        "Rapporten har öppnats igen för rättelse (Fel antal möten.); ingen senare version "
        "är fastställd än."
    )
    saved = analysis.save_analysis(
        db, group.id, YEAR, Section.MEETINGS, "Två möten hölls.", reopened.version
    )
    draft = pdf_text(report_files.report_bytes(db, group.id, YEAR, ".pdf", today=TODAY))
    assert "Utkast" in draft and "Två möten hölls." in draft
    item = approved_meeting(db, group, people, DAY + dt.timedelta(days=60))
    later = next(d for d in decisions.list_decisions(db, group.id) if d.meeting_id == item)
    again = report_files.adopt(db, group.id, YEAR, later.item_id, "Vera", today=TODAY)
    assert again.analysis.adopted and again.analysis.revision == 2
    assert saved.version < again.analysis.version
    earlier = again.analysis.superseded[0]
    assert (earlier.revision, earlier.reopened_because) == (1, "Fel antal möten.")
    second = adoption.stored_pdf(db, group.id, YEAR)
    assert second is not None and second[0] != first
    text = pdf_text(second[0])
    assert (
        f"Den ersätter versionen som fastställdes den 17 maj {YEAR}, § {earlier.paragraph}, "
        "därför att: Fel antal möten." in text
    )
    assert "Två möten hölls." in text
    # The first PDF is kept, byte for byte, and verify says what replaced it.
    assert adoption.stored_pdf(db, group.id, YEAR, 1) == (first, "sv")
    found = verify_report(db, first)
    assert found is not None and found[0]
    assert found[1][-1] == "Den har ersatts av version 2: det är den som gäller."
    assert verify_report(db, second[0]) is not None
    assert problems(db) == []
    assert head_of(db, group.id).report_year == YEAR and head_of(db, group.id).length == 4


def test_0010_goes_down_and_up_again_keeping_the_adopted_report(db: Database) -> None:
    """Down to 0009 the latest adoption goes back into the report's row; up again it is
    revision 1 without a link (adopted before the chain held reports), which `check` notes
    and does not call forged."""
    from alembic import command
    from sqlalchemy import text

    from naravard_desktop.db import schema
    from naravard_desktop.services.system import maintenance

    group, _people, pdf = adopted(db)
    with db.engine.begin() as connection:
        command.downgrade(schema.alembic_config(connection), "0009")  # type: ignore[arg-type]
        row = connection.execute(
            text("SELECT state, pdf, sha256, adopted_by FROM annual_reports")
        ).one()
        tables = inspect(connection).get_table_names()
    assert (row.state, bytes(row.pdf), row.adopted_by) == ("adopted", pdf, "Vera Lindqvist")
    assert "annual_report_revisions" not in tables
    db.engine.dispose()
    schema.upgrade(db.engine)
    db.engine.dispose()
    assert adoption.stored_pdf(db, group.id, YEAR) == (pdf, "sv")
    shown = analysis.get_analysis(db, group.id, YEAR)
    assert shown.adopted and shown.revision == 1 and shown.adoption is not None
    found = verify_report(db, pdf)
    assert found is not None and found[0]
    report = maintenance.check_database(db)
    assert report.ok, report.problems
    assert any("fastställdes innan den ingick i justeringskedjan" in n for n in report.notes)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT pdf FROM annual_reports")).scalar() is None
