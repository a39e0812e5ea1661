"""Qt's side of the language choice: QLocale default and Qt's own translated strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from naravard_desktop.i18n import current_language

_installed: list[QTranslator] = []


def qt_locale(language: str) -> QLocale:
    """The QLocale for one of our language codes (dates, numbers, collation)."""
    if language == "sv":
        return QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def current_qt_locale() -> QLocale:
    """The QLocale of the language the UI is in now (month and day names, first weekday)."""
    return qt_locale(current_language())


def apply_qt_language(app: QCoreApplication, language: str) -> bool:
    """Set QLocale and load qtbase_<lang>.qm (buttons such as "Avbryt" in Qt's dialogs).

    Returns True when Qt's catalog was found (English needs none).
    """
    QLocale.setDefault(qt_locale(language))
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return True
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", path):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
