"""Run something once a window has been painted: the start-up paints the window's frame, then
opens the database and builds the page (app.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# When no paint comes (a window manager that never exposes the window, say), go on anyway.
FALLBACK_MS = 500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            # After this paint and the children's, which the same backing-store flush draws.
            QTimer.singleShot(0, self, self._go)
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        parent = self.parent()
        if isinstance(parent, QWidget):
            parent.removeEventFilter(self)
        then()


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once, from the event loop, after `widget`'s first paint has been drawn."""
    _FirstPaint(widget, then)
