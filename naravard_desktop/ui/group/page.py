"""The group's settings page: the same fields as the set-up dialog plus protocol settings."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.group.form import GroupForm
from naravard_desktop.ui.pages import show_page_again
from naravard_desktop.ui.questions import Leave, ask_unsaved
from naravard_desktop.ui.theme import heading as style_heading
from naravard_desktop.ui.undo import SavedChangeCommand


class GroupPage(QWidget):
    """Edit and save the group's settings; saving is undoable."""

    group_changed = Signal(object)  # GroupData

    def __init__(
        self,
        db: Database,
        group: GroupData,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.group = group
        self.undo_stack = undo_stack

        heading = QLabel(_("The group"))
        heading.setObjectName("page_heading")
        style_heading(heading)  # larger than the system's font
        hint = QLabel(_("Name, principals and logo are printed in the header of every protocol."))
        hint.setWordWrap(True)
        self.form = GroupForm(with_protocol=True)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setObjectName("save_group")
        self.revert_button = QPushButton(_("Rever&t"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.form.changed.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addStretch()
        self.revert()

    def is_modified(self) -> bool:
        return self.form.value() != self.group.as_input()

    def _update_buttons(self) -> None:
        modified = self.is_modified()
        self.save_button.setEnabled(modified)
        self.revert_button.setEnabled(modified)

    def showEvent(self, event: QShowEvent) -> None:
        """Pick up changes made elsewhere (another page, another copy of the app) when the
        page is shown and nothing is being edited, so a later save is not refused."""
        if not self.is_modified():
            try:
                fresh = groups.get_group(self.db, self.group.id)
            except DomainError:
                fresh = self.group
            if fresh.version != self.group.version:
                self.group = fresh
                self.revert()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # The settings are saved as a whole (Spara/Återställ): leaving the page with changes
        # asks Spara / Kasta / Avbryt once the other page shows (Avbryt comes back). Closing
        # the window asks in MainWindow.closeEvent.
        super().hideEvent(event)
        if self.is_modified() and not event.spontaneous() and self.window().isVisible():
            QTimer.singleShot(0, self._ask_after_leaving)

    def _ask_after_leaving(self) -> None:
        if self.isVisible() or not self.window().isVisible() or not self.is_modified():
            return
        answer = ask_unsaved(
            self,
            _("The group's settings have unsaved changes. Save them before leaving the page?"),
            can_save=True,
        )
        if answer == Leave.DISCARD:
            self.revert()
            return
        if answer == Leave.SAVE and self.save():
            return
        show_page_again(self)  # Avbryt, or a save that was refused (its message is shown)

    def revert(self) -> None:
        self.form.set_input(self.group.as_input())
        self._update_buttons()

    def save(self) -> bool:
        before = self.group.as_input()
        try:
            # The form then shows what was saved (trimmed), so it no longer counts as changed.
            self._apply(self.form.value(), self.group.version, refresh_form=True)
        except ValidationError as error:
            for message in self.form.errors.show(error.fields):
                show_error(self, message)
            return False
        except DomainError as error:
            show_error(self, error)
            return False
        after = self.group.as_input()
        self.undo_stack.push(
            SavedChangeCommand(
                _("Change the group's settings"),
                # self.group holds the version our last write left: a change made elsewhere
                # since then makes the service refuse, instead of being overwritten.
                undo=lambda: self._apply(before, self.group.version, refresh_form=True),
                redo=lambda: self._apply(after, self.group.version, refresh_form=True),
            )
        )
        return True

    def _apply(self, data: GroupInput, version: int, *, refresh_form: bool = False) -> None:
        self.group = groups.update_group(self.db, self.group.id, data, version)
        if refresh_form:
            self.form.set_input(self.group.as_input())
        self.form.errors.clear()
        self._update_buttons()
        self.group_changed.emit(self.group)
