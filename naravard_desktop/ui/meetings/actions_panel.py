"""The action items of one agenda item, or the open ones carried from earlier meetings, with
undo for every change (window undo stack)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import actions
from naravard_desktop.services.meetings.read_models import ActionData, ActionInput
from naravard_desktop.services.plan import plan_links
from naravard_desktop.services.plan.read_models import ActivityChoice
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.action_dialog import ActionDialog
from naravard_desktop.ui.meetings.actions import ROW_ROLE, ActionsModel, Column
from naravard_desktop.ui.meetings.view_tools import compact_rows
from naravard_desktop.ui.privacy import RESTORED_REASON, save_guarded
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.undo import IdMap, SavedChangeCommand, as_written, meeting_lock


class ActionsPanel(QWidget):
    def __init__(
        self,
        db: Database,
        undo_stack: QUndoStack,
        item_ids: IdMap,
        *,
        carried: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.item_ids = item_ids
        self.action_ids = IdMap()
        self.carried = carried
        self._load: Callable[[], list[ActionData]] = list
        self.item_id: int | None = None

        self.model = ActionsModel(self)
        self.model.done_toggled.connect(self.set_done)
        self.table = QTableView()
        self.table.setObjectName("carried_actions" if carried else "item_actions")
        self.table.setAccessibleName(_("Action items"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.setWordWrap(False)
        self.table.setColumnHidden(Column.ORIGIN, not carried)
        self.table.setMinimumHeight(48)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ACTIVITY, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.edit_selected())

        title = _("Open action items from earlier meetings") if carried else _("Action items")
        self.caption = QLabel(f"<b>{title}</b>")
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_action = make_action(
            self, _("New action item…"), self.add, "Ctrl+Shift+A", name="add_action_item"
        )
        self.edit_action = make_action(
            self, _("Edit…"), self.edit_selected, name="edit_action_item"
        )
        self.remove_action = make_action(
            self, _("Remove…"), self.remove_selected, name="remove_action_item"
        )
        if not carried:
            for action in (self.add_action, self.edit_action, self.remove_action):
                self.toolbar.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        top = QVBoxLayout()
        top.addWidget(self.caption)
        layout.addLayout(top)
        if not carried:
            layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        self._update_state()

    # --- data -----------------------------------------------------------------------------

    def show_item(self, item_id: int | None, locked: bool) -> None:
        self.item_id = item_id
        self.model.locked = locked
        self._load = (lambda: actions.actions_of_item(self.db, item_id)) if item_id else list
        self.refresh()

    def show_carried(self, meeting_id: int | None) -> None:
        self._load = (
            (lambda: actions.open_actions_before(self.db, meeting_id)) if meeting_id else list
        )
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        try:
            rows = self._load()
        except NotFoundError:
            rows = []
        except DomainError as error:
            show_error(self, error)
            return
        linked = {row.activity_id for row in rows if row.activity_id is not None}
        try:
            labels = plan_links.activity_labels(self.db, linked)
        except DomainError:
            labels = {}
        self.model.set_rows(rows, labels)
        # The plan column only when an action item here is linked to an activity.
        self.table.setColumnHidden(Column.ACTIVITY, not linked)
        if select_id is not None:
            row = self.model.row_for(select_id)
            if row is not None:
                self.table.selectionModel().select(
                    self.model.index(row, Column.WHAT),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def selected(self) -> ActionData | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_state(self) -> None:
        editable = self.item_id is not None and not self.model.locked
        self.add_action.setEnabled(editable)
        self.edit_action.setEnabled(editable and self.selected() is not None)
        self.remove_action.setEnabled(editable and self.selected() is not None)

    def _activities(self, item_id: int) -> list[ActivityChoice]:
        """The group's plan activities an action item can be linked to."""
        try:
            return plan_links.activity_choices(self.db, plan_links.group_of_item(self.db, item_id))
        except DomainError as error:
            show_error(self, error)
            return []

    def _current(self, action_id: int, item_id: int) -> ActionData:
        found = actions.actions_of_item(self.db, self.item_ids.resolve(item_id))
        resolved = self.action_ids.resolve(action_id)
        for row in found:
            if row.id == resolved:
                return row
        raise NotFoundError(_("The action item no longer exists. Reload and try again."))

    # --- changes --------------------------------------------------------------------------

    def add(self) -> None:
        if self.item_id is None or self.model.locked:
            return
        item_id = self.item_id

        def create(data: ActionInput, reason: str | None) -> ActionData:
            return actions.add_action(self.db, item_id, data, privacy_override=reason)

        first = self._ask(_("New action item"), ActionInput(what=""), item_id, create)
        if first is not None:
            self._push_added_or_removed(_("Add action item"), first, added=True)
            self.refresh(first.id)

    def edit_selected(self) -> None:
        before = self.selected()
        if before is None or self.model.locked or self.carried:
            return

        def update(data: ActionInput, reason: str | None) -> ActionData:
            return actions.update_action(
                self.db, before.id, data, before.version, privacy_override=reason
            )

        after = self._ask(_("Edit action item"), before.as_input(), before.agenda_item_id, update)
        if after is not None:
            self._push_change(before, after, _("Edit action item"))

    def _ask(
        self,
        title: str,
        data: ActionInput,
        item_id: int,
        save: Callable[[ActionInput, str | None], ActionData],
    ) -> ActionData | None:
        """The action item dialog: `save(typed, reason to keep an identity number)` stores
        what was typed; what it returned, or None when the dialog was cancelled."""
        saved: list[ActionData] = []

        def submit(typed: ActionInput) -> None:
            saved.append(
                save_guarded(
                    dialog,
                    lambda reason: save(typed, reason),
                    fields={"what": dialog.what, "who": dialog.who},
                    labels=actions.privacy_labels(),
                )
            )

        dialog = ActionDialog(title, data, submit, self, activities=self._activities(item_id))
        if not dialog.exec() or not saved:
            return None
        return saved[0]

    def set_done(self, action_id: int, done: bool) -> None:
        row = self.model.row_for(action_id)
        if row is None:
            return
        before = self.model.rows()[row]
        data = before.as_input()
        try:
            after = actions.update_action(
                self.db,
                action_id,
                ActionInput(data.what, data.who, data.due_on, done, data.activity_id),
                before.version,
            )
        except DomainError as error:
            show_error(self, error)
            self.refresh()
            return
        text = _("Mark action item done") if done else _("Mark action item open")
        self._push_change(before, after, text)

    def _push_change(self, before: ActionData, after: ActionData, text: str) -> None:
        old, new = before.as_input(), after.as_input()

        def write(data: ActionInput, over: ActionInput) -> None:
            name = f"“{' '.join(before.what.split())[:60]}”"
            current = as_written(self._current(before.id, before.agenda_item_id), over, name)
            actions.update_action(
                self.db, current.id, data, current.version, privacy_override=RESTORED_REASON
            )
            self.refresh(current.id)

        self.undo_stack.push(
            SavedChangeCommand(
                text,
                undo=lambda: write(old, new),
                redo=lambda: write(new, old),
                refresh=self.refresh,
                # Marking done stays open after approval; a change of the text does not.
                locked=meeting_lock(self.db, before.meeting_id)
                if (old.what, old.who, old.due_on, old.activity_id)
                != (new.what, new.who, new.due_on, new.activity_id)
                else None,
            )
        )
        self.refresh(after.id)

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None or self.model.locked or self.carried:
            return
        if not confirm(
            self,
            _("Remove action item"),
            _("Remove the action item “{what}”?").format(what=" ".join(row.what.split())[:80]),
            _("&Remove"),
        ):
            return
        try:
            actions.remove_action(self.db, row.id, row.version)
        except DomainError as error:
            show_error(self, error)
            self.refresh()
            return
        self._push_added_or_removed(_("Remove action item"), row, added=False)
        self.refresh()

    def _push_added_or_removed(self, text: str, action: ActionData, *, added: bool) -> None:
        """The undo step of an action item just added or removed: it goes or comes back, each
        time under a new id that later steps follow (action_ids)."""
        state = {"id": action.id}

        def put_back() -> None:
            again = actions.add_action(
                self.db,
                self.item_ids.resolve(action.agenda_item_id),
                action.as_input(),
                privacy_override=RESTORED_REASON,
            )
            self.action_ids.moved(state["id"], again.id)
            state["id"] = again.id
            self.refresh(again.id)

        def take_away() -> None:
            actions.remove_action(self.db, self.action_ids.resolve(state["id"]))
            self.refresh()

        undo, redo = (take_away, put_back) if added else (put_back, take_away)
        self.undo_stack.push(
            SavedChangeCommand(
                text,
                undo,
                redo,
                refresh=self.refresh,
                locked=meeting_lock(self.db, action.meeting_id),
            )
        )
