"""Årsuppföljning as a principal reads it: the demo's reports of each year, their text taken
page by page from the PDF, checked for what a careful reader would otherwise mark (a count
shown as 0 where none was recorded, words split mid-word, figures wrapped, a register moved
to a page of its own, empty sections on pages of their own, the summary's words other than
the tables', a running year's tables said to stand at its end, an analysis at odds with the
figures)."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf.pdfa
import pytest
from pypdf import PdfReader

from naravard_desktop.db.enums import ActivityStatus, PlanState
from naravard_desktop.documents.report_files import report_bytes
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.validation import TEXT_LIMIT

TODAY = dt.date(2026, 11, 30)
pytestmark = pytest.mark.demo(TODAY)


def pages(db: Database, group: GroupData, year: int, language: str = "sv") -> list[str]:
    data = report_bytes(db, group.id, year, ".pdf", language=language, today=TODAY)
    assert pikepdf.pdfa.validate_written(io.BytesIO(data), "2b").passed
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def page_of(found: list[str], text: str) -> int:
    return next(number for number, page in enumerate(found) if text in page)


def test_a_year_before_the_counts_began_shows_no_zero_for_it(
    db: Database, demo_group: GroupData
) -> None:
    shown = " ".join(pages(db, demo_group, 2023))
    # The SIP in brief on the cover: 2022 has no count recorded, which is not a zero.
    assert "Indikator År 2023 År 2022 Förändring Initierade SIP 72 – –" in shown
    assert "Initierade SIP 72 0" not in shown


def test_empty_sections_follow_on_the_page_before(db: Database, demo_group: GroupData) -> None:
    found = pages(db, demo_group, 2023)
    # No plan in force: the plan's section says so on the cover's page, not on a page alone.
    assert found[0].count("Ingen antagen plan gällde 2023.") == 2
    # No meeting: the section follows the SIP's on its page, the trend chart giving way.
    assert len(found) == 2 and "Gruppen höll inga möten 2023." in found[1]


def test_cells_keep_their_words_whole_and_figures_on_one_line(
    db: Database, demo_group: GroupData
) -> None:
    shown = " ".join(pages(db, demo_group, 2025))
    # The schedule column fits "utvecklingsarbete" (it was split "utvec klingsarbete").
    assert "nationellt utvecklingsarbete" in shown
    assert "2024-05-17 vid Fredagsgruppens möte" in shown
    running = " ".join(pages(db, demo_group, 2026))
    # Five meetings of three seats each: the seats figure on one line beside the other.
    assert "15/15 (100 %) 15/15 (100 %)" in running
    assert "Region: besatta platser Kommun: besatta platser" in running


def test_the_decision_register_reads_on_below_the_meetings(
    db: Database, demo_group: GroupData
) -> None:
    found = pages(db, demo_group, 2026)
    report = annual_report(db, demo_group.id, 2026, today=TODAY, with_sip=False)
    assert len(report.decisions) > 20  # too many for the meetings' page
    start = page_of(found, "Närvaro per huvudman")
    assert "Beslutsregister 2026" in found[start]
    assert "Beslutsregister 2026 (forts.)" in found[start + 1]
    assert "Analys" in found[start + 1]  # the section's analysis not on a page of its own
    assert len(found) == start + 2


def test_a_running_years_plan_says_the_day_its_figures_stand(
    db: Database, demo_group: GroupData
) -> None:
    shown = " ".join(pages(db, demo_group, 2026))
    assert "den senaste uppföljningen till och med 30 november 2026" in shown
    assert "före årets slut" not in shown
    assert "den senaste uppföljningen före årets slut" in " ".join(pages(db, demo_group, 2025))
    # The SIP trend claims no three years; the quarters on its axis say which there are.
    assert "Utveckling per period, alla enheter (antal)" in shown


def test_the_summarys_words_are_the_tables_in_both_languages(
    db: Database, demo_group: GroupData
) -> None:
    report = annual_report(db, demo_group.id, 2026, today=TODAY, with_sip=False)
    assert report.outcomes  # paused and done are both there in the running year
    english = " ".join(pages(db, demo_group, 2026, "en"))
    assert "Done In progress Not started Overdue Paused Cancelled" in english
    assert "Ongoing" not in english and "Dropped" not in english
    assert "Annual follow-up 2026" in english and "Årsuppföljning" not in english
    swedish = " ".join(pages(db, demo_group, 2026))
    assert "Klar Pågår Ej påbörjad Försenad Pausad Utgår" in swedish
    assert "Utgått" not in swedish


def test_the_demos_analysis_says_what_its_figures_say(db: Database, demo_group: GroupData) -> None:
    report = annual_report(db, demo_group.id, 2025, today=TODAY, with_sip=False)
    assert [m.held_on for m in report.meetings] == [dt.date(2025, 11, 28)]
    found = pages(db, demo_group, 2025)
    cover, meetings = found[0], found[-1]
    assert "Hållna möten Justerade protokoll Fattade beslut" in cover
    assert (
        "Vid årets slut pågick sju av planens 17 aktiviteter enligt tidsplanen, sju var "
        "försenade och tre hade ännu inte påbörjats. Ingen aktivitet hann bli klar." in cover
    )
    assert "Gruppen höll ett möte under 2025, den 28 november" in meetings
    assert "Protokollet justerades inom en vecka. Under 2025 fattades fem beslut." in meetings
    assert "Protokollen" not in meetings  # one meeting, one protocol
    assert "Gruppen planerar att hålla ett möte varannan månad under nästa år" in meetings
    # The SIP text's counts are those the report prints (the demo's counts of last year).
    sip = annual_report(db, demo_group.id, 2025, today=TODAY).sip_brief
    initiated, held, _followed = ((b.last_text, b.this_text) for b in sip)
    assert f"Initierade SIP ökade från {initiated[0]} till {initiated[1]}" in found[3]
    assert f"genomförda SIP-möten från {held[0]} till {held[1]}" in found[3]


def test_the_sip_page_keeps_its_chart_note_and_analysis_together(
    db: Database, demo_group: GroupData
) -> None:
    for language, trend in (("en", "Trend per period"), ("sv", "Utveckling per period")):
        found = pages(db, demo_group, 2025, language)
        page = found[page_of(found, trend)]
        # The chart gives way (down to its least height) to the analysis under it, and says
        # what its gaps are; the names column takes what the counts leave.
        assert "Gruppen följer nästa år särskilt upp hur många SIP som följs upp i tid." in page
        assert (
            "A break in a line is a hidden value (..) or a period without counts." in page
            if language == "en"
            else "Ett avbrott i en linje är ett dolt värde (..) eller en period utan uppgifter."
            in page
        )
        assert len(found) == 5


def test_an_area_that_only_heads_its_sub_areas_is_not_said_to_be_empty(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Lillsjö"))  # beside the demo
    plan = plans.create_plan(
        db,
        group.id,
        PlanInput(
            "Lokal plan 2024–2025",
            dt.date(2024, 1, 1),
            dt.date(2025, 12, 31),
            state=PlanState.ADOPTED,
        ),
    )
    heading = plan_items.add_area(db, plan.id, AreaInput("Barn och unga", number="2"))
    sub = plan_items.add_area(db, plan.id, AreaInput("Elevhälsan", number="2 a"), heading.id)
    plan_items.add_area(db, plan.id, AreaInput("Äldre", number="3"))
    plan_items.add_activity(db, sub.id, ActivityInput(title="Gemensam rutin"))

    data = report_bytes(db, group.id, 2024, ".pdf", today=dt.date(2025, 2, 1))
    shown = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )
    # "2 Barn och unga" heads "2 a Elevhälsan"'s table; "3 Äldre" has nothing at all.
    assert "2 Barn och unga 2 a Elevhälsan Aktivitet" in shown
    assert "3 Äldre Inga aktiviteter." in shown
    assert shown.count("Inga aktiviteter.") == 1


def test_a_long_area_name_is_read_whole_beside_its_bar(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Lillsjö"))  # beside the demo
    plan = plans.create_plan(
        db,
        group.id,
        PlanInput("Lokal plan", dt.date(2024, 1, 1), state=PlanState.ADOPTED),
    )
    long = "Hälsofrämjande och förebyggande fokus för barn och unga i skolan"
    area = plan_items.add_area(db, plan.id, AreaInput(long, number="4"))
    plan_items.add_activity(db, area.id, ActivityInput(title="Gemensam rutin"))

    data = report_bytes(db, group.id, 2024, ".pdf", today=dt.date(2025, 2, 1))
    cover = " ".join((PdfReader(io.BytesIO(data)).pages[0].extract_text() or "").split())
    # On two lines in the chart on the cover, not cut short with "…".
    assert "4 Hälsofrämjande och förebyggande fokus för barn och unga i skolan" in cover
    assert "…" not in cover


def test_a_follow_up_longer_than_a_page_runs_on_over_the_pages(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Samverkan Lillsjö"))  # beside the demo
    plan = plans.create_plan(
        db, group.id, PlanInput("Lokal plan", dt.date(2024, 1, 1), state=PlanState.ADOPTED)
    )
    area = plan_items.add_area(db, plan.id, AreaInput("Äldre", number="1"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Gemensam rutin"))
    long = " ".join(f"Avstämning {n} med verksamheterna om rutinen." for n in range(200))
    assert len(long) < TEXT_LIMIT  # as much as the follow-up form takes
    entry = FollowUpInput(dt.date(2024, 5, 2), ActivityStatus.IN_PROGRESS, 30, long)
    follow_ups.add_follow_up(db, activity.id, entry)

    data = report_bytes(db, group.id, 2024, ".pdf", today=dt.date(2025, 2, 1))
    found = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]
    # The row splits where each page ends (it used to stop the report with a layout error).
    first = page_of(found, "Avstämning 0 med verksamheterna")
    assert page_of(found, "Avstämning 199 med verksamheterna om rutinen. – Pågår, 30 %") > first
    assert "Gäller från 2024-01-01." in found[1]  # no end date: not "2024-01-01 –."
