"""Autosave of a text field while it is typed: saved after a short pause, on focus-out and
whenever the caller flushes (item change, export, closing), with a visible state. Every change
is also kept as a draft (services.drafts) until the database has it, so a crash within the
pause loses nothing. A save refused because someone else saved the field meanwhile holds the
field (`hold`): typing goes on into the editor and the draft, and nothing is saved until the
conflict is resolved (ui/meetings/merge_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.system.database_errors import ConnectionLostError

DELAY_MS = 700


class SaveState(Enum):
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"


STATE_STYLES = {
    SaveState.SAVED: "color: #1b6e3a;",
    SaveState.PENDING: "color: #555555;",
    SaveState.FAILED: "color: #b00020; font-weight: 600;",
}


def show_save_state(label: QLabel, state: SaveState, restored: bool, shown: bool = True) -> None:
    """'Sparat', 'Sparar…' or 'Inte sparat' in the state's colour, after 'Återställd osparad
    text' while a restored draft is not lost; nothing when `shown` is False."""
    text = {
        SaveState.SAVED: _("Saved"),
        SaveState.PENDING: _("Saving…"),
        SaveState.FAILED: _("Not saved"),
    }[state]
    if restored and state != SaveState.FAILED:
        text = _("Restored unsaved text") + " · " + text
    label.setText(text if shown else "")
    label.setStyleSheet(STATE_STYLES[state])


class DraftKeeper(Protocol):
    """Where the text goes on every change until it is saved (see ItemEditor)."""

    def keep(self, text: str) -> None: ...

    def drop(self) -> None: ...


class TextAutosaver(QObject):
    """Watches one QPlainTextEdit; `save(text)` is called (at most) once per pause.

    A failed save keeps the text in the editor (and in the draft) and reports the error
    through `failed`; the text stays "pending", so the next pause or flush tries again,
    unless the field is held (a conflict to resolve first)."""

    state_changed = Signal(object)  # SaveState
    failed = Signal(object)  # DomainError, or ConnectionLostError (the server was lost)

    def __init__(
        self,
        editor: QPlainTextEdit,
        save: Callable[[str], None],
        drafts: DraftKeeper | None = None,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self._save = save
        self._drafts = drafts
        self._pending = False
        self._loading = False
        self.held = False
        self.saved_text = ""  # what the database holds (to save other fields beside it)
        self.state = SaveState.SAVED
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        editor.textChanged.connect(self._changed)
        editor.installEventFilter(self)

    def load(self, text: str) -> None:
        """Show stored text without saving it again; the editor's undo history starts here."""
        self._timer.stop()
        self._pending = False
        self.held = False
        self._loading = True
        self.saved_text = text
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._set_state(SaveState.SAVED)

    @property
    def pending(self) -> bool:
        return self._pending

    def _changed(self) -> None:
        if self._loading or self.editor.isReadOnly():
            return
        self._pending = True
        if self._drafts is not None:
            self._drafts.keep(self.editor.toPlainText())
        if self.held:
            return
        self._set_state(SaveState.PENDING)
        self._timer.start()

    def hold(self) -> None:
        """Save nothing more until `release`: what the database holds changed elsewhere and
        the two texts are to be merged first. The text shows as not saved."""
        self._timer.stop()
        self.held = True
        self._set_state(SaveState.FAILED)

    def release(self) -> None:
        self.held = False

    def replace_text(self, text: str) -> None:
        """Put `text` in the editor as if typed (Ctrl+Z brings back what was there); it is
        saved like typing."""
        if text == self.editor.toPlainText():
            self._changed()
            return
        cursor = self.editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)

    def retry_later(self) -> None:
        """Try the save again after the usual pause."""
        if self._pending and not self.held:
            self._timer.start()

    def flush(self, save: Callable[[str], None] | None = None) -> bool:
        """Save now if anything is unsaved; False if the save was refused (or the field is
        held). `save` replaces the usual save this once (e.g. with a reason to keep an
        identity number)."""
        self._timer.stop()
        if not self._pending:
            return True
        if self.held:
            return False
        text = self.editor.toPlainText()
        try:
            (save or self._save)(text)
        except (DomainError, ConnectionLostError) as error:
            self._set_state(SaveState.FAILED)
            self.failed.emit(error)  # may settle it at once (a merge chosen in a dialog)
            return not self._pending
        self._pending = False
        self.saved_text = text
        if self._drafts is not None:
            self._drafts.drop()
        self._set_state(SaveState.SAVED)
        return True

    def restore(self, text: str) -> None:
        """Put back text that was typed and never saved (a draft): it is saved after the
        usual pause, like typing."""
        self.editor.setPlainText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def _set_state(self, state: SaveState) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
