"""Invented demo data: a group and its members (later capabilities add plan, SIP, meetings).

All names are invented; no real person's data belongs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.system.database import Database

DEMO_GROUP = GroupInput(
    name="Lokal samverkansgrupp Bergsjö",
    municipality="Bergsjö kommun",
    region="Region Mittland",
)

_R, _K, _O = Principal.REGION, Principal.MUNICIPALITY, Principal.OTHER

# name, organisation, principal, role, email local part (invented people, example domains)
DEMO_MEMBERS: tuple[tuple[str, str, Principal, Role], ...] = (
    ("Anna Berg", "Bergsjö kommun, vård och omsorg", _K, Role.CHAIR),
    ("Erik Lund", "Hälsocentralen Bergsjö", _R, Role.VICE_CHAIR),
    ("Lisa Nord", "Bergsjö kommun, kansliet", _K, Role.SECRETARY),
    ("Per Ek", "Region Mittland, psykiatrin", _R, Role.MEMBER),
    ("Sara Holm", "Region Mittland, närsjukvården", _R, Role.SUBSTITUTE),
    ("Maja Fors", "Bergsjö kommun, socialtjänsten", _K, Role.MEMBER),
    ("Olof Strand", "Bergsjö kommun, elevhälsan", _K, Role.MEMBER),
    ("Karin Vik", "Bergsjö kommun, hemsjukvården", _K, Role.SUBSTITUTE),
    ("Jonas Ås", "Anhörigföreningen i Bergsjö", _O, Role.COOPTED),
    ("Elin Dahl", "Region Mittland, barn- och ungdomsmedicin", _R, Role.MEMBER),
)


def _email(name: str, principal: Principal) -> str:
    local = name.lower().replace(" ", ".").replace("å", "a").replace("ä", "a").replace("ö", "o")
    domain = "regionmittland.example" if principal is Principal.REGION else "bergsjo.example"
    return f"{local}@{domain}"


DemoPart = Callable[[Database, GroupData, dt.date], None]


def _parts(render_protocol: Callable[[ProtocolData], bytes]) -> list[DemoPart]:
    """What each capability adds to the demo group (plan, SIP counts, meetings …).

    A capability adds its own `add_demo_…(db, group, today)` here; all run in the one
    transaction of create_demo(). The approved protocols are rendered by `render_protocol`,
    the documents layer's PDF writer."""
    from naravard_desktop.services.meetings.demo_meetings import add_demo_meetings
    from naravard_desktop.services.plan.plan_demo import add_demo_plan
    from naravard_desktop.services.report.report_demo import add_demo_report
    from naravard_desktop.services.sip.sip_demo import add_demo_sip

    return [
        partial(add_demo_meetings, render=render_protocol),
        add_demo_plan,
        add_demo_sip,
        add_demo_report,  # after the plan and the meetings it follows up
    ]


def create_demo(
    db: Database,
    today: dt.date | None = None,
    *,
    render_protocol: Callable[[ProtocolData], bytes],
) -> GroupData:
    """Add the demo group with its members and every capability's demo data, in one
    transaction; refuses to add it twice. Called through documents.demo.create_demo, which
    passes the protocol writer."""
    if any(g.name == DEMO_GROUP.name for g in groups.list_groups(db)):
        raise DomainError(
            _("The demo group is already in this database. Use another database file.")
        )
    day = today or dt.date.today()
    with db.session():
        group = _add_group_and_members(db, day)
        for add_part in _parts(render_protocol):
            add_part(db, group, day)
        return group


def _add_group_and_members(db: Database, day: dt.date) -> GroupData:
    group = groups.create_group(db, DEMO_GROUP)
    for index, (name, organisation, principal, role) in enumerate(DEMO_MEMBERS):
        members.add_member(
            db,
            group.id,
            MemberInput(
                name=name,
                organisation=organisation,
                principal=principal,
                role=role,
                email=_email(name, principal),
                phone=f"0640-{120 + index * 7:03d} {10 + index:02d}",
                active_from=dt.date(day.year - 2, 1, 1),
            ),
        )
    # A former member, so the members page shows an ended membership too.
    members.add_member(
        db,
        group.id,
        MemberInput(
            name="Gustav Myr",
            organisation="Region Mittland, ambulanssjukvården",
            principal=Principal.REGION,
            role=Role.MEMBER,
            active_from=dt.date(day.year - 3, 1, 1),
            active_to=dt.date(day.year - 1, 6, 30),
        ),
    )
    return group
