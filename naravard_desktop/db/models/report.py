"""The annual follow-up report (årsuppföljning) of a group's year: the secretary's analysis
per section while it is a draft, and once adopted at a meeting the exact PDF with its hash."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from naravard_desktop.db.base import Base, Versioned, created_at_column, str_enum
from naravard_desktop.db.relations import parent_key


class ReportState(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


class AnnualReport(Versioned, Base):
    """One a group and year. Adopting it (fastställd) locks the texts and stores the PDF
    made from them, as a protocol's approval does."""

    __tablename__ = "annual_reports"
    __table_args__ = (UniqueConstraint("group_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = parent_key("groups")
    year: Mapped[int] = mapped_column(Integer)
    state: Mapped[ReportState] = mapped_column(str_enum(ReportState), default=ReportState.DRAFT)
    # The secretary's written analysis of each section ("" while unwritten).
    summary_text: Mapped[str] = mapped_column(Text, default="")
    plan_text: Mapped[str] = mapped_column(Text, default="")
    sip_text: Mapped[str] = mapped_column(Text, default="")
    meetings_text: Mapped[str] = mapped_column(Text, default="")
    # The meeting's § that adopted the report, who adopted it and the login that recorded it.
    adopted_by_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    adopted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    adopted_by: Mapped[str] = mapped_column(String(500), default="")
    adopted_login: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    # SHA-256 of the figures and texts the PDF was made from (services/report/adoption.py).
    data_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = created_at_column()
