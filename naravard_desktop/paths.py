"""Where the app's files are: bundled resources, compiled catalogs, user data.

An installed package carries `resources/` and `locale/` inside itself (see setup.py); a source
checkout keeps them at the top level, so each lookup tries the package first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from naravard_desktop import APP_AUTHOR, APP_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def resources_dir() -> Path:
    installed = PACKAGE_DIR / "resources"
    return installed if installed.is_dir() else SOURCE_ROOT / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def locale_dir() -> Path:
    """Folder holding `<lang>/LC_MESSAGES/messages.mo`."""
    installed = PACKAGE_DIR / "locale"
    return installed if installed.is_dir() else SOURCE_ROOT / "translations"


# Portable mode: a file of this name beside the program (or --portable) keeps the database,
# settings, backups and log in a `data` folder beside the program, e.g. on a USB stick.
PORTABLE_MARKER = "portable.txt"
PORTABLE_OPTION = "--portable"
_portable_data: Path | None = None


def program_dir() -> Path:
    """The folder the program was started from: the bundle's folder (on macOS the folder that
    holds the .app), or the working folder when run from the source tree or a wheel."""
    if not getattr(sys, "frozen", False):
        return Path.cwd()
    executable = Path(sys.executable).resolve()
    for folder in executable.parents:
        if folder.suffix == ".app":
            return folder.parent
    return executable.parent


def set_up_portable(argv: Sequence[str]) -> bool:
    """Turn portable mode on when `--portable` is among the arguments or portable.txt lies
    beside a built program (not looked for in the working folder of a source run). Called
    once at start, before the log is opened."""
    global _portable_data
    folder = program_dir()
    marked = getattr(sys, "frozen", False) and (folder / PORTABLE_MARKER).is_file()
    _portable_data = folder / "data" if PORTABLE_OPTION in argv or marked else None
    return _portable_data is not None


def is_portable() -> bool:
    return _portable_data is not None


def user_data_dir() -> Path:
    """The per-user data folder. In portable mode the `data` folder beside the program (it
    wins, so a stick never writes to the laptop); otherwise NARAVARD_DATA_DIR (tests) or the
    platform's user data folder."""
    if _portable_data is not None:
        return _portable_data
    override = os.environ.get("NARAVARD_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def default_database_path() -> Path:
    return user_data_dir() / "naravard.sqlite"


def log_path() -> Path:
    return user_data_dir() / "naravard.log"


def secure_file(path: Path) -> None:
    """Make a file the app writes readable and writable by its owner only (POSIX): the
    database, its backups, logs, drafts and exports hold names and protocols. A file on a
    read-only medium or owned by someone else is left as it is, and so is a file without
    write permission (the user made it read-only: it must not become writable)."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode & 0o7777
        if mode & 0o077 and mode & 0o200:
            path.chmod(mode & 0o700)  # only takes away: never adds a permission
    except OSError:
        pass


def create_private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions unless it exists. SQLite gives the
    -wal and -shm files it creates beside a database the database file's permissions.
    Failures are left to whoever opens the file next to report (with its own words)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    os.close(descriptor)
