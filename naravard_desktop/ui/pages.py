"""The main window's pages: what every page of a group's data starts from, and a page brought
back into view (a page left with something that could not be saved asks about it once the other
page shows, and Avbryt comes back to it)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QListWidget, QStackedWidget, QWidget

from naravard_desktop.services.system.database import Database


class GroupDataPage(QWidget):
    """A page of one group's data (plan, SIP, meetings, members): the database, the group's id
    and the window's undo stack, which every edit made on the page is pushed to."""

    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.undo_stack = undo_stack


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
