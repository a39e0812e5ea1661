"""Every PDF the app writes is PDF/A-2b with only embedded (DejaVu) fonts and full metadata,
and the plan's long tables split across pages instead of leaving page 1 empty.

The documents are made from the demo data the way the app makes them: the plan and SIP PDFs
in the user's language, the protocol and kallelse in the group's protocol language."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import replace

import pikepdf
import pikepdf.pdfa
import pytest
from pypdf import PdfReader

from naravard_desktop import i18n
from naravard_desktop.db.enums import ActivityStatus, PlanState, ProtocolState
from naravard_desktop.documents import demo
from naravard_desktop.documents.meeting_files import kallelse_bytes, protocol_bytes
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.documents.sip_pdf import sip_pdf
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database, open_database

TODAY = dt.date(2026, 11, 30)
GROUP = demo.DEMO_GROUP.name


# --- what a PDF holds ---------------------------------------------------------------------


def _fonts_of(resources: pikepdf.Object | None, seen: set[tuple[int, int]]) -> Iterator[object]:
    """Every font a content stream can select: the page's own and those of the Form
    XObjects it draws (charts, logos), however deeply nested."""
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        yield from fonts.values()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for xobject in xobjects.values():
            if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(xobject.objgen)
            yield from _fonts_of(xobject.get("/Resources"), seen)


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        for font in _fonts_of(page.obj.get("/Resources"), set()):
            assert isinstance(font, pikepdf.Dictionary)
            name = str(font.get("/BaseFont"))
            described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded or "DejaVu" not in name:
                problems.append(f"page {number}: {name} (embedded: {embedded})")
    return problems


def _assert_archival(data: bytes, *, title: str, language: str, made_after: dt.datetime) -> None:
    """PDF/A-2b that pikepdf's validator passes, DejaVu fonts only, and the XMP a records
    system shows: title, author (the group), subject, language, creation date and tool."""
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    assert report.passed, f"{title}: {report.summary}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert _font_problems(pdf) == [], title
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == title
        assert meta["dc:creator"] == [GROUP]
        assert meta["dc:description"], f"{title}: no subject"
        assert language in meta["dc:language"]
        created = dt.datetime.fromisoformat(meta["xmp:CreateDate"])
        assert made_after <= created <= dt.datetime.now().astimezone() + dt.timedelta(seconds=1)
        tool = meta["xmp:CreatorTool"]
        assert tool.startswith("naravard-desktop ") and tool.split()[1][0].isdigit()
        assert str(pdf.Root.Lang) == language
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None and info.title == title and info.author == GROUP


def _pages(data: bytes) -> list[str]:
    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    ]


# --- every document kind from the demo, in Swedish and English ---------------------------


@pytest.fixture(scope="module")
def demo_db(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Database, int, dt.datetime]]:
    """One demo database for the tests of this module (building it takes seconds), and when
    it was built (the demo stores its approved protocols as PDFs then)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NARAVARD_DATA_DIR", str(folder / "data"))
        database = open_database(str(folder / "demo.sqlite"))
        built = dt.datetime.now().astimezone().replace(microsecond=0)
        with i18n.use_language("sv"):
            group = demo.create_demo(database, TODAY)
        yield database, group.id, built
        database.dispose()


