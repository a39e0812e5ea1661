"""The demo's analysis of last year agrees with the report's figures whatever the day the demo
is made: how many meetings last year held depends on it (one at the end of November, five in
March), and the texts say so rather than a fixed story."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import Section
from naravard_desktop.services.system.database import Database

DAY = dt.date(2027, 3, 15)


@pytest.mark.demo(DAY)
def test_the_demos_analysis_of_a_year_with_several_meetings(
    db: Database, demo_group: GroupData
) -> None:
    report = annual_report(db, demo_group.id, 2026, today=DAY, with_sip=False)
    held = len(report.meetings)
    assert held == 5 and report.approved_protocols == held
    texts = report.analysis.texts
    meetings = texts[Section.MEETINGS]
    assert meetings.startswith("Gruppen höll fem möten under 2026.")
    assert "Protokollen justerades inom en vecka efter varje möte." in meetings
    assert f"fattades {len(report.decisions)} beslut" in meetings
    assert "Gruppen fortsätter att mötas varannan månad" in meetings
    seats = " och ".join(
        f"{name} {s.filled} av {s.seats}"
        for name, s in zip(("regionen", "kommunen"), report.seats, strict=True)
    )
    assert f"(besatta platser: {seats})" in meetings
    assert "Vid årets slut pågick fem av planens 17 aktiviteter" in texts[Section.SUMMARY]
