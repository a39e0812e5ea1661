"""The region overview on three invented groups: each figure as the database holds it (and as
the group's own overview counts it), and the SIP totals suppressed like the exports."""

from __future__ import annotations

import pytest
from sqlalchemy import make_url, text

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.services.group import groups, overview, region
from naravard_desktop.services.group.read_models import GroupInput, RegionOverview, SipTotal
from naravard_desktop.services.sip import sip_report, sip_setup
from naravard_desktop.services.sip.read_models import HIDDEN
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import Database, open_database
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)
from tests.unit.region_setup import TODAY, YEAR, Region, make_region


@pytest.fixture
def made(db: Database) -> tuple[Region, RegionOverview]:
    built = make_region(db)
    return built, region.region_overview(db, YEAR, TODAY)


def _values(totals: tuple[SipTotal, ...]) -> list[int | str | None]:
    return [HIDDEN if t.hidden else t.value for t in totals]


def test_every_group_in_swedish_order_with_its_plan_meetings_and_work_to_do(
    db: Database, made: tuple[Region, RegionOverview]
) -> None:
    built, data = made
    assert [g.name for g in data.groups] == [
        "Samverkansgrupp Lillsjö",
        "Åsberga vårdforum",
        "Ängsviks samverkan",
    ]
    rows = {g.id: g for g in data.groups}
    lillsjo = rows[built.lillsjo]
    assert lillsjo.plan_title == "Lokal plan 2025–2027"
    assert (lillsjo.done, lillsjo.activities) == (1, 4)
    assert lillsjo.status_counts[ActivityStatus.CANCELLED] == 1
    assert lillsjo.overdue == 1  # the current plan's; not the old plan's, nor the cancelled one
    # held in 2025: the approved one in February and the draft in May (not September's)
    assert lillsjo.meetings_held == 2
    # awaiting justering: the drafts of May 2025 and November 2024
    assert lillsjo.awaiting_justering == 2
    angsvik = rows[built.angsvik]
    assert angsvik.plan_title == "Plan 2024"  # a plan with a period before one without
    # its overdue activity is in the plan without a period, not the current one
    assert (angsvik.done, angsvik.activities, angsvik.overdue) == (2, 2, 0)
    asberga = rows[built.asberga]
    assert asberga.plan_title is None and asberga.activities == 0
    assert (asberga.meetings_held, asberga.awaiting_justering, asberga.overdue) == (0, 0, 0)
    assert _values(asberga.sip) == [None, None, None]


def test_the_figures_are_those_of_each_groups_own_overview(
    db: Database, made: tuple[Region, RegionOverview]
) -> None:
    _built, data = made
    for row in data.groups:
        own = overview.overview(db, row.id, TODAY)
        assert row.overdue == len(own.overdue)


def test_sip_totals_hide_a_small_count_and_whatever_would_give_it_away(
    db: Database, made: tuple[Region, RegionOverview]
) -> None:
    built, data = made
    rows = {g.id: g for g in data.groups}
    assert data.suppress_below == 5
    # initiated: 7 + 5 of 2025 (not 2024's 40); a zero is shown
    assert _values(rows[built.lillsjo].sip)[0] == 12
    assert _values(rows[built.lillsjo].sip)[2] == 0
    assert _values(rows[built.angsvik].sip)[0] == 20
    assert _values(data.sip_totals)[0] == 32
    assert _values(data.sip_totals)[2] == 6
    # held: Lillsjö's 3 is small; with Ängsvik's 9 and the region's 12 both shown it could
    # be worked out, so one of them is hidden as well
    held = [rows[built.lillsjo].sip[1], rows[built.angsvik].sip[1], data.sip_totals[1]]
    assert held[0] == SipTotal("held", None, hidden=True)
    assert sum(t.hidden for t in held) == 2
    assert data.hidden_counts == (1, 1)
    # the group's own export of the year hides the same small count
    report = sip_report.year_report(db, built.lillsjo, YEAR, 5)
    held_row = next(cells for i, cells in report.summary.rows if i.code == "held")
    assert HIDDEN in held_row


def test_the_threshold_is_the_highest_of_the_groups(
    db: Database, made: tuple[Region, RegionOverview]
) -> None:
    built, _data = made
    sip_setup.set_suppress_below(db, built.angsvik, 7)
    data = region.region_overview(db, YEAR, TODAY)
    rows = {g.id: g for g in data.groups}
    assert data.suppress_below == 7
    assert rows[built.angsvik].sip[2].hidden  # 6 is small now


def test_a_hidden_indicator_is_not_published(
    db: Database, made: tuple[Region, RegionOverview]
) -> None:
    built, _data = made
    setup = sip_setup.get_setup(db, built.angsvik)
    followed = next(i for i in setup.indicators if i.code == "followed_up")
    sip_setup.set_indicator_hidden(db, followed.id, True, followed.version)
    rows = {g.id: g for g in region.region_overview(db, YEAR, TODAY).groups}
    assert rows[built.angsvik].sip[2] == SipTotal("followed_up", None)


def test_group_count_and_a_year_without_anything(db: Database) -> None:
    assert groups.group_count(db) == 0
    groups.create_group(db, GroupInput(name="Ensam grupp"))
    assert groups.group_count(db) == 1
    data = region.region_overview(db, 2030, TODAY)
    assert data.suppress_below is None and data.hidden_counts == (0, 0)
    assert [g.name for g in data.groups] == ["Ensam grupp"]


def test_a_login_sees_only_the_groups_granted_to_it_and_their_sums(
    db: Database, server: Server
) -> None:
    """On a server, row-level security decides which groups the overview holds: a
    secretary's login granted two of three sees those two, and the region's SIP totals over
    those two only."""
    built = make_region(db)
    url = server.login_role(db.url)
    role = make_url(url).username or ""
    for group_id in (built.angsvik, built.asberga):
        access.grant(db, role, group_id)
    clerk = open_database(url)
    try:
        assert groups.group_count(clerk) == 2
        data = region.region_overview(clerk, YEAR, TODAY)
    finally:
        clerk.dispose()
        with db.engine.begin() as connection:  # its grants, or the role cannot be dropped
            connection.execute(text(f'DROP OWNED BY "{role}"'))
    assert [g.id for g in data.groups] == [built.asberga, built.angsvik]
    assert _values(data.sip_totals)[0] == 20  # Ängsvik's alone: Lillsjö's 12 is not counted
