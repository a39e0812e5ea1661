"""The steps every area's use cases take with the rows they change: find a row or say it is
gone or was changed elsewhere, copy same-named fields between database rows, inputs and read
models, and keep siblings numbered in order after an insert, a move or a delete. One piece
each, so that a new use case does not write them out again."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, MutableSequence, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from naravard_desktop.errors import NotFoundError, StaleEditError
from naravard_desktop.i18n import _

_Row = TypeVar("_Row")
_Kind = TypeVar("_Kind")


class Positioned(Protocol):
    """A row kept in order among its siblings by a zero-based position."""

    position: int


_Placed = TypeVar("_Placed", bound=Positioned)


def load(session: Session, model: type[_Row], row_id: int, gone: str) -> _Row:
    """The row of `model` with `row_id`, or NotFoundError with the message `gone` (someone
    removed it since the user's view was read)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(gone)
    return row


class Versioned(Protocol):
    """A row that counts its saves (db/base.Versioned)."""

    version: int


def check_version(row: Versioned, version: int, name: str) -> None:
    """Refuse to change or remove a row saved elsewhere since the user's view of it was read
    at `version` (`name`: the row as the user knows it), so nobody's save is silently lost."""
    if row.version != version:
        raise StaleEditError(
            _("{name} was changed elsewhere. Reload and try again.").format(name=name)
        )


_FIELD_NAMES: dict[Any, tuple[str, ...]] = {}


def _field_names(kind: Any) -> tuple[str, ...]:
    """The init fields of a dataclass, found once per class (a tree makes thousands of rows)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.init)
    return names


def field_values(data: object, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of a dataclass instance by name (shallow, unlike dataclasses.asdict), to
    make a database row from an input: `Meeting(group_id=…, **field_values(cleaned))`."""
    names = _field_names(type(data))
    return {name: getattr(data, name) for name in names if name not in leave_out}


def copy_fields(kind: Callable[..., _Kind], source: object, **values: Any) -> _Kind:
    """A `kind` (a dataclass) made of the same-named attributes of `source` (a database row
    or another read model), `values` given here taking the place of those it names."""
    names = _field_names(kind)
    copied = {name: getattr(source, name) for name in names if name not in values}
    return kind(**copied, **values)


def assign(row: object, data: object, *, leave_out: tuple[str, ...] = ()) -> None:
    """Each field of the dataclass `data` set on `row` (a database row) by the same name: an
    edit saved."""
    for name, value in field_values(data, leave_out=leave_out).items():
        setattr(row, name, value)


def renumber(rows: Sequence[Positioned]) -> None:
    """Positions 0, 1, 2 … in the order of `rows`, changing only those that differ."""
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def place(rows: MutableSequence[_Placed], row: _Placed, position: int | None) -> None:
    """Insert `row` among `rows` at `position` (last when None; kept within the list), then
    renumber them all."""
    at = len(rows) if position is None else max(0, min(position, len(rows)))
    rows.insert(at, row)
    renumber(rows)
