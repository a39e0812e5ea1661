"""Portable mode (issue 17): with portable.txt beside the built program, or --portable, the
database, settings, backups and log live in `data` beside the program, e.g. on a USB stick,
and nothing is written to the computer's own user folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from naravard_desktop import paths
from naravard_desktop.services.system.backups import backup_dir
from naravard_desktop.services.system.database import resolve_target


@pytest.fixture(autouse=True)
def _not_portable_afterwards() -> Iterator[None]:
    yield
    paths.set_up_portable([])  # a source run without --portable: off again


def started_from(monkeypatch: pytest.MonkeyPatch, executable: Path) -> None:
    """As a PyInstaller bundle started from `executable` sees itself."""
    executable.parent.mkdir(parents=True, exist_ok=True)
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))


def test_portable_txt_beside_the_program_keeps_everything_on_the_stick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "USB" / "naravard-desktop"
    started_from(monkeypatch, stick / "naravard-desktop.exe")
    (stick / "portable.txt").write_text("", encoding="utf-8")

    assert paths.set_up_portable([]) is True
    assert paths.is_portable()
    assert paths.user_data_dir() == stick / "data"
    assert paths.default_database_path() == stick / "data" / "naravard.sqlite"
    assert paths.log_path() == stick / "data" / "naravard.log"
    # Backups go beside the database, so they are on the stick too.
    assert backup_dir(Path(resolve_target(None))) == stick / "data" / "backups"


def test_without_the_marker_the_user_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _private_data_dir: Path
) -> None:
    started_from(monkeypatch, tmp_path / "Program" / "naravard-desktop.exe")

    assert paths.set_up_portable([]) is False
    assert paths.user_data_dir() == _private_data_dir


def test_the_app_bundle_on_macos_keeps_data_beside_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "USB"
    started_from(monkeypatch, stick / "naravard-desktop.app" / "Contents" / "MacOS" / "naravard")
    (stick / "portable.txt").write_text("", encoding="utf-8")

    assert paths.set_up_portable([]) is True
    assert paths.user_data_dir() == stick / "data"


def test_a_portable_txt_in_the_working_folder_of_a_source_run_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert paths.set_up_portable([]) is False
