"""The analysis written per section is stored with the report and printed in it; adopting the
report at a meeting's § stores its PDF with its hash, prints who adopted it and where, and
locks the texts; a stale version and a § of another group are refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader

from naravard_desktop.documents import report_files
from naravard_desktop.documents.report_files import render
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import decisions
from naravard_desktop.services.report import adoption, analysis
from naravard_desktop.services.report.read_models import Section
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import approved_meeting, make_group, raw

TODAY = dt.date(2026, 11, 30)
pytestmark = pytest.mark.demo(TODAY)
YEAR = TODAY.year  # the demo writes an analysis of last year, none of this one


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def test_the_analysis_is_stored_and_printed_and_adopting_locks_it(
    db: Database, demo_group: GroupData
) -> None:
    group = demo_group.id
    shown = analysis.get_analysis(db, group, YEAR)
    assert shown.version == 0 and not shown.adopted
    saved = analysis.save_analysis(
        db, group, YEAR, Section.PLAN, "Planen kom igång sent.\n\nArbetet fortsätter.", 0
    )
    saved = analysis.save_analysis(
        db, group, YEAR, Section.SIP, "Fler SIP-möten än året innan.", saved.version
    )
    with pytest.raises(StaleEditError, match="har ändrats på annat håll"):
        analysis.save_analysis(db, group, YEAR, Section.SIP, "Gammal text", shown.version)
    draft = pdf_text(report_files.report_bytes(db, group, YEAR, ".pdf", today=TODAY))
    assert "Planen kom igång sent. Arbetet fortsätter." in draft
    assert "Fler SIP-möten än året innan." in draft
    assert draft.count("Ingen analys har skrivits för det här avsnittet.") == 2

    item = decisions.list_decisions(db, group, year=YEAR)[0]
    report = report_files.adopt(db, group, YEAR, item.item_id, "Anna Berg", today=TODAY)
    assert report.analysis.adopted
    stored = report_files.report_bytes(db, group, YEAR, ".pdf", today=TODAY)
    assert report.analysis.sha256 == hashlib.sha256(stored).hexdigest()
    text = pdf_text(stored)
    assert f"Fastställd av {demo_group.name} den {item.held_on.day} " in text
    assert f"§ {item.paragraph}" in text and "Utkast" not in text
    # The stored copy is what is exported, byte for byte, however often.
    assert report_files.report_bytes(db, group, YEAR, ".pdf", today=TODAY) == stored
    with pytest.raises(DomainError, match="är fastställd och dess texter är låsta"):
        analysis.save_analysis(db, group, YEAR, Section.PLAN, "Ändrad", report.analysis.version)
    with pytest.raises(DomainError, match="redan fastställd"):
        report_files.adopt(db, group, YEAR, item.item_id, "Anna Berg", today=TODAY)


def test_adopting_at_a_paragraph_of_another_group_or_an_earlier_year_is_refused(
    db: Database, demo_group: GroupData
) -> None:
    other, people = make_group(db)
    approved_meeting(db, other, people)
    elsewhere = decisions.list_decisions(db, other.id)[0]
    earlier = decisions.list_decisions(db, demo_group.id, year=YEAR - 1)[0]
    with pytest.raises(DomainError, match="kan inte ha fastställt"):
        report_files.adopt(db, demo_group.id, YEAR, earlier.item_id, "Anna", today=TODAY)
    with pytest.raises(DomainError, match="hör inte till den här gruppen"):
        report_files.adopt(db, demo_group.id, YEAR - 1, elsewhere.item_id, "Anna", today=TODAY)
    assert not analysis.get_analysis(db, demo_group.id, YEAR).adopted
    assert not analysis.get_analysis(db, demo_group.id, YEAR - 1).adopted


def test_a_change_while_the_pdf_is_rendered_stops_the_adoption(
    db: Database, demo_group: GroupData
) -> None:
    group = demo_group.id
    item = decisions.list_decisions(db, group, year=YEAR)[0]
    snapshot = adoption.prepare_adoption(db, group, YEAR, item.item_id, "Anna", today=TODAY)
    pdf = render(snapshot.report, ".pdf", TODAY)
    raw(db, "UPDATE sip_counts SET value = value + 1 WHERE id = (SELECT min(id) FROM sip_counts)")
    with pytest.raises(StaleEditError, match="ändrades medan den fastställdes"):
        adoption.store_adoption(db, snapshot, pdf, today=TODAY)
    snapshot = adoption.prepare_adoption(db, group, YEAR, item.item_id, "Anna", today=TODAY)
    analysis.save_analysis(db, group, YEAR, Section.MEETINGS, "Ny text", snapshot.version)
    with pytest.raises(StaleEditError, match="ändrades medan den fastställdes"):
        adoption.store_adoption(db, snapshot, pdf, today=TODAY)
    assert adoption.stored_pdf(db, group, YEAR) is None
    snapshot = adoption.prepare_adoption(db, group, YEAR, item.item_id, "Anna", today=TODAY)
    stored = adoption.store_adoption(db, snapshot, render(snapshot.report, ".pdf", TODAY))
    assert stored.analysis.adopted and stored.analysis.texts[Section.MEETINGS] == "Ny text"
