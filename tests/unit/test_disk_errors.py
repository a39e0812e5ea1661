"""A full disk, a failing disk, a read-only or busy database during a save or an export:
the user reads a clear Swedish sentence, and what was saved or exported before is intact."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from naravard_desktop import atomic_files
from naravard_desktop.documents import files
from naravard_desktop.errors import DatabaseFileError, DomainError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingInput
from naravard_desktop.services.system.database import Database, describe_save_error


def _pragma_on_every_connection(db: Database, *pragmas: str) -> None:
    """Apply pragmas to every connection the app opens from now on."""

    @event.listens_for(db.engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    db.engine.dispose()  # the pool's connections were made without them


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        connection.close()


@pytest.fixture
def item(db: Database) -> Iterator[ItemData]:
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    members.add_member(db, group.id, MemberInput(name="Anna Berg"))
    meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 5, 17)))
    item = agenda.add_item(db, meeting.id, ItemInput(title="Fast vårdkontakt"))
    agenda.save_text(db, item.id, "notes", "Det som redan är sparat.")
    yield item


@pytest.mark.sqlite_only("a full disk is simulated with PRAGMA max_page_count")
def test_a_full_disk_refuses_the_save_in_swedish_and_keeps_what_was_saved(
    db: Database, db_path: Path, item: ItemData
) -> None:
    with db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    # The file may not grow: as if the disk had no room left.
    _pragma_on_every_connection(db, f"PRAGMA max_page_count = {pages}")
    before = _dump(db_path)
    with pytest.raises(DatabaseFileError) as caught:
        agenda.save_text(db, item.id, "notes", "Ny lång anteckning. " * 9_000)
    assert "Disken är full" in str(caught.value)
    assert "inte sparad" in str(caught.value)
    with pytest.raises(DatabaseFileError):
        agenda.add_item(
            db, item.meeting_id, ItemInput(title="Ny punkt", decision="Beslut. " * 20_000)
        )
    assert _dump(db_path) == before
    (stored,) = [i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id]
    assert stored.notes == "Det som redan är sparat."
    # Once there is room again, the same save goes through.
    _pragma_on_every_connection(db, "PRAGMA max_page_count = 1073741823")
    agenda.save_text(db, item.id, "notes", "Ny lång anteckning.")
    (stored,) = [i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id]
    assert stored.notes == "Ny lång anteckning."


@pytest.mark.sqlite_only("a read-only database is simulated with PRAGMA query_only")
def test_a_read_only_database_refuses_the_save_in_swedish(
    db: Database, db_path: Path, item: ItemData
) -> None:
    _pragma_on_every_connection(db, "PRAGMA query_only = 1")
    before = _dump(db_path)
    with pytest.raises(DatabaseFileError) as caught:
        agenda.save_text(db, item.id, "notes", "Ändrad text")
    assert "kan bara läsas" in str(caught.value)
    assert _dump(db_path) == before


@pytest.mark.sqlite_only("another program holds SQLite's write lock on the file")
def test_a_database_held_by_another_program_refuses_the_save_and_can_be_retried(
    db: Database, db_path: Path, item: ItemData
) -> None:
    _pragma_on_every_connection(db, "PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseFileError) as caught:
            agenda.save_text(db, item.id, "notes", "Ändrad text")
        assert "upptagen" in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    agenda.save_text(db, item.id, "notes", "Ändrad text")
    (stored,) = [i for i in agenda.list_items(db, item.meeting_id) if i.id == item.id]
    assert stored.notes == "Ändrad text"


def test_a_disk_io_error_is_described_and_other_database_errors_are_left_alone() -> None:
    message = describe_save_error(sqlite3.OperationalError("disk I/O error"))
    assert message is not None and "diskfel" in message
    assert describe_save_error(sqlite3.IntegrityError("UNIQUE constraint failed: x")) is None
    assert describe_save_error(sqlite3.OperationalError("no such table: x")) is None


# --- exports ------------------------------------------------------------------------------


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("failing", "code", "words"),
    [
        ("fsync", errno.ENOSPC, "Disken är full"),
        ("write", errno.ENOSPC, "Disken är full"),
        ("replace", errno.EIO, "Disken rapporterade ett fel"),
        ("write", errno.EIO, "Disken rapporterade ett fel"),
    ],
)
def test_an_export_that_fails_leaves_the_earlier_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, words: str
) -> None:
    out = tmp_path / "protokoll.pdf"
    out.write_bytes(b"%PDF-1.7 the protocol exported last week")

    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    if failing == "write":
        real_fdopen = os.fdopen

        class FailingFile:
            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> FailingFile:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # half of it reached the disk
                self.handle.flush()
                raise OSError(code, os.strerror(code))

            def flush(self) -> None:
                self.handle.flush()

            def fileno(self) -> int:
                return int(self.handle.fileno())

        monkeypatch.setattr(
            atomic_files.os, "fdopen", lambda *a, **k: FailingFile(real_fdopen(*a, **k))
        )
    else:
        monkeypatch.setattr(atomic_files.os, failing, fail)
    with pytest.raises(DomainError) as caught:
        files.write_atomically(out, b"%PDF-1.7 the new protocol " * 1000)
    assert words in str(caught.value)
    assert str(out) in str(caught.value)
    assert out.read_bytes() == b"%PDF-1.7 the protocol exported last week"
    assert [name for name in _left_in(tmp_path) if name != "data"] == ["protokoll.pdf"]


def test_a_new_export_that_fails_leaves_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()

    def full(*_args: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_files.os, "fsync", full)
    with pytest.raises(DomainError):
        files.write_atomically(folder / "plan.xlsx", b"PK\x03\x04" + b"x" * 5000)
    assert _left_in(folder) == []
