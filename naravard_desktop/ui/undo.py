"""Undo for edits that are saved through services at once.

A change is saved first and pushed only when the save succeeded, so the first redo() that
QUndoStack.push() triggers does nothing. If a later undo or redo is refused (someone else
changed the row meanwhile), the user is told and the command drops out of the stack.

A step can also be locked (its protocol was approved): the window's Undo and Redo actions
(`UndoActions`) never offer it, pass over it to the steps beyond, and drop it on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from shiboken6 import isValid

from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error

Action = Callable[[], None]  # a step's undo, redo or redraw


class _Editable(Protocol):
    def as_input(self) -> object: ...


Shown = TypeVar("Shown", bound=_Editable)


def as_written(current: Shown, expected: object, name: str) -> Shown:
    """`current` when it still holds what this window wrote (`expected`, its input): undo
    and redo put values back only over their own, never over a change saved elsewhere since
    (refused, naming the row as `name`). Compared by content, so the renumbering of a move
    or a row put back with a new id is no refusal."""
    if current.as_input() != expected:
        raise StaleEditError(
            _("{name} was changed elsewhere. Reload and try again.").format(name=name)
        )
    return current


class SavedChangeCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        undo: Action,
        redo: Action,
        *,
        refresh: Action | None = None,
        locked: Callable[[], bool] | None = None,
    ) -> None:
        """`refresh` redraws the view after a refused step, which did not get to do it.
        `locked` tells whether what the step changed is locked now (an approved protocol):
        once it was, the step is never done or undone again."""
        super().__init__(text)
        self._undo, self._redo, self._refresh, self._locked = undo, redo, refresh, locked
        self._dead = False  # locked once: never done or undone again
        self._pushed = False

    def is_locked(self) -> bool:
        if not self._dead and self._pushed and self._locked is not None and self._locked():
            self._dead = True  # a correction later starts a new revision, not this history
        return self._dead

    def redo(self) -> None:
        if not self._pushed:  # already saved before push()
            self._pushed = True
            return
        if self.is_locked():
            self.setObsolete(True)  # the stack drops it
            return
        self._run(self._redo)

    def undo(self) -> None:
        if self.is_locked():
            self.setObsolete(True)
            return
        self._run(self._undo)

    def _run(self, action: Action) -> None:
        try:
            action()
        except DomainError as error:
            show_error(None, error)
            self.setObsolete(True)
            if self._refresh is not None:
                self._refresh()


def meeting_lock(db: Database, meeting_id: int) -> Callable[[], bool]:
    """For SavedChangeCommand(locked=…): is the meeting's protocol approved now (or the
    meeting gone)? Then the steps that changed it are not offered any more."""

    def check() -> bool:
        try:
            return meetings.get_meeting(db, meeting_id).locked
        except DomainError:
            return True

    return check


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


def unique_shortcuts(*keys: QKeySequence) -> list[QKeySequence]:
    """Each key sequence once, empty ones left out: an action that lists one twice (the
    platform's Redo is Ctrl+Shift+Z on Linux) makes Qt call the key ambiguous and do nothing."""
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


def _platform(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's main binding of a standard key (Ctrl+Y on Windows, Ctrl+Shift+Z on
    Linux and macOS for Redo)."""
    return QKeySequence.keyBindings(key)[:1]


def _locked(command: QUndoCommand | None) -> bool:
    return isinstance(command, SavedChangeCommand) and command.is_locked()


class UndoActions(QObject):
    """The window's one Undo and one Redo action for its stack: the text names the step that
    will be undone, steps that are locked now are never offered but passed over (and dropped),
    and each key sequence is bound once (Ctrl+Z; Ctrl+Shift+Z and Ctrl+Y)."""

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack
        self.undo_action = QAction(_("&Undo"), parent)
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcuts(
            unique_shortcuts(*_platform(QKeySequence.StandardKey.Undo), QKeySequence("Ctrl+Z"))
        )
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(_("&Redo"), parent)
        self.redo_action.setObjectName("redo")
        self.redo_action.setShortcuts(
            unique_shortcuts(
                *_platform(QKeySequence.StandardKey.Redo),
                QKeySequence("Ctrl+Shift+Z"),
                QKeySequence("Ctrl+Y"),
            )
        )
        self.redo_action.triggered.connect(self.redo)
        stack.indexChanged.connect(self.update)
        stack.canUndoChanged.connect(self.update)
        stack.canRedoChanged.connect(self.update)
        self.update()

    def _undo_target(self) -> int | None:
        """The index of the step Undo undoes: the nearest one below that is not locked."""
        index = self.stack.index() - 1
        while index >= 0 and _locked(self.stack.command(index)):
            index -= 1
        return index if index >= 0 else None

    def _redo_target(self) -> int | None:
        index = self.stack.index()
        while index < self.stack.count() and _locked(self.stack.command(index)):
            index += 1
        return index if index < self.stack.count() else None

    def update(self) -> None:
        """Redraw both actions (also after a lock changed, which the stack does not see)."""
        if not isValid(self.stack) or not isValid(self.undo_action):
            return  # the window is being taken down
        undo, redo = self._undo_target(), self._redo_target()
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setText(
            _("&Undo") + " " + self.stack.text(undo) if undo is not None else _("&Undo")
        )
        self.redo_action.setEnabled(redo is not None)
        self.redo_action.setText(
            _("&Redo") + " " + self.stack.text(redo) if redo is not None else _("&Redo")
        )

    def undo(self) -> None:
        target = self._undo_target()
        if target is not None:
            self.stack.setIndex(target)  # locked steps on the way do nothing and drop out
        self.update()

    def redo(self) -> None:
        target = self._redo_target()
        if target is not None:
            self.stack.setIndex(target + 1)
        self.update()
