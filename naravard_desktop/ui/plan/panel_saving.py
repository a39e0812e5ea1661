"""The side panel saves as the user goes, like the meeting editor's notes (ui/meetings/
autosave.py): after a short pause in typing, when a field is left, and whenever the page
flushes (another row, another page or plan, closing the window). Each save is one undo step.

A field that cannot be saved yet (a date that cannot be read, an empty title, an identity
number) keeps what was typed, with its message under the field; the other fields are saved
beside the stored value. Leaving the row then asks Spara / Kasta / Avbryt. What is typed is
also kept as a draft (services/system/drafts.py) until the database has it, so a crash within the
pause loses nothing: it comes back when the row is shown again. A draft typed on a row that was
saved elsewhere since is saved against the version it was typed on, so the page asks before
it goes over the other change (never silently)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from naravard_desktop.i18n import _
from naravard_desktop.services.system.database_errors import ConnectionLostError
from naravard_desktop.services.system.drafts import DraftStore, drafts_root
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.forms import error_label
from naravard_desktop.ui.meetings.autosave import DELAY_MS, SaveState
from naravard_desktop.ui.privacy import BackToEditing, ask_privacy
from naravard_desktop.ui.questions import Leave, ask_unsaved

STATE_STYLES = {
    SaveState.SAVED: "color: #1b6e3a;",
    SaveState.PENDING: "color: #555555;",
    SaveState.FAILED: "color: #b00020; font-weight: 600;",
}


TextField = QLineEdit | QPlainTextEdit  # a free-text field: one line or several


def text_of(field: TextField) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def set_text(field: TextField, text: str) -> None:
    if isinstance(field, QLineEdit):
        field.setText(text)
    else:
        field.setPlainText(text)


def plan_drafts(database: str) -> DraftStore:
    """The plan's drafts, apart from the meeting notes' (whose start-up dialog knows only
    agenda items): they come back when their row is shown."""
    return DraftStore(database, root=drafts_root() / "plan")


class AutosaveForm(QWidget):
    """A side-panel form whose fields are saved as they are typed.

    Subclasses describe their fields as raw values (`raw`, `raw_of`, `set_raw`), fill
    themselves from a row (`fill`) and save (`_save`, returning False while something is
    held back) through `submit_or_hold`. `submit(before, data, reason)` stores a row and
    returns it; it raises PrivacyWarning while no reason to keep an identity number is given."""

    record = ""  # the draft record name
    text_fields: tuple[str, ...] = ()  # kept as drafts while typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit: Callable[[Any, Any, str | None], Any] | None = None
        self.texts: dict[str, TextField] = {}  # the free-text fields by name
        self.row: Any = None  # what the database holds, as last loaded or saved
        self.pending = False
        self.state = SaveState.SAVED
        self.restored = False
        self.replaying: Callable[[], bool] = lambda: False  # an undo step is running
        self.drafts: DraftStore | None = None
        self.field_errors: dict[str, str] = {}
        self.connection_lost: ConnectionLostError | None = None  # the last save's, if any
        self._error_labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._editors: list[QWidget] = []
        self._loading = False
        self._flushing = False
        self._reason_first = False  # 'Spara ändå…': the reason is asked for at once
        self._draft_base: int | None = None  # the version a restored draft was typed on
        self.state_label = QLabel()
        self.state_label.setObjectName("plan_save_state")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)

    # --- described by the forms -----------------------------------------------------------

    def raw(self) -> dict[str, object]:
        raise NotImplementedError

    def raw_of(self, row: Any) -> dict[str, object]:
        raise NotImplementedError

    def set_raw(self, name: str, value: object) -> None:
        raise NotImplementedError

    def fill(self, row: Any) -> None:
        for name, value in self.raw_of(row).items():
            self.set_raw(name, value)

    def _save(self, interactive: bool) -> bool:
        raise NotImplementedError

    def problems(self) -> list[str]:
        """Why the row cannot be saved as it is, for the question on leaving it."""
        lost = [self.connection_lost.message] if self.connection_lost is not None else []
        return [*lost, *self.field_errors.values()]

    def row_title(self) -> str:
        return str(getattr(self.row, "title", ""))

    def privacy_labels(self) -> dict[str, str]:
        """The fields checked for identity numbers, by name, as the user knows them."""
        raise NotImplementedError

    def same(self, one: Any, other: Any) -> bool:
        """Whether two inputs store the same row (nothing to save)."""
        raise NotImplementedError

    def hold_back(self, warning: PrivacyWarning, held: dict[str, str]) -> None:
        """Show that `warning`'s fields are held back: their message under them."""
        held.update({name: warning.message for name in warning.matches})

    # --- fields ---------------------------------------------------------------------------

    def error_label(self, name: str, field: QWidget) -> QLabel:
        label = error_label(name)
        self._error_labels[name] = label
        self._fields[name] = field
        return label

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """The messages under their fields, without taking the focus from where the user
        types."""
        self.field_errors = dict(errors)
        for name, label in self._error_labels.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self._fields[name].setAccessibleDescription(message)

    def watch(self, name: str, widget: QWidget, signal: Any) -> None:
        signal.connect(lambda *_args, n=name: self._changed(n))
        widget.installEventFilter(self)
        self._editors.append(widget)

    def set_read_only(self, on: bool) -> None:
        """A database opened read-only: the fields can be read and copied, not changed (an
        autosave would be refused after every pause)."""
        for widget in self._editors:
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(on)
            else:
                widget.setEnabled(not on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.pending:
            self.flush()
        return False

    def _changed(self, name: str) -> None:
        if self._loading or self.row is None:
            return
        self.pending = True
        if name in self.text_fields and self.drafts is not None:
            self.drafts.save(
                self.record,
                self.row.id,
                name,
                str(self.raw()[name]),
                base_version=getattr(self.row, "version", None),
            )
        self._set_state(SaveState.PENDING)
        self._timer.start()

    # --- showing --------------------------------------------------------------------------

    def load(self, row: Any) -> None:
        """Show `row`. The same row again (after an undo or a save elsewhere on the page)
        keeps what is typed and not yet saved; another row is shown after the unsaved text
        was saved (the page asks first; during an undo step it stays in the drafts)."""
        typed: dict[str, object] = {}
        if self.row is not None and self.pending:
            if self.row.id == row.id:
                stored = self.raw_of(self.row)
                typed = {n: v for n, v in self.raw().items() if v != stored[n]}
            elif not self.replaying():
                self.flush()
        self._timer.stop()
        self._loading = True
        try:
            self.fill(row)
            for name, value in typed.items():
                self.set_raw(name, value)
        finally:
            self._loading = False
        self.row = row
        self.pending = bool(typed)
        self.restored = False
        if not typed:
            self.show_errors({})
            self._restore_drafts()
        self._set_state(SaveState.PENDING if self.pending else SaveState.SAVED, force=True)
        if self.pending:
            self._timer.start()

    def _restore_drafts(self) -> None:
        self._draft_base = None
        if self.drafts is None or self.row is None:
            return
        stored = self.raw_of(self.row)
        version = getattr(self.row, "version", None)
        for name in self.text_fields:
            draft = self.drafts.get(self.record, self.row.id, name)
            if draft is None:
                continue
            if draft.text == stored[name]:
                self.drafts.clear(self.record, self.row.id, name)
                continue
            self.set_raw(name, draft.text)
            self.restored = self.pending = True
            if draft.base_version is not None and draft.base_version != version:
                older = min(draft.base_version, self._draft_base or draft.base_version)
                self._draft_base = older
        if self.pending:
            self._timer.start()

    def _drop_drafts(self) -> None:
        if self.drafts is None or self.row is None:
            return
        for name in self.text_fields:
            if name not in self.field_errors:
                self.drafts.clear(self.record, self.row.id, name)

    # --- saving ---------------------------------------------------------------------------

    def flush(self, interactive: bool = False) -> bool:
        """Save what is typed and not saved; False while something is held back. With
        `interactive` (Ctrl+Return, 'Spara' on leaving) an identity number is asked about."""
        self._timer.stop()
        if self._flushing or self.row is None or not self.pending:
            return not self.pending
        self._flushing = True
        try:
            saved = self._save(interactive)
            self.connection_lost = None
        except ConnectionLostError as error:
            # The server went away: the text stays typed and in the drafts, "Inte sparat"
            # shows, and the next pause (or leaving the row) tries again.
            self.connection_lost = error
            saved = False
        finally:
            self._flushing = False
        self.pending = not saved
        if saved:
            self._drop_drafts()
            self.restored = False
        self._set_state(SaveState.SAVED if saved else SaveState.FAILED)
        return saved

    def submit_or_hold(
        self, before: Any, data: Any, interactive: bool, held: dict[str, str]
    ) -> Any:
        """Save `data` over `before` and return the stored row. An identity number is asked
        about when the user saves on purpose (`interactive`; BackToEditing when the number is
        to be removed); while typing, its fields are held back (the stored text saved for
        them, their message in `held`) and the other fields are saved."""
        if self.submit is None:
            return before
        if self._draft_base is not None:  # a restored draft: saved on what it was typed on
            before = replace(before, version=self._draft_base)
        try:
            saved = self.submit(before, data, None)
        except PrivacyWarning as warning:
            labels = self.privacy_labels()
            if interactive:
                fields = {name: field for name, field in self.texts.items() if name in labels}
                reason = ask_privacy(
                    self, warning, fields=fields, labels=labels, ask_reason=self._reason_first
                )
                if reason is None:
                    self.hold_back(warning, held)
                    raise BackToEditing from warning
                saved = self.submit(before, data, reason)
            else:
                self.hold_back(warning, held)
                texts = [name for name in warning.matches if name in self.text_fields]
                kept = replace(data, **{name: getattr(before, name) for name in texts})
                if self.same(kept, before.as_input()):
                    return self.row
                saved = self.submit(before, kept, None)
        self._draft_base = None
        return saved

    def leave(self) -> bool:
        """Before another row, plan or closing: save, and ask when something cannot be saved
        as it is. False: stay (Avbryt, or the number is to be removed)."""
        if self.flush():
            return True
        problems = self.problems()
        text = _("The changes to “{title}” are not saved.").format(title=self.row_title())
        if problems:
            text += "\n\n" + "\n".join(problems)
        answer = ask_unsaved(self, text, can_save=not self.field_errors)
        if answer == Leave.SAVE:
            return self.flush(interactive=True)
        if answer == Leave.DISCARD:
            self.discard()
            return True
        return False

    def discard(self) -> None:
        """Throw away what was typed and not saved: the stored row again."""
        if self.row is None:
            return
        if self.drafts is not None:
            for name in self.text_fields:
                self.drafts.clear(self.record, self.row.id, name)
        self.pending = False
        self.load(self.row)

    def _set_state(self, state: SaveState, force: bool = False) -> None:
        if state == self.state and not force:
            return
        self.state = state
        text = {
            SaveState.SAVED: _("Saved"),
            SaveState.PENDING: _("Saving…"),
            SaveState.FAILED: _("Not saved"),
        }[state]
        if self.restored and state != SaveState.FAILED:
            text = _("Restored unsaved text") + " · " + text
        self.state_label.setText(text)
        self.state_label.setStyleSheet(STATE_STYLES[state])
