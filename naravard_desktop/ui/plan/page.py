"""The plan page: choose a plan, its areas and activities in one tree/table with a side
panel, filters, the toolbar actions and their shortcuts. Editing lives in editing.py, files
in files.py, undo steps in undo_steps.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_decisions import decision_labels
from naravard_desktop.services.plan.plan_items import ActivityRow, AreaRow
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.plan.delegate import StatusDelegate
from naravard_desktop.ui.plan.details_dialog import plan_info
from naravard_desktop.ui.plan.editing import PlanEditing
from naravard_desktop.ui.plan.files import export_plan, import_plan
from naravard_desktop.ui.plan.model import KEY_ROLE, ROW_ROLE, Column, PlanFilter, PlanTreeModel
from naravard_desktop.ui.plan.panel import SidePanel
from naravard_desktop.ui.plan.panel_saving import plan_drafts
from naravard_desktop.ui.plan.undo_steps import PlanUndo


class PlanPage(QWidget):
    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.import_task: QObject | None = None  # the background read of an import file
        self.db = db
        self.group_id = group_id
        self.undo_stack = undo_stack
        self.plan_id: int | None = None
        self.replaying = False  # an undo or redo step runs (undo_steps.py)
        self._reloading = False
        self._summaries: dict[int, plans.PlanSummary] = {}
        self.steps = PlanUndo(self)
        self.editing = PlanEditing(self)

        heading = QLabel(_("Local plan"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.plan_choice = QComboBox()
        self.plan_choice.setObjectName("plan_choice")
        self.plan_choice.setMinimumWidth(120)  # it stretches; the window may be 720 wide
        self.plan_choice.currentIndexChanged.connect(self._plan_chosen)
        plan_label = QLabel(_("P&lan:"))
        plan_label.setBuddy(self.plan_choice)

        self.model = PlanTreeModel(self)
        self.model.on_edit = self.editing.inline_edit
        self.model.on_drop = self.editing.dropped
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
        # Drag to reorder (drag_drop.py), besides Alt+Up/Down and Ctrl+M.
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setUniformRowHeights(True)
        # Every column on screen beside the side panel: the title takes what the others
        # leave, the short ones fit their text, long cells show whole as a tooltip.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (Column.DUE, Column.STATUS, Column.PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in (
            (Column.RESPONSIBLE, 130),
            (Column.SCHEDULE, 110),
            (Column.FOLLOW_UP, 100),
        ):
            self.tree.setColumnWidth(column, width)

        self.panel = SidePanel()
        self.panel.activity_form.submit = self.editing.save_activity
        self.panel.activity_form.follow_up_requested.connect(self.editing.follow_up_selected)
        self.panel.area_form.submit = self.editing.save_area
        drafts = plan_drafts(str(db.path or db.url))
        for form in self.panel.forms():
            form.drafts = drafts
            form.replaying = lambda: self.replaying
            form.set_read_only(db.read_only)

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
        for action in self.plan_actions:  # buttons, so that Tab reaches them
            button = QToolButton()
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            top.addWidget(button)
        self.plan_info = QLabel()
        self.plan_info.setObjectName("plan_info")
        self.plan_info.setWordWrap(True)
        self.plan_info.setStyleSheet("color: #5a5a5a;")
        self.plan_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        layout.addWidget(self.plan_info)
        layout.addWidget(toolbar)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
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
        self.new_plan_action = self._action(
            _("New &plan…"), None, self.editing.new_plan, "new_plan"
        )
        self.add_area_action = self._action(
            _("New &area…"), "Ctrl+Shift+N", self.editing.add_area, "add_area"
        )
        self.add_activity_action = self._action(
            _("New a&ctivity…"),
            QKeySequence.StandardKey.New,
            self.editing.add_activity,
            "add_activity",
        )
        self.follow_up_action = self._action(
            _("&Follow up…"), "Ctrl+U", self.editing.follow_up_selected, "follow_up"
        )
        self.move_up_action = self._action(
            _("Move &up"), "Alt+Up", lambda: self.editing.move_selected(-1), "move_up"
        )
        self.move_down_action = self._action(
            _("Move do&wn"), "Alt+Down", lambda: self.editing.move_selected(1), "move_down"
        )
        self.move_to_action = self._action(
            _("Move &to area…"), "Ctrl+M", self.editing.move_to_area, "move_to_area"
        )
        self.delete_action = self._action(
            _("D&elete…"),
            QKeySequence.StandardKey.Delete,
            self.editing.delete_selected,
            "delete_plan_item",
        )
        self.details_action = self._action(
            _("Plan &details…"), "Ctrl+Shift+P", self.editing.edit_plan_details, "plan_details"
        )
        self.delete_plan_action = self._action(
            _("Delete pla&n…"), "Ctrl+Shift+Del", self.editing.delete_plan, "delete_plan"
        )
        self.import_action = self._action(
            _("&Import…"), None, lambda: import_plan(self), "import_plan"
        )
        self.export_pdf_action = self._action(
            _("Expo&rt PDF…"), None, lambda: export_plan(self, ".pdf"), "export_plan_pdf"
        )
        self.export_xlsx_action = self._action(
            _("Export E&xcel…"), None, lambda: export_plan(self, ".xlsx"), "export_plan_xlsx"
        )
        self._action(
            _("Filter"), QKeySequence.StandardKey.Find, self._focus_filter, "focus_plan_filter"
        )
        self.plan_actions = [self.new_plan_action, self.details_action, self.delete_plan_action]
        self.toolbar_actions = [
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
        self.edit_menu_actions = self.toolbar_actions[:7]

    def menu_actions(self) -> list[QAction | None]:
        """Every action of the page for the main window's Plan menu (None: a separator)."""
        return [
            *self.plan_actions,
            None,
            *self.toolbar_actions[:7],
            None,
            *self.toolbar_actions[7:],
        ]

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
        self._summaries = {row.id: row for row in rows}
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
        back = self.plan_choice.findData(self.plan_id) if self.plan_id is not None else -1
        chosen = int(data) if data is not None else None
        if chosen != self.plan_id and back >= 0 and not self.replaying and not self.panel.leave():
            self.plan_choice.blockSignals(True)  # Avbryt: back to the plan being edited
            self.plan_choice.setCurrentIndex(back)
            self.plan_choice.blockSignals(False)
            return
        self.plan_id = int(data) if data is not None else None
        self._show_plan_info()
        self.reload()

    def _show_plan_info(self) -> None:
        summary = self._summaries.get(self.plan_id) if self.plan_id is not None else None
        if summary is None:
            self.plan_info.setText(_("No plan yet: create one with New plan or import a file."))
            return
        linked = [summary.adopted_by_item_id, *(r.agenda_item_id for r in summary.revisions)]
        try:
            labels = decision_labels(self.db, self.group_id, linked)
        except DomainError:
            labels = {}
        self.plan_info.setText(plan_info(summary, labels))

    def reload(self, select: tuple[str, int] | None = None) -> None:
        keep = select or self.selected_key()
        try:
            tree = plan_items.load_tree(self.db, self.plan_id) if self.plan_id else None
        except DomainError as error:
            show_error(self, error)
            tree = None
        self._reloading = True
        try:
            self.model.set_tree(tree)
            self.tree.expandAll()
            if keep is not None:
                self.select(*keep)
        finally:
            self._reloading = False
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

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Another row: what was typed in the panel is saved first; when it cannot be, the
        user is asked, and Avbryt stays on the row."""
        if self._reloading:
            return
        if previous.isValid() and current != previous and not self.panel.leave():
            self._reloading = True
            try:
                self.tree.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                self._reloading = False
            return
        self._selection()

    def row_saved(self) -> None:
        """The panel saved its row (already redrawn in the tree): the counts follow."""
        self._update_state()

    def flush(self) -> bool:
        """Save what is typed in the side panel; False while something is held back."""
        return self.panel.flush()

    def can_close(self) -> bool:
        """Before the window closes: saved, or asked about (False: Avbryt)."""
        return self.panel.leave()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page: typed text is saved; what cannot be (a field to correct, an
        # identity number) is asked about once the other page shows (Avbryt comes back).
        saved = self.panel.flush()
        super().hideEvent(event)
        if not saved and not event.spontaneous() and self.window().isVisible():
            QTimer.singleShot(0, self._ask_after_leaving)

    def _ask_after_leaving(self) -> None:
        if self.isVisible() or not self.window().isVisible() or self.panel.leave():
            return
        # Avbryt (or back to remove a number): the plan page again, through the window's
        # page list when there is one so that it shows the page too.
        stack = self.parentWidget()
        if not isinstance(stack, QStackedWidget):
            return
        pages = self.window().findChild(QListWidget, "sidebar")
        if pages is not None:
            pages.setCurrentRow(stack.indexOf(self))
        else:
            stack.setCurrentWidget(self)

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
            self.details_action,
            self.delete_plan_action,
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
        areas = len(self.model.areas())
        self.count_label.setText(
            ", ".join(
                [
                    ngettext("{count} area", "{count} areas", areas).format(count=areas),
                    ngettext("{count} activity", "{count} activities", len(activities)).format(
                        count=len(activities)
                    ),
                    ngettext("{count} overdue", "{count} overdue", late).format(count=late),
                ]
            )
        )
