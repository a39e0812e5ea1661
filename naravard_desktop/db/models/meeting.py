"""Meetings: attendance, agenda items (§), action items and approved protocol revisions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from naravard_desktop.db.base import Base, Versioned, created_at_column, str_enum
from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, ProtocolState
from naravard_desktop.db.relations import owned_rows, parent_key


class Meeting(Versioned, Base):
    """Möte. Once its protocol is approved (justerat) the meeting and its items are locked."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at", name="time_order"
        ),
        # A group's meetings by date: the meetings list, the register's years, the § numbers.
        Index("ix_meetings_group_id_held_on", "group_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    held_on: Mapped[dt.date] = mapped_column(index=True)
    starts_at: Mapped[dt.time | None]
    ends_at: Mapped[dt.time | None]
    place: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind), default=MeetingKind.ORDINARY)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    adjuster1_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    adjuster2_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    state: Mapped[ProtocolState] = mapped_column(
        str_enum(ProtocolState), default=ProtocolState.DRAFT
    )
    language: Mapped[str] = mapped_column(String(8), default="sv")
    # Why an approved protocol was reopened; moves to the new revision when approved again.
    correction_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = created_at_column()

    attendance: Mapped[list[Attendance]] = owned_rows(back_populates="meeting")
    items: Mapped[list[AgendaItem]] = owned_rows(
        back_populates="meeting", order_by="AgendaItem.position"
    )
    protocols: Mapped[list[ProtocolRevision]] = owned_rows(
        back_populates="meeting", order_by="ProtocolRevision.revision"
    )


class Attendance(Versioned, Base):
    """Närvaro: a member (person_id) or a guest (guest_name), possibly for part of the meeting."""

    __tablename__ = "attendance"
    __table_args__ = (CheckConstraint("person_id IS NOT NULL OR guest_name <> ''", name="who"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = parent_key("meetings")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    guest_organisation: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[AttendanceStatus] = mapped_column(str_enum(AttendanceStatus))
    substitute_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL")
    )
    # Partial attendance as paragraph numbers ("från § 5", "§ 14–15").
    from_paragraph: Mapped[int | None]
    to_paragraph: Mapped[int | None]
    note: Mapped[str] = mapped_column(String(500), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class AgendaItem(Versioned, Base):
    """Paragraf (§). `paragraph` is assigned from the group's numbering and frozen on approval."""

    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting_id_position", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = parent_key("meetings")
    position: Mapped[int] = mapped_column(default=0)
    paragraph: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(500))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    planned_minutes: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    # A standard item (opening, adjusters …) carries a key so templates and exports know it.
    standard_key: Mapped[str | None] = mapped_column(String(40))

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    attachments: Mapped[list[Attachment]] = owned_rows(order_by="Attachment.position")
    action_items: Mapped[list[ActionItem]] = owned_rows(
        back_populates="agenda_item", order_by="ActionItem.position"
    )


class Attachment(Versioned, Base):
    """Bilaga, listed by title (the file itself stays in the municipality's archive)."""

    __tablename__ = "attachments"
    __table_args__ = (
        Index("ix_attachments_agenda_item_id_position", "agenda_item_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = parent_key("agenda_items")
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))


class ActionItem(Versioned, Base):
    """Åtgärd; open ones are carried to the next meeting until done."""

    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_agenda_item_id_position", "agenda_item_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = parent_key("agenda_items")
    position: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    due_on: Mapped[dt.date | None]
    done: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    done_on: Mapped[dt.date | None]
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), index=True
    )

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="action_items")


class ProtocolRevision(Base):
    """An approved protocol: the exact PDF and its SHA-256, the hash of its data and its link
    in the group's chain of approvals. A correction is a new revision."""

    __tablename__ = "protocol_revisions"
    __table_args__ = (UniqueConstraint("meeting_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = parent_key("meetings")
    revision: Mapped[int] = mapped_column(default=1)
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str] = mapped_column(String(500))
    # Who was logged in when approving: the server role (current_user), or the computer's
    # login on SQLite; "" for protocols approved before it was recorded (schema 0006).
    approved_login: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # SHA-256 of what the PDF was rendered from (services/meetings/approval_record.py); NULL for
    # protocols approved before the check existed (schema 0003 and earlier).
    data_sha256: Mapped[str | None] = mapped_column(String(64))
    # The chain of approvals of the group: the hash of the group's previous approval record
    # ("" for the first) and of this record, so rewriting or deleting one breaks the next.
    chain_previous: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # The same PDF with signatures added as incremental updates (PAdES), when signed.
    signed_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)

    meeting: Mapped[Meeting] = relationship(back_populates="protocols")
