"""The plan page: choose or create a plan, its areas and activities in one tree/table, edit
inline or in the side panel, reorder, move, follow up, filter, undo/redo, import and export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError, ValidationError
from naravard_desktop.i18n import _
from naravard_desktop.services import follow_ups, plan_items, plans
from naravard_desktop.services.database import Database
from naravard_desktop.services.plan_items import ActivityInput, ActivityRow, AreaInput, AreaRow
from naravard_desktop.services.plan_labels import status_label
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.plan.dialogs import (
    ActivityDialog,
    AreaDialog,
    FollowUpDialog,
    MoveDialog,
    NewPlanDialog,
)
from naravard_desktop.ui.plan.model import KEY_ROLE, ROW_ROLE, Column, PlanFilter, PlanTreeModel
from naravard_desktop.ui.plan.panel import SidePanel, status_combo
from naravard_desktop.ui.plan.undo_steps import PlanUndo

Index = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    """Status as a list to pick from, progress as 0–100 %."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == Column.STATUS:
            return status_combo_in(parent)
        if index.column() == Column.PROGRESS:
            spin = QSpinBox(parent)
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


def status_combo_in(parent: QWidget) -> QComboBox:
    combo = status_combo()
    combo.setParent(parent)
    return combo


class PlanPage(QWidget):
    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.undo_stack = undo_stack
        self.plan_id: int | None = None
        self.steps = PlanUndo(self)

        heading = QLabel(_("Local plan"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.plan_choice = QComboBox()
        self.plan_choice.setObjectName("plan_choice")
        self.plan_choice.setMinimumWidth(320)
        self.plan_choice.currentIndexChanged.connect(self._plan_chosen)
        plan_label = QLabel(_("&Plan:"))
        plan_label.setBuddy(self.plan_choice)

        self.model = PlanTreeModel(self)
        self.model.on_edit = self._inline_edit
        self.proxy = PlanFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("plan_tree")
        self.tree.setModel(self.proxy)
        self.tree.setItemDelegate(StatusDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.TITLE, 330),
            (Column.RESPONSIBLE, 150),
            (Column.SCHEDULE, 130),
            (Column.DUE, 105),
            (Column.STATUS, 95),
            (Column.PROGRESS, 70),
        ):
            self.tree.setColumnWidth(column, width)

        self.panel = SidePanel()
        self.panel.activity_form.submit = self._panel_save_activity
        self.panel.activity_form.follow_up_requested.connect(self.follow_up_selected)
        self.panel.area_form.submit = self._panel_save_area

        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("plan_filter")
        self.filter_text.setPlaceholderText(_("Filter by text …"))
        self.filter_text.setClearButtonEnabled(True)
        self.filter_text.textChanged.connect(lambda t: self._filter(text=t))
        self.filter_status = QComboBox()
        self.filter_status.setObjectName("plan_filter_status")
        self.filter_status.addItem(_("All statuses"), None)
        for status in ActivityStatus:
            self.filter_status.addItem(status_label(status), status.value)
        self.filter_status.currentIndexChanged.connect(
            lambda _i: self._filter(
                status=ActivityStatus(self.filter_status.currentData())
                if self.filter_status.currentData()
                else None
            )
        )
        self.filter_responsible = QLineEdit()
        self.filter_responsible.setObjectName("plan_filter_responsible")
        self.filter_responsible.setPlaceholderText(_("Responsible …"))
        self.filter_responsible.textChanged.connect(lambda t: self._filter(responsible=t))
        self.filter_overdue = QCheckBox(_("Only &overdue"))
        self.filter_overdue.setObjectName("plan_filter_overdue")
        self.filter_overdue.toggled.connect(lambda on: self._filter(overdue_only=on))
        self.count_label = QLabel()
        self.count_label.setObjectName("plan_count")

        self._build_actions()
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.toolbar_actions:
            toolbar.addAction(action)

        top = QHBoxLayout()
        top.addWidget(plan_label)
        top.addWidget(self.plan_choice, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_text, 2)
        filters.addWidget(self.filter_status)
        filters.addWidget(self.filter_responsible, 1)
        filters.addWidget(self.filter_overdue)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        # In a scroll area, so that a small window can still show the whole form.
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        panel_scroll.setWidget(self.panel)
        splitter.addWidget(panel_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(toolbar)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.tree.selectionModel().currentRowChanged.connect(lambda *_a: self._selection())
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.reload_plans()

    # --- actions --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], None],
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_plan_action = self._action(_("New &plan…"), None, self.new_plan, "new_plan")
        self.add_area_action = self._action(
            _("New &area…"), "Ctrl+Shift+N", self.add_area, "add_area"
        )
        self.add_activity_action = self._action(
            _("New a&ctivity…"), QKeySequence.StandardKey.New, self.add_activity, "add_activity"
        )
        self.follow_up_action = self._action(
            _("&Follow up…"), "Ctrl+U", self.follow_up_selected, "follow_up"
        )
        self.move_up_action = self._action(
            _("Move &up"), "Alt+Up", lambda: self.move_selected(-1), "move_up"
        )
        self.move_down_action = self._action(
            _("Move do&wn"), "Alt+Down", lambda: self.move_selected(1), "move_down"
        )
        self.move_to_action = self._action(
            _("Move to &area…"), "Ctrl+M", self.move_to_area, "move_to_area"
        )
        self.delete_action = self._action(
            _("&Delete…"), QKeySequence.StandardKey.Delete, self.delete_selected, "delete_plan_item"
        )
        self.import_action = self._action(_("&Import…"), None, self.import_file, "import_plan")
        self.export_pdf_action = self._action(
            _("Export P&DF…"), None, lambda: self.export(".pdf"), "export_plan_pdf"
        )
        self.export_xlsx_action = self._action(
            _("Export E&xcel…"), None, lambda: self.export(".xlsx"), "export_plan_xlsx"
        )
        self._action(
            _("Filter"), QKeySequence.StandardKey.Find, self._focus_filter, "focus_plan_filter"
        )
        self.toolbar_actions = [
            self.new_plan_action,
            self.add_area_action,
            self.add_activity_action,
            self.follow_up_action,
            self.move_up_action,
            self.move_down_action,
            self.move_to_action,
            self.delete_action,
            self.import_action,
            self.export_pdf_action,
            self.export_xlsx_action,
        ]
        self.edit_menu_actions = self.toolbar_actions[1:8]

    def _focus_filter(self) -> None:
        self.filter_text.setFocus()
        self.filter_text.selectAll()

    def _filter(self, **kwargs: Any) -> None:
        self.proxy.set_filters(**kwargs)
        self.tree.expandAll()
        self._update_state()

    # --- data -----------------------------------------------------------------------------

    def reload_plans(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.plan_id
        try:
            rows = plans.list_plans(self.db, self.group_id)
        except DomainError as error:
            show_error(self, error)
            return
        self.plan_choice.blockSignals(True)
        self.plan_choice.clear()
        for row in rows:
            self.plan_choice.addItem(row.title, row.id)
        index = self.plan_choice.findData(keep) if keep is not None else 0
        self.plan_choice.setCurrentIndex(max(0, index) if rows else -1)
        self.plan_choice.blockSignals(False)
        self._plan_chosen()

    def _plan_chosen(self, *_args: object) -> None:
        data = self.plan_choice.currentData()
        self.plan_id = int(data) if data is not None else None
        self.reload()

    def reload(self, select: tuple[str, int] | None = None) -> None:
        keep = select or self.selected_key()
        try:
            tree = plan_items.load_tree(self.db, self.plan_id) if self.plan_id else None
        except DomainError as error:
            show_error(self, error)
            tree = None
        self.model.set_tree(tree)
        self.tree.expandAll()
        if keep is not None:
            self.select(*keep)
        self._selection()

    def selected_key(self) -> tuple[str, int] | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        key: tuple[str, int] | None = index.siblingAtColumn(0).data(KEY_ROLE)
        return key

    def selected_row(self) -> AreaRow | ActivityRow | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        row: AreaRow | ActivityRow | None = index.siblingAtColumn(0).data(ROW_ROLE)
        return row

    def select(self, kind: str, row_id: int) -> None:
        source = self.model.index_for(kind, row_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)

    def _selection(self) -> None:
        row = self.selected_row()
        if isinstance(row, ActivityRow):
            try:
                history = follow_ups.list_follow_ups(self.db, row.id)
            except DomainError:
                history = []
            self.panel.show_activity(row, history)
        elif isinstance(row, AreaRow):
            self.panel.show_area(row)
        else:
            self.panel.show_nothing()
        self._update_state()

    def _update_state(self) -> None:
        row = self.selected_row()
        has_plan = self.plan_id is not None
        for action in (
            self.add_area_action,
            self.import_action,
            self.export_pdf_action,
            self.export_xlsx_action,
        ):
            action.setEnabled(has_plan or action is self.import_action)
        self.add_activity_action.setEnabled(row is not None)
        is_activity = isinstance(row, ActivityRow)
        self.follow_up_action.setEnabled(is_activity)
        self.move_to_action.setEnabled(is_activity)
        for action in (self.move_up_action, self.move_down_action, self.delete_action):
            action.setEnabled(row is not None)
        activities = self.model.activities()
        late = sum(1 for a in activities if a.is_overdue(self.model.today))
        self.count_label.setText(
            _("{areas} areas, {activities} activities, {late} overdue").format(
                areas=len(self.model.areas()), activities=len(activities), late=late
            )
        )

    # --- editing --------------------------------------------------------------------------

    def new_plan(self) -> None:
        created: list[plans.PlanSummary] = []

        def submit(value: tuple[plans.PlanInput, str]) -> None:
            created.append(plans.create_plan(self.db, self.group_id, value[0], value[1]))

        if NewPlanDialog(submit, self).exec() and created:
            self.reload_plans(created[0].id)

    def add_area(self) -> None:
        if self.plan_id is None:
            return
        row = self.selected_row()
        parent_id = None
        if isinstance(row, AreaRow):
            parent_id = row.parent_id
        plan_id = self.plan_id
        added: list[AreaRow] = []

        def submit(value: tuple[AreaInput, int | None]) -> None:
            added.append(plan_items.add_area(self.db, plan_id, value[0], value[1]))

        if AreaDialog(self.model.areas(), parent_id, submit, self).exec() and added:
            self.steps.added_area(added[0])

    def add_activity(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        area_id = row.id if isinstance(row, AreaRow) else row.area_id
        position = None if isinstance(row, AreaRow) else row.position + 1
        added: list[ActivityRow] = []

        def submit(data: ActivityInput) -> None:
            added.append(plan_items.add_activity(self.db, area_id, data, position))

        if ActivityDialog(submit, self).exec() and added:
            self.steps.added_activity(added[0])

    def _inline_edit(self, row: AreaRow | ActivityRow, column: Column, value: Any) -> bool:
        try:
            if isinstance(row, AreaRow):
                text = str(value).strip()
                if not text or text == row.title:
                    return False
                self.steps.edit_area(row, AreaInput(text, row.number, row.description))
                return True
            data = row.as_input()
            fields = {
                Column.TITLE: "title",
                Column.RESPONSIBLE: "responsible",
                Column.SCHEDULE: "schedule_text",
                Column.STATUS: "status",
                Column.PROGRESS: "progress",
            }
            if column not in fields:
                return False
            converted: Any = str(value)
            if column == Column.STATUS:
                converted = ActivityStatus(value)
            elif column == Column.PROGRESS:
                converted = int(value)
            new = replace(data, **{fields[column]: converted})
            if new == data:
                return False
            self.steps.edit_activity(row, new)
            return True
        except ValidationError as error:
            show_error(self, error)
        except DomainError as error:
            show_error(self, error)
            self.reload()
        return False

    def _panel_save_activity(self, data: ActivityInput) -> None:
        row = self.selected_row()
        if isinstance(row, ActivityRow):
            try:
                self.steps.edit_activity(row, data)
            except ValidationError:
                raise
            except DomainError as error:
                show_error(self, error)
                self.reload()

    def _panel_save_area(self, data: AreaInput) -> None:
        row = self.selected_row()
        if isinstance(row, AreaRow):
            self.steps.edit_area(row, data)

    def follow_up_selected(self) -> None:
        row = self.selected_row()
        if not isinstance(row, ActivityRow):
            return
        items = follow_ups.agenda_item_choices(self.db, self.group_id)
        added: list[follow_ups.FollowUpRow] = []

        def submit(data: follow_ups.FollowUpInput) -> None:
            added.append(follow_ups.add_follow_up(self.db, row.id, data))

        if FollowUpDialog(row.status, row.progress, items, submit, self).exec() and added:
            self.steps.followed_up(row, added[0])

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self.steps.moved(row, row.position + step)
        except DomainError as error:
            show_error(self, error)
            self.reload()

    def move_to_area(self) -> None:
        row = self.selected_row()
        if not isinstance(row, ActivityRow):
            return
        target: list[int] = []
        dialog = MoveDialog(self.model.areas(), row.area_id, target.append, self)
        if dialog.exec() and target and target[0] != row.area_id:
            self.steps.moved(row, None, target[0])

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if isinstance(row, AreaRow):
            count = sum(1 for a in self.model.activities() if a.area_id == row.id)
            text = _(
                "Delete the area “{title}” with its sub-areas and {count} activities? "
                "You can undo it with Ctrl+Z."
            ).format(title=row.label, count=count)
        else:
            text = _(
                "Delete the activity “{title}” and its follow-ups? You can undo it with Ctrl+Z."
            ).format(title=" ".join(row.title.split())[:80])
        answer = QMessageBox.question(
            self,
            _("Delete"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.steps.deleted(row)
        except DomainError as error:
            show_error(self, error)
            self.reload()

    # --- files ----------------------------------------------------------------------------

    def export(self, suffix: str) -> None:
        if self.plan_id is None:
            return
        from naravard_desktop.export.files import write_atomically
        from naravard_desktop.services.plan_exports import plan_file_bytes

        title = self.plan_choice.currentText() or "plan"
        kinds = {".pdf": _("PDF files (*.pdf)"), ".xlsx": _("Excel files (*.xlsx)")}
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export the plan"), str(Path.home() / f"{title}{suffix}"), kinds[suffix]
        )
        if not name:
            return
        try:
            target = write_atomically(Path(name), plan_file_bytes(self.db, self.plan_id, suffix))
        except DomainError as error:
            show_error(self, error)
            return
        self.count_label.setText(_("Plan written to {path}").format(path=target))

    def import_file(self) -> None:
        from naravard_desktop.ui.plan.import_dialog import ImportDialog

        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import a plan"),
            str(Path.home()),
            _("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if not name:
            return
        dialog = ImportDialog(self.db, self.group_id, Path(name), self)
        if dialog.preview is None:
            return
        if dialog.exec() and dialog.created is not None:
            self.reload_plans(dialog.created.id)
