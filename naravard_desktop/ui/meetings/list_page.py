"""The meetings page: the list (upcoming first, then past by year) with new, edit and delete,
and the meeting editor that opens in its place."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ProtocolState, Role
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_date, ngettext
from naravard_desktop.services.group import members
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingData, MeetingInput, MeetingSummary
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.meetings.dialogs import MeetingDialog
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.model import ROW_ROLE, Column, MeetingsModel
from naravard_desktop.ui.meetings.view_tools import compact_rows, make_current
from naravard_desktop.ui.pages import GroupDataPage
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.theme import heading as style_heading


class MeetingsPage(GroupDataPage):
    status_message = Signal(str)

    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, group_id, undo_stack, parent)

        self.model = MeetingsModel(self)
        self.table = QTableView()
        self.table.setObjectName("meetings_table")
        self.table.setAccessibleName(_("Meetings"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.PLACE, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.count_label = QLabel()

        self.list_view = QWidget()
        self.add_action = make_action(
            self.list_view,
            _("&New meeting…"),
            self.add,
            QKeySequence.StandardKey.New,
            name="add_meeting",
        )
        self.open_action = make_action(
            self.list_view, _("&Open"), self.open_selected, name="open_meeting"
        )
        self.edit_action = make_action(
            self.list_view, _("&Edit…"), self.edit_selected, "F2", name="edit_meeting_in_list"
        )
        self.delete_action = make_action(
            self.list_view,
            _("&Delete…"),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            name="delete_meeting",
        )
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.open_action, self.edit_action, self.delete_action):
            toolbar.addAction(action)

        heading = QLabel(_("Meetings"))
        style_heading(heading)  # larger than the system's font
        list_layout = QVBoxLayout(self.list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(heading)
        list_layout.addWidget(toolbar)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        self.editor = MeetingEditor(db, undo_stack)
        self.editor.back_requested.connect(self.show_list)
        self.editor.edit_requested.connect(self.edit_open)
        self.editor.changed.connect(self.reload)
        self.editor.status_message.connect(self.status_message)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self.table.selectionModel().selectionChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        self.model.rowsInserted.connect(lambda _parent, first, last: self._span(first, last))
        self.reload()
        self._just_read = JustRead(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        just_read = self._just_read.take()  # not read again as the page is first shown
        if self.stack.currentWidget() is self.list_view and not just_read:
            self.reload()

    # --- data -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        try:
            found = meetings.list_meetings(self.db, self.group_id)
        except DomainError as error:
            show_error(self, error)
            return
        self.model.set_meetings(found)
        self.table.clearSpans()
        self._span(0, self.model.rowCount() - 1)
        if keep is not None:
            self.select(keep)
        drafts = sum(1 for m in found if m.state == ProtocolState.DRAFT)
        self.count_label.setText(
            ngettext("{count} meeting", "{count} meetings", len(found)).format(count=len(found))
            + " · "
            + ngettext(
                "{count} with a draft protocol", "{count} with a draft protocol", drafts
            ).format(count=drafts)
        )

    def _span(self, first: int, last: int) -> None:
        """Each year's heading across the table, as its rows are given to the view."""
        for row in self.model.heading_rows(first, last):
            self.table.setSpan(row, 0, 1, self.model.columnCount())

    def select(self, meeting_id: int) -> None:
        row = self.model.row_for(meeting_id)
        if row is None:
            return
        make_current(self.table, self.model.index(row, Column.DATE))

    def selected(self) -> MeetingSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def _update_state(self) -> None:
        row = self.selected()
        self.open_action.setEnabled(row is not None)
        self.edit_action.setEnabled(row is not None and row.state == ProtocolState.DRAFT)
        self.delete_action.setEnabled(row is not None and row.state == ProtocolState.DRAFT)

    def people(self) -> list[tuple[int, str]]:
        """Current members (one entry per person), for the chair, secretary and adjusters."""
        seen: dict[int, str] = {}
        for row in members.list_members(self.db, self.group_id):
            if row.is_active() or row.person_id not in seen:
                seen.setdefault(row.person_id, row.name)
        return sorted(seen.items(), key=lambda p: p[1].casefold())

    def names(self) -> dict[int, str]:
        return {row.person_id: row.name for row in members.list_members(self.db, self.group_id)}

    # --- navigation -----------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_meeting(row.id)

    def open_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        self.editor.show_meeting(meeting_id, self.names(), item_id)
        self.stack.setCurrentWidget(self.editor)
        self.editor.agenda.table.setFocus()

    def show_list(self) -> None:
        meeting_id = self.editor.meeting.id if self.editor.meeting else None
        self.stack.setCurrentWidget(self.list_view)
        self.reload(meeting_id)
        self.table.setFocus()

    def flush(self) -> bool:
        """Save what is typed in the editor."""
        return self.editor.flush()

    def can_close(self) -> bool:
        """Before the window closes: what is typed saved, or the user stays to edit it."""
        return self.editor.can_close()

    # --- changes --------------------------------------------------------------------------

    def _initial(self) -> MeetingInput:
        """A new meeting takes the previous one's times, place, chair and secretary."""
        previous_id = meetings.previous_meeting(self.db, self.group_id)
        if previous_id is not None:
            previous = meetings.get_meeting(self.db, previous_id)
            return MeetingInput(
                held_on=dt.date.today(),
                starts_at=previous.starts_at,
                ends_at=previous.ends_at,
                place=previous.place,
                chair_id=previous.chair_id,
                secretary_id=previous.secretary_id,
            )
        roles = {row.role: row.person_id for row in members.list_members(self.db, self.group_id)}
        return MeetingInput(
            held_on=dt.date.today(),
            chair_id=roles.get(Role.CHAIR),
            secretary_id=roles.get(Role.SECRETARY),
        )

    def add(self) -> None:
        created: list[MeetingData] = []

        def submit(data: MeetingInput, copy_from: int | None) -> None:
            created.append(
                meetings.create_meeting(self.db, self.group_id, data, copy_agenda_from=copy_from)
            )

        dialog = MeetingDialog(
            _("New meeting"),
            self._initial(),
            self.people(),
            submit,
            same_day=lambda day: meetings.same_day_meetings(self.db, self.group_id, day),
            previous_before=lambda day: meetings.previous_meeting_dated(
                self.db, self.group_id, day
            ),
            new=True,
            parent=self,
        )
        if not dialog.exec() or not created:
            return
        self.reload(created[0].id)
        self.open_meeting(created[0].id)

    def _edit(self, meeting_id: int) -> bool:
        try:
            before = meetings.get_meeting(self.db, meeting_id)
        except DomainError as error:
            show_error(self, error)
            return False
        saved: list[MeetingData] = []

        def submit(data: MeetingInput, _copy: int | None) -> None:
            saved.append(meetings.update_meeting(self.db, before.id, data, before.version))

        dialog = MeetingDialog(
            _("Meeting of {date}").format(date=format_date(before.held_on)),
            before.as_input(),
            self.people(),
            submit,
            same_day=lambda day: meetings.same_day_meetings(
                self.db, self.group_id, day, exclude=before.id
            ),
            new=False,
            parent=self,
        )
        return bool(dialog.exec()) and bool(saved)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and self._edit(row.id):
            self.reload(row.id)

    def edit_open(self) -> None:
        meeting = self.editor.meeting
        if meeting is not None and self.editor.flush() and self._edit(meeting.id):
            self.editor.refresh()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not confirm(
            self,
            _("Delete meeting"),
            _(
                "Delete the meeting of {date} with its agenda, notes, decisions and action "
                "items? This cannot be undone."
            ).format(date=format_date(row.held_on)),
            _("&Delete"),
        ):
            return
        try:
            meetings.delete_meeting(self.db, row.id, row.version)
        except DomainError as error:
            show_error(self, error)
        self.reload()
        self.status_message.emit(
            _("The meeting of {date} was deleted.").format(date=format_date(row.held_on))
        )
