"""Årsuppföljning: the demo group's report of each year with data, read back from its PDF and
DOCX and checked against the database's own figures (plain SQL), PDF/A-valid, with its
charts and the SIP counts suppressed and audited exactly as the SIP export does."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pikepdf.pdfa
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from naravard_desktop.documents.report_files import report_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.report.annual import NoDataForYear, annual_report
from naravard_desktop.services.report.read_models import Outcome
from naravard_desktop.services.sip import sip_setup
from naravard_desktop.services.sip.sip_audit import audit_report
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2026, 11, 30)
pytestmark = pytest.mark.demo(TODAY)


def scalar(db: Database, sql: str, **params: object) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text(sql), params).scalar_one())


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def in_year(year: int) -> dict[str, object]:
    return {"first": dt.date(year, 1, 1), "last": min(dt.date(year, 12, 31), TODAY)}


MEETINGS = "FROM meetings m WHERE m.group_id = :g AND m.held_on BETWEEN :first AND :last"


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_each_years_report_shows_the_databases_figures(
    db: Database, demo_group: GroupData, year: int
) -> None:
    group = demo_group.id
    report = annual_report(db, group, year, today=TODAY)
    held = scalar(db, f"SELECT count(*) {MEETINGS}", g=group, **in_year(year))
    approved = scalar(
        db, f"SELECT count(*) {MEETINGS} AND m.state = 'approved'", g=group, **in_year(year)
    )
    decisions = scalar(
        db,
        "SELECT count(*) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id"
        " WHERE m.group_id = :g AND m.held_on BETWEEN :first AND :last AND i.decision <> ''",
        g=group,
        **in_year(year),
    )
    activities = scalar(
        db,
        "SELECT count(*) FROM activities a JOIN areas r ON r.id = a.area_id"
        " JOIN plans p ON p.id = r.plan_id WHERE p.group_id = :g AND p.state = 'adopted'"
        " AND (p.valid_from IS NULL OR p.valid_from <= :last)"
        " AND (p.valid_to IS NULL OR p.valid_to >= :first)",
        g=group,
        **in_year(year),
    )
    assert (len(report.meetings), report.approved_protocols) == (held, approved)
    assert len(report.decisions) == decisions
    assert report.activities == activities
    if year == TODAY.year:  # no follow-up after today: the year's status is the current one
        done = scalar(
            db,
            "SELECT count(*) FROM activities WHERE group_id = :g AND status = 'done'",
            g=group,
        )
        assert report.outcomes[Outcome.DONE] == done

    data = report_bytes(db, group, year, ".pdf", language="sv", today=TODAY)
    shown = pdf_text(data)
    assert f"Årsuppföljning {year}" in shown and demo_group.name in shown
    assert "Utkast: ännu inte fastställd av gruppen." in shown
    if report.activities:
        counts = " ".join(str(report.outcomes[o]) for o in Outcome)
        assert f"Klar Pågår Ej påbörjad Försenad Pausad Utgår {counts}" in shown
        assert "Genomfört per område" in shown  # the bar chart, with every area
        assert all(area.label in shown for _plan, area in report.areas)
    assert "Hållna möten Justerade protokoll Fattade beslut" in shown
    assert all(d.title in shown for d in report.decisions)
    notes = [n for _p, a in report.areas for act in a.activities for n in act.notes]
    assert len(notes) == scalar(
        db,
        "SELECT count(*) FROM follow_ups f JOIN activities a ON a.id = f.activity_id"
        " WHERE a.group_id = :g AND f.followed_up_on BETWEEN :first AND :last",
        g=group,
        **in_year(year),
    )
    for note in notes:  # each with the meeting and § it was made at, when it was
        made_at = f"§ {note.paragraph}: " if note.paragraph is not None else ""
        assert f"{made_at}{note.note}" in shown
    if year == TODAY.year - 1:  # the demo's follow-ups at last year's meeting and analysis
        assert notes and all(n.paragraph is not None for n in notes)
        assert "Året var planens första." in shown and "SIP-möten från 63 till 72" in shown
    assert pikepdf.pdfa.validate_written(io.BytesIO(data), "2b").passed

    # The SIP counts are those of the SIP export with the group's limit, audited alike.
    sip = report.sip
    assert sip is not None
    limit = sip_setup.get_setup(db, group).suppress_below
    assert sip.printed == year_report(db, group, year, limit).printed
    assert audit_report(sip).ok
    assert "Utveckling per period" in shown  # the trend chart and its legend
    assert all(indicator.name in shown for indicator in sip.trend_indicators)
    for _indicator, texts in sip.summary.rows:
        assert " ".join(t for t in texts if t) in shown

    document = docx.Document(io.BytesIO(report_bytes(db, group, year, ".docx", today=TODAY)))
    words = "\n".join(p.text for p in document.paragraphs)
    assert f"Årsuppföljning {year}" in words
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert all(d.decision in cells for d in report.decisions)


def test_a_year_without_data_is_refused_with_a_clear_message(
    db: Database, demo_group: GroupData
) -> None:
    with pytest.raises(NoDataForYear, match=r"Det finns inget att redovisa för 2019.*Välj ett år"):
        report_bytes(db, demo_group.id, 2019, ".pdf", today=TODAY)
    with pytest.raises(DomainError, match="År 2027 har inte börjat"):
        annual_report(db, demo_group.id, 2027, today=TODAY)


def test_the_report_in_english(db: Database, demo_group: GroupData) -> None:
    shown = pdf_text(report_bytes(db, demo_group.id, 2025, ".pdf", language="en", today=TODAY))
    assert "Annual follow-up 2025" in shown
    assert "Meetings held Protocols approved Decisions taken" in shown
    assert "Draft: not yet adopted by the group." in shown
