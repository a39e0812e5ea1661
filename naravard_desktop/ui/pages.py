"""A page of the main window brought back into view: a page left with something that could
not be saved asks about it once the other page shows, and Avbryt comes back to it."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QStackedWidget, QWidget


def show_page_again(page: QWidget) -> None:
    """`page` in front again, through the window's page list when there is one so that the
    list shows it chosen too."""
    stack = page.parentWidget()
    if not isinstance(stack, QStackedWidget):
        return
    pages = page.window().findChild(QListWidget, "sidebar")
    if pages is not None:
        pages.setCurrentRow(stack.indexOf(page))
    else:
        stack.setCurrentWidget(page)
