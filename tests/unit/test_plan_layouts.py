"""Real plans in, as they are written (issue 13): the layouts of the source documents (seeds
000, 002 and 003) as Excel, CSV and Word files, each read into the tree a reader of the
document would draw, with the title, validity and revision history above the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.plan_import import (
    ImportOptions,
    ImportPreview,
    apply_import,
    preview_again,
    read_plan_file,
)
from naravard_desktop.services.plan.plan_import_rows import SKIP_REASONS
from naravard_desktop.services.plan.read_models import RevisionInput
from naravard_desktop.services.system.database import Database
from tests.unit import plan_layout_files as files

Tree = list[tuple[str, list[tuple[str, str, str]]]]


def tree(preview: ImportPreview) -> Tree:
    """The preview as (area label, activities) with sub-areas indented, as the files say."""
    shape: Tree = []
    for index, area in enumerate(preview.areas):
        depth, parent = 0, area.parent
        while parent is not None:
            depth, parent = depth + 1, preview.areas[parent].parent
        activities = [
            (a.data.title, a.data.responsible, a.data.schedule_text)
            for a in preview.activities
            if a.area == index
        ]
        shape.append(("  " * depth + area.label, activities))
    return shape


def saved_tree(db: Database, plan_id: int) -> Tree:
    data = plan_items.load_tree(db, plan_id)
    depth = {}
    shape: Tree = []
    for area in data.areas:
        depth[area.id] = depth[area.parent_id] + 1 if area.parent_id is not None else 0
        shape.append(
            (
                "  " * depth[area.id] + area.label,
                [(a.title, a.responsible, a.schedule_text) for a in data.activities_of(area.id)],
            )
        )
    return shape


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(db, GroupInput(name="Samverkan Krokom"))


JAMTLAND_REVISIONS = [
    RevisionInput(dt.date(2022, 3, 14), ""),
    RevisionInput(dt.date(2024, 2, 9), "Beslut i Fredagsgruppen"),
]


def test_jamtland_handlingsplan_as_excel_saves_it(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    preview = read_plan_file(files.jamtland_xlsx(tmp_path / "handlingsplan.xlsx"))
    assert tree(preview) == files.jamtland_tree()
    assert preview.plan.title == files.J_TITLE
    assert preview.plan.valid_from == dt.date(2021, 9, 24)
    assert preview.revisions == JAMTLAND_REVISIONS
    assert preview.problems == []
    reasons = {(row + 1, _(SKIP_REASONS[reason])) for _sheet, row, reason in preview.skipped}
    assert (16, "tom rad") in reasons  # the empty row after the first table
    assert (18, "kolumnrubriker igen") in reasons
    assert (2, "text ovanför tabellen") in reasons  # the subtitle
    assert {(28, "godkännandeblock"), (31, "godkännandeblock")} <= reasons
    plan = apply_import(db, group.id, preview)
    assert saved_tree(db, plan.id) == files.jamtland_tree()
    saved = plans.get_plan(db, plan.id)
    assert [r.as_input() for r in saved.revisions] == JAMTLAND_REVISIONS
    assert saved.valid_from == dt.date(2021, 9, 24)


def test_jamtland_handlingsplan_as_a_word_document(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    preview = read_plan_file(files.jamtland_docx(tmp_path / "Handlingsplan 2024.docx"))
    assert tree(preview) == files.jamtland_tree()
    assert preview.plan.title == files.J_TITLE
    assert preview.plan.valid_from == dt.date(2021, 9, 24)
    assert preview.revisions == JAMTLAND_REVISIONS
    assert preview.problems == []
    plan = apply_import(db, group.id, preview)
    assert saved_tree(db, plan.id) == files.jamtland_tree()


def test_skane_numbered_areas_lettered_sub_areas_and_bullet_cells_as_xlsx(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    preview = read_plan_file(files.skane_xlsx(tmp_path / "skane.xlsx"))
    assert tree(preview) == files.skane_tree()
    assert preview.plan.title == files.S_TITLE
    assert preview.problems == []
    assert (preview.bullet_cells, preview.bullets_split) == (5, 4)
    plan = apply_import(db, group.id, preview)
    assert saved_tree(db, plan.id) == files.skane_tree()


def test_skane_layout_as_swedish_excel_csv(tmp_path: Path) -> None:
    preview = read_plan_file(files.skane_csv(tmp_path / "skane.csv"))
    expected = [
        (label, [(t, r, s.replace("–", "-")) for t, r, s in activities])
        for label, activities in files.skane_tree()
    ]
    assert tree(preview) == expected
    assert preview.plan.title == files.S_TITLE.replace("–", "-")
    assert preview.problems == []


def test_the_user_corrects_bullets_and_a_heading_in_the_preview(tmp_path: Path) -> None:
    preview = read_plan_file(files.skane_xlsx(tmp_path / "skane.xlsx"))
    sheet = preview.sheet
    # "6. Rehabilitering" holds a list after an introduction: one activity unless split.
    split = preview_again(preview, ImportOptions(split_bullets=True))
    assert [t for t, _r, _s in tree(split)[-1][1]] == [
        "För att möta behovet av en mera gemensam utveckling har det inrättats tre "
        "samverkansgrupper;",
        "Regional samverkansgrupp Rehabilitering\nÖversyn av hanteringen av intyg",
        "Regional samverkansgrupp Habilitering\nRevidering av Överenskommelsen om habilitering "
        "i Skåne.",
        "Regional samverkansgrupp Hjälpmedel",
    ]
    whole = preview_again(preview, ImportOptions(split_bullets=False))
    assert [len(activities) for _label, activities in tree(whole)] == [0, 1, 1, 0, 1, 0, 1, 1, 1]
    # Row 15, "b) Kompetensplattform", read as an activity of area 3 instead.
    as_activity = preview_again(preview, ImportOptions(as_activity=frozenset({(sheet, 14)})))
    assert tree(as_activity)[5] == (
        "3 Kompetenssamverkan",
        [
            ("b) Kompetensplattform", "", ""),
            (files.S_3B, files.CTB, "- Förslag till uppdrag klart 2022-09-01"),
        ],
    )


def test_numbers_in_an_area_column_place_sub_areas_under_their_area(tmp_path: Path) -> None:
    """ "1 a)", "1 c)" and "2 a)" with no heading rows: areas 1 and 2 are made for them."""
    path = tmp_path / "omraden.csv"
    path.write_bytes(
        (
            "Område;Aktivitet;Ansvar\r\n"
            "1 a) Patientkontrakt och SIP;Utbildningsinsatser;Region\r\n"
            "1 a) Patientkontrakt och SIP;Uppföljning av SIP-avvikelser;Region\r\n"
            "1 c) Jämlik läkarmedverkan;Nytt ramavtal;Kommun\r\n"
            "2 a) Förebyggande insatser;Samverkansgrupp Hälsa;Region\r\n"
        ).encode("cp1252")
    )
    assert tree(read_plan_file(path)) == [
        ("1 Område 1", []),
        (
            "  a) Patientkontrakt och SIP",
            [
                ("Utbildningsinsatser", "Region", ""),
                ("Uppföljning av SIP-avvikelser", "Region", ""),
            ],
        ),
        ("  c) Jämlik läkarmedverkan", [("Nytt ramavtal", "Kommun", "")]),
        ("2 Område 2", []),
        ("  a) Förebyggande insatser", [("Samverkansgrupp Hälsa", "Region", "")]),
    ]


def test_primary_care_plan_one_sheet_per_strategy(tmp_path: Path) -> None:
    preview = read_plan_file(files.primary_care_sheets(tmp_path / "Gemensam plan.xlsx"))
    assert tree(preview) == [
        (strategy, [(a, "Lokal samverkansarena", "Löpande") for a in activities])
        for strategy, activities in files.P_STRATEGIES
    ]
    assert preview.plan.title == "Gemensam plan"
    one = preview_again(preview, ImportOptions(sheet="Ökad kontinuitet"))
    assert [label for label, _a in tree(one)] == ["Aktiviteter"]
    assert len(one.activities) == 2


def test_primary_care_plan_strategies_merged_down_a_column(tmp_path: Path) -> None:
    preview = read_plan_file(files.primary_care_merged(tmp_path / "plan.xlsx"))
    assert tree(preview) == [
        (strategy, [(a, "Regionen", "") for a in activities])
        for strategy, activities in files.P_STRATEGIES
    ]
    assert preview.plan.title == files.P_TITLE


def test_word_tables_with_the_heading_as_their_first_merged_row(tmp_path: Path) -> None:
    preview = read_plan_file(files.jamtland_docx_headings_in_tables(tmp_path / "plan.docx"))
    assert tree(preview) == files.jamtland_tree()
    assert preview.plan.title == files.J_TITLE
    assert preview.revisions == JAMTLAND_REVISIONS


def test_jamtland_and_primary_care_layouts_as_swedish_excel_csv(tmp_path: Path) -> None:
    jamtland = read_plan_file(files.jamtland_csv(tmp_path / "handlingsplan.csv"))
    assert tree(jamtland) == files.jamtland_tree()
    assert (jamtland.plan.title, jamtland.plan.valid_from) == (files.J_TITLE, dt.date(2021, 9, 24))
    assert jamtland.revisions == JAMTLAND_REVISIONS
    primary = read_plan_file(files.primary_care_csv(tmp_path / "plan.csv"))
    assert tree(primary) == [
        (strategy, [(a, "Regionen", "") for a in activities])
        for strategy, activities in files.P_STRATEGIES
    ]
    assert primary.plan.title == files.P_TITLE.replace("–", "-")


def test_primary_care_plan_as_word_lists_under_strategy_headings(tmp_path: Path) -> None:
    preview = read_plan_file(files.primary_care_docx(tmp_path / "Gemensam plan.docx"))
    assert tree(preview) == [
        (strategy, [(a, "", "") for a in activities]) for strategy, activities in files.P_STRATEGIES
    ]
    assert preview.plan.title == files.P_TITLE
    assert preview.problems == []


@pytest.mark.parametrize(
    ("text", "number", "lead", "title"),
    [
        ("1 Personcentrerat", "1", None, "Personcentrerat"),
        ("1. Personcentrerat", "1", None, "Personcentrerat"),
        ("1) Personcentrerat", "1", None, "Personcentrerat"),
        ("a) Patientkontrakt", "a)", None, "Patientkontrakt"),
        ("1 a) Patientkontrakt", "a)", "1", "Patientkontrakt"),
        ("1a Patientkontrakt", "a)", "1", "Patientkontrakt"),
        ("2.1 Förebyggande insatser", "2.1", "2", "Förebyggande insatser"),
        (
            "Fast vårdkontakt och fast läkarkontakt",
            None,
            None,
            "Fast vårdkontakt och fast läkarkontakt",
        ),
        ("2024 års insatser", None, None, "2024 års insatser"),
    ],
)
def test_numbering_places_an_area(
    text: str, number: str | None, lead: str | None, title: str
) -> None:
    from naravard_desktop.services.plan.plan_layouts import split_number

    numbering, rest = split_number(text)
    assert (numbering.number if numbering else None, numbering.lead if numbering else None) == (
        number,
        lead,
    )
    assert rest == title


def test_bold_headings_mark_a_sheet_and_a_plain_one_cell_row_stays_an_activity(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["Aktivitet", "Ansvar", "Tidsplan"],
        ["Ökad delaktighet"],
        ["Brukarråd för äldre", "Kommunen", "Hösten 2025"],
        ["Dialogmöten med anhöriga"],  # only its title: an activity, not a heading
        ["2. Ökad kontinuitet"],  # not bold, but numbered: a heading
        ["Punktmätning av fasta kontakter", "Fredagsgruppen", "Löpande"],
        ["Ökad tillgänglighet"],
        ["Konsultation mellan vårdnivåer", None, "2025"],
    ):
        sheet.append(row)
    for cell in ("A2", "A7"):
        sheet[cell].font = files.BOLD
    book.save(tmp_path / "plan.xlsx")
    preview = read_plan_file(tmp_path / "plan.xlsx")
    assert tree(preview) == [
        (
            "Ökad delaktighet",
            [
                ("Brukarråd för äldre", "Kommunen", "Hösten 2025"),
                ("Dialogmöten med anhöriga", "", ""),
            ],
        ),
        ("2 Ökad kontinuitet", [("Punktmätning av fasta kontakter", "Fredagsgruppen", "Löpande")]),
        ("Ökad tillgänglighet", [("Konsultation mellan vårdnivåer", "", "2025")]),
    ]


def test_skane_layout_as_a_word_document_with_heading_levels_and_list_cells(
    tmp_path: Path,
) -> None:
    preview = read_plan_file(files.skane_docx(tmp_path / "Aktivitets- och tidplan.docx"))
    assert tree(preview) == files.skane_docx_tree()
    assert preview.plan.title == files.S_TITLE
    assert preview.problems == []


@pytest.mark.parametrize(
    ("line", "valid_from", "valid_to", "revisions"),
    [
        (files.J_VALIDITY, dt.date(2021, 9, 24), None, JAMTLAND_REVISIONS),
        ("Giltig 2024-01-01 – 2025-12-31", dt.date(2024, 1, 1), dt.date(2025, 12, 31), []),
        (
            "Gäller fr o m 2024-01-01 t o m 2026-12-31",
            dt.date(2024, 1, 1),
            dt.date(2026, 12, 31),
            [],
        ),
        ("Reviderad 9 februari 2024", None, None, [RevisionInput(dt.date(2024, 2, 9), "")]),
    ],
)
def test_validity_and_revision_lines_above_the_table(
    line: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    revisions: list[RevisionInput],
) -> None:
    from naravard_desktop.services.plan.plan_layouts import TitleBlock

    block = TitleBlock()
    block.read_row(0, ["Lokal plan"])
    block.read_row(1, [line])
    assert (block.title, block.valid_from, block.valid_to, block.revisions) == (
        "Lokal plan",
        valid_from,
        valid_to,
        revisions,
    )


def test_a_revision_note_with_an_identity_number_is_held_back_like_every_other_text(
    tmp_path: Path, db: Database, group: GroupData
) -> None:
    from naravard_desktop.services.system.privacy import PrivacyWarning

    path = tmp_path / "plan.csv"
    path.write_bytes(
        (
            "Lokal plan Krokom;;\r\n"
            "Gäller från och med 2024-01-01, reviderad 2024-02-09 (samtal med 19121212-1212);;\r\n"
            ";;\r\n"
            "Aktivitet;Ansvar;Tidsplan\r\n"
            "Brukarråd för äldre;Kommunen;Hösten 2025\r\n"
        ).encode("cp1252")
    )
    preview = read_plan_file(path)
    [note] = preview.problems
    assert (note.where, note.blocking) == ("Anteckning om revideringen", False)
    with pytest.raises(PrivacyWarning):
        apply_import(db, group.id, preview)
    assert plans.list_plans(db, group.id) == []  # nothing at all was written
    plan = apply_import(db, group.id, preview, privacy_override="Fiktivt testnummer")
    assert [r.note for r in plans.get_plan(db, plan.id).revisions] == ["samtal med 19121212-1212"]
