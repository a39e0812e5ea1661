"""Qt's side of the language choice: QLocale default and Qt's own translated strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def apply_qt_language(app: QCoreApplication, language: str) -> bool:
    """Set QLocale and load qtbase_<lang>.qm (buttons such as "Avbryt" in Qt's dialogs).

    Returns True when Qt's catalog was found (English needs none).
    """
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Swedish if language == "sv" else QLocale.Language.English,
            QLocale.Country.Sweden if language == "sv" else QLocale.Country.UnitedKingdom,
        )
    )
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
