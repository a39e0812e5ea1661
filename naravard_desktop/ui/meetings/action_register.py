"""The Åtgärder page: every action item across the group's meetings, filtered by status,
person, year and text; marked done or open again (with undo), opened at its agenda item, and
exported to Excel. The register is read once as the page is shown or changed; the filters
choose among the rows read."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.i18n import _, format_iso_date, ngettext
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.meetings import action_register, actions
from naravard_desktop.services.meetings.read_models import (
    ActionData,
    ActionFilter,
    ActionInput,
    ActionRegister,
    ActionStatus,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.meetings import documents
from naravard_desktop.ui.meetings.action_register_model import ActionRegisterModel, Column
from naravard_desktop.ui.meetings.view_tools import compact_rows, make_current
from naravard_desktop.ui.pages import GroupDataPage
from naravard_desktop.ui.privacy import RESTORED_REASON
from naravard_desktop.ui.table_model import ROW_ROLE
from naravard_desktop.ui.theme import heading as style_heading
from naravard_desktop.ui.undo import SavedChangeCommand, as_written

XLSX_FILTER = "Excel (*.xlsx)"
# Columns as wide as their widest possible text, worked out once (not measured per row).
_WIDEST = {
    Column.DUE: "2099-12-31",
    Column.DONE: "☐ 2099-12-31",
    Column.MEETING: "2099-12-31",
    Column.PARAGRAPH: "§ 9999",
}


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ActionRegisterPage(GroupDataPage):
    item_requested = Signal(int, int)  # meeting id, agenda item id
    status_message = Signal(str)

    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, group_id, undo_stack, parent)
        self.register = ActionRegister((), {})
        self.today = dt.date.today()

        heading = QLabel(_("Action items"))
        style_heading(heading)  # larger than the system's font
        self.status = QComboBox()
        self.status.setObjectName("actions_status")
        for status, text in action_register.status_choices():
            self.status.addItem(text, status)
        self.who = QComboBox()
        self.who.setObjectName("actions_who")
        self.who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year = QComboBox()
        self.year.setObjectName("actions_year")
        self.filter = QLineEdit()
        self.filter.setObjectName("actions_filter")
        self.filter.setPlaceholderText(_("Words in what, who or the plan activity"))
        self.filter.setClearButtonEnabled(True)
        for combo in (self.status, self.who, self.year):
            combo.currentIndexChanged.connect(lambda _index: self.show_chosen())
        self.filter.textChanged.connect(lambda _text: self.show_chosen())

        self.model = ActionRegisterModel(self)
        self.model.done_toggled.connect(self.set_done)
        self.table = self._make_table()
        self.count_label = QLabel()

        self.done_action = make_action(
            self, _("Mark done"), self.toggle_selected, "Ctrl+D", name="toggle_action_done"
        )
        self.open_action = make_action(
            self,
            _("Open the item"),
            self.open_selected,
            name="open_action_item",
            tooltip=_("Open the meeting at this action item's agenda item (Enter)"),
        )
        self.export_action = make_action(
            self,
            _("Export to Excel…"),
            self.export,
            "Ctrl+Shift+E",
            name="export_actions",
            tooltip=_("Save the action items listed as an Excel file (Ctrl+Shift+E)"),
        )
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.done_action, self.open_action, self.export_action):
            toolbar.addAction(action)

        filters = QHBoxLayout()
        for text, widget in (
            (_("&Status:"), self.status),
            (_("&Who:"), self.who),
            (_("&Year:"), self.year),
            (_("Fil&ter:"), self.filter),
        ):
            filters.addWidget(_label(text, widget))
            filters.addWidget(widget, 1 if widget is self.filter else 0)
            filters.addSpacing(8)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.table.selectionModel().selectionChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        self.reload()
        self._just_read = JustRead(self)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("actions_table")
        table.setAccessibleName(_("Action items"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        compact_rows(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        table.setSortingEnabled(True)  # before the widths: a heading's room for the arrow
        for column, widest in _WIDEST.items():
            text = table.fontMetrics().horizontalAdvance(widest) + margin
            table.setColumnWidth(column, max(header.sectionSizeHint(column), text))
        table.setColumnWidth(Column.WHO, 150)
        table.setColumnWidth(Column.ACTIVITY, 220)
        table.sortByColumn(Column.DUE, Qt.SortOrder.AscendingOrder)  # the oldest due first
        table.activated.connect(self._open)
        return table

    # --- reading and filtering ------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._just_read.take():  # changed on the meeting page meanwhile, perhaps
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the register again, keep the filters chosen where they still exist."""
        try:
            self.register = action_register.read_register(self.db, self.group_id)
        except DomainError as error:
            show_error(self, error)
            return
        self.today = dt.date.today()
        people = action_register.people_of(self.register.rows)
        years = action_register.years_of(self.register.rows)
        self._fill(self.who, _("Everyone"), [(p or _("No one named"), p) for p in people])
        self._fill(self.year, _("All years"), [(str(y), y) for y in years])
        self.show_chosen(select_id)

    @staticmethod
    def _fill(combo: QComboBox, everyone: str, entries: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def chosen(self) -> ActionFilter:
        return ActionFilter(
            status=ActionStatus(self.status.currentData()),
            who=self.who.currentData(),
            year=self.year.currentData(),
            text=self.filter.text(),
        )

    def show_chosen(self, select_id: int | None = None) -> None:
        """The rows the filters let through; the row selected stays selected, or the one
        in its place when it left the list (marked done under "Öppna"), else the first."""
        before = self.selected()
        number = self.table.currentIndex().row()
        rows = action_register.chosen_rows(self.register, self.chosen(), self.today)
        self.model.show_register(self.register, rows, self.today)
        # The plan column only when an action item of the group is linked to an activity.
        self.table.setColumnHidden(Column.ACTIVITY, not self.register.activities)
        wanted = select_id if select_id is not None else (before.id if before else None)
        found = self.model.row_for(wanted) if wanted is not None else None
        if found is None and rows:
            found = min(max(number, 0), len(rows) - 1)
            self.model.show_up_to(found)
        if found is not None:
            make_current(self.table, self.model.index(found, Column.WHAT))
        overdue = sum(action_register.is_overdue(row, self.today) for row in rows)
        text = ngettext("{count} action item", "{count} action items", len(rows)).format(
            count=len(rows)
        )
        if overdue:
            text += ", " + ngettext("{count} overdue", "{count} overdue", overdue).format(
                count=overdue
            )
        self.count_label.setText(text)

    def selected(self) -> ActionData | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, ActionData) else None

    def _update_state(self) -> None:
        row = self.selected()
        self.done_action.setEnabled(row is not None)
        self.open_action.setEnabled(row is not None)
        self.done_action.setText(_("Mark open") if row is not None and row.done else _("Mark done"))

    # --- acting on a row ------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, ActionData):
            self.item_requested.emit(row.meeting_id, row.agenda_item_id)

    def open_selected(self) -> None:
        if self.table.currentIndex().isValid():
            self._open(self.table.currentIndex())

    def toggle_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.set_done(row.id, not row.done)

    def set_done(self, action_id: int, done: bool) -> None:
        """Mark an action item done (today) or open again, as the meeting's action panel
        does: refused when it was changed elsewhere since it was read; undone by Ctrl+Z."""
        before = next((row for row in self.register.rows if row.id == action_id), None)
        if before is None:
            return
        marked = replace(before.as_input(), done=done, done_on=None)  # done today
        try:
            after = actions.update_action(self.db, action_id, marked, before.version)
        except DomainError as error:
            show_error(self, error)
            self.reload()
            return
        old, new = before.as_input(), after.as_input()

        def write(data: ActionInput, over: ActionInput) -> None:
            current = as_written(self._current(before), over, f"“{before.what[:60]}”")
            actions.update_action(
                self.db, current.id, data, current.version, privacy_override=RESTORED_REASON
            )
            self.reload(current.id)

        text = _("Mark action item done") if done else _("Mark action item open")
        self.undo_stack.push(
            SavedChangeCommand(
                text,
                undo=lambda: write(old, new),
                redo=lambda: write(new, old),
                refresh=self.reload,
            )
        )
        self.reload()
        self.status_message.emit(
            (_("Marked done: {what}") if done else _("Marked open: {what}")).format(
                what=" ".join(before.what.split())[:80]
            )
        )

    def _current(self, shown: ActionData) -> ActionData:
        for row in actions.actions_of_item(self.db, shown.agenda_item_id):
            if row.id == shown.id:
                return row
        raise NotFoundError(_("The action item no longer exists. Reload and try again."))

    def export(self) -> None:
        """The action items listed, in the order shown, with the filters in words, as an
        Excel workbook."""
        from naravard_desktop.documents.action_xlsx import actions_xlsx

        try:
            group = get_group(self.db, self.group_id).name
        except DomainError as error:
            show_error(self, error)
            return
        today, register, chosen, rows = self.today, self.register, self.chosen(), self.model.rows()
        suggested = f"{_('Action items')} {format_iso_date(today)} {group}.xlsx"
        path = documents.save_document(
            self,
            _("Export the action items"),
            suggested,
            XLSX_FILTER,
            ".xlsx",
            lambda: actions_xlsx(register, rows, chosen, group=group, today=today),
        )
        if path is not None:
            self.status_message.emit(_("The action items were saved in {path}").format(path=path))
