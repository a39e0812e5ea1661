"""The plan page: choose a plan, its areas and activities in one tree/table with a side
panel, filters, the toolbar actions and their shortcuts. The page owns what is shown (the
plan, the selected row) and hands it to its helpers, which never reach back: the editing
commands (editing.py), their undo steps (undo_steps.py) and the files (files.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan import follow_ups, plan_outline, plans
from naravard_desktop.services.plan.plan_decisions import decision_labels
from naravard_desktop.services.plan.read_models import (
    ActivityRow,
    AreaRow,
    PlanSummary,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.forms import buddy_label, named, set_choices
from naravard_desktop.ui.pages import GroupDataPage, show_page_again
from naravard_desktop.ui.plan.details_dialog import plan_info
from naravard_desktop.ui.plan.editing import PlanEditing
from naravard_desktop.ui.plan.files import export_plan, import_plan, print_plan
from naravard_desktop.ui.plan.filters import FilterBar, PlanFilter
from naravard_desktop.ui.plan.model import KEY_ROLE, Key, PlanTreeModel
from naravard_desktop.ui.plan.open_areas import OpenAreas
from naravard_desktop.ui.plan.panel import SidePanel
from naravard_desktop.ui.plan.panel_saving import plan_drafts
from naravard_desktop.ui.plan.tree_view import beside_panel, plan_tree_view, set_current_row
from naravard_desktop.ui.plan.undo_steps import PlanUndo, Redraw, Row
from naravard_desktop.ui.table_model import ROW_ROLE
from naravard_desktop.ui.theme import heading as style_heading


class PlanPage(GroupDataPage):
    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, group_id, undo_stack, parent)
        self.import_task: QObject | None = None  # the background read of an import file
        self.plan_id: int | None = None
        self._reloading = False
        self._summaries: dict[int, PlanSummary] = {}

        heading = QLabel(_("Local plan"))
        style_heading(heading)  # larger than the system's font
        self.plan_choice = named(QComboBox, "plan_choice")
        self.plan_choice.setMinimumWidth(120)  # it stretches; the window may be 720 wide
        self.plan_choice.currentIndexChanged.connect(self._plan_chosen)
        plan_label = buddy_label(_("P&lan:"), self.plan_choice)

        self.model = PlanTreeModel(self)
        self.proxy = PlanFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = plan_tree_view(self.proxy)
        self.panel = SidePanel()
        redraw = Redraw(tree=self.reload, plans=self.reload_plans, row=self._shown)
        self.steps = PlanUndo(db, undo_stack, redraw)
        self.editing = PlanEditing(db, group_id, self.steps, self.model, self.panel, self, redraw)
        self.model.on_edit = self.editing.inline_edit
        self.model.on_drop = self.editing.dropped
        self.panel.activity_form.submit = self.editing.save_activity
        self.panel.activity_form.follow_up_requested.connect(
            lambda: self.editing.follow_up(self.selected_row())
        )
        self.panel.area_form.submit = self.editing.save_area
        drafts = plan_drafts(str(db.path or db.url))
        self.panel.set_up(drafts, db.read_only, lambda: self.steps.replaying)

        self.filters = FilterBar(self.proxy)
        self.filters.changed.connect(self._filtered)
        self.count_label = named(QLabel, "plan_count")

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
        self.plan_info = named(
            QLabel,
            "plan_info",
            wordWrap=True,
            styleSheet="color: #5a5a5a;",
            textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.plan_info)
        layout.addWidget(toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(beside_panel(self.tree, self.panel), 1)
        layout.addWidget(self.count_label)

        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.open_areas = OpenAreas(self.tree, self.proxy, self.model)
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.reload_plans()

    # --- actions --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        edit, keys = self.editing, QKeySequence.StandardKey

        def on_row(command: Callable[[Row | None], None]) -> Callable[[], None]:
            return lambda: command(self.selected_row())  # the row selected when triggered

        def on_plan(command: Callable[[int | None], object]) -> Callable[[], object]:
            return lambda: command(self.plan_id)

        self.new_plan_action = make_action(self, _("New &plan…"), edit.new_plan, name="new_plan")
        self.add_area_action = make_action(
            self,
            _("New &area…"),
            lambda: edit.add_area(self.plan_id, self.selected_row()),
            "Ctrl+Shift+N",
            name="add_area",
        )
        self.add_activity_action = make_action(
            self, _("New a&ctivity…"), on_row(edit.add_activity), keys.New, name="add_activity"
        )
        self.follow_up_action = make_action(
            self, _("&Follow up…"), on_row(edit.follow_up), "Ctrl+U", name="follow_up"
        )
        self.move_up_action = make_action(
            self, _("Move &up"), on_row(edit.move_up), "Alt+Up", name="move_up"
        )
        self.move_down_action = make_action(
            self, _("Move do&wn"), on_row(edit.move_down), "Alt+Down", name="move_down"
        )
        self.move_to_action = make_action(
            self, _("Move &to area…"), on_row(edit.move_to_area), "Ctrl+M", name="move_to_area"
        )
        self.delete_action = make_action(
            self, _("D&elete…"), on_row(edit.delete), keys.Delete, name="delete_plan_item"
        )
        plan_details = on_plan(edit.edit_plan_details)
        self.details_action = make_action(
            self, _("Plan &details…"), plan_details, "Ctrl+Shift+P", name="plan_details"
        )
        delete_plan = on_plan(edit.delete_plan)
        self.delete_plan_action = make_action(
            self, _("Delete pla&n…"), delete_plan, "Ctrl+Shift+Del", name="delete_plan"
        )
        self.import_action = make_action(self, _("&Import…"), self._import, name="import_plan")
        self.export_pdf_action = make_action(
            self, _("Expo&rt PDF…"), lambda: self._export(".pdf"), name="export_plan_pdf"
        )
        self.export_xlsx_action = make_action(
            self, _("Export E&xcel…"), lambda: self._export(".xlsx"), name="export_plan_xlsx"
        )
        print_this = partial(print_plan, self, self.db)
        self.print_action = make_action(
            self, _("Print the p&lan…"), on_plan(print_this), "Ctrl+P", name="print_plan"
        )
        make_action(self, _("Filter"), self.filters.focus_text, keys.Find, name="focus_plan_filter")
        self.plan_actions = [
            self.new_plan_action,
            self.details_action,
            self.print_action,  # beside the plan chosen: the toolbar is full
            self.delete_plan_action,
        ]
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

    def menu_actions(self) -> list[QAction | None]:
        """Every action of the page for the main window's Plan menu (None: a separator)."""
        return [
            *self.plan_actions,
            None,
            *self.toolbar_actions[:7],
            None,
            *self.toolbar_actions[7:],
        ]

    def _import(self) -> None:
        self.import_task = import_plan(self, self.db, self.group_id, self.reload_plans)

    def _export(self, suffix: str) -> None:
        if self.plan_id is None:
            return
        title = self.plan_choice.currentText()
        written = export_plan(self, self.db, self.plan_id, title, suffix)
        if written is not None:
            self.count_label.setText(_("Plan written to {path}").format(path=written))

    def _filtered(self) -> None:
        self.open_areas.restore()
        self._update_state()

    def _fetch(self, area_ids: list[int]) -> list[ActivityRow]:
        try:
            return plan_outline.activities_of(self.db, area_ids)
        except DomainError as error:  # asked for inside a view's update: told afterwards
            refused = error
            QTimer.singleShot(0, lambda: show_error(self, refused))
            return []

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
        set_choices(self.plan_choice, ((row.title, row.id) for row in rows))
        index = self.plan_choice.findData(keep) if keep is not None else 0
        self.plan_choice.setCurrentIndex(max(0, index) if rows else -1)
        self.plan_choice.blockSignals(False)
        self._plan_chosen()

    def _plan_chosen(self, *_args: object) -> None:
        data = self.plan_choice.currentData()
        back = self.plan_choice.findData(self.plan_id) if self.plan_id is not None else -1
        chosen = int(data) if data is not None else None
        replaying = self.steps.replaying
        if chosen != self.plan_id and back >= 0 and not replaying and not self.panel.leave():
            self.plan_choice.blockSignals(True)  # Avbryt: back to the plan being edited
            self.plan_choice.setCurrentIndex(back)
            self.plan_choice.blockSignals(False)
            return
        self.plan_id = chosen
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

    def reload(self, select: Key | None = None) -> None:
        keep = select or self.selected_key()
        shown = self.selected_row()
        try:
            outline = plan_outline.load_outline(self.db, self.plan_id) if self.plan_id else None
        except DomainError as error:
            show_error(self, error)
            outline = None
        self._reloading = True
        try:
            area_id = shown.area_id if isinstance(shown, ActivityRow) else None
            self.open_areas.show(outline, self._fetch, area_id)
            if keep is not None:
                self.select(*keep)
        finally:
            self._reloading = False
        self._selection()

    def selected_key(self) -> Key | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        key: Key | None = index.siblingAtColumn(0).data(KEY_ROLE)
        return key

    def selected_row(self) -> AreaRow | ActivityRow | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        row: AreaRow | ActivityRow | None = index.siblingAtColumn(0).data(ROW_ROLE)
        return row

    def select(self, kind: str, row_id: int) -> None:
        source = self.model.index_for(kind, row_id)
        if not source.isValid() and kind == "activity":  # in an area not read yet
            try:
                area_id = plan_outline.area_of_activity(self.db, row_id)
            except DomainError:
                area_id = None
            if area_id is not None:
                self.model.fetch_area(area_id)
                source = self.model.index_for(kind, row_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        set_current_row(self.tree, index)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Another row: what was typed in the panel is saved first; when it cannot be, the
        user is asked, and Avbryt stays on the row."""
        if self._reloading:
            return
        if previous.isValid() and current != previous and not self.panel.leave():
            self._reloading = True
            try:
                set_current_row(self.tree, previous)
            finally:
                self._reloading = False
            return
        self._selection()

    def _shown(self, row: AreaRow | ActivityRow) -> None:
        """A row saved (by the side panel) or read again: redrawn in the tree, without a
        reload that would take the cursor out of the panel; the counts follow."""
        self.model.replace_row(row)
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
        show_page_again(self)  # Avbryt, or back to remove a number

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
            self.export_pdf_action,
            self.export_xlsx_action,
            self.print_action,
        ):
            action.setEnabled(has_plan)
        self.add_activity_action.setEnabled(row is not None)
        is_activity = isinstance(row, ActivityRow)
        self.follow_up_action.setEnabled(is_activity)
        self.move_to_action.setEnabled(is_activity)
        for action in (self.move_up_action, self.move_down_action, self.delete_action):
            action.setEnabled(row is not None)
        self.count_label.setText(self.model.summary())
