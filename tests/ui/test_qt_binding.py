"""The Qt binding in use keeps Python's reference counts intact.

PySide6 6.12 on Python 3.11 drops a reference to None on every call of a void Qt method, so a
secretary's session aborted after a few thousand edits ("Fatal Python error: none_dealloc").
pyproject.toml excludes that release; this test fails if such a binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel


def test_void_qt_calls_do_not_consume_references_to_none(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Ledamöter")
        QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
