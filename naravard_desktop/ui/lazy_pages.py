"""Pages of a stack built when first shown: a window on a group opens with the page it shows
first, and a group switch does not pay for seven pages the user may never visit.

Until a page is built its place in the stack holds an empty widget, so the sidebar's rows,
the View menu's Ctrl+1… and `stack.indexOf(page)` keep their numbers. The makers come after
the titles: the window paints its sidebar before the database is open and the pages' modules
are imported (ui/main_window), and is given them then (`attach`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeVar, cast, overload

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

Factory = Callable[[], QWidget]
P = TypeVar("P", bound=QWidget)


class LazyPages:
    """The pages of `stack` by key, each made by its factory on first need; `built` is told
    of each new page (to join its signals and actions to the window)."""

    def __init__(
        self,
        stack: QStackedWidget,
        entries: Sequence[tuple[str, str]],
        built: Callable[[str, QWidget], object],
    ) -> None:
        self.stack = stack
        self.keys = [key for key, _title in entries]
        self.titles = [title for _key, title in entries]
        self._factories: Mapping[str, Factory] = {}
        self._pages: dict[str, QWidget] = {}
        self._built = built
        # An empty widget holds each page's place until it is built.
        self._places = {key: QWidget() for key in self.keys}
        for place in self._places.values():
            stack.addWidget(place)

    def attach(self, factories: Mapping[str, Factory]) -> None:
        """The pages' makers, once the database is open: the page on top is built now."""
        self._factories = factories
        current = self.stack.currentIndex()
        if 0 <= current < len(self.keys):
            self.page(self.keys[current])

    @property
    def attached(self) -> bool:
        return bool(self._factories)

    def built(self, key: str) -> QWidget | None:
        """The page when it has been built, else None (nothing typed there to ask about)."""
        return self._pages.get(key)

    def page(self, key: str) -> QWidget:
        """The page, built now if it was not yet, in its place in the stack."""
        page = self._pages.get(key)
        if page is not None:
            return page
        page = self._factories[key]()
        self._pages[key] = page
        index = self.keys.index(key)
        placeholder = self._places.pop(key)
        was_current = self.stack.currentIndex() == index
        # The swap is not a change of page: whoever follows the stack hears of it once, below.
        blocked = self.stack.blockSignals(True)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        if was_current:
            self.stack.setCurrentIndex(index)
        self.stack.blockSignals(blocked)
        placeholder.deleteLater()
        self._built(key, page)
        if was_current:
            self.stack.currentChanged.emit(index)
        return page

    def show(self, index: int) -> None:
        """Page `index` on top, built first when needed (the sidebar's rows end here); before
        the makers are attached its empty place is shown."""
        if 0 <= index < len(self.keys) and self.attached:
            self.page(self.keys[index])
        self.stack.setCurrentIndex(index)


class HasPages(Protocol):
    lazy_pages: LazyPages


class LazyPage(Generic[P]):
    """A window's attribute holding one of its pages, built on first access:
    `plan_page = LazyPage[PlanPage]("plan")`."""

    def __init__(self, key: str) -> None:
        self.key = key

    @overload
    def __get__(self, window: None, owner: type) -> LazyPage[P]: ...

    @overload
    def __get__(self, window: HasPages, owner: type) -> P: ...

    def __get__(self, window: HasPages | None, owner: type) -> LazyPage[P] | P:
        if window is None:
            return self
        return cast(P, window.lazy_pages.page(self.key))


class JustRead:
    """Whether a page read its data in this turn of the event loop: a page built on first
    show reads it as it is made, and need not read it again as it is shown a moment later
    (a page built earlier, for a menu, reads it again when shown)."""

    def __init__(self, page: QWidget) -> None:
        self._fresh = True
        QTimer.singleShot(0, page, self._expire)

    def _expire(self) -> None:
        self._fresh = False

    def take(self) -> bool:
        """True once, when asked in the turn the data was read."""
        fresh, self._fresh = self._fresh, False
        return fresh
