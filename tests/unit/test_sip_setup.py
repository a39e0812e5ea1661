"""A group's copy of the SIP indicator set, its units and target groups, its periods."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard_desktop.db.enums import CategoryKind, PeriodKind
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
from naravard_desktop.services.sip.read_models import label
from naravard_desktop.services.sip.sip_rules import CountError
from naravard_desktop.services.system.database import Database


@pytest.fixture
def group_id(db: Database) -> int:
    return groups.create_group(db, GroupInput(name="Samverkan Bergsjö")).id


def test_the_shipped_set_is_copied_to_the_group_on_first_use(db: Database, group_id: int) -> None:
    setup = sip_setup.get_setup(db, group_id)
    codes = [i.code for i in setup.indicators]
    assert codes[:3] == ["initiated", "initiated_region", "initiated_municipality"]
    assert len(codes) == 15
    assert [u.name for u in setup.units] == ["Kommunen", "Regionen"]
    assert [t.name for t in setup.target_groups] == ["Barn och unga", "Vuxna", "Äldre"]
    assert len(setup.columns()) == 6
    assert setup.period_kind is PeriodKind.QUARTER
    # a second look copies nothing twice
    assert len(sip_setup.get_setup(db, group_id).indicators) == 15


def test_another_set_uses_the_same_machinery(db: Database, group_id: int) -> None:
    sip_setup.get_setup(db, group_id)
    survey = sip_setup.get_setup(db, group_id, "fast_vardkontakt")
    assert survey.indicators[0].name == "Antal personer i mätningen"
    # the group's units were already there and are shared
    assert [u.name for u in survey.units] == ["Kommunen", "Regionen"]


def test_rename_hide_and_add_keep_recorded_values(db: Database, group_id: int) -> None:
    setup = sip_setup.get_setup(db, group_id)
    held = next(i for i in setup.indicators if i.code == "held")
    unit, target = setup.columns()[0]
    period = sip_periods.create_period(db, group_id, 2024, 1)
    sip_counts.save_counts(db, period.id, {(held.id, unit.id, target.id): 7}, period.version)

    renamed = sip_setup.rename_indicator(
        db, held.id, "Hållna SIP-möten", "Meetings held", held.version
    )
    assert renamed.name == "Hållna SIP-möten"
    hidden = sip_setup.set_indicator_hidden(db, held.id, True, renamed.version)
    assert held.id not in [i.id for i in sip_setup.get_setup(db, group_id).visible_indicators()]
    shown = sip_setup.set_indicator_hidden(db, held.id, False, hidden.version)
    assert sip_counts.load_counts(db, period.id).values == {(held.id, unit.id, target.id): 7}

    own = sip_setup.add_indicator(db, group_id, "SIP via videolänk", "SIP by video")
    assert own.code == "own_1"
    assert sip_setup.get_setup(db, group_id).indicators[-1].name == "SIP via videolänk"
    with pytest.raises(DomainError, match="finns redan"):
        sip_setup.add_indicator(db, group_id, "sip via videolänk")
    with pytest.raises(ValidationError):
        sip_setup.rename_indicator(db, held.id, "  ", "", shown.version)


def test_units_and_target_groups_are_configurable(db: Database, group_id: int) -> None:
    sip_setup.get_setup(db, group_id)
    school = sip_setup.add_category(db, group_id, CategoryKind.UNIT, "Elevhälsan")
    with pytest.raises(DomainError, match="redan"):
        sip_setup.add_category(db, group_id, CategoryKind.UNIT, "ELEVHÄLSAN")
    sip_setup.rename_category(db, school.id, "Elevhälsan Bergsjö", school.version)
    setup = sip_setup.get_setup(db, group_id)
    assert [u.name for u in setup.units][-1] == "Elevhälsan Bergsjö"
    assert len(setup.columns()) == 9
    for target in setup.target_groups[:2]:
        sip_setup.set_category_hidden(db, target.id, True, target.version)
    last = setup.target_groups[2]
    with pytest.raises(DomainError, match="Minst"):
        sip_setup.set_category_hidden(db, last.id, True, last.version)


def test_periods_of_each_kind_have_the_right_bounds_and_names() -> None:
    assert sip_periods.bounds(PeriodKind.MONTH, 2024, 2) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    assert sip_periods.bounds(PeriodKind.QUARTER, 2024, 4) == (
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 31),
    )
    assert sip_periods.bounds(PeriodKind.TERTIAL, 2024, 2) == (
        dt.date(2024, 5, 1),
        dt.date(2024, 8, 31),
    )
    assert label(PeriodKind.MONTH, dt.date(2024, 5, 1)) == "maj 2024"
    assert label(PeriodKind.QUARTER, dt.date(2024, 4, 1)) == "Kvartal 2 2024"
    assert label(PeriodKind.TERTIAL, dt.date(2024, 9, 1)) == "Tertial 3 2024"
    assert sip_periods.kind_of(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) is PeriodKind.YEAR
    with pytest.raises(DomainError, match="5"):
        sip_periods.bounds(PeriodKind.QUARTER, 2024, 5)


def test_overlapping_periods_are_refused(db: Database, group_id: int) -> None:
    sip_periods.create_period(db, group_id, 2024, 2)
    with pytest.raises(DomainError) as caught:
        sip_periods.create_period(db, group_id, 2024, 5, PeriodKind.MONTH)
    assert caught.value.message == (
        "maj 2024 överlappar Kvartal 2 2024, som redan finns. Kontrollera datumen."
    )
    with pytest.raises(DomainError, match="överlappar"):
        sip_periods.create_period(db, group_id, 2024, 1, PeriodKind.YEAR)
    sip_setup.set_period_kind(db, group_id, PeriodKind.MONTH)
    july = sip_periods.create_period(db, group_id, 2024, 7)
    assert july.kind is PeriodKind.MONTH
    assert [p.label for p in sip_periods.list_periods(db, group_id)] == [
        "Kvartal 2 2024",
        "juli 2024",
    ]


def test_a_closed_period_is_read_only_until_reopened(db: Database, group_id: int) -> None:
    setup = sip_setup.get_setup(db, group_id)
    key = (setup.indicators[0].id, setup.units[0].id, setup.target_groups[0].id)
    period = sip_periods.create_period(db, group_id, 2024, 1)
    period = sip_counts.save_counts(db, period.id, {key: 4}, period.version)
    closed = sip_periods.set_closed(db, period.id, True, period.version)
    with pytest.raises(DomainError, match="stängd"):
        sip_counts.save_counts(db, period.id, {key: 5}, closed.version)
    with pytest.raises(DomainError, match="stängd"):
        sip_periods.delete_period(db, period.id)
    reopened = sip_periods.set_closed(db, period.id, False, closed.version)
    sip_counts.save_counts(db, period.id, {key: 5}, reopened.version)
    assert sip_counts.load_counts(db, period.id).values == {key: 5}


def test_saving_counts(db: Database, group_id: int) -> None:
    setup = sip_setup.get_setup(db, group_id)
    ids = {i.code: i.id for i in setup.indicators}
    unit, target = setup.columns()[0]
    period = sip_periods.create_period(db, group_id, 2024, 1)
    saved = sip_counts.save_counts(
        db,
        period.id,
        {(ids["held"], unit.id, target.id): 3, (ids["followed_up"], unit.id, target.id): 5},
        period.version,
    )
    assert saved.value_count == 2
    with pytest.raises(StaleEditError):
        sip_counts.save_counts(db, period.id, {(ids["held"], unit.id, target.id): 9}, 1)
    with pytest.raises(CountError, match="negativt"):
        sip_counts.save_counts(
            db, period.id, {(ids["held"], unit.id, target.id): -1}, saved.version
        )
    values = sip_counts.load_counts(db, period.id).values
    assert values[(ids["held"], unit.id, target.id)] == 3
    issues = sip_counts.check_period(setup, values)
    assert [(i.unit_id, i.issue.rule) for i in issues] == [(unit.id, "followed_up_le_held")]
    cleared = sip_counts.save_counts(
        db, period.id, {(ids["held"], unit.id, target.id): None}, saved.version
    )
    assert cleared.value_count == 1
    with pytest.raises(DomainError, match="värden"):
        sip_periods.delete_period(db, period.id)