def _english_protocol_meeting(db: Database, group_id: int, source: int) -> int:
    """A meeting with a held meeting's agenda, made while the group writes its protocols in
    English (the group is set back to Swedish afterwards)."""
    current = groups.get_group(db, group_id)
    groups.update_group(
        db, group_id, replace(current.as_input(), protocol_language="en"), current.version
    )
    data = MeetingInput(
        held_on=TODAY + dt.timedelta(days=14),
        starts_at=dt.time(13, 0),
        place="Kommunhuset, sal Ljusnan",
    )
    try:
        return meetings.create_meeting(db, group_id, data, copy_agenda_from=source).id
    finally:
        changed = groups.get_group(db, group_id)
        groups.update_group(db, group_id, current.as_input(), changed.version)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_pdf_kind_is_pdfa_2b_with_embedded_fonts_and_metadata(
    demo_db: tuple[Database, int, dt.datetime], language: str
) -> None:
    db, group_id, started = demo_db
    listed = meetings.list_meetings(db, group_id)
    approved = [m for m in listed if m.state is ProtocolState.APPROVED]
    drafts = [m for m in listed if m.state is not ProtocolState.APPROVED]
    assert approved and drafts
    chosen = [approved[-1].id, drafts[0].id]
    if language == "en":
        chosen = [_english_protocol_meeting(db, group_id, approved[-1].id)]
    checked = []
    for meeting_id in chosen:
        data = protocol_bytes(db, meeting_id, ".pdf")
        title = PdfReader(io.BytesIO(data)).metadata.title
        assert ("Protokoll" in title) == (language == "sv"), title
        _assert_archival(data, title=title, language=language, made_after=started)
        data = kallelse_bytes(db, meeting_id)
        title = PdfReader(io.BytesIO(data)).metadata.title
        _assert_archival(data, title=title, language=language, made_after=started)
        checked += ["protocol", "kallelse"]
    with i18n.use_language(language):
        for plan in plans.list_plans(db, group_id):
            data = plan_file_bytes(db, plan.id, ".pdf", TODAY)
            _assert_archival(data, title=plan.title, language=language, made_after=started)
            checked.append("plan")
        for year in (TODAY.year - 1, TODAY.year):
            for limit in (None, 5):
                data = sip_file_bytes(db, group_id, year, ".pdf", suppress_below=limit, today=TODAY)
                title = ("SIP-uppföljning {}" if language == "sv" else "SIP follow-up {}").format(
                    year
                )
                _assert_archival(data, title=title, language=language, made_after=started)
                checked.append("sip")
    assert {"protocol", "kallelse", "plan", "sip"} <= set(checked)


def test_the_sip_chart_draws_its_labels_in_dejavu(
    demo_db: tuple[Database, int, dt.datetime],
) -> None:
    """The trend chart (ReportLab graphics start in Helvetica) uses the embedded font:
    its axis labels extract as text and no page selects a font that is not embedded."""
    db, group_id, _built = demo_db
    data = sip_file_bytes(db, group_id, TODAY.year, ".pdf", today=TODAY)
    text = "\n".join(_pages(data))
    assert "Utveckling, alla enheter" in text
    assert f"K1 {TODAY.year - 2}" in text  # a category label of the chart
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert _font_problems(pdf) == []


# --- long plan tables ---------------------------------------------------------------------


def _plan(db: Database, areas: list[tuple[str, int]]) -> int:
    """A plan with the given areas, each with that many activities ("Aktivitet 3 i Vård")."""
    group = groups.create_group(db, GroupInput(name=GROUP))
    plan = plans.create_plan(
        db, group.id, PlanInput(title="Importerad plan", state=PlanState.ADOPTED)
    )
    for number, (title, count) in enumerate(areas, start=1):
        area = plan_items.add_area(db, plan.id, AreaInput(title=title, number=str(number)))
        for n in range(1, count + 1):
            plan_items.add_activity(
                db,
                area.id,
                ActivityInput(
                    title=f"Aktivitet {n} i {title}",
                    responsible="Fredagsgruppen",
                    schedule_text="Löpande",
                    status=ActivityStatus.IN_PROGRESS,
                    progress=40,
                    follow_up_method="Avrapportering i samverkansgruppen",
                ),
            )
    return plan.id


