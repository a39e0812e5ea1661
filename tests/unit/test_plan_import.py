"""Importing plans from XLSX and CSV as groups keep them, the round trip through our own XLSX
export, and the plan PDF's text."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.plan_demo import add_demo_plan
from naravard_desktop.services.plan.plan_import import apply_import, read_plan_file
from naravard_desktop.services.plan.read_models import ActivityInput, PlanInput
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))


def xlsx(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Handlingsplan"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


# Seed 000's layout: a heading line above each table, Aktivitet / Ansvar för genomförande /
# Tidsplan, a repeated header, and an empty Tidsplan.
SEED_000_ROWS: list[list[object]] = [
    ["Fast vårdkontakt och fast läkarkontakt"],
    ["Aktivitet", "Ansvar för genomförande", "Tidsplan"],
    [
        "Skapa gemensamma rutiner och tydliggöra uppdraget för fasta kontakter",
        "Fredagsgruppen Partsammansatt arbetsgrupp",
        "2024-12-31",
    ],
    [
        "Implementering av överenskommelse gällande fasta kontakter i samverkan",
        "Fredagsgruppen",
        2025,
    ],
    [
        "Information till berörda individer om namngivna fasta kontakter",
        "Respektive verksamhet",
        "Löpande",
    ],
    [
        "Översyn av medarbetares tillgång till information om den fasta kontakter",
        "Ansvarig för verksamhet och IT-stöd hos respektive huvudman",
        "2022-12-31 Delvis Fast vårdkontakt finns 2024-12-31",
    ],
    ["Punktmätning av fasta kontakter", None, "Hösten 2022"],
    [],
    ["Dokumenterad överenskommelse / (fd. Patientkontrakt)"],
    ["Aktivitet", "Ansvar för genomförande", "Tidsplan"],
    ["Utbildningsinsatser för personal", "Fredagsgruppen"],
    [
        "Skapa digital tillgång till dokumenterad överenskommelse för individen",
        "Ansvarig för verksamhet och IT-stöd hos respektive huvudman",
        "Beroende av nationellt utvecklingsarbete",
    ],
]


def test_seed_000_layout_headings_above_repeated_headers(tmp_path: Path) -> None:
    preview = read_plan_file(xlsx(tmp_path / "Handlingsplan_2024.xlsx", SEED_000_ROWS))
    assert preview.plan.title == "Handlingsplan 2024"
    assert [a.label for a in preview.areas] == [
        "Fast vårdkontakt och fast läkarkontakt",
        "Dokumenterad överenskommelse / (fd. Patientkontrakt)",
    ]
    assert [a.area for a in preview.activities] == [0, 0, 0, 0, 0, 1, 1]
    by_title = {a.data.title: a.data for a in preview.activities}
    implementation = by_title[
        "Implementering av överenskommelse gällande fasta kontakter i samverkan"
    ]
    assert implementation.schedule_text == "2025"  # a number cell, kept as written
    assert implementation.effective_due_date() == dt.date(2025, 12, 31)
    review = by_title["Översyn av medarbetares tillgång till information om den fasta kontakter"]
    assert review.effective_due_date() == dt.date(2024, 12, 31)
    assert preview.problems == []
    assert preview.can_apply


SKANE_ROWS: list[list[object]] = [
    ["Aktivitets- och tidplan 2022–2025"],
    [],
    ["Område", "Aktivitet", "Tidplan", "Uppföljning", "Ansvar", "Status", "Framsteg"],
    ["1. Personcentrerat arbets-och förhållningssätt"],
    ["a) Patientkontrakt och Samordnad individuell plan, SIP"],
    [
        None,
        "Genomföra gemensamma utbildningsinsatser för att öka SIP-kvaliteten",
        "Utbildningsinsatser genomförs fortlöpande fr o m hösten 2022",
        "Genomförda utbildningar följs upp",
        "Vårdsamverkan Skåne, Central tjänstemannaberedning",
        "Pågår",
        "50 %",
    ],
    ["b) Utveckling av teambaserad vårdform för de mest sjuka"],
    [
        "b) Utveckling av teambaserad vårdform för de mest sjuka",
        "Befintliga kriterier för inskrivning i mobilt vårdteam upphör",
        "Teambaserat arbetssätt ska vid utgången av år 2025 vara implementerat fullt ut",
        None,
        "Delregionala tjänstemannaberedningar",
        "klar",
        1,
    ],
    ["2. Förebyggande och hälsofrämjande insatser"],
    [None, "Inom ramen för Vårdsamverkan Skåne etableras en samverkanstruktur för Hälsa"],
    [None, "Ta fram en aktivitets- och tidplan för hälsoarbetet", "Q4 2022"],
]


def test_skane_layout_numbered_areas_with_lettered_sub_areas(tmp_path: Path) -> None:
    preview = read_plan_file(xlsx(tmp_path / "skane.xlsx", SKANE_ROWS))
    assert [(a.number, a.title, a.parent) for a in preview.areas] == [
        ("1", "Personcentrerat arbets-och förhållningssätt", None),
        ("a)", "Patientkontrakt och Samordnad individuell plan, SIP", 0),
        ("b)", "Utveckling av teambaserad vårdform för de mest sjuka", 0),
        ("2", "Förebyggande och hälsofrämjande insatser", None),
    ]
    first, second, third, fourth = (a.data for a in preview.activities)
    assert (first.status, first.progress, first.effective_due_date()) == (
        ActivityStatus.IN_PROGRESS,
        50,
        None,
    )
    assert first.follow_up_method == "Genomförda utbildningar följs upp"
    assert (second.status, second.progress) == (ActivityStatus.DONE, 1)
    assert [a.area for a in preview.activities] == [1, 2, 3, 3]
    assert fourth.effective_due_date() == dt.date(2022, 12, 31)
    assert third.status is ActivityStatus.NOT_STARTED


def test_merged_area_cells_and_english_headers_in_another_order(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    rows: list[list[object]] = [
        ["Schedule", "Activity", "Area", "Responsible", "Progress (%)", "Budget"],
        ["Q2 2022", "Nytt ramavtal för läkarstöd", "Läkarmedverkan", "Region", 0.25, 1000],
        ["Q3 2022", "Förankring inför implementering", None, "Kommun", 0.5, None],
        [dt.datetime(2023, 1, 1), "Nytt ramavtal börjar gälla", None, "Region", 100, None],
        ["Hösten 2022", "Förstudie", "Tidvis sviktande", "Region", None, None],
    ]
    path = xlsx(tmp_path / "merged.xlsx", rows, merges=("C2:C4",))
    preview = read_plan_file(path)
    assert [a.title for a in preview.areas] == ["Läkarmedverkan", "Tidvis sviktande"]
    assert [a.area for a in preview.activities] == [0, 0, 0, 1]
    assert [a.data.progress for a in preview.activities] == [25, 50, 100, 0]
    assert preview.activities[2].data.schedule_text == "2023-01-01"
    [unknown] = preview.problems
    assert (unknown.where, unknown.blocking) == ("rad 1, kolumn F", False)
    assert "Budget" in unknown.message
    plan = apply_import(db, group.id, preview)
    assert (plan.title, plan.areas, plan.activities) == ("merged", 2, 4)


def test_cp1252_semicolon_csv_as_swedish_excel_saves_it(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    text = (
        "Område;Aktivitet;Ansvar;Tidsplan;Status;Framsteg\r\n"
        "Ökad kontinuitet;Överenskommelse gällande fasta kontakter;Fredagsgruppen;"
        "2024-12-31;Pågår;40\r\n"
        ";;;;;\r\n"
        "Ökad kontinuitet;Punktmätning av fasta kontakter;Hälsocentralen;Hösten 2022;"
        "Ej påbörjad;0\r\n"
        "Ökad tillgänglighet;Information till medborgarna;Fredagsgruppen;Löpande;Klar;100\r\n"
    )
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("cp1252"))
    preview = read_plan_file(path)
    assert [a.title for a in preview.areas] == ["Ökad kontinuitet", "Ökad tillgänglighet"]
    assert [a.data.title for a in preview.activities][1] == "Punktmätning av fasta kontakter"
    assert preview.problems == []
    plan = apply_import(db, group.id, preview, title="Lokal plan 2024")
    tree = plan_items.load_tree(db, plan.id)
    assert plan.title == "Lokal plan 2024"
    assert [a.responsible for a in tree.activities_of(tree.areas[0].id)] == [
        "Fredagsgruppen",
        "Hälsocentralen",
    ]
    assert tree.activities[1].is_overdue(TODAY)


def test_utf8_comma_csv(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        'Aktivitet,Tidplan,Ansvar\n"Dialog, med tjänstemannaberedningen",Våren 2022,Region\n',
        encoding="utf-8",
    )
    preview = read_plan_file(path)
    assert preview.activities[0].data.title == "Dialog, med tjänstemannaberedningen"
    assert preview.areas[0].title == "Aktiviteter"


def test_bad_values_are_named_by_row_and_column_and_nothing_is_written(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Område;Aktivitet;Status;Framsteg;Slutdatum;Huvudman\n"
        "Område 1;Bra rad;Pågår;10;;Region\n"
        "Område 1;Fel status;kanske;10;;\n"
        "Område 1;Text som framsteg;Pågår;mycket;;\n"
        "Område 1;För stort;Pågår;140;;\n"
        "Område 1;Formel;Pågår;=A1*2;;\n"
        "Område 1;Fel datum;Pågår;;31/12;\n"
        "Område 1;Fel huvudman;Pågår;;;Staten\n",
        encoding="utf-8",
    )
    preview = read_plan_file(path)
    assert [str(p) for p in preview.blocking] == [
        "rad 3, kolumn C: ”kanske” är ingen status. Skriv Ej påbörjad, Pågår, Klar, Pausad "
        "eller Utgår.",
        "rad 4, kolumn D: ”mycket” kan inte läsas som Genomfört (%): skriv ett heltal från 0 "
        "till 100.",
        "rad 5, kolumn D: ”140” kan inte läsas som Genomfört (%): skriv ett heltal från 0 till "
        "100.",
        "rad 6, kolumn D: ”=A1*2” kan inte läsas som Genomfört (%): skriv ett heltal från 0 "
        "till 100.",
        "rad 7, kolumn E: ”31/12” är inget datum. Skriv det som ÅÅÅÅ-MM-DD.",
        "rad 8, kolumn F: ”Staten” är ingen huvudman. Skriv Region, Kommun eller Gemensamt.",
    ]
    assert not preview.can_apply
    with pytest.raises(DomainError):
        apply_import(db, group.id, preview)
    assert plans.list_plans(db, group.id) == []


def test_files_that_cannot_be_imported_are_explained(tmp_path: Path) -> None:
    no_activity = tmp_path / "utan.csv"
    no_activity.write_text("Område;Ansvar\nEtt;Två\n", encoding="utf-8")
    with pytest.raises(DomainError, match="Aktivitet"):
        read_plan_file(no_activity)
    truncated = tmp_path / "trasig.xlsx"
    truncated.write_bytes(xlsx(tmp_path / "hel.xlsx", SEED_000_ROWS).read_bytes()[:400])
    with pytest.raises(DomainError, match=r"trasig\.xlsx"):
        read_plan_file(truncated)
    image = tmp_path / "bild.xlsx"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(DomainError):
        read_plan_file(image)


def test_excel_serial_numbers_in_the_schedule_and_due_columns(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Aktivitet", "Tidsplan", "Slutdatum"],
        ["Serienummer som tidsplan", 45657, None],
        ["Eget slutdatum", "Hösten 2024", 45838],
    ]
    preview = read_plan_file(xlsx(tmp_path / "serial.xlsx", rows))
    first, second = (a.data for a in preview.activities)
    assert first.schedule_text == "2024-12-31"
    assert (second.due_date_overridden, second.effective_due_date()) == (True, dt.date(2025, 6, 30))


def test_round_trip_export_then_import_gives_the_same_plan(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    add_demo_plan(db, group, TODAY)
    [original] = plans.list_plans(db, group.id)
    skane = plans.create_plan(
        db, group.id, PlanInput(title="Skåne", valid_from=TODAY), template_key="skane"
    )
    area_b = plan_items.load_tree(db, skane.id).areas[2]
    override = ActivityInput(
        title="Mobila vårdteam\nmed två rader",
        description="Beskrivning",
        responsible="Erik Lund",
        responsible_principal=Principal.REGION,
        schedule_text="Q2 2025",
        due_date=dt.date(2025, 9, 1),
        due_date_overridden=True,
        status=ActivityStatus.PAUSED,
        progress=35,
        follow_up_method="Följs upp delregionalt",
    )
    plan_items.add_activity(db, area_b.id, override)
    for plan_id in (original.id, skane.id):
        path = tmp_path / f"plan{plan_id}.xlsx"
        path.write_bytes(plan_file_bytes(db, plan_id, ".xlsx", TODAY))
        preview = read_plan_file(path)
        assert preview.problems == []
        again = apply_import(db, group.id, preview)
        before, after = plans.get_plan(db, plan_id), plans.get_plan(db, again.id)
        assert (after.title, after.valid_from, after.valid_to, after.state) == (
            before.title,
            before.valid_from,
            before.valid_to,
            before.state,
        )
        assert _shape(db, plan_id) == _shape(db, again.id)
    assert original.state is PlanState.ADOPTED


def _shape(db: Database, plan_id: int) -> list[tuple[object, ...]]:
    tree = plan_items.load_tree(db, plan_id)
    index = {area.id: number for number, area in enumerate(tree.areas)}
    shape: list[tuple[object, ...]] = []
    for area in tree.areas:
        parent = index[area.parent_id] if area.parent_id is not None else None
        shape.append((area.number, area.title, area.description, parent))
        shape.extend((a.as_input(),) for a in tree.activities_of(area.id))
    return shape


def test_plan_pdf_text_landscape_groups_overdue_and_footer(db: Database, group: GroupData) -> None:
    add_demo_plan(db, group, TODAY)
    [plan] = plans.list_plans(db, group.id)
    reader = PdfReader(io.BytesIO(plan_file_bytes(db, plan.id, ".pdf", TODAY)))
    first = reader.pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    text = "\n".join(page.extract_text() for page in reader.pages)
    pages = len(reader.pages)
    assert plan.title in text
    for strategy in ("1 Ökad delaktighet", "2 Ökad kontinuitet", "5 Ökad samordning och samverkan"):
        assert strategy in text
    assert text.index("1 Ökad delaktighet") < text.index("2 Ökad kontinuitet")
    assert "Punktmätning av fasta kontakter" in text
    assert "Hösten 2022" in text and "Löpande" in text
    assert "Försenad" in text and "Pågår" in text and "100 %" in text
    assert f"Sida 1 av {pages}" in text and f"Sida {pages} av {pages}" in text
    assert f"{plan.title} · 2025-03-01" in text
    assert reader.metadata is not None and reader.metadata.title == plan.title
