"""The samverkan group, the people in it and their memberships (roles over time)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from naravard_desktop.db.base import Base, Versioned, created_at_column, str_enum
from naravard_desktop.db.enums import ParagraphNumbering, PeriodKind, Principal, Role
from naravard_desktop.db.relations import owned_rows, parent_key


class Group(Versioned, Base):
    """Samverkansgrupp, with its protocol and follow-up settings."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(50))
    paragraph_numbering: Mapped[ParagraphNumbering] = mapped_column(
        str_enum(ParagraphNumbering), default=ParagraphNumbering.PER_YEAR
    )
    protocol_language: Mapped[str] = mapped_column(String(8), default="sv")
    sip_period_kind: Mapped[PeriodKind] = mapped_column(
        str_enum(PeriodKind), default=PeriodKind.QUARTER
    )
    suppress_below: Mapped[int] = mapped_column(Integer, default=5)
    created_at: Mapped[dt.datetime] = created_at_column()

    persons: Mapped[list[Person]] = owned_rows(back_populates="group")


class Person(Versioned, Base):
    """Someone who sits in, serves or visits the group (ledamot, ersättare, adjungerad …)."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    principal: Mapped[Principal] = mapped_column(str_enum(Principal), default=Principal.OTHER)
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[Group] = relationship(back_populates="persons")
    memberships: Mapped[list[Membership]] = owned_rows(
        back_populates="person", order_by="Membership.active_from"
    )


class Membership(Versioned, Base):
    """A role held over a period; a person may hold several in turn (ledamot, then ordförande)."""

    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint(
            "active_to IS NULL OR active_from IS NULL OR active_to >= active_from",
            name="period_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = parent_key("persons")
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.MEMBER)
    active_from: Mapped[dt.date | None]
    active_to: Mapped[dt.date | None]

    person: Mapped[Person] = relationship(back_populates="memberships")
