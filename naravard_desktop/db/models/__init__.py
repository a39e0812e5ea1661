"""All tables; importing this package registers every model on Base.metadata."""

from naravard_desktop.db.models.access import GroupAccess
from naravard_desktop.db.models.group import Group, Membership, Person
from naravard_desktop.db.models.meeting import (
    ActionItem,
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    ProtocolRevision,
)
from naravard_desktop.db.models.plan import Activity, Area, FollowUp, Plan, PlanRevision
from naravard_desktop.db.models.report import AnnualReport, ReportRevision
from naravard_desktop.db.models.sip import Indicator, SipCategory, SipCount, SipPeriod

__all__ = [
    "ActionItem",
    "Activity",
    "AgendaItem",
    "AnnualReport",
    "Area",
    "Attachment",
    "Attendance",
    "FollowUp",
    "Group",
    "GroupAccess",
    "Indicator",
    "Meeting",
    "Membership",
    "Person",
    "Plan",
    "PlanRevision",
    "ProtocolRevision",
    "ReportRevision",
    "SipCategory",
    "SipCount",
    "SipPeriod",
]
