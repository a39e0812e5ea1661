"""The members table model and its filter, without any widget: what the table would show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _
from naravard_desktop.services.group import members
from naravard_desktop.services.group.read_models import GroupData, MemberInput, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.members.model import (
    ID_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    MembersFilter,
    MembersModel,
)

Display = Qt.ItemDataRole.DisplayRole


ANNA, ERIK, ASA, ARLA, GUSTAV = "Anna Berg", "erik Lund", "Åsa Öberg", "Ärla Nord", "Gustav Myr"
CURRENT = [ANNA, ERIK, ASA, ARLA]  # in Swedish alphabetical order


@pytest.fixture
def rows(db: Database, group: GroupData, roster: dict[str, MemberRow]) -> list[MemberRow]:
    return members.list_members(db, group.id)


@pytest.fixture
def model(rows: list[MemberRow]) -> MembersModel:
    table = MembersModel()
    table.set_rows(rows)
    return table


@pytest.fixture
def proxy(model: MembersModel) -> MembersFilter:
    view = MembersFilter()
    view.setSourceModel(model)
    view.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    return view


def row_of(model: MembersModel, name: str) -> int:
    found = [r for r in range(model.rowCount()) if model.index(r, Column.NAME).data() == name]
    assert len(found) == 1, name
    return found[0]


def cell(model: MembersModel, name: str, column: Column, role: int = Display) -> object:
    return model.index(row_of(model, name), column).data(role)


def shown(proxy: MembersFilter, column: Column = Column.NAME) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_one_row_per_membership_and_a_column_per_field(model: MembersModel) -> None:
    assert model.rowCount() == 5
    assert model.columnCount() == len(Column) == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        _("Name"),
        _("Role"),
        _("Principal"),
        _("Organisation"),
        _("E-mail"),
        _("Phone"),
        _("From"),
        _("To"),
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    # A table model has no children below a row.
    assert model.rowCount(model.index(0, 0)) == 0


def test_cells_show_translated_labels_and_iso_dates(model: MembersModel) -> None:
    assert cell(model, ANNA, Column.ROLE) == _("Chair")
    assert cell(model, ANNA, Column.PRINCIPAL) == _("Municipality")
    assert cell(model, ANNA, Column.ORGANISATION) == "Bergsjö kommun, vård och omsorg"
    assert cell(model, ANNA, Column.EMAIL) == "anna.berg@bergsjo.example"
    assert cell(model, ANNA, Column.PHONE) == "0640-123 45"
    assert cell(model, ANNA, Column.ACTIVE_FROM) == "2023-01-01"
    assert cell(model, ANNA, Column.ACTIVE_TO) == ""
    assert cell(model, GUSTAV, Column.ACTIVE_TO) == "2023-06-30"
    assert cell(model, ERIK, Column.ROLE) == _("Vice chair")
    assert cell(model, ERIK, Column.PRINCIPAL) == _("Region")
    assert cell(model, ASA, Column.ROLE) == _("Co-opted")
    assert cell(model, ASA, Column.PRINCIPAL) == _("Other")


def test_labels_are_swedish_when_the_catalog_has_them(model: MembersModel) -> None:
    if _("Chair") == "Chair":
        pytest.skip("the Swedish catalog does not translate role names yet")
    assert cell(model, ANNA, Column.ROLE) != "Chair"
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) != "Name"


def test_id_and_row_roles_give_the_membership(model: MembersModel, rows: list[MemberRow]) -> None:
    for row in rows:
        number = model.row_for(row.membership_id)
        assert number is not None
        for column in Column:
            index = model.index(number, column)
            assert index.data(ID_ROLE) == row.membership_id
            assert index.data(ROW_ROLE) == row
    assert model.row_for(10_000) is None
    assert model.rows() == rows


def test_sort_role_orders_dates_and_puts_open_ended_last(model: MembersModel) -> None:
    assert cell(model, ANNA, Column.ACTIVE_FROM, SORT_ROLE) == "2023-01-01"
    assert cell(model, ANNA, Column.ACTIVE_TO, SORT_ROLE) > "2999-12-31"
    assert cell(model, GUSTAV, Column.ACTIVE_TO, SORT_ROLE) == "2023-06-30"
    # Text columns sort without regard to case.
    assert cell(model, ERIK, Column.NAME, SORT_ROLE) == "erik lund"
    assert cell(model, ERIK, Column.EMAIL, SORT_ROLE) == "erik.lund@regionmittland.example"


def test_sorting_by_dates(proxy: MembersFilter) -> None:
    proxy.set_show_ended(True)
    proxy.sort(Column.ACTIVE_FROM, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == [GUSTAV, ARLA, ERIK, ANNA, ASA]
    proxy.sort(Column.ACTIVE_TO, Qt.SortOrder.AscendingOrder)
    assert shown(proxy)[0] == GUSTAV  # the only one with an end date
    proxy.sort(Column.ACTIVE_TO, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[-1] == GUSTAV


def test_names_sort_in_swedish_alphabetical_order(
    add_member: Callable[[MemberInput], MemberRow], db: Database, group: GroupData
) -> None:
    # Swedish puts Å, Ä, Ö after Z in that order, and É with E; code-point order does not.
    for name in ("Örjan Ek", "Zara Holm", "Éva Lind", "Ärla Berg", "Åke Dahl", "Bo Ny"):
        add_member(MemberInput(name=name))
    model = MembersModel()
    model.set_rows(members.list_members(db, group.id))
    proxy = MembersFilter()
    proxy.setSourceModel(model)
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["Bo Ny", "Éva Lind", "Zara Holm", "Åke Dahl", "Ärla Berg", "Örjan Ek"]


def test_ended_memberships_are_grey_with_a_tooltip(model: MembersModel) -> None:
    foreground = cell(model, GUSTAV, Column.NAME, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(foreground, QColor)
    assert cell(model, GUSTAV, Column.ROLE, Qt.ItemDataRole.ToolTipRole) == _(
        "Membership ended {date}"
    ).format(date="2023-06-30")
    assert cell(model, ANNA, Column.NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(model, ANNA, Column.NAME, Qt.ItemDataRole.ToolTipRole) is None


def test_a_membership_that_starts_later_is_not_called_ended(
    add_member: Callable[[MemberInput], MemberRow], db: Database, group: GroupData
) -> None:
    later = dt.date.today() + dt.timedelta(days=30)
    add_member(MemberInput(name="Nora Ny", active_from=later))
    model = MembersModel()
    model.set_rows(members.list_members(db, group.id))
    # Greyed as not (yet) active, but without "Membership ended" and an empty date.
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole) is None
    proxy = MembersFilter()
    proxy.setSourceModel(model)
    assert shown(proxy) == ["Nora Ny"]


def test_ended_memberships_are_hidden_unless_asked_for(proxy: MembersFilter) -> None:
    assert shown(proxy) == CURRENT
    proxy.set_show_ended(True)
    assert GUSTAV in shown(proxy)
    assert proxy.rowCount() == 5
    proxy.set_show_ended(False)
    assert GUSTAV not in shown(proxy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HÄLSOCENTRALEN", [ERIK]),  # organisation, upper case with Ä
        ("hälsocentralen", [ERIK]),
        ("regionmittland.EXAMPLE", [ERIK]),  # e-mail stored in mixed case
        ("åsa", [ASA]),
        ("ÅSA ÖBERG", [ASA]),
        ("anhörigFÖRENINGEN", [ASA]),  # organisation with ö
        ("bergsjö", CURRENT),
        ("  kansliet  ", [ARLA]),  # surrounding spaces do not count
        ("0640-123", [ANNA]),  # phone
        ("2022-03", [ERIK]),  # a date as shown
        ("nobody here", []),
        ("", CURRENT),
    ],
)
def test_text_filter_matches_any_column_ignoring_case(
    proxy: MembersFilter, text: str, expected: list[str]
) -> None:
    proxy.set_text(text)
    assert shown(proxy) == expected


def test_text_filter_matches_the_translated_role(proxy: MembersFilter) -> None:
    proxy.set_text(_("Secretary").upper())
    assert shown(proxy) == [ARLA]


def test_text_filter_keeps_ended_memberships_hidden(proxy: MembersFilter) -> None:
    proxy.set_text("ambulans")
    assert shown(proxy) == []
    proxy.set_show_ended(True)
    assert shown(proxy) == [GUSTAV]


def test_reloading_resets_the_model(
    qtbot: QtBot, model: MembersModel, rows: list[MemberRow], proxy: MembersFilter
) -> None:
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(rows[:2])
    assert model.rowCount() == 2
    assert proxy.rowCount() == len([r for r in rows[:2] if r.active_to is None])
