"""Issue 11, points 5 and 6: a database on a read-only medium or in a folder that cannot be
written opens read-only (a WAL database there has no -shm file and none can be made), and a
file the user made read-only (0444) is respected: never made writable, nothing saved.

Read-only is decided from the permission bits as well as from access(2), so these tests mean
the same run as root (which access(2) lets write anything) and as a normal user."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import open_database
from tests.attack.db_files import GROUP, cli, is_wal, make_database, mode

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A WAL database alone in a folder made 0555 (as a read-only medium looks)."""
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    path = make_database(folder / "samverkan.sqlite")
    assert is_wal(path) and sorted(p.name for p in folder.iterdir()) == ["samverkan.sqlite"]
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)


def test_a_database_in_a_folder_that_cannot_be_written_opens_read_only(
    read_only_folder: Path,
) -> None:
    before = read_only_folder.read_bytes()
    db = open_database(str(read_only_folder))
    try:
        assert db.read_only
        assert [g.name for g in groups.list_groups(db)] == [GROUP]
        with pytest.raises(DatabaseFileError, match="skrivskyddad"):
            groups.create_group(db, GroupInput(name="Får inte sparas"))
    finally:
        db.dispose()
    assert read_only_folder.read_bytes() == before
    assert [p.name for p in read_only_folder.parent.iterdir()] == ["samverkan.sqlite"]


def test_a_file_made_read_only_is_never_made_writable(tmp_path: Path) -> None:
    path = make_database(tmp_path / "arkiv.sqlite")
    path.chmod(0o444)
    before = path.read_bytes()
    source = tmp_path / "plan.csv"
    source.write_text("Område;Aktivitet\n1 Kontinuitet;\n;Fast vårdkontakt\n", encoding="utf-8")

    checked = cli(tmp_path / "data", "check", "--database", path)
    assert checked.returncode == 0, checked.stderr
    assert mode(path) == 0o444  # `check` made it 0600 before

    applied = cli(tmp_path / "data", "import", "plan", source, "--apply", "--database", path)
    assert applied.returncode != 0
    assert "skrivskyddad" in applied.stderr and "ändringen är inte sparad" in applied.stderr
    assert "readonly" not in applied.stderr.replace(" ", "").lower()
    assert mode(path) == 0o444 and path.read_bytes() == before


@contextmanager
def read_only_mount(source: Path, mount: Path) -> Iterator[Path]:
    """`source` seen read-only at `mount` (a bind mount): the real thing, where the machine
    lets the test mount (root); skipped elsewhere."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")
    mount.mkdir()
    if subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount here")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(mount)]
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_read_only_mount_opens_read_only(tmp_path: Path) -> None:
    source = tmp_path / "källa"
    source.mkdir()
    make_database(source / "samverkan.sqlite")
    with read_only_mount(source, tmp_path / "minne") as mount:
        listed = cli(tmp_path / "data", "groups", "list", "--database", mount / "samverkan.sqlite")
    assert listed.returncode == 0, listed.stderr  # was "unable to open database file"
    assert GROUP in listed.stdout


def test_changes_still_in_the_wal_file_are_read_or_explained(tmp_path: Path) -> None:
    """A copy taken while the program ran (or after it died) has committed changes in its
    -wal file. With the -shm file beside it they are read (immutable=1 would skip them);
    without it SQLite cannot read them on a read-only medium, and the user is told what to
    do instead of "unable to open database file"."""
    source = tmp_path / "källa"
    source.mkdir()
    path = make_database(source / "samverkan.sqlite")
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE groups SET name = 'Ändrad efter kopian'")
    writer.commit()
    for name in ("med-shm.sqlite", "utan-shm.sqlite"):
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{path}{suffix}", source / f"{name}{suffix}")
    writer.close()
    (source / "utan-shm.sqlite-shm").unlink()
    with read_only_mount(source, tmp_path / "minne") as mount:
        read = cli(tmp_path / "data", "groups", "list", "--database", mount / "med-shm.sqlite")
        told = cli(tmp_path / "data", "groups", "list", "--database", mount / "utan-shm.sqlite")
    assert read.returncode == 0 and "Ändrad efter kopian" in read.stdout, read.stderr
    assert told.returncode == 2
    assert "har ändringar som ännu inte skrivits in i filen" in told.stderr
    assert "Kopiera mappen" in told.stderr and "unable" not in told.stderr
