"""Shared by the benchmarks' data generators: rows gathered per table with their ids, written
in one transaction with bulk inserts (COPY on a server), and the generated SQLite file kept in
benchmarks/cache/ under a name holding the generator's version and the schema's revision, so a
rerun opens it at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.sql.schema import ScalarElementColumnDefault

CACHE = Path(__file__).resolve().parent / "cache"
CHUNK = 20_000


@dataclass
class Rows:
    """Rows per table in insert order, with the next id of each (`ids` may start above the
    rows a database already holds)."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, **values: Any) -> int:
        number = self.ids.get(table, 0) + 1
        self.ids[table] = number
        self.tables.setdefault(table, []).append({"id": number, **values})
        return number


def cached_file(name: str, version: int, tail: str, write: Callable[[Any], None]) -> Path:
    """benchmarks/cache/<name>-v<version>-<schema head><tail>.sqlite, made by `write(db)` on a
    new, migrated file first when there is none (under a temporary name until it is whole);
    the files of other versions and schemas go then."""
    from naravard_desktop.db.schema import HEAD_REVISION
    from naravard_desktop.services.system.database import open_database

    path = CACHE / f"{name}-v{version}-{HEAD_REVISION}{tail}.sqlite"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    # A half-made file, and the files of older versions or schemas (200 MB each).
    for leftover in [*CACHE.glob(partial.name + "*"), *CACHE.glob(f"{name}-v*{tail}.sqlite*")]:
        leftover.unlink()
    db = open_database(str(partial))
    try:
        write(db)
    finally:
        db.dispose()
    partial.rename(path)
    return path


def insert_rows(db: Any, rows: Rows) -> None:
    """Write every table of `rows` in one transaction, in the order they were first added; on a
    server the id sequences are set after the ids given here."""
    from naravard_desktop.db.base import Base

    tables = Base.metadata.tables
    with db.engine.begin() as connection:
        server = connection.dialect.name == "postgresql"
        for name, table_rows in rows.tables.items():
            table: Table = tables[name]
            if server:
                _copy(connection, table, table_rows)
                continue
            for start in range(0, len(table_rows), CHUNK):
                connection.execute(insert(table), table_rows[start : start + CHUNK])
        if server:
            for name in rows.tables:
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :n)"),
                    {"n": rows.ids[name]},
                )


def _copy(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The rows through COPY on a server (a million INSERTs take minutes there), with the
    columns' own defaults filled in as an INSERT through SQLAlchemy would."""
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in rows[0] and isinstance(c.default, ScalarElementColumnDefault)
    }
    columns = [*rows[0], *defaults]
    names = ", ".join(f'"{c}"' for c in columns)
    raw = connection.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            values = [row[c] if c in row else defaults[c] for c in columns]
            copy.write_row([v.value if isinstance(v, Enum) else v for v in values])


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def year_plan(rows: Rows, group: int, year: int) -> int:
    """An adopted action plan for one calendar year; returns its id."""
    from naravard_desktop.db.enums import PlanState

    return rows.add(
        "plans",
        group_id=group,
        title=f"Handlingsplan {year}",
        valid_from=dt.date(year, 1, 1),
        valid_to=dt.date(year, 12, 31),
        state=PlanState.ADOPTED,
    )
