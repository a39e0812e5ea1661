"""The GUI's own preferences (window geometry, language, last page) in an INI file beside the
data, so a portable install and each test keep their own."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from naravard_desktop.paths import user_data_dir


def app_settings() -> QSettings:
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
