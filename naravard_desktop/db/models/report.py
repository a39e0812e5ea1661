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
    made from them as a revision, as a protocol's approval does; reopening it with a reason
    unlocks the texts, and adopting again stores the next revision."""

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
    # Why the adopted report was reopened, while it is being corrected ("" otherwise); stored
    # as the next revision's reason when it is adopted again (schema 0010).
    correction_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Before schema 0010, the adoption itself; since then it is in ReportRevision and these
    # stay empty (0010 moved them there).
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


class ReportRevision(Base):
    """One adoption of a year's report: the exact PDF and its SHA-256, the hash of the figures
    and texts it was made from, and its link in the group's chain of approvals beside the
    protocols' (services/report/report_record.py). Never changed once stored: a correction
    is the next revision, and the earlier ones stay as they were (superseded)."""

    __tablename__ = "annual_report_revisions"
    __table_args__ = (UniqueConstraint("report_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = parent_key("annual_reports")
    # The group and year again, in the row: the server's row-level security reads the group
    # here, and the record's hash commits to both.
    group_id: Mapped[int] = parent_key("groups")
    year: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    adopted_by_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    adopted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    adopted_by: Mapped[str] = mapped_column(String(500), default="")
    adopted_login: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="sv")
    # Why this revision replaces the one before ("" for the first).
    reason: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    data_sha256: Mapped[str | None] = mapped_column(String(64))
    # The chain of approvals: the hash of the group's previous record, of this one, and the
    # id of the group's newest chained protocol revision when it was adopted (where the
    # report stands among the protocols). NULL hashes: adopted before schema 0010.
    chain_previous: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    chain_after: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
