"""The plan page's editing commands: new plan, plan details, deleting a plan, new area and
activity, inline and side-panel edits, follow-ups, reordering, moving and deleting. Each
asks what it needs (a dialog, a confirmation), saves through the services as one undo step
(undo_steps.py) and, when the services refuse, says why and shows what is stored. They act
on the plan and row they are given: the page passes its current ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_decisions import decision_choices
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    AreaRow,
    FollowUpInput,
    FollowUpRow,
    PlanInput,
    PlanSummary,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import saved_by_dialog
from naravard_desktop.ui.plan.details_dialog import PlanDetails, PlanDetailsDialog
from naravard_desktop.ui.plan.dialogs import (
    ActivityDialog,
    AreaDialog,
    FollowUpDialog,
    MoveDialog,
    NewPlanDialog,
)
from naravard_desktop.ui.plan.drag_drop import Drop
from naravard_desktop.ui.plan.model import Column, PlanTreeModel
from naravard_desktop.ui.plan.panel import SidePanel
from naravard_desktop.ui.plan.undo_steps import PlanUndo, Redraw
from naravard_desktop.ui.privacy import BackToEditing, save_guarded
from naravard_desktop.ui.questions import Leave, ask_unsaved, confirm

Row = AreaRow | ActivityRow
Shown = TypeVar("Shown", AreaRow, ActivityRow)

# The column an inline edit changes → the activity's field.
INLINE_FIELDS = {
    Column.TITLE: "title",
    Column.RESPONSIBLE: "responsible",
    Column.SCHEDULE: "schedule_text",
    Column.STATUS: "status",
    Column.PROGRESS: "progress",
}


@dataclass(eq=False)
class PlanEditing:
    """Dialogs and questions open over `parent`; what changed is shown through `redraw`."""

    db: Database
    group_id: int
    steps: PlanUndo
    model: PlanTreeModel
    panel: SidePanel
    parent: QWidget
    redraw: Redraw

    def _refused(self, error: DomainError, plans_too: bool = False) -> None:
        """The services refused: say why, and show what is stored."""
        show_error(self.parent, error)
        if plans_too:
            self.redraw.plans(None)
        else:
            self.redraw.tree(None)

    # --- the plan -------------------------------------------------------------------------

    def new_plan(self) -> None:
        def save(value: tuple[PlanInput, str], reason: str | None) -> PlanSummary:
            return plans.create_plan(
                self.db, self.group_id, value[0], value[1], privacy_override=reason
            )

        created = saved_by_dialog(
            lambda submit: NewPlanDialog(submit, self.parent),
            save,
            plans.privacy_labels(),
        )
        if created is not None:
            self.redraw.plans(created.id)

    def edit_plan_details(self, plan_id: int | None) -> None:
        if plan_id is None:
            return
        try:
            plan = plans.get_plan(self.db, plan_id)
            linked = [plan.adopted_by_item_id, *(r.agenda_item_id for r in plan.revisions)]
            choices = decision_choices(self.db, self.group_id, linked)
        except DomainError as error:
            show_error(self.parent, error)
            return

        def save(value: PlanDetails, reason: str | None) -> PlanSummary:
            return plans.update_plan(self.db, plan, value[0], value[1], privacy_override=reason)

        saved = saved_by_dialog(
            lambda submit: PlanDetailsDialog(plan, choices, submit, self.parent),
            save,
            plans.privacy_labels(),
        )
        if saved is not None:
            self.steps.edited_plan(plan, saved)

    def delete_plan(self, plan_id: int | None) -> None:
        if plan_id is None:
            return
        try:
            plan = plans.get_plan(self.db, plan_id)
        except DomainError as error:
            self._refused(error, plans_too=True)
            return
        text = _(
            "Delete the plan “{title}” with its {areas}, {activities} and their follow-ups? "
            "You can undo it with Ctrl+Z."
        ).format(
            title=plan.title,
            areas=ngettext("{count} area", "{count} areas", plan.areas).format(count=plan.areas),
            activities=ngettext("{count} activity", "{count} activities", plan.activities).format(
                count=plan.activities
            ),
        )
        if not confirm(self.parent, _("Delete the plan"), text, _("&Delete")):
            return
        try:
            self.steps.deleted_plan(plan)
        except DomainError as error:
            self._refused(error, plans_too=True)

    # --- new rows -------------------------------------------------------------------------

    def add_area(self, plan_id: int | None, selected: Row | None) -> None:
        """A new area beside the selected one (at the top level when none is)."""
        if plan_id is None:
            return
        parent_id = selected.parent_id if isinstance(selected, AreaRow) else None

        def save(value: tuple[AreaInput, int | None], reason: str | None) -> AreaRow:
            return plan_items.add_area(
                self.db, plan_id, value[0], value[1], privacy_override=reason
            )

        added = saved_by_dialog(
            lambda submit: AreaDialog(self.model.areas(), parent_id, submit, self.parent),
            save,
            plan_items.area_privacy_labels(),
        )
        if added is not None:
            self.steps.added(added)

    def add_activity(self, selected: Row | None) -> None:
        """A new activity in the selected area, or after the selected activity."""
        if selected is None:
            return
        area_id = selected.id if isinstance(selected, AreaRow) else selected.area_id
        position = None if isinstance(selected, AreaRow) else selected.position + 1

        def save(data: ActivityInput, reason: str | None) -> ActivityRow:
            return plan_items.add_activity(
                self.db, area_id, data, position, privacy_override=reason
            )

        added = saved_by_dialog(
            lambda submit: ActivityDialog(submit, self.parent),
            save,
            plan_items.activity_privacy_labels(),
        )
        if added is not None:
            self.steps.added(added)

    # --- edits ----------------------------------------------------------------------------

    def inline_edit(self, row: Row, column: Column, value: Any) -> bool:
        """A cell edited in the tree (the model's on_edit): True when something was saved."""
        try:
            if isinstance(row, AreaRow):
                return self._inline_area(row, str(value).strip())
            return self._inline_activity(row, column, value)
        except BackToEditing:
            # The cell editor is closed: what was typed goes to the side panel, the number
            # selected there, to be removed and saved with Ctrl+Return.
            self.panel.show_typed(row, column, str(value))
        except ValidationError as error:
            show_error(self.parent, error)
        except DomainError as error:
            self._refused(error)
        return False

    def _inline_area(self, row: AreaRow, text: str) -> bool:
        if not text or text == row.title:
            return False
        data = AreaInput(text, row.number, row.description)
        save_guarded(
            self.parent,
            lambda reason: self.steps.edit_area(row, data, privacy_override=reason),
            labels=plan_items.area_privacy_labels(),
        )
        return True

    def _inline_activity(self, row: ActivityRow, column: Column, value: Any) -> bool:
        """One undo step; an identity number in the text is asked about (BackToEditing when
        the user goes back to remove it)."""
        if column not in INLINE_FIELDS:
            return False
        converted: Any = str(value)
        if column == Column.STATUS:
            converted = ActivityStatus(value)
        elif column == Column.PROGRESS:
            converted = int(value)
        data = row.as_input()
        new = replace(data, **{INLINE_FIELDS[column]: converted})
        if new == data:
            return False
        save_guarded(
            self.parent,
            lambda reason: self.steps.edit_activity(row, new, reason),
            fields=self.panel.activity_form.texts,
            labels=plan_items.activity_privacy_labels(),
        )
        return True

    def save_activity(
        self, before: ActivityRow, data: ActivityInput, reason: str | None
    ) -> ActivityRow:
        """The side panel's save: one undo step (asked about when changed elsewhere)."""
        return self._saved_or_asked(
            before,
            data,
            _(
                "“{title}” was changed elsewhere while you were editing it. Save your changes "
                "over it (the fields you did not change keep the other change), or discard "
                "yours and show the stored activity?"
            ),
            plan_items.get_activity,
            lambda row, value: self.steps.edit_activity(row, value, reason, reload=False),
        )

    def save_area(self, before: AreaRow, data: AreaInput, reason: str | None = None) -> AreaRow:
        """The side panel's save of an area, like an activity's."""
        return self._saved_or_asked(
            before,
            data,
            _(
                "“{title}” was changed elsewhere while you were editing it. Save your changes "
                "over it (the fields you did not change keep the other change), or discard "
                "yours and show the stored area?"
            ),
            plan_items.get_area,
            lambda row, value: self.steps.edit_area(
                row, value, reload=False, privacy_override=reason
            ),
        )

    def _saved_or_asked(
        self,
        before: Shown,
        data: Any,
        question: str,
        stored: Callable[[Database, int], Shown],
        save: Callable[[Shown, Any], Shown],
    ) -> Shown:
        """`data` saved over `before`. When the row was changed elsewhere meanwhile (another
        window or computer) the user is asked whether to keep these changes, put over the
        stored row (the fields they did not change keep the other change), or to throw them
        away and show the stored row (in the tree too)."""
        try:
            return save(before, data)
        except StaleEditError:
            fresh = stored(self.db, before.id)
        answer = ask_unsaved(
            self.parent,
            question.format(title=" ".join(fresh.title.split())[:80]),
            can_save=True,
            title=_("Changed elsewhere"),
            can_cancel=False,
        )
        if answer != Leave.SAVE:
            self.redraw.row(fresh)
            return fresh
        seen = before.as_input()
        mine = {
            f.name: getattr(data, f.name)
            for f in fields(data)
            if getattr(data, f.name) != getattr(seen, f.name)
        }
        return save(fresh, replace(fresh.as_input(), **mine))

    def follow_up(self, row: Row | None) -> None:
        if not isinstance(row, ActivityRow):
            return
        activity = row

        def save(data: FollowUpInput, reason: str | None) -> FollowUpRow:
            return follow_ups.add_follow_up(self.db, activity.id, data, privacy_override=reason)

        added = saved_by_dialog(
            lambda submit: FollowUpDialog(
                activity.status,
                activity.progress,
                follow_ups.agenda_item_choices(self.db, self.group_id),
                submit,
                self.parent,
                choices_on=lambda day: follow_ups.agenda_item_choices(self.db, self.group_id, day),
            ),
            save,
            follow_ups.privacy_labels(),
        )
        if added is not None:
            self.steps.followed_up(activity, added)

    # --- order and deleting ---------------------------------------------------------------

    def move_up(self, row: Row | None) -> None:
        """Alt+Up: one place up among its siblings."""
        if row is not None:
            self._moved(row, row.position - 1)

    def move_down(self, row: Row | None) -> None:
        if row is not None:
            self._moved(row, row.position + 1)

    def dropped(self, drop: Drop) -> bool:
        """A row dragged to a new place: the same move and one undo step as the keyboard's."""
        return self._moved(drop.row, drop.position, drop.area_id)

    def _moved(self, row: Row, position: int, area_id: int | None = None) -> bool:
        try:
            self.steps.moved(row, position, area_id)
        except DomainError as error:
            self._refused(error)
            return False
        return True

    def move_to_area(self, row: Row | None) -> None:
        if not isinstance(row, ActivityRow):
            return
        target: list[int] = []
        dialog = MoveDialog(self.model.areas(), row.area_id, target.append, self.parent)
        if dialog.exec() and target and target[0] != row.area_id:
            self.steps.moved(row, None, target[0])

    def delete(self, row: Row | None) -> None:
        if row is None:
            return
        if isinstance(row, AreaRow):
            count = self.model.activity_count(row.id)
            text = _(
                "Delete the area “{title}” with its sub-areas and {activities}? "
                "You can undo it with Ctrl+Z."
            ).format(
                title=row.label,
                activities=ngettext("{count} activity", "{count} activities", count).format(
                    count=count
                ),
            )
        else:
            text = _(
                "Delete the activity “{title}” and its follow-ups? You can undo it with Ctrl+Z."
            ).format(title=" ".join(row.title.split())[:80])
        if not confirm(self.parent, _("Delete"), text, _("&Delete")):
            return
        try:
            self.steps.deleted(row)
        except DomainError as error:
            self._refused(error)
