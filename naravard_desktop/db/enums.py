"""Closed value sets stored as short strings (portable to SQLite and PostgreSQL).

The Swedish and English labels shown to users live in services, where they are translated.
"""

from __future__ import annotations

from enum import StrEnum


class Principal(StrEnum):
    """Huvudman: who a member or an activity answers to."""

    REGION = "region"
    MUNICIPALITY = "kommun"
    JOINT = "gemensamt"
    OTHER = "other"


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    SUBSTITUTE = "substitute"
    COOPTED = "coopted"


class PlanState(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


class ActivityStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TERTIAL = "tertial"
    YEAR = "year"


class CategoryKind(StrEnum):
    """The two breakdowns of a SIP count."""

    UNIT = "unit"
    TARGET_GROUP = "target_group"


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRA = "extra"


class ProtocolState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"
    COOPTED = "coopted"
    GUEST = "guest"


class ParagraphNumbering(StrEnum):
    PER_YEAR = "per_year"
    PER_MEETING = "per_meeting"
