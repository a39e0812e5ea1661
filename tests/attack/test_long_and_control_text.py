"""Attack: control characters and very long texts (issue 11, point 3).

Before: an area title with BEL/ESC was stored and then broke the XLSX export with "Oväntat
fel (IllegalCharacterError)"; the import had no length limit (a 148 KB file made a 150 MB
title whose PDF ran for minutes) and cut area titles at 500 characters without a word; the
XLSX export cut at 32 767 characters without a word. Now a control character is refused
where it is typed or imported (named by field, or by row and column), lengths are limited
by kind of field (one line 300, an activity 2 000, a description 10 000) in the forms and
the import alike, and the export cleans what older data may hold and never cuts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from naravard_desktop.db.enums import ActivityStatus, CategoryKind
from naravard_desktop.db.models import Activity, Area
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_import import read_plan_file
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    AreaInput,
    FollowUpInput,
    PlanInput,
)
from naravard_desktop.services.sip import sip_setup
from naravard_desktop.services.system.database import Database

INVISIBLE = "osynligt styrtecken"


@pytest.fixture
def plan_id(db: Database) -> int:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    return plans.create_plan(db, group.id, PlanInput(title="Plan 2025")).id


def test_a_control_character_is_refused_where_it_is_typed(db: Database, plan_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_items.add_area(db, plan_id, AreaInput(title="Trygg\x07 hemgång"))
    assert INVISIBLE in caught.value.fields["title"] and "U+0007" in caught.value.fields["title"]
    with pytest.raises(ValidationError) as caught:
        plans.create_plan(db, 1, PlanInput(title="Plan\x1b[31m"))
    assert "U+001B" in caught.value.fields["title"]
    area = plan_items.add_area(db, plan_id, AreaInput(title="Hemgång"))
    with pytest.raises(ValidationError) as caught:
        plan_items.add_activity(
            db, area.id, ActivityInput(title="Rutin", description="Steg\x00ett")
        )
    assert INVISIBLE in caught.value.fields["description"]
    # tabs and line breaks are text, not control characters to refuse
    kept = plan_items.add_activity(
        db, area.id, ActivityInput(title="Rutin", description="Steg 1\n\tSteg 2")
    )
    assert kept.description == "Steg 1\n\tSteg 2"


def test_lengths_are_limited_by_kind_of_field(db: Database, plan_id: int) -> None:
    with pytest.raises(ValidationError, match="300"):
        plans.create_plan(db, 1, PlanInput(title="P" * 301))
    with pytest.raises(ValidationError, match="300"):
        plan_items.add_area(db, plan_id, AreaInput(title="O" * 301))
    area = plan_items.add_area(db, plan_id, AreaInput(title="O" * 300))
    with pytest.raises(ValidationError) as caught:
        plan_items.add_activity(
            db, area.id, ActivityInput(title="A" * 2001, description="d" * 10_001)
        )
    assert set(caught.value.fields) == {"title", "description"}
    assert "10\u00a0000" in caught.value.fields["description"]
    plan_items.add_activity(db, area.id, ActivityInput(title="A" * 2000, description="d" * 10_000))


def test_the_import_names_the_cell_of_a_control_character_or_a_too_long_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.csv"
    rows = [
        "Område;Aktivitet;Beskrivning;Tidsplan",
        "1. Trygg\x07 hemgång;Rutin;;",
        f";{'A' * 2001};;",
        f";Uppföljning;{'d' * 10_001};",
        f";Mätning;;{'t' * 301}",
        f"{'O' * 301};Rutin;;",
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    preview = read_plan_file(path)
    found = {(p.where, p.message.split(" ")[0]) for p in preview.blocking}
    assert ("rad 2, kolumn A", "Rubrik") in found  # the area's BEL
    assert ("rad 3, kolumn B", "Aktivitet") in found
    assert ("rad 4, kolumn C", "Beskrivning") in found
    assert ("rad 5, kolumn D", "Tidsplan") in found
    assert ("rad 6, kolumn A", "Rubrik") in found  # not cut at 500 characters any more
    assert not preview.can_apply


def test_the_import_names_a_too_long_plan_title_by_its_sheet_and_cell(tmp_path: Path) -> None:
    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    plan.append(["Område", "Aktivitet"])
    plan.append(["1. Hemgång", "Rutin"])
    about = book.create_sheet("Om planen")
    about.append(["Titel", "T" * 5000])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    preview = read_plan_file(path)
    [problem] = preview.blocking
    assert problem.where == "bladet ”Om planen”, rad 1, kolumn B"
    assert "300" in problem.message
    assert not preview.can_apply


def test_old_data_with_control_characters_still_exports(db: Database, plan_id: int) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput(title="Hemgång"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Rutin"))
    with db.session() as session:  # as stored before input was checked
        session.get_one(Area, area.id).title = "Trygg\x07 hem\x1bgång"
        # PostgreSQL refuses NUL in text: a server can never have held one
        nul = "\x00" if db.path is not None else "\x01"
        session.get_one(Activity, activity.id).responsible = f"Anna{nul} Berg"
    sheet_ = load_workbook(io.BytesIO(plan_file_bytes(db, plan_id, ".xlsx")))["Plan"]
    texts = {cell.value for row in sheet_.iter_rows() for cell in row}
    assert "Trygg hemgång" in texts and "Anna Berg" in texts
    assert "Trygg hemgång" in plan_file_bytes(db, plan_id, ".csv").decode("cp1252")


def test_the_export_never_cuts_a_text_silently(db: Database, plan_id: int) -> None:
    area = plan_items.add_area(db, plan_id, AreaInput(title="Hemgång"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Rutin"))
    with db.session() as session:  # older data, from before the limits
        session.get_one(Activity, activity.id).description = "x" * 40_000
    with pytest.raises(DomainError) as caught:
        plan_file_bytes(db, plan_id, ".xlsx")
    message = str(caught.value)
    assert "D3" in message and "”Plan”" in message and "40\u00a0000" in message


def test_other_forms_refuse_control_characters_too(db: Database, plan_id: int) -> None:
    """The names that go into the SIP export and the protocol, and a follow-up's note."""
    group_id = plans.get_plan(db, plan_id).group_id
    with pytest.raises(ValidationError) as caught:
        members.add_member(db, group_id, MemberInput(name="Anna\x1b Berg"))
    assert INVISIBLE in caught.value.fields["name"]
    with pytest.raises(ValidationError) as caught:
        sip_setup.add_category(db, group_id, CategoryKind.UNIT, "Hemtjänst\x07")
    assert INVISIBLE in caught.value.fields["name"]
    area = plan_items.add_area(db, plan_id, AreaInput(title="Hemgång"))
    activity = plan_items.add_activity(db, area.id, ActivityInput(title="Rutin"))
    note = FollowUpInput(dt.date(2025, 3, 1), ActivityStatus.IN_PROGRESS, 50, "Klart\x08")
    with pytest.raises(ValidationError) as caught:
        follow_ups.add_follow_up(db, activity.id, note)
    assert INVISIBLE in caught.value.fields["note"]
