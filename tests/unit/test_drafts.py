"""Text typed but not yet saved is kept in a draft file and offered again after a crash."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naravard_desktop import atomic_files
from naravard_desktop.services.system.drafts import DraftStore, pending_drafts


def test_a_draft_is_there_until_it_is_cleared(db_path: Path) -> None:
    store = DraftStore(db_path)
    assert store.pending() == []
    assert store.save("agenda_item", 12, "notes", "Gruppen gick igenom", base_version=3)
    assert store.save("agenda_item", 12, "notes", "Gruppen gick igenom rutinerna för SIP")
    store.save("agenda_item", 12, "decision", "Gruppen beslutar att")
    (notes, decision) = sorted(pending_drafts(db_path), key=lambda d: d.field, reverse=True)
    assert (notes.record, notes.record_id, notes.field) == ("agenda_item", 12, "notes")
    assert notes.text == "Gruppen gick igenom rutinerna för SIP"
    assert decision.text == "Gruppen beslutar att"
    store.clear("agenda_item", 12, "notes")
    store.clear("agenda_item", 12, "notes")  # clearing twice is harmless
    assert [d.field for d in pending_drafts(db_path)] == ["decision"]
    assert store.get("agenda_item", 12, "decision") is not None
    store.clear_all()
    assert pending_drafts(db_path) == []


def test_drafts_belong_to_their_database(tmp_path: Path) -> None:
    DraftStore(tmp_path / "a.sqlite").save("agenda_item", 1, "notes", "till A")
    assert pending_drafts(tmp_path / "b.sqlite") == []
    # the same file reached by another spelling of its path is the same database
    assert [d.text for d in pending_drafts(tmp_path / "x" / ".." / "a.sqlite")] == ["till A"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_draft_files_are_readable_only_by_the_user(db_path: Path) -> None:
    store = DraftStore(db_path)
    store.save("agenda_item", 1, "notes", "Känslig text")
    (path,) = store.folder.iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700


def test_a_draft_that_cannot_be_written_does_not_stop_typing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(db_path)
    store.save("agenda_item", 1, "notes", "det förra utkastet")

    def full(*_args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", full)
    assert store.save("agenda_item", 1, "notes", "det nya utkastet") is False
    (kept,) = store.pending()
    assert kept.text == "det förra utkastet"
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".part")] == []


def test_a_damaged_draft_file_is_skipped(db_path: Path) -> None:
    store = DraftStore(db_path)
    store.save("agenda_item", 1, "notes", "hel")
    store.save("agenda_item", 2, "notes", "trasig")
    broken = store.folder / "agenda_item-2-notes.draft.json"
    broken.write_bytes(broken.read_bytes()[:15])
    assert [d.record_id for d in store.pending()] == [1]


def test_bad_keys_are_refused(db_path: Path) -> None:
    with pytest.raises(ValueError):
        DraftStore(db_path).save("../etc", 1, "notes", "x")


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_comes_back_exactly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    store = DraftStore(tmp_path_factory.mktemp("db") / "db.sqlite")
    store.save("agenda_item", 7, "notes", text)
    (draft,) = store.pending()
    assert draft.text == text


def test_the_draft_survives_the_process_being_killed(tmp_path: Path) -> None:
    """A child writes drafts as fast as it can and is killed: the draft on disk is always a
    whole text, one of those the child wrote."""
    database = tmp_path / "db.sqlite"
    child = textwrap.dedent(
        f"""
        import sys
        from naravard_desktop.services.system.drafts import DraftStore
        store = DraftStore({str(database)!r})
        n = 0
        while True:
            n += 1
            store.save("agenda_item", 1, "notes", f"utkast {{n}} " + "å" * (n % 5000))
            if n == 20:
                print("ready", flush=True)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", child], stdout=subprocess.PIPE, env=dict(os.environ)
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    process.kill()
    process.wait()
    (draft,) = pending_drafts(database)
    head, tail = draft.text.split(" ", 1)
    number = int(draft.text.split()[1])
    assert head == "utkast" and number >= 20
    assert tail == f"{number} " + "å" * (number % 5000)
