"""Which server roles may open which groups: the grants the region's administrator gives with
`naravard-desktop grant`. The row-level security policies of migration 0007 read this table;
a SQLite file has one user and leaves it empty."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from naravard_desktop.db.base import Base, created_at_column

ROLE_NAME_LENGTH = 63  # PostgreSQL's longest role name (NAMEDATALEN - 1)


class GroupAccess(Base):
    """A role's access to one group: it reads the group's rows, and writes them unless
    `read_only`."""

    __tablename__ = "group_access"

    role_name: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    granted_at: Mapped[dt.datetime] = created_at_column()
    granted_by: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH), default="")
