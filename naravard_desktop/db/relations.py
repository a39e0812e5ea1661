"""How rows hang together: a row that belongs to a parent row (a § to its meeting, an
activity to its area) has a `parent_key`, and the parent lists it with `owned_rows`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, Relationship, mapped_column, relationship


def parent_key(table: str) -> Mapped[int]:
    """The id of the row in `table` this row belongs to: indexed, and this row is deleted with
    it (ON DELETE CASCADE). Its parent lists it with `owned_rows`."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


def owned_rows(
    *, back_populates: str | None = None, order_by: str | None = None
) -> Relationship[Any]:
    """A parent's list of rows that live and die with it (a plan's areas, a meeting's §§):
    saved with the parent, deleted with it (by the foreign key's ON DELETE CASCADE, not row by
    row) and deleted when taken out of the list."""
    return relationship(
        back_populates=back_populates,
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=order_by or False,
    )
