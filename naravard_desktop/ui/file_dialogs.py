"""File dialogs that start where the user last was: the folder of the last export of each kind
is kept in the settings (the protocols go to the group's shared folder, the SIP counts to the
region's), and the suggested file name says what the file is; an import starts where the last
imported file was. A kind not exported before starts where the last export went; a folder that
no longer exists (a memory stick taken out) falls back to the home folder. Backups keep a
folder of their own: they are not handed out with the exports."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from naravard_desktop.ui.settings import app_settings

EXPORTS = "files/export_folder"  # the last export of any kind
_EXPORT_KINDS = "files/export_folders/"
BACKUPS = "files/backup_folder"
IMPORTS = "files/import_folder"
# Characters Windows, macOS or a network share refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str, fallback: str = "export") -> str:
    """A suggested name any file system takes: "Lokal plan 2024/2026.pdf" → "Lokal plan 2024
    2026.pdf"; no leading or trailing dots or spaces."""
    cleaned = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    return cleaned or fallback


def export_key(kind: str) -> str:
    """The settings key of the folder exports of `kind` ("protocol", "notice", "plan", "sip")
    go to."""
    return _EXPORT_KINDS + kind


def start_folder(key: str = EXPORTS) -> Path:
    """The folder the last file of this kind was saved in, if it still exists; for a kind of
    export not saved before, the folder of the last export; else home."""
    settings = app_settings()
    keys = [key, EXPORTS] if key.startswith(_EXPORT_KINDS) else [key]
    for each in keys:
        value = settings.value(each, "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
    return Path.home()


def remember_folder(path: Path, key: str = EXPORTS) -> None:
    settings = app_settings()
    settings.setValue(key, str(path.parent))
    if key.startswith(_EXPORT_KINDS):
        settings.setValue(EXPORTS, str(path.parent))
    settings.sync()


def save_file_name(
    parent: QWidget | None,
    title: str,
    suggested: str,
    file_filter: str,
    key: str = EXPORTS,
) -> str:
    """Ask where to save, starting in the remembered folder with `suggested` as the name;
    the chosen folder is remembered. "" when the user cancelled."""
    start = start_folder(key) / safe_file_name(suggested)
    name, _chosen = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if name:
        remember_folder(Path(name), key)
    return name


def open_file_name(parent: QWidget | None, title: str, file_filter: str, key: str = IMPORTS) -> str:
    """Ask which file to open, starting in the folder the last one of this kind came from;
    the chosen folder is remembered. "" when the user cancelled."""
    name, _chosen = QFileDialog.getOpenFileName(parent, title, str(start_folder(key)), file_filter)
    if name:
        remember_folder(Path(name), key)
    return name
