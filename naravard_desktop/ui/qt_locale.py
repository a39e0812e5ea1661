"""Qt's side of the language choice: QLocale default and Qt's own translated strings."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []
_none_references: list[None] = []


def set_default_locale(locale: QLocale) -> None:
    """QLocale.setDefault, minus a PySide6 6.12 bug: each call drops one reference to None
    (seen as "Fatal Python error: none_dealloc" when the interpreter exits). The loss is
    measured, so nothing is added once the binding is fixed."""
    before = sys.getrefcount(None)
    QLocale.setDefault(locale)
    lost = before - sys.getrefcount(None)
    _none_references.extend([None] * max(0, lost))


def qt_locale(language: str) -> QLocale:
    """The QLocale for one of our language codes (dates, numbers, collation)."""
    if language == "sv":
        return QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def apply_qt_language(app: QCoreApplication, language: str) -> bool:
    """Set QLocale and load qtbase_<lang>.qm (buttons such as "Avbryt" in Qt's dialogs).

    Returns True when Qt's catalog was found (English needs none).
    """
    set_default_locale(qt_locale(language))
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
