"""Files the app keeps (database, its journal files, backups, logs, drafts) can be read only
by the user, whatever the umask (POSIX). Exports are handed out and follow the umask since
issue 10: tests/unit/test_export_file_modes.py."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from naravard_desktop.documents.files import write_atomically
from naravard_desktop.logging_setup import BACKUPS, MAX_BYTES, configure_logging, set_aside_if_full
from naravard_desktop.paths import log_path
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import maintenance
from naravard_desktop.services.system.database import open_database
from naravard_desktop.services.system.drafts import DraftStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _lenient_umask() -> Iterator[None]:
    """A common desktop umask, which would make new files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_and_its_journal_files_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "ny.sqlite"
    db = open_database(str(path))
    try:
        groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
        with db.engine.connect():
            siblings = [p for p in tmp_path.iterdir() if p.name.startswith("ny.sqlite")]
            assert {p.name for p in siblings} >= {"ny.sqlite", "ny.sqlite-wal"}
            assert {p.name: mode(p) for p in siblings} == {p.name: 0o600 for p in siblings}
        backup = maintenance.backup_to(db, tmp_path / "kopia.sqlite")
        assert mode(backup) == 0o600
    finally:
        db.dispose()


def test_an_older_database_readable_by_others_is_made_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "gammal.sqlite"
    open_database(str(path)).dispose()
    path.chmod(0o644)
    open_database(str(path)).dispose()
    assert mode(path) == 0o600


def test_log_files_stay_owner_only_after_a_rollover() -> None:
    """A full log is set aside as the next start opens it; both stay the user's alone."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x" * MAX_BYTES, encoding="utf-8")
    path.chmod(0o600)
    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging()
    try:
        (handler,) = [h for h in root.handlers if h not in before]
        logging.getLogger("naravard_desktop.test").warning("en rad till")
        handler.flush()
        rotated = path.with_name(path.name + ".1")
        assert rotated.stat().st_size == MAX_BYTES
        assert "en rad till" in path.read_text(encoding="utf-8")
        assert mode(path) == 0o600 and mode(rotated) == 0o600
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_only_the_newest_logs_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "naravard.log"
    for number in range(5):
        path.write_text(f"logg {number}", encoding="utf-8")
        set_aside_if_full(path, max_bytes=1, backups=BACKUPS)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"naravard.log.{n}" for n in range(1, BACKUPS + 1)]
    assert (tmp_path / "naravard.log.1").read_text(encoding="utf-8") == "logg 4"


def test_drafts_are_owner_only_and_exports_are_not(tmp_path: Path) -> None:
    out = write_atomically(tmp_path / "protokoll.pdf", b"%PDF-1.7")
    assert mode(out) == 0o644  # the umask's; was 0o600 before issue 10
    store = DraftStore(tmp_path / "db.sqlite")
    store.save("agenda_item", 1, "notes", "text")
    assert [mode(p) for p in store.folder.iterdir()] == [0o600]
