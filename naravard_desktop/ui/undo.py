"""Undo for edits that are saved through services at once.

A change is saved first and pushed only when the save succeeded, so the first redo() that
QUndoStack.push() triggers does nothing. If a later undo or redo is refused (someone else
changed the row meanwhile), the user is told and the command drops out of the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from naravard_desktop.errors import DomainError
from naravard_desktop.ui.errors import show_error


class SavedChangeCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        undo: Callable[[], None],
        redo: Callable[[], None],
        *,
        refresh: Callable[[], None] | None = None,
    ) -> None:
        """`refresh` redraws the view after a refused step, which did not get to do it."""
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._refresh = refresh
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # already saved before push()
            self._pushed = True
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except DomainError as error:
            show_error(None, error)
            self.setObsolete(True)
            if self._refresh is not None:
                self._refresh()


class IdMap:
    """Follows a row through delete and re-create: undoing a delete gives it a new id."""

    def __init__(self) -> None:
        self._moved: dict[int, int] = {}

    def moved(self, old: int, new: int) -> None:
        if old != new:
            self._moved[old] = new

    def resolve(self, row_id: int) -> int:
        seen = set()
        while row_id in self._moved and row_id not in seen:
            seen.add(row_id)
            row_id = self._moved[row_id]
        return row_id
