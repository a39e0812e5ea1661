"""One row in every table that holds a group's rows, for the row-level security tests: added
with the models as the owner of the tables, so every table is covered whatever the services
make, and the ids per table come back to compare with what a role can see."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.db.base import Base
from naravard_desktop.db.enums import ActivityStatus, AttendanceStatus, CategoryKind, PeriodKind
from naravard_desktop.db.models import (
    ActionItem,
    Activity,
    AgendaItem,
    AnnualReport,
    Area,
    Attachment,
    Attendance,
    FollowUp,
    Group,
    Indicator,
    Meeting,
    Membership,
    Person,
    Plan,
    PlanRevision,
    ProtocolRevision,
    ReportRevision,
    SipCategory,
    SipCount,
    SipPeriod,
)
from naravard_desktop.services.system.database import Database

DAY = dt.date(2025, 3, 14)
# Tables that hold no group's rows: the grants themselves (a role sees its own).
NOT_GROUP_DATA = {"group_access"}


def group_tables() -> list[str]:
    """Every table of the models that holds a group's rows."""
    return [t.name for t in Base.metadata.sorted_tables if t.name not in NOT_GROUP_DATA]


def fill_group(db: Database, name: str) -> tuple[int, dict[str, set[int]]]:
    """A group with one row in each group table; its id and the ids per table."""
    with db.session() as session:
        group = Group(name=name)
        person = Person(group=group, name=f"Ledamot i {name}")
        person.memberships.append(Membership())
        session.add(group)
        session.flush()
        meeting = Meeting(group_id=group.id, held_on=DAY)
        meeting.attendance.append(Attendance(person_id=person.id, status=AttendanceStatus.PRESENT))
        item = AgendaItem(meeting=meeting, title="Mötets öppnande", decision="Beslut")
        item.attachments.append(Attachment(title="Bilaga 1"))
        item.action_items.append(ActionItem(what="Bjuda in regionen"))
        meeting.protocols.append(
            ProtocolRevision(
                approved_at=dt.datetime(2025, 3, 17, 12, tzinfo=dt.UTC),
                approved_by="Ledamot",
                pdf=b"%PDF",
                sha256="0" * 64,
            )
        )
        plan = Plan(group_id=group.id, title="Lokal samverkansplan")
        plan.revisions.append(PlanRevision(revised_on=DAY))
        area = Area(plan=plan, title="Trygg hemgång")
        activity = Activity(area=area, title="Gemensam rutin")
        activity.follow_ups.append(FollowUp(followed_up_on=DAY, status=ActivityStatus.NOT_STARTED))
        indicator = Indicator(group_id=group.id, code="sip.held", name_sv="Genomförda SIP")
        unit = SipCategory(group_id=group.id, kind=CategoryKind.UNIT, name="Hemtjänst")
        target = SipCategory(group_id=group.id, kind=CategoryKind.TARGET_GROUP, name="Äldre")
        period = SipPeriod(
            group_id=group.id,
            kind=PeriodKind.QUARTER,
            starts_on=DAY,
            ends_on=DAY + dt.timedelta(90),
        )
        session.add_all([meeting, item, plan, area, activity, indicator, unit, target, period])
        session.flush()
        period.counts.append(
            SipCount(indicator_id=indicator.id, unit_id=unit.id, target_group_id=target.id, value=3)
        )
        report = AnnualReport(group_id=group.id, year=DAY.year, plan_text="Analys")
        session.add(report)
        session.flush()
        adopted = ReportRevision(
            report_id=report.id,
            group_id=group.id,
            year=DAY.year,
            adopted_at=dt.datetime(2025, 4, 1, 12, tzinfo=dt.UTC),
            pdf=b"%PDF",
            sha256="0" * 64,
        )
        session.add(adopted)
        session.flush()
        ids = {
            "groups": {group.id},
            "persons": {person.id},
            "memberships": {m.id for m in person.memberships},
            "meetings": {meeting.id},
            "attendance": {a.id for a in meeting.attendance},
            "agenda_items": {item.id},
            "attachments": {a.id for a in item.attachments},
            "action_items": {a.id for a in item.action_items},
            "protocol_revisions": {p.id for p in meeting.protocols},
            "plans": {plan.id},
            "plan_revisions": {r.id for r in plan.revisions},
            "areas": {area.id},
            "activities": {activity.id},
            "follow_ups": {f.id for f in activity.follow_ups},
            "indicators": {indicator.id},
            "sip_categories": {unit.id, target.id},
            "sip_periods": {period.id},
            "sip_counts": {c.id for c in period.counts},
            "annual_reports": {report.id},
            "annual_report_revisions": {adopted.id},
        }
        return group.id, ids
