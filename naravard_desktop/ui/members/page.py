"""The members page: a sortable, filterable table with add, edit, end, delete and undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import Role
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import _, ngettext, pgettext
from naravard_desktop.services.group import members
from naravard_desktop.services.group.labels import role_label
from naravard_desktop.services.group.read_models import MemberInput, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.members.dialog import MemberDialog
from naravard_desktop.ui.members.model import ROW_ROLE, Column, MembersFilter, MembersModel
from naravard_desktop.ui.pages import GroupDataPage
from naravard_desktop.ui.questions import confirm
from naravard_desktop.ui.theme import heading as style_heading
from naravard_desktop.ui.undo import IdMap, SavedChangeCommand

MAX_COLUMN_WIDTH = 200
MAX_EMAIL_WIDTH = 320


class MembersPage(GroupDataPage):
    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, group_id, undo_stack, parent)
        self.ids = IdMap()
        self._written: dict[int, tuple[int, int]] = {}

        self.model = MembersModel(self)
        self.proxy = MembersFilter(self)
        self.proxy.setSourceModel(self.model)

        heading = QLabel(pgettext("page", "Members"))
        style_heading(heading)  # larger than the system's font
        self.filter = QLineEdit()
        self.filter.setObjectName("members_filter")
        self.filter.setPlaceholderText(_("Filter by name, organisation, role …"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.show_ended = QCheckBox(_("&Show ended memberships"))
        self.show_ended.setObjectName("show_ended")
        self.show_ended.toggled.connect(self.proxy.set_show_ended)
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setObjectName("members_table")
        self.table.setAccessibleName(pgettext("page", "Members"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.ORGANISATION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # activated comes with a double click (and Enter), so doubleClicked would open a
        # second dialog after the first.
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.add_action = make_action(
            self, _("&New member…"), self.add, QKeySequence.StandardKey.New, name="add_member"
        )
        self.edit_action = make_action(
            self, _("&Edit…"), self.edit_selected, "F2", name="edit_member"
        )
        self.end_action = make_action(
            self, _("End &membership"), self.end_selected, name="end_membership"
        )
        self.delete_action = make_action(
            self,
            _("&Delete…"),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            name="delete_member",
        )
        make_action(self, _("Filter"), self._focus_filter, QKeySequence.StandardKey.Find)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.edit_action, self.end_action, self.delete_action):
            toolbar.addAction(action)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_ended)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(toolbar)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.proxy.modelReset.connect(self._update_state)
        self.proxy.rowsInserted.connect(self._update_state)
        self.proxy.rowsRemoved.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.table.selectionModel().selectionChanged.connect(self._update_state)
        self.reload()

    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # --- data -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        try:
            self.model.set_rows(members.list_members(self.db, self.group_id))
        except DomainError as error:
            show_error(self, error)
            return
        self._fit_columns()
        if keep is not None:
            self.select(keep)

    def _fit_columns(self) -> None:
        """Columns as wide as their text up to a cap; Organisation takes what is left. An
        e-mail address has a wider cap: a cut address ('…@regionmittland.exa…') is of no use."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            cap = MAX_EMAIL_WIDTH if column == Column.EMAIL else MAX_COLUMN_WIDTH
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)

    def selected_row(self) -> MemberRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row: MemberRow = indexes[0].data(ROW_ROLE)
        return row

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.membership_id if row else None

    def select(self, membership_id: int) -> None:
        source_row = self.model.row_for(membership_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _update_state(self) -> None:
        has_selection = self.selected_row() is not None
        self.edit_action.setEnabled(has_selection)
        self.delete_action.setEnabled(has_selection)
        row = self.selected_row()
        self.end_action.setEnabled(row is not None and row.active_to is None)
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        active = sum(1 for r in self.model.rows() if r.is_active(self.model.today))
        self.count_label.setText(
            ngettext("{active} active member", "{active} active members", active).format(
                active=active
            )
            + " · "
            + _("{shown} of {total} shown").format(shown=shown, total=total)
        )

    # --- actions --------------------------------------------------------------------------

    def add(self) -> None:
        created: list[MemberRow] = []

        def submit(data: MemberInput) -> None:
            created.append(members.add_member(self.db, self.group_id, data))

        initial = MemberInput(name="", role=Role.MEMBER, active_from=dt.date.today())
        dialog = MemberDialog(_("New member"), initial, submit, self)
        if not dialog.exec() or not created:
            return
        self._push_added(created[0])

    def _remember(self, row: MemberRow) -> MemberRow:
        """Note the versions our own write left, so undo can tell someone else's change."""
        self._written[row.membership_id] = (row.person_version, row.membership_version)
        return row

    def _unchanged_since_our_write(self, membership_id: int) -> MemberRow:
        """The row as stored now; refused if someone else changed it after our last write,
        so that undo never silently overwrites another person's edit."""
        current = members.get_member(self.db, membership_id)
        expected = self._written.get(membership_id)
        if expected is not None and expected != (
            current.person_version,
            current.membership_version,
        ):
            raise StaleEditError(
                _("{name} was changed elsewhere. Reload and try again.").format(name=current.name)
            )
        return current

    def _push_added(self, row: MemberRow) -> None:
        data = row.as_input()
        state = {"id": row.membership_id}
        self._remember(row)

        def undo() -> None:
            membership_id = self.ids.resolve(state["id"])
            self._unchanged_since_our_write(membership_id)
            members.delete_member(self.db, membership_id)
            self.reload()

        def redo() -> None:
            again = self._remember(members.add_member(self.db, self.group_id, data))
            self.ids.moved(state["id"], again.membership_id)
            state["id"] = again.membership_id
            self.reload(again.membership_id)

        self.undo_stack.push(
            SavedChangeCommand(
                _("Add {name}").format(name=row.name), undo=undo, redo=redo, refresh=self.reload
            )
        )
        self.reload(row.membership_id)

    def edit_selected(self) -> None:
        before = self.selected_row()
        if before is None:
            return
        saved: list[MemberRow] = []

        def submit(data: MemberInput) -> None:
            saved.append(members.update_member(self.db, before, data))

        dialog = MemberDialog(
            _("Edit {name}").format(name=before.name), before.as_input(), submit, self
        )
        if not dialog.exec() or not saved:
            self.reload()
            return
        self._push_edit(before, saved[0], _("Edit {name}").format(name=before.name))

    def end_selected(self) -> None:
        before = self.selected_row()
        if before is None or before.active_to is not None:
            return
        try:
            after = members.deactivate_member(self.db, before)
        except DomainError as error:
            show_error(self, error)
            self.reload()
            return
        self._push_edit(before, after, _("End membership of {name}").format(name=before.name))

    def _push_edit(self, before: MemberRow, after: MemberRow, text: str) -> None:
        old, new = before.as_input(), after.as_input()

        self._remember(after)

        def write(data: MemberInput) -> None:
            membership_id = self.ids.resolve(before.membership_id)
            current = self._unchanged_since_our_write(membership_id)
            self._remember(members.update_member(self.db, current, data))
            self.reload(membership_id)

        self.undo_stack.push(
            SavedChangeCommand(
                text, undo=lambda: write(old), redo=lambda: write(new), refresh=self.reload
            )
        )
        self.reload(after.membership_id)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if not confirm(
            self,
            _("Delete member"),
            _(
                "Delete {name} ({role}) from the members list? Use “End membership” instead "
                "if the person has left the group: then the history is kept."
            ).format(name=row.name, role=role_label(row.role)),
            _("&Delete"),
        ):
            return
        try:
            removed = members.delete_member(self.db, row.membership_id, row)
        except DomainError as error:
            show_error(self, error)
            self.reload()
            return
        state = {"id": row.membership_id}

        def undo() -> None:
            again = self._remember(members.add_member(self.db, self.group_id, removed))
            self.ids.moved(state["id"], again.membership_id)
            state["id"] = again.membership_id
            self.reload(again.membership_id)

        def redo() -> None:
            membership_id = self.ids.resolve(state["id"])
            self._unchanged_since_our_write(membership_id)
            members.delete_member(self.db, membership_id)
            self.reload()

        self.undo_stack.push(
            SavedChangeCommand(
                _("Delete {name}").format(name=row.name), undo=undo, redo=redo, refresh=self.reload
            )
        )
        self.reload()
