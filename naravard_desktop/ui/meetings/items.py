"""The agenda of one meeting: the § list with planned times and a running end time, reorder
by drag or Ctrl+Up/Down, add and remove items with undo, next/previous item from anywhere in
the editor, and the item editor beside the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_time
from naravard_desktop.services.meetings import actions, agenda
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, MeetingData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.agenda_model import ROW_ROLE, AgendaModel, Column
from naravard_desktop.ui.meetings.item_editor import ItemEditor
from naravard_desktop.ui.meetings.view_tools import compact_rows, make_current
from naravard_desktop.ui.privacy import RESTORED_REASON
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.undo import IdMap, SavedChangeCommand, meeting_lock


def planned_end(items: list[ItemData]) -> dt.time | None:
    """The planned start of the last item plus its minutes (None without a start time)."""
    if not items or items[-1].planned_start is None:
        return None
    last = items[-1]
    moment = dt.datetime.combine(dt.date(2000, 1, 1), last.planned_start)  # type: ignore[arg-type]
    return (moment + dt.timedelta(minutes=last.planned_minutes or 0)).time()


class AgendaPanel(QWidget):
    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.ids = IdMap()
        self.meeting: MeetingData | None = None

        self.model = AgendaModel(self)
        self.model.move_requested.connect(self.move_item)
        self.table = QTableView()
        self.table.setObjectName("agenda_table")
        self.table.setAccessibleName(_("Agenda"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.end_label = QLabel()
        self.end_label.setObjectName("planned_end")
        self.end_label.setWordWrap(True)

        self.editor = ItemEditor(db, undo_stack, self.ids)
        self.editor.saved.connect(lambda item: self.reload(item.id))

        self.add_action = make_action(
            self, _("New &item"), self.add_item, "Ctrl+Shift+N", name="add_item"
        )
        self.remove_action = make_action(
            self, _("Remove item…"), self.remove_selected, name="remove_item"
        )
        # Ctrl+Up/Down move an item only while the list has the focus (text fields use them).
        in_list = Qt.ShortcutContext.WidgetShortcut
        self.up_action = make_action(
            self.table,
            _("Move up"),
            lambda: self.move_by(-1),
            "Ctrl+Up",
            name="move_item_up",
            context=in_list,
        )
        self.down_action = make_action(
            self.table,
            _("Move down"),
            lambda: self.move_by(1),
            "Ctrl+Down",
            name="move_item_down",
            context=in_list,
        )
        self.next_action = make_action(
            self, _("Next item"), lambda: self.step(1), ["Alt+Down", "Ctrl+PgDown"]
        )
        self.previous_action = make_action(
            self, _("Previous item"), lambda: self.step(-1), ["Alt+Up", "Ctrl+PgUp"]
        )
        make_action(self, _("Agenda list"), self.table.setFocus, "Alt+L")
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.remove_action, self.up_action, self.down_action):
            toolbar.addAction(action)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(toolbar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.end_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([330, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    # --- data -----------------------------------------------------------------------------

    def show_meeting(self, meeting: MeetingData | None, item_id: int | None = None) -> None:
        self.editor.flush()
        self.meeting = meeting
        self.model.locked = meeting is None or meeting.locked
        self.editor.show_item(None, self.model.locked)  # shown again, locked or not
        self.reload(item_id, first=True)

    def reload(self, select_id: int | None = None, *, first: bool = False) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        items: list[ItemData] = []
        if self.meeting is not None:
            try:
                items = agenda.list_items(self.db, self.meeting.id)
            except DomainError as error:
                show_error(self, error)
        self.model.set_items(items)
        self._update_end(items)
        row = self.model.row_for(self.ids.resolve(keep)) if keep is not None else None
        if row is None and items and (first or keep is not None):
            row = 0
        if row is not None:
            self._select_row(row)
        else:
            self.editor.show_item(None, locked=self.model.locked)
        self._update_state()

    def _update_end(self, items: list[ItemData]) -> None:
        end = planned_end(items)
        no_minutes = all(item.planned_minutes is None for item in items)
        if self.model.locked and (end is None or no_minutes):
            self.end_label.setText("")  # nothing to ask for on an approved protocol
            return
        if end is None:
            self.end_label.setText(_("Give the meeting a start time to see planned times."))
            return
        if no_minutes:
            # Not "Planned end 13.00" for a meeting of 13.00–15.30 whose items have no minutes.
            self.end_label.setText(
                _("Give the items planned minutes to see when the meeting ends.")
            )
            return
        text = _("Planned end {time}").format(time=format_time(end))
        ends_at = self.meeting.ends_at if self.meeting else None
        if ends_at is not None and end > ends_at:
            text += " · " + _("later than the meeting's end time ({time})").format(
                time=format_time(ends_at)
            )
        self.end_label.setText(text)

    def _select_row(self, row: int) -> None:
        make_current(self.table, self.model.index(row, Column.TITLE))
        current = self.model.items()[row]
        if self.editor.item is None or self.editor.item.id != current.id:
            self.editor.flush()
            self.editor.show_item(self._fresh(current), self.model.locked)
        else:  # same item (after a move or rename): new § number and times
            self.editor.show_stored(current)

    def _current_changed(self) -> None:
        item = self.selected()
        if item is None or (self.editor.item is not None and self.editor.item.id == item.id):
            return
        self.editor.flush()
        self.editor.show_item(self._fresh(item), self.model.locked)
        self._update_state()

    def _fresh(self, item: ItemData) -> ItemData:
        """The item as stored now: its notes and decision may have been saved since the list
        was loaded."""
        try:
            found = agenda.list_items(self.db, item.meeting_id)
        except DomainError:
            return item
        for each in found:
            if each.id == item.id:
                self.model.replace_item(each)
                return each
        return item

    def selected(self) -> ItemData | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def selected_id(self) -> int | None:
        item = self.selected()
        return item.id if item else None

    def _update_state(self) -> None:
        editable = self.meeting is not None and not self.model.locked
        has_item = self.selected() is not None
        self.add_action.setEnabled(editable)
        for action in (self.remove_action, self.up_action, self.down_action):
            action.setEnabled(editable and has_item)

    def step(self, delta: int) -> None:
        """Next or previous item, keeping the focus where it was (notes stay notes)."""
        items = self.model.items()
        item = self.selected()
        if not items or item is None:
            return
        row = self.model.row_for(item.id) or 0
        target = max(0, min(len(items) - 1, row + delta))
        if target != row:
            self.editor.flush()  # a title typed here is saved (and the list redrawn) first
            self._select_row(target)
            self._update_state()

    # --- structural changes (window undo stack) -----------------------------------------

    def add_item(self) -> None:
        if self.meeting is None or self.model.locked:
            return
        self.editor.flush()
        meeting_id = self.meeting.id
        current = self.selected()
        position = current.position + 1 if current else None
        data = ItemInput(title=_("New item"))
        try:
            item = agenda.add_item(self.db, meeting_id, data, position)
        except DomainError as error:
            show_error(self, error)
            return
        state = {"id": item.id}

        def undo() -> None:
            agenda.remove_item(self.db, self.ids.resolve(state["id"]))
            self.reload()

        def redo() -> None:
            again = agenda.add_item(self.db, meeting_id, data, item.position)
            self.ids.moved(state["id"], again.id)
            state["id"] = again.id
            self.reload(again.id)

        self.undo_stack.push(
            SavedChangeCommand(
                _("Add agenda item"),
                undo,
                redo,
                refresh=self.reload,
                locked=meeting_lock(self.db, meeting_id),
            )
        )
        self.reload(item.id)
        self.editor.title.setFocus()
        self.editor.title.selectAll()

    def remove_selected(self) -> None:
        item = self.selected()
        if item is None or self.meeting is None or self.model.locked:
            return
        if not confirm(
            self,
            _("Remove agenda item"),
            _("Remove § {paragraph} “{title}” with its notes, decision and action items?").format(
                paragraph=item.paragraph, title=item.title
            ),
            _("&Remove"),
        ):
            return
        self.editor.flush()
        # What the user saw: the editor's version once it saved what was typed.
        editing = self.editor.item is not None and self.editor.item.id == item.id
        seen = self.editor.version if editing else item.version
        try:
            kept = [a.as_input() for a in actions.actions_of_item(self.db, item.id)]
            meeting_id, removed, position = agenda.remove_item(self.db, item.id, seen)
        except DomainError as error:
            show_error(self, error)
            self.reload()
            return
        self.editor.show_item(None, self.model.locked)
        state = {"id": item.id}
        # Text kept once with a reason (an identity number) comes back with that reason; text
        # saved in an earlier session had its reason given then (or predates the number check).
        reasons = self.editor.privacy_reasons

        def undo() -> None:
            reason = reasons.get(state["id"], RESTORED_REASON)
            again = agenda.add_item(self.db, meeting_id, removed, position, privacy_override=reason)
            for action in kept:
                actions.add_action(self.db, again.id, action, privacy_override=RESTORED_REASON)
            self.ids.moved(state["id"], again.id)
            if state["id"] in reasons:
                reasons[again.id] = reasons.pop(state["id"])
            state["id"] = again.id
            self.reload(again.id)

        def redo() -> None:
            agenda.remove_item(self.db, self.ids.resolve(state["id"]))
            self.reload()

        self.undo_stack.push(
            SavedChangeCommand(
                _("Remove § {paragraph}").format(paragraph=item.paragraph),
                undo,
                redo,
                refresh=self.reload,
                locked=meeting_lock(self.db, meeting_id),
            )
        )
        rows = self.model.items()
        neighbour = rows[min(item.position + 1, len(rows) - 1)].id if len(rows) > 1 else None
        self.reload(neighbour if neighbour != item.id else None)

    def move_by(self, delta: int) -> None:
        item = self.selected()
        if item is None:
            return
        target = item.position + delta
        if 0 <= target < self.model.rowCount():
            self.move_item(item.id, target)

    def move_item(self, item_id: int, new_position: int) -> None:
        if self.meeting is None or self.model.locked:
            return
        row = self.model.row_for(item_id)
        if row is None:
            return
        old_position = self.model.items()[row].position
        self.editor.flush()
        try:
            agenda.move_item(self.db, item_id, new_position)
        except DomainError as error:
            show_error(self, error)
            self.reload()
            return

        def write(position: int) -> None:
            resolved = self.ids.resolve(item_id)
            agenda.move_item(self.db, resolved, position)
            self.reload(resolved)

        self.undo_stack.push(
            SavedChangeCommand(
                _("Move agenda item"),
                undo=lambda: write(old_position),
                redo=lambda: write(new_position),
                refresh=self.reload,
                locked=meeting_lock(self.db, self.meeting.id),
            )
        )
        self.reload(item_id)