def test_a_long_area_starts_on_page_one_and_repeats_its_header_row(db: Database) -> None:
    plan_id = _plan(db, [("Ökad kontinuitet", 60)])
    pages = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))
    assert len(pages) >= 3
    assert "1 Ökad kontinuitet" in pages[0]
    assert "Aktivitet 1 i Ökad kontinuitet" in pages[0]  # not an empty page 1
    for page in pages[1:]:  # which area, and the header row, on every later page
        assert page.startswith("1 Ökad kontinuitet (forts.) Aktivitet Ansvarig ")
        assert "Status Genomfört Uppföljning" in page
        assert "Ökad kontinuitet Fredagsgruppen" in page
    text = " ".join(pages)
    for n in range(1, 61):
        assert text.count(f"Aktivitet {n} i Ökad kontinuitet ") == 1


@pytest.mark.parametrize("before", [8, 11, 14, 17])
def test_a_short_area_stays_with_its_heading(db: Database, before: int) -> None:
    """Whatever fills page 1 above it, a short area's heading is on the page with all of
    its activities, and a long area's heading is never left alone at the foot of a page."""
    plan_id = _plan(db, [("Vård", before), ("Omsorg", 4), ("Skola", 40)])
    pages = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))
    [short] = [page for page in pages if "2 Omsorg" in page]
    for n in range(1, 5):
        assert f"Aktivitet {n} i Omsorg" in short
    [long] = [page for page in pages if "3 Skola Aktivitet" in page]
    assert "Aktivitet 1 i Skola" in long


# --- plural forms -------------------------------------------------------------------------


def _overdue(db: Database, plan_id: int, count: int) -> None:
    area = plan_items.load_tree(db, plan_id).areas[0]
    for n in range(count):
        plan_items.add_activity(
            db,
            area.id,
            ActivityInput(title=f"Sen aktivitet {n}", schedule_text="2025-06-30"),
        )


def test_counts_in_the_plan_pdf_use_plural_forms(db: Database) -> None:
    plan_id = _plan(db, [("Vård", 1)])
    first = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))[0]
    assert "1 aktivitet i 1 område." in first
    with i18n.use_language("en"):
        assert "1 activity in 1 area." in _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))[0]
    _overdue(db, plan_id, 1)
    first = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))[0]
    assert "2 aktiviteter i 1 område. Av dessa är 1 försenad per 2026-11-30." in first
    area = plan_items.add_area(db, plan_id, AreaInput(title="Omsorg", number="2"))
    plan_items.add_activity(db, area.id, ActivityInput(title="Sen", schedule_text="2025-01-31"))
    first = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))[0]
    assert "3 aktiviteter i 2 områden. Av dessa är 2 försenade per 2026-11-30." in first
    with i18n.use_language("en"):
        first = _pages(plan_file_bytes(db, plan_id, ".pdf", TODAY))[0]
    assert "3 activities in 2 areas. Of these, 2 are overdue on 2026-11-30." in first


def test_an_empty_area_says_so_and_a_parent_area_heads_its_sub_areas(db: Database) -> None:
    plan_id = _plan(db, [("Psykisk ohälsa", 0)])
    parent = plan_items.load_tree(db, plan_id).areas[0]
    sub = plan_items.add_area(
        db, plan_id, AreaInput(title="Barn och unga", number="1 a"), parent.id
    )
    for n in range(1, 4):
        plan_items.add_activity(db, sub.id, ActivityInput(title=f"Insats {n}"))
    plan_items.add_area(db, plan_id, AreaInput(title="Tomt område", number="2"))
    text = " ".join(_pages(plan_file_bytes(db, plan_id, ".pdf", TODAY)))
    assert "1 Psykisk ohälsa 1 a Barn och unga Aktivitet Ansvarig" in text
    assert "2 Tomt område Inga aktiviteter i området ännu." in text
    assert text.count("Inga aktiviteter i området ännu.") == 1


def test_a_sip_report_without_counts_says_so_without_an_empty_table(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name=GROUP))
    data = sip_pdf(year_report(db, group.id, 2020, None), TODAY)
    [page] = _pages(data)
    assert "Inga antal har registrerats för 2020." in page
    assert "Sammanställning" not in page and "Initierade SIP" not in page
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pikepdf.pdfa.check(pdf, "2b").passed
