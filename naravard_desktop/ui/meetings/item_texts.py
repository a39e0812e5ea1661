"""The notes and decision of the agenda item shown: typed freely and saved after a pause, kept
as drafts until the database has them, an identity number warned about in a bar under the
field (no dialog while typing), and the save state beside the item's heading. Each text is
saved against the text it was typed on: one saved elsewhere meanwhile is never overwritten
but shown beside the user's to merge (merge_dialog.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError, StaleEditError, TextConflictError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings.read_models import ItemData
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.autosave import SaveState, TextAutosaver, show_save_state
from naravard_desktop.ui.meetings.merge_dialog import ConflictBar, MergeDialog
from naravard_desktop.ui.privacy import PrivacyBar, ask_privacy, select_first_number

if TYPE_CHECKING:
    from naravard_desktop.ui.meetings.item_editor import ItemEditor

DRAFT_RECORD = "agenda_item"


def _text_editor(name: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(name)
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(40)
    return editor


def _stored(item: ItemData | None) -> dict[str, str]:
    return {"notes": item.notes if item else "", "decision": item.decision if item else ""}


def _captions() -> dict[str, str]:
    return {"notes": _("Notes"), "decision": _("Decision")}


@dataclass
class _Base:
    """What a field's text is typed on: the item's version and the field's stored text then
    (None: not known, for a draft typed on an older version)."""

    version: int
    text: str | None


class _Drafts:
    """Keeps the typed text of one field of the shown item as a draft until it is saved."""

    def __init__(self, texts: ItemTexts, field: str) -> None:
        self.texts = texts
        self.field = field

    def keep(self, text: str) -> None:
        item = self.texts.editor.item
        if item is not None:
            base = self.texts.bases[self.field].version
            self.texts.drafts.save(DRAFT_RECORD, item.id, self.field, text, base_version=base)

    def drop(self) -> None:
        item = self.texts.editor.item
        if item is not None:
            self.texts.drafts.clear(DRAFT_RECORD, item.id, self.field)


class ItemTexts(QObject):
    """Notes and decision of the item `editor` shows. Each is saved against its own base (the
    version and stored text it is typed on); a save that found the item as the editor last
    saw it also moves the version the title and the other details are saved against."""

    def __init__(self, editor: ItemEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.restored = False
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.editors = {
            "notes": _text_editor("item_notes"),
            "decision": _text_editor("item_decision"),
        }
        self.drafts = DraftStore(editor.db.path or editor.db.url)
        self.bases = {field: _Base(0, "") for field in self.editors}
        self.keepers = {field: _Drafts(self, field) for field in self.editors}
        self.savers = {
            field: TextAutosaver(box, partial(self._save, field), self.keepers[field])
            for field, box in self.editors.items()
        }
        self.bars = {field: PrivacyBar() for field in self.editors}
        self.conflict_bars = {field: ConflictBar() for field in self.editors}
        for field, saver in self.savers.items():
            conflict = self.conflict_bars[field]
            conflict.setObjectName(f"conflict_bar_{field}")
            conflict.merge_requested.connect(partial(self.merge_again, field))
            saver.state_changed.connect(self.show_state)
            saver.failed.connect(partial(self._refused, field))
            bar = self.bars[field]
            bar.setObjectName(f"privacy_bar_{field}")
            bar.show_requested.connect(partial(select_first_number, self.editors[field]))
            bar.override_requested.connect(partial(self._save_anyway, field))
        captions = {"notes": _("&Notes:"), "decision": _("&Decision:")}
        self.boxes: list[QWidget] = []
        for field, box in self.editors.items():
            self.boxes.append(QWidget())
            layout = QVBoxLayout(self.boxes[-1])
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            label = QLabel(captions[field])
            label.setBuddy(box)
            layout.addWidget(label)
            layout.addWidget(box)
            layout.addWidget(self.bars[field])
            layout.addWidget(self.conflict_bars[field])

    # --- showing --------------------------------------------------------------------------

    def show_item(self, item: ItemData | None, locked: bool) -> None:
        """The texts of the item the editor now shows (its item and lock are set already)."""
        stored = _stored(item)
        for field, saver in self.savers.items():
            self.editors[field].setReadOnly(locked or item is None)
            saver.load(stored[field])
            self.bases[field] = _Base(item.version if item else 0, stored[field])
            self.conflict_bars[field].hide()
        for bar in self.bars.values():
            bar.clear()
        self.restored = False
        if item is not None and not locked:
            self._restore_drafts(item)

    def _restore_drafts(self, item: ItemData) -> None:
        """Text typed into this item and never saved (the app died within the autosave pause,
        or the save was refused) comes back into the editor and is saved again; if it was
        typed on an older version, it is saved only over the text it was typed on (which is
        not known: a text changed meanwhile is to be merged)."""
        stored = _stored(item)
        for field, saver in self.savers.items():
            draft = self.drafts.get(DRAFT_RECORD, item.id, field)
            if draft is None:
                continue
            if draft.text == stored[field]:
                self.drafts.clear(DRAFT_RECORD, item.id, field)
            else:
                if draft.base_version is not None and draft.base_version != item.version:
                    self.bases[field] = _Base(draft.base_version, None)
                saver.restore(draft.text)
                self.restored = True

    def show_state(self, _state: object = None) -> None:
        states = {saver.state for saver in self.savers.values()}
        state = (
            SaveState.FAILED
            if SaveState.FAILED in states
            else SaveState.PENDING
            if SaveState.PENDING in states
            else SaveState.SAVED
        )
        shown = self.editor.item is not None and not self.editor.locked
        show_save_state(self.save_state, state, self.restored, shown)
        for field, saver in self.savers.items():
            if saver.state == SaveState.SAVED:
                self.bars[field].clear()
                self.conflict_bars[field].hide()

    # --- saving ---------------------------------------------------------------------------

    def _save(self, field: str, text: str, privacy_override: str | None = None) -> None:
        item = self.editor.item
        if item is None:
            return
        base = self.bases[field]
        saved = agenda.save_text(
            self.editor.db,
            item.id,
            field,
            text,
            base_version=base.version,
            base_text=base.text,
            privacy_override=privacy_override,
        )
        if privacy_override:
            self.editor.privacy_reasons[item.id] = privacy_override
        if saved.changed_elsewhere:  # another field: shown once this save is over
            QTimer.singleShot(0, self.editor, self.editor.changed_elsewhere)
        else:
            self.advance(base.version, saved.version, but=field)
            if self.editor.version == base.version:
                self.editor.version = saved.version
                self.editor.item = (
                    replace(item, notes=text) if field == "notes" else replace(item, decision=text)
                )
        self.bases[field] = _Base(saved.version, text)

    def advance(self, old: int, new: int, but: str = "") -> None:
        """The item went from version `old` to `new` by a save made here: the texts typed on
        `old` (but the one saved) are typed on the same stored text at `new`, and their
        drafts say so."""
        for field, base in self.bases.items():
            if field != but and base.version == old:
                base.version = new
                if self.savers[field].pending:
                    self.keepers[field].keep(self.editors[field].toPlainText())

    def reloaded(self, item: ItemData) -> None:
        """The item as stored now (changed elsewhere): a text not being typed shows the stored
        one; a text typed and not saved stays, to be merged if it was changed too."""
        for field, text in _stored(item).items():
            saver = self.savers[field]
            if saver.pending or saver.held:
                continue
            if text != saver.saved_text:
                saver.load(text)
            self.bases[field] = _Base(item.version, text)

    def only_held_back(self) -> bool:
        """Whether every text not saved waits for the user (an identity number or texts to
        merge): the other details can be saved beside the stored texts."""
        return all(
            saver.state == SaveState.SAVED or saver.held or self.bars[field].warning is not None
            for field, saver in self.savers.items()
        )

    def _refused(self, field: str, error: DomainError) -> None:
        """An identity number in notes or decision: a warning bar under the field, no dialog
        while typing; the text stays in the editor and in the draft. Other refusals are
        shown as usual."""
        if isinstance(error, PrivacyWarning):
            self.bars[field].warn(error)
        elif isinstance(error, TextConflictError):
            self._merge(field, error)
        elif isinstance(error, StaleEditError):  # saved elsewhere at the same moment
            self.savers[field].retry_later()  # the next pause compares the texts again
        else:
            show_error(self.editor, error)

    def _merge(self, field: str, conflict: TextConflictError) -> None:
        """Saved elsewhere while the user typed: nothing more is saved of this field until
        the user chose in the merge dialog; Avbryt leaves the text typed (and in the draft)
        with a bar saying it is not saved."""
        saver = self.savers[field]
        saver.hold()
        self.conflict_bars[field].show()
        item = self.editor.item
        if item is None:
            return
        dialog = MergeDialog(
            _captions()[field],
            f"§ {item.paragraph} {item.title}",
            conflict.theirs,
            self.editors[field].toPlainText(),
            self.editor,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return
            text = dialog.text()
        finally:
            dialog.deleteLater()
        self.conflict_bars[field].hide()
        self.bases[field] = _Base(conflict.version, conflict.theirs)
        saver.release()
        saver.replace_text(text)  # Ctrl+Z in the field brings the user's text back
        saver.flush()  # changed once more meanwhile: the dialog again, with that text

    def merge_again(self, field: str) -> None:
        """'Jämför och spara…' on the bar: the texts compared as they are stored now."""
        saver = self.savers[field]
        if not saver.held:
            return
        saver.release()
        saver.replace_text(self.editors[field].toPlainText())
        saver.flush()

    def _save_anyway(self, field: str) -> None:
        """'Save anyway…' on the warning bar: the reason, then the text as it is now."""
        warning = self.bars[field].warning
        if warning is None or self.editor.item is None:
            return
        editor = self.editors[field]
        reason = ask_privacy(self.editor, warning, fields={field: editor}, ask_reason=True)
        if reason is None:
            return
        cursor = editor.textCursor()
        cursor.clearSelection()  # the number stays: typing on must not replace it
        editor.setTextCursor(cursor)
        editor.setFocus()
        self.savers[field].flush(partial(self._save, field, privacy_override=reason))

    def flush(self) -> bool:
        """Save both texts now; False if either was refused."""
        results = [saver.flush() for saver in self.savers.values()]
        return all(results)

    def can_close(self) -> bool:
        """Both texts saved; an identity number asks as "Spara ändå…" does. False when the
        user chose to remove the number (it is selected in its field)."""
        for field, saver in self.savers.items():
            if saver.held:  # texts to merge: asked again; Avbryt keeps the window open
                self.merge_again(field)
                if saver.held:
                    return False
            if saver.flush() or (warning := self.bars[field].warning) is None:
                continue
            reason = ask_privacy(
                self.editor, warning, fields={field: self.editors[field]}, ask_reason=True
            )
            if reason is None:
                return False
            saver.flush(partial(self._save, field, privacy_override=reason))
        return True
