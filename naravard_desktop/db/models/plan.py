"""The local plan: areas (strategies) with activities, their follow-ups and revisions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from naravard_desktop.db.base import Base, Versioned, created_at_column, str_enum
from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.db.relations import owned_rows, parent_key


class Plan(Versioned, Base):
    """Lokal samverkansplan or handlingsplan; a group may keep several."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    title: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    state: Mapped[PlanState] = mapped_column(str_enum(PlanState), default=PlanState.DRAFT)
    # The meeting decision that adopted the plan (fastställd).
    adopted_by_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = created_at_column()

    areas: Mapped[list[Area]] = owned_rows(back_populates="plan", order_by="Area.position")
    revisions: Mapped[list[PlanRevision]] = owned_rows(order_by="PlanRevision.revised_on")


class PlanRevision(Base):
    """ "reviderad 2024-02-09 (Beslut i Fredagsgruppen)", kept as data rather than prose."""

    __tablename__ = "plan_revisions"
    __table_args__ = (Index("ix_plan_revisions_plan_id_revised_on", "plan_id", "revised_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = parent_key("plans")
    revised_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )


class Area(Versioned, Base):
    """Område or strategi; `number` is kept as written ("1", "1 a", "b)")."""

    __tablename__ = "areas"
    __table_args__ = (Index("ix_areas_plan_id_position", "plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = parent_key("plans")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="areas")
    activities: Mapped[list[Activity]] = owned_rows(
        back_populates="area", order_by="Activity.position"
    )


class Activity(Versioned, Base):
    """Aktivitet. `schedule_text` is the Tidsplan exactly as written; `due_date` is derived
    from it (or overridden by the user) and is what "overdue" is computed from."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        Index("ix_activities_area_id_position", "area_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = parent_key("areas")
    # A copy of its plan's group, kept by the database's triggers (migration 0007), never set
    # here: the row-level security of a server checks it without going through area and plan.
    group_id: Mapped[int | None] = mapped_column()
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")
    responsible_principal: Mapped[Principal | None] = mapped_column(str_enum(Principal))
    schedule_text: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None]
    due_date_overridden: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ActivityStatus] = mapped_column(
        str_enum(ActivityStatus), default=ActivityStatus.NOT_STARTED
    )
    progress: Mapped[int] = mapped_column(default=0)
    follow_up_method: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[Area] = relationship(back_populates="activities")
    follow_ups: Mapped[list[FollowUp]] = owned_rows(
        back_populates="activity", order_by="FollowUp.followed_up_on"
    )


class FollowUp(Versioned, Base):
    """Uppföljning: a dated status note on an activity, possibly made at a meeting item."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_activity_id_followed_up_on", "activity_id", "followed_up_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = parent_key("activities")
    followed_up_on: Mapped[dt.date]
    status: Mapped[ActivityStatus] = mapped_column(str_enum(ActivityStatus))
    progress: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )

    activity: Mapped[Activity] = relationship(back_populates="follow_ups")
