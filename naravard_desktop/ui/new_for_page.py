"""Ctrl+N makes what the page shown is about, wherever the focus is: one binding for the
window that follows the page (its text names what it makes). The pages' own New actions give
their Ctrl+N up to it, so no key is bound twice and the menus show it once."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QWidget
from shiboken6 import isValid

from naravard_desktop.i18n import _
from naravard_desktop.ui.actions import make_action

# page shown → (page the new thing is made on, its action)
Targets = Mapping[QWidget, tuple[QWidget, QAction]]


class NewForPage(QObject):
    """`action` (Arkiv › Ny…) over the pages of `stack`, making what `targets` say on the
    page `show` brings up (the sidebar follows)."""

    def __init__(
        self,
        window: QWidget,
        stack: QStackedWidget,
        targets: Targets,
        show: Callable[[QWidget], object],
    ) -> None:
        super().__init__(window)
        self.stack = stack
        self._show = show
        self.targets: dict[QWidget, tuple[QWidget, QAction]] = {}
        self.action = make_action(
            window,
            _("&New…"),
            self._trigger,
            QKeySequence.StandardKey.New,
            name="new_for_page",
            context=Qt.ShortcutContext.WindowShortcut,
        )
        for shown, target in targets.items():
            self.add(shown, target)
        stack.currentChanged.connect(lambda _index: self._update())
        self._update()

    def add(self, shown: QWidget, target: tuple[QWidget, QAction]) -> None:
        """Ctrl+N on `shown` makes what `target` says (also for a page built later, or in
        place of a stand-in until its page is built)."""
        self.targets[shown] = target
        target[1].setShortcut(QKeySequence())
        target[1].changed.connect(self._update)
        self._update()

    def _target(self) -> tuple[QWidget, QAction] | None:
        page = self.stack.currentWidget()
        return self.targets.get(page) if page is not None else None

    def _update(self) -> None:
        if not isValid(self.action):
            return  # the window is being taken down
        target = self._target()
        self.action.setEnabled(target is not None and target[1].isEnabled())
        self.action.setText(target[1].text() if target is not None else _("&New…"))

    def _trigger(self) -> None:
        target = self._target()
        if target is None or not target[1].isEnabled():
            return
        page, action = target
        self._show(page)
        action.trigger()
