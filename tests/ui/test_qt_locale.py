"""Qt's own strings follow the chosen language (the "Avbryt" on Qt's standard buttons)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from naravard_desktop.ui.qt_locale import apply_qt_language


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_qt_language(qapp, "en")


def _qt_cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def test_swedish_loads_qtbase_sv(app: QApplication) -> None:
    assert apply_qt_language(app, "sv")
    assert _qt_cancel() == "Avbryt"
    assert QLocale().language() == QLocale.Language.Swedish
    assert QLocale().monthName(5) == "maj"


def test_switching_back_to_english_removes_the_swedish_strings(app: QApplication) -> None:
    apply_qt_language(app, "sv")
    assert apply_qt_language(app, "en")
    assert _qt_cancel() == "Cancel"
    assert QLocale().language() == QLocale.Language.English
