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
