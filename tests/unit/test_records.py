"""The shared steps of services on rows (services/system/records.py): finding a row, copying
same-named fields, and keeping siblings in order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from naravard_desktop.db.models import Group
from naravard_desktop.errors import NotFoundError
from naravard_desktop.services.group.groups import create_group
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan.read_models import PlanInput, RevisionInput, RevisionRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import (
    assign,
    copy_fields,
    field_values,
    load,
    place,
    renumber,
)


@dataclass
class Row:
    title: str
    position: int = -1


def test_place_puts_a_row_within_the_list_and_renumbers_them_all() -> None:
    rows = [Row("a"), Row("b")]
    place(rows, Row("c"), None)
    place(rows, Row("first"), -5)
    place(rows, Row("late"), 99)
    assert [(r.title, r.position) for r in rows] == [
        ("first", 0),
        ("a", 1),
        ("b", 2),
        ("c", 3),
        ("late", 4),
    ]
    del rows[1]
    renumber(rows)
    assert [r.position for r in rows] == [0, 1, 2, 3]


def test_copy_fields_takes_the_same_names_and_the_values_given() -> None:
    row = RevisionRow(7, dt.date(2024, 2, 9), "Beslut i Fredagsgruppen", None)
    assert copy_fields(RevisionInput, row) == RevisionInput(
        dt.date(2024, 2, 9), "Beslut i Fredagsgruppen"
    )
    assert copy_fields(RevisionRow, row, note="Ny") == RevisionRow(7, row.revised_on, "Ny", None)
    assert field_values(PlanInput("Plan"), leave_out=("state",)) == {
        "title": "Plan",
        "valid_from": None,
        "valid_to": None,
        "adopted_by_item_id": None,
    }
    target = Row("old", 3)
    assign(target, Row("new", 5), leave_out=("position",))
    assert target == Row("new", 3)


def test_load_finds_the_row_or_says_it_is_gone(db: Database) -> None:
    group = create_group(db, GroupInput("Fredagsgruppen"))
    with db.session() as session:
        assert load(session, Group, group.id, "borta").name == "Fredagsgruppen"
        with pytest.raises(NotFoundError, match="borta"):
            load(session, Group, group.id + 1, "borta")
