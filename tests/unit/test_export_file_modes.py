"""Exports are meant to be handed out: a protocol PDF or a plan saved to a shared folder gets
the permissions the user's umask gives any new file (normally 0644, readable by colleagues),
while the database, its backups, logs and drafts stay owner-only whatever the umask (issue 10,
defect 11; tests/unit/test_file_modes.py covers the private files)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from naravard_desktop.documents import meeting_files
from naravard_desktop.documents.files import write_atomically
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.backups import make_backup
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.drafts import DraftStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Restores the umask a test sets."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.mark.parametrize(
    ("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o027, 0o640), (0o077, 0o600)]
)
def test_an_export_gets_the_users_umask(
    tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    out = write_atomically(tmp_path / "protokoll.pdf", b"%PDF-1.7")
    assert mode(out) == expected
    assert out.read_bytes() == b"%PDF-1.7"


def test_an_export_written_over_a_private_one_becomes_readable(tmp_path: Path, umask: None) -> None:
    os.umask(0o022)
    old = tmp_path / "plan.xlsx"
    old.write_bytes(b"old")
    old.chmod(0o600)  # written by an earlier version
    write_atomically(old, b"new")
    assert (mode(old), old.read_bytes()) == (0o644, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_a_protocol_exported_from_the_database_is_readable_but_the_database_is_not(
    tmp_path: Path, umask: None
) -> None:
    os.umask(0o022)
    db: Database = open_database(str(tmp_path / "naravard.sqlite"))
    try:
        group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
        meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 5, 17)))
        shared = tmp_path / "delad mapp"
        shared.mkdir()
        pdf = meeting_files.write_protocol(db, meeting.id, shared / "Protokoll.pdf")
        assert mode(pdf) == 0o644
        backup = maintenance.backup_to(db, tmp_path / "kopia.sqlite")
        automatic = make_backup(tmp_path / "naravard.sqlite")
        store = DraftStore(tmp_path / "naravard.sqlite")
        store.save("agenda_item", 1, "notes", "text")
        private = [tmp_path / "naravard.sqlite", backup, automatic, *store.folder.iterdir()]
        assert {p.name: mode(p) for p in private} == {p.name: 0o600 for p in private}
    finally:
        db.dispose()
