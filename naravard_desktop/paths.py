"""Where the app's files are: bundled resources, compiled catalogs, user data.

An installed package carries `resources/` and `locale/` inside itself (see setup.py); a source
checkout keeps them at the top level, so each lookup tries the package first.
"""

from __future__ import annotations

import os
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


def user_data_dir() -> Path:
    """The per-user data folder; NARAVARD_DATA_DIR overrides it (tests, portable installs)."""
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
