"""Aggregate follow-up counts (SIP and other indicator sets): never data about a person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from naravard_desktop.db.base import Base, Versioned, str_enum
from naravard_desktop.db.enums import CategoryKind, PeriodKind
from naravard_desktop.db.relations import owned_rows, parent_key


class Indicator(Versioned, Base):
    """One counted quantity, copied per group from a shipped set so it can be renamed or
    hidden without losing recorded values; `parent_id` links a breakdown to its total
    (initiated by region → initiated)."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("group_id", "indicator_set", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    indicator_set: Mapped[str] = mapped_column(String(50), default="sip")
    code: Mapped[str] = mapped_column(String(80))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    name_sv: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    help_sv: Mapped[str] = mapped_column(Text, default="")
    help_en: Mapped[str] = mapped_column(Text, default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class SipCategory(Versioned, Base):
    """A breakdown value: a unit (enhet) or a target group (målgrupp), configurable per group."""

    __tablename__ = "sip_categories"
    __table_args__ = (UniqueConstraint("group_id", "kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    kind: Mapped[CategoryKind] = mapped_column(str_enum(CategoryKind))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class SipPeriod(Versioned, Base):
    """A counting period (month, quarter, tertial, year); closed periods are read-only."""

    __tablename__ = "sip_periods"
    __table_args__ = (
        UniqueConstraint("group_id", "starts_on"),
        CheckConstraint("ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    kind: Mapped[PeriodKind] = mapped_column(str_enum(PeriodKind))
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    counts: Mapped[list[SipCount]] = owned_rows(back_populates="period")


class SipCount(Versioned, Base):
    """One whole number ≥ 0 per period × indicator × unit × target group."""

    __tablename__ = "sip_counts"
    __table_args__ = (
        UniqueConstraint("period_id", "indicator_id", "unit_id", "target_group_id"),
        CheckConstraint("value >= 0", name="non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = parent_key("sip_periods")
    # A copy of its period's group, kept by the database's triggers (migration 0007), never
    # set here: the row-level security of a server checks it without going through the period.
    group_id: Mapped[int | None] = mapped_column()
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("sip_categories.id", ondelete="CASCADE"))
    target_group_id: Mapped[int] = mapped_column(
        ForeignKey("sip_categories.id", ondelete="CASCADE")
    )
    value: Mapped[int]

    period: Mapped[SipPeriod] = relationship(back_populates="counts")
