"""One agenda item: title, presenter, planned minutes, attachments (saved when a field is
left), notes and decision (item_texts: autosaved while typing), its action items and plan
follow-ups. The item changed elsewhere meanwhile (another app on the server, another window)
is shown as stored, with what is typed here kept: nothing is saved over it unseen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import agenda
from naravard_desktop.services.meetings import meeting_labels as labels
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.database_errors import ConnectionLostError
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.actions_panel import ActionsPanel
from naravard_desktop.ui.meetings.item_texts import ItemTexts
from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpPanel
from naravard_desktop.ui.privacy import BackToEditing, save_guarded
from naravard_desktop.ui.theme import heading as style_heading
from naravard_desktop.ui.undo import IdMap

ATTACHMENT_SEPARATOR = ";"
# Notes, decision, action items, carried items: three action items in view in a maximised
# 1366 × 768 window (with 110 for the action items the table showed one row at a time).
EDITING_SIZES = [200, 110, 160, 0]
CARRIED_SIZES = [110, 70, 90, 190]
READ_ONLY_STYLE = (
    'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #f1f1f1; }'
)


class ItemEditor(QWidget):
    """Shows the item it is given; `saved` reports a saved change of title, presenter, minutes
    or attachments (the agenda list redraws)."""

    saved = Signal(object)  # ItemData

    def __init__(
        self, db: Database, undo_stack: QUndoStack, item_ids: IdMap, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.item: ItemData | None = None
        self.version = 0
        self.locked = False
        self.restored = False
        self._saving_details = False
        # Reasons given in this session to keep an identity number, by item id: undoing the
        # removal of an item puts its text back with the same reason.
        self.privacy_reasons: dict[int, str] = {}

        self.heading = QLabel()
        self.heading.setObjectName("item_heading")
        style_heading(self.heading, 1.2)
        self.title = QLineEdit()
        self.title.setObjectName("item_title")
        self.presenter = QLineEdit()
        self.presenter.setObjectName("item_presenter")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("item_minutes")
        self.minutes.setRange(0, 600)
        self.minutes.setSpecialValueText("–")
        self.minutes.setSuffix(_(" min"))
        self.attachments = QLineEdit()
        self.attachments.setObjectName("item_attachments")
        self.attachments.setPlaceholderText(_("Titles of attachments, separated by semicolons"))
        for field in (self.title, self.presenter, self.attachments):
            field.editingFinished.connect(self.save_details)
        self.minutes.editingFinished.connect(self.save_details)
        self.texts = ItemTexts(self)
        self.notes = self.texts.editors["notes"]
        self.decision = self.texts.editors["decision"]
        self.save_state = self.texts.save_state
        self.privacy_bars = self.texts.bars
        self.action_items = ActionsPanel(db, undo_stack, item_ids, carried=False)
        self.carried = ActionsPanel(db, undo_stack, item_ids, carried=True)
        self.plan_follow_ups = PlanFollowUpPanel(db, undo_stack, item_ids)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.save_state)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        title_label = QLabel(_("&Title:"))
        title_label.setBuddy(self.title)
        form.addRow(title_label, self.title)
        second = QHBoxLayout()
        second.addWidget(self.presenter, 1)
        minutes_label = QLabel(_("Pl&anned:"))
        minutes_label.setBuddy(self.minutes)
        second.addWidget(minutes_label)
        second.addWidget(self.minutes)
        presenter_label = QLabel(_("P&resenter:"))
        presenter_label.setBuddy(self.presenter)
        form.addRow(presenter_label, second)
        attachments_label = QLabel(_("Atta&chments:"))
        attachments_label.setBuddy(self.attachments)
        form.addRow(attachments_label, self.attachments)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        for box in self.texts.boxes:
            self.splitter.addWidget(box)
        self.splitter.addWidget(self.action_items)
        self.splitter.addWidget(self.carried)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setStretchFactor(3, 1)
        # The plan follow-ups beside the action items (the window still fits 720×520).
        self.action_row = QSplitter(Qt.Orientation.Horizontal)
        self.action_row.setChildrenCollapsible(False)
        self.action_row.addWidget(self.action_items)  # moves it out of self.splitter
        self.action_row.addWidget(self.plan_follow_ups)
        self.action_row.setStretchFactor(0, 3)
        self.action_row.setStretchFactor(1, 2)
        self.splitter.insertWidget(2, self.action_row)
        self.splitter.setStretchFactor(2, 1)

        self.setStyleSheet(READ_ONLY_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        self.show_item(None, locked=False)

    # --- showing --------------------------------------------------------------------------

    def show_item(self, item: ItemData | None, locked: bool) -> None:
        """Show `item` (the caller flushed the previous one first)."""
        self.item = item
        self.locked = locked
        self.version = item.version if item else 0
        self.heading.setText(f"§ {item.paragraph}  {item.title}" if item else _("No item chosen"))
        self.title.setText(item.title if item else "")
        self.presenter.setText(item.presenter if item else "")
        self.minutes.setValue(item.planned_minutes or 0 if item else 0)
        self.attachments.setText(f"{ATTACHMENT_SEPARATOR} ".join(item.attachments) if item else "")
        for field in (self.title, self.presenter, self.attachments):
            field.setReadOnly(locked or item is None)
        self.minutes.setReadOnly(locked or item is None)
        self.texts.show_item(item, locked)
        self.action_items.show_item(item.id if item else None, locked)
        self.plan_follow_ups.show_item(item, locked)
        previous = item is not None and item.standard_key == labels.PREVIOUS_MINUTES
        if previous != self.carried.isVisibleTo(self):
            # Under "Föregående protokoll" the carried action items need the room.
            self.splitter.setSizes(CARRIED_SIZES if previous else EDITING_SIZES)
        self.carried.setVisible(previous)
        shown: tuple[QWidget, ...] = (
            self.title,
            self.presenter,
            self.attachments,
            self.notes,
            self.decision,
        )
        for widget in shown:
            widget.style().unpolish(widget)  # the read-only look follows the state
            widget.style().polish(widget)
        self.carried.show_carried(item.meeting_id if previous and item else None)
        self.texts.show_state()

    # --- saving ---------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save whatever is typed and not yet saved; False if something was refused."""
        texts = self.texts.flush()
        # Title, presenter, minutes or attachments typed and not yet left (Alt+Down to the
        # next item keeps the focus in the field): saved before the item goes.
        self.save_details()
        return texts

    def details(self) -> ItemInput:
        return ItemInput(
            title=self.title.text(),
            presenter=self.presenter.text(),
            planned_minutes=self.minutes.value() or None,
            notes=self.notes.toPlainText(),
            decision=self.decision.toPlainText(),
            attachments=tuple(
                part.strip() for part in self.attachments.text().split(ATTACHMENT_SEPARATOR)
            ),
        )

    def can_close(self) -> bool:
        """Before the window closes: save what is typed. An identity number in the notes or
        decision asks as "Spara ändå…" does, in the title as saving it does; "Ta bort numret"
        keeps the window open with the number selected. Other refusals were shown, and the
        text is kept as a draft."""
        if self.item is None or self.locked:
            return True
        if not self.texts.can_close():
            return False
        return self.save_details()

    def save_details(self) -> bool:
        """Title, presenter, minutes and attachments, when a field is left or Enter pressed.
        False when the user is to come back to a field: an identity number to remove (the
        privacy question's "Ta bort numret") or a title to fix."""
        item = self.item
        if item is None or self.locked or self._saving_details:
            return True
        data = self.details()
        if (data.title, data.presenter, data.planned_minutes) == (
            item.title,
            item.presenter,
            item.planned_minutes,
        ) and tuple(a for a in data.attachments if a) == item.attachments:
            return True
        if not self.texts.flush() and not self.texts.only_held_back():
            return False
        # The texts as stored at self.version (notes or decision may still be refused for an
        # identity number, or held to be merged): the other details are saved beside them.
        item = self.item or item  # a text saved just now is in self.item
        data = replace(data, notes=item.notes, decision=item.decision)
        self._saving_details = True

        def update(reason: str | None) -> ItemData:
            saved = agenda.update_item(
                self.db, item.id, data, self.version, privacy_override=reason
            )
            if reason:
                self.privacy_reasons[saved.id] = reason
            return saved

        try:
            saved = save_guarded(
                self,
                update,
                fields={
                    "title": self.title,
                    "presenter": self.presenter,
                    "attachments": self.attachments,
                },
            )
        except BackToEditing:
            return False
        except ValidationError as error:
            show_error(self, error)
            self.title.setFocus()
            return False
        except StaleEditError:
            self.reload_keeping_typed()
            show_error(
                self,
                _(
                    "The agenda item was changed elsewhere while you were writing. The fields "
                    "now show what is stored, except what you typed, which is kept and not "
                    "saved. Check the fields and leave them again to save."
                ),
            )
            return False
        except DomainError as error:  # shown; nothing in the form can change it
            show_error(self, error)
            return True
        finally:
            self._saving_details = False
        self.texts.advance(self.version, saved.version)
        self.item = saved
        self.version = saved.version
        self.heading.setText(f"§ {saved.paragraph}  {saved.title}")
        self.saved.emit(saved)
        return True

    # --- changed elsewhere ----------------------------------------------------------------

    def _typed(self) -> dict[str, object]:
        """The details as the fields show them, beside the same details of `self.item`."""
        data = self.details()
        return {
            "title": data.title,
            "presenter": data.presenter,
            "planned_minutes": data.planned_minutes,
            "attachments": tuple(a for a in data.attachments if a),
        }

    def _shown(self, item: ItemData) -> dict[str, object]:
        return {
            "title": item.title,
            "presenter": item.presenter,
            "planned_minutes": item.planned_minutes,
            "attachments": item.attachments,
        }

    def changed_elsewhere(self) -> None:
        """A text saved here found the item changed elsewhere: the stored item is shown,
        unless details are typed and not saved (their save then says the item changed)."""
        if self.item is not None and not self.locked and self._typed() == self._shown(self.item):
            self.reload_keeping_typed()

    def reload_keeping_typed(self) -> None:
        """The item as stored now; a detail typed here and not saved stays as typed (to be
        saved over the stored one on purpose), the others show the stored values."""
        item = self.item
        if item is None:
            return
        try:
            found = [i for i in agenda.list_items(self.db, item.meeting_id) if i.id == item.id]
        except (DomainError, ConnectionLostError):
            return  # gone, or the server lost: the next save says so
        if found:
            seen = self._shown(item)
            self._show_stored(found[0])
            if self._shown(found[0]) != seen:
                self.saved.emit(found[0])  # the agenda list shows the stored title and times

    def show_stored(self, stored: ItemData) -> None:
        """The item shown, as the agenda list has it now (after a move, a rename, a reload):
        its § number and times; saved since it was shown (elsewhere, or moved), the details
        show what is stored, with what is typed here kept."""
        if self.item is None or stored.version == self.version:
            self.item = stored
            self.heading.setText(f"§ {stored.paragraph}  {stored.title}")
        else:
            self._show_stored(stored)

    def _show_stored(self, fresh: ItemData) -> None:
        assert self.item is not None
        typed, seen = self._typed(), self._shown(self.item)
        kept = {name: typed[name] for name in typed if typed[name] != seen[name]}
        self.item, self.version = fresh, fresh.version
        self.heading.setText(f"§ {fresh.paragraph}  {fresh.title}")
        self.title.setText(str(kept.get("title", fresh.title)))
        self.presenter.setText(str(kept.get("presenter", fresh.presenter)))
        minutes = kept.get("planned_minutes", fresh.planned_minutes)
        self.minutes.setValue(minutes if isinstance(minutes, int) else 0)
        attachments = kept.get("attachments", fresh.attachments)
        assert isinstance(attachments, tuple)
        self.attachments.setText(f"{ATTACHMENT_SEPARATOR} ".join(attachments))
        self.texts.reloaded(fresh)
