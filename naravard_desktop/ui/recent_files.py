"""The database files opened in the window, newest first, kept in the settings: the File
menu's Senaste lists them, and the next start opens the newest one that is still there.

Files only: a server's URL is typed or configured, never picked from a list (nor its password
kept in the settings). Each file remembers the group its window was last on, so opening it
again shows that group, not the first one, in a file holding a region's groups."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

RECENT = "database/recent"
KEPT = 5  # as many as the menu lists
DATABASE_ENV = "NARAVARD_DATABASE"  # services/system/database.DATABASE_ENV, unimported here


@dataclass(frozen=True)
class RecentFile:
    path: Path
    group_id: int | None = None

    @property
    def exists(self) -> bool:
        """False for a file deleted, moved, or on a drive not plugged in."""
        try:
            return self.path.is_file()
        except OSError:  # a network share that does not answer
            return False


def recent_files(settings: QSettings) -> list[RecentFile]:
    """Newest first, at most KEPT; anything unreadable in the settings is left out."""
    try:
        stored = json.loads(str(settings.value(RECENT, "[]") or "[]"))
    except ValueError:
        return []
    found: list[RecentFile] = []
    for entry in stored if isinstance(stored, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        group = entry.get("group")
        found.append(RecentFile(Path(entry["path"]), group if isinstance(group, int) else None))
    return found[:KEPT]


def remember_file(settings: QSettings, path: Path, group_id: int | None) -> None:
    """`path` first in the list (once), with the group its window shows."""
    path = path.resolve()
    kept = [entry for entry in recent_files(settings) if _key(entry.path) != _key(path)]
    _store(settings, [RecentFile(path, group_id), *kept])


def forget_file(settings: QSettings, path: Path) -> None:
    _store(settings, [e for e in recent_files(settings) if _key(e.path) != _key(path)])


def clear_files(settings: QSettings) -> None:
    _store(settings, [])


def group_of(settings: QSettings, path: Path) -> int | None:
    """The group last shown on the file, if it is in the list."""
    for entry in recent_files(settings):
        if _key(entry.path) == _key(path):
            return entry.group_id
    return None


def start_target(explicit: str | None, settings: QSettings) -> str | None:
    """What the window opens at start: --database wins, then NARAVARD_DATABASE, then the
    newest file in the list that is still there; None leaves it to the default file."""
    if explicit or os.environ.get(DATABASE_ENV):
        return explicit
    for entry in recent_files(settings):
        if entry.exists:
            return str(entry.path)
    return None


def same_file(first: Path, second: Path) -> bool:
    return _key(first) == _key(second)


def _key(path: Path) -> str:
    """Windows and macOS names differ in case only when the user typed them so."""
    text = str(path.resolve())
    return os.path.normcase(text)


def _store(settings: QSettings, entries: list[RecentFile]) -> None:
    data = [{"path": str(e.path), "group": e.group_id} for e in entries[:KEPT]]
    settings.setValue(RECENT, json.dumps(data, ensure_ascii=False))
    settings.sync()
