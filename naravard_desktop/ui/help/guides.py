"""The bundled guides, one HTML file a page in resources/help/<language>/<page key>.html
beside an index.html, found the same way from the source tree, a wheel and the installed
bundle (paths.resource_path)."""

from __future__ import annotations

from pathlib import Path

from naravard_desktop.i18n import current_language
from naravard_desktop.paths import resource_path

GUIDE_LANGUAGES = ("sv", "en")
INDEX = "index"


def guide_folder(language: str | None = None) -> Path:
    """The guides in `language` (the UI's by default); Swedish when there are none in it."""
    folder = resource_path("help", language or current_language())
    return folder if folder.is_dir() else resource_path("help", GUIDE_LANGUAGES[0])


def guide_path(key: str, language: str | None = None) -> Path:
    """The guide of the page `key` (or INDEX); the index when the page has none, so F1
    always shows something to read."""
    folder = guide_folder(language)
    path = folder / f"{key}.html"
    return path if path.is_file() else folder / f"{INDEX}.html"
