"""Editing on the plan page: new plan, plan details, deleting a plan, new area and activity,
inline and side-panel edits, follow-ups, reordering, moving and deleting. Each change goes
through the services and is one undo step (undo_steps.py)."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.errors import DomainError, StaleEditError, ValidationError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.plan_decisions import decision_choices
from naravard_desktop.services.plan.plan_items import ActivityInput, ActivityRow, AreaInput, AreaRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
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
from naravard_desktop.ui.plan.undo_steps import PlanUndo
from naravard_desktop.ui.privacy import BackToEditing, save_guarded, select_first_number
from naravard_desktop.ui.questions import Leave, ask_unsaved, confirm

if TYPE_CHECKING:
    from naravard_desktop.ui.plan.page import PlanPage


def privacy_labels() -> dict[str, str]:
    return plan_items.activity_privacy_labels()


class PlanEditing:
    """The page's editing commands; the page connects its actions and panel to them."""

    def __init__(self, page: PlanPage) -> None:
        self.page = page

    @property
    def db(self) -> Database:
        return self.page.db

    @property
    def group_id(self) -> int:
        return self.page.group_id

    @property
    def plan_id(self) -> int | None:
        return self.page.plan_id

    @property
    def model(self) -> PlanTreeModel:
        return self.page.model

    @property
    def steps(self) -> PlanUndo:
        return self.page.steps

    def selected_row(self) -> AreaRow | ActivityRow | None:
        return self.page.selected_row()

    def reload(self) -> None:
        self.page.reload()

    def reload_plans(self, select_id: int | None = None) -> None:
        self.page.reload_plans(select_id)

    def new_plan(self) -> None:
        created: list[plans.PlanSummary] = []

        def submit(value: tuple[plans.PlanInput, str]) -> None:
            created.append(
                save_guarded(
                    dialog,
                    lambda reason: plans.create_plan(
                        self.db, self.group_id, value[0], value[1], privacy_override=reason
                    ),
                    fields={"title": dialog.title},
                    labels=plans.privacy_labels(),
                )
            )

        dialog = NewPlanDialog(submit, self.page)
        if dialog.exec() and created:
            self.reload_plans(created[0].id)

    def edit_plan_details(self) -> None:
        if self.plan_id is None:
            return
        try:
            plan = plans.get_plan(self.db, self.plan_id)
            linked = [plan.adopted_by_item_id, *(r.agenda_item_id for r in plan.revisions)]
            choices = decision_choices(self.db, self.group_id, linked)
        except DomainError as error:
            show_error(self.page, error)
            return
        saved: list[plans.PlanSummary] = []

        def submit(value: PlanDetails) -> None:
            saved.append(
                save_guarded(
                    dialog,
                    lambda reason: plans.update_plan(
                        self.db, plan, value[0], value[1], privacy_override=reason
                    ),
                    fields={"title": dialog.title},
                    labels=plans.privacy_labels(),
                )
            )

        dialog = PlanDetailsDialog(plan, choices, submit, self.page)
        if dialog.exec() and saved:
            self.steps.edited_plan(plan, saved[0])

    def delete_plan(self) -> None:
        if self.plan_id is None:
            return
        try:
            plan = plans.get_plan(self.db, self.plan_id)
        except DomainError as error:
            show_error(self.page, error)
            self.reload_plans()
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
        if not confirm(self.page, _("Delete the plan"), text, _("&Delete")):
            return
        try:
            self.steps.deleted_plan(plan)
        except DomainError as error:
            show_error(self.page, error)
            self.reload_plans()

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
            added.append(
                save_guarded(
                    dialog,
                    lambda reason: plan_items.add_area(
                        self.db, plan_id, value[0], value[1], privacy_override=reason
                    ),
                    fields={"title": dialog.title},
                    labels=plan_items.area_privacy_labels(),
                )
            )

        dialog = AreaDialog(self.model.areas(), parent_id, submit, self.page)
        if dialog.exec() and added:
            self.steps.added_area(added[0])

    def add_activity(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        area_id = row.id if isinstance(row, AreaRow) else row.area_id
        position = None if isinstance(row, AreaRow) else row.position + 1
        added: list[ActivityRow] = []

        def submit(data: ActivityInput) -> None:
            added.append(
                save_guarded(
                    dialog,
                    lambda reason: plan_items.add_activity(
                        self.db, area_id, data, position, privacy_override=reason
                    ),
                    fields={
                        "title": dialog.title,
                        "responsible": dialog.responsible,
                        "schedule_text": dialog.schedule,
                    },
                    labels=privacy_labels(),
                )
            )

        dialog = ActivityDialog(submit, self.page)
        if dialog.exec() and added:
            self.steps.added_activity(added[0])

    def inline_edit(self, row: AreaRow | ActivityRow, column: Column, value: Any) -> bool:
        try:
            if isinstance(row, AreaRow):
                text = str(value).strip()
                if not text or text == row.title:
                    return False
                data_area = AreaInput(text, row.number, row.description)
                save_guarded(
                    self.page,
                    lambda reason: self.steps.edit_area(row, data_area, privacy_override=reason),
                    labels=plan_items.area_privacy_labels(),
                )
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
            self._edit_activity(row, new)
            return True
        except BackToEditing:
            # The cell editor is closed: what was typed goes to the side panel, the number
            # selected there, to be removed and saved with Ctrl+Return.
            self._back_to_panel(row, column, str(value))
        except ValidationError as error:
            show_error(self.page, error)
        except DomainError as error:
            show_error(self.page, error)
            self.reload()
        return False

    def _back_to_panel(self, row: AreaRow | ActivityRow, column: Column, text: str) -> None:
        """What was typed in a cell, put in the same field of the side panel."""
        panel = self.page.panel
        widget: QLineEdit | QPlainTextEdit
        if isinstance(row, AreaRow):
            widget = panel.area_form.title
        else:
            form = panel.activity_form
            widget = {Column.RESPONSIBLE: form.responsible, Column.SCHEDULE: form.schedule}.get(
                column, form.title
            )
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            widget.setPlainText(text)
        select_first_number(widget)

    def save_activity(
        self, before: ActivityRow, data: ActivityInput, reason: str | None
    ) -> ActivityRow:
        """The side panel's save: one undo step. Changed elsewhere meanwhile (another window
        or computer): asked whether to keep these changes (over the other ones in the same
        fields) or to throw them away and show the stored activity."""
        try:
            return self.steps.edit_activity(before, data, reason, reload=False)
        except StaleEditError:
            fresh = plan_items.get_activity(self.db, before.id)
        answer = ask_unsaved(
            self.page,
            _(
                "“{title}” was changed elsewhere while you were editing it. Save your changes "
                "over it (the fields you did not change keep the other change), or discard "
                "yours and show the stored activity?"
            ).format(title=" ".join(fresh.title.split())[:80]),
            can_save=True,
            title=_("Changed elsewhere"),
            can_cancel=False,
        )
        if answer != Leave.SAVE:
            self.page.model.replace_row(fresh)  # the tree shows the stored activity too
            return fresh
        seen = before.as_input()
        mine = {
            f.name: getattr(data, f.name)
            for f in fields(data)
            if getattr(data, f.name) != getattr(seen, f.name)
        }
        return self.steps.edit_activity(
            fresh, replace(fresh.as_input(), **mine), reason, reload=False
        )

    def _edit_activity(self, row: ActivityRow, data: ActivityInput) -> None:
        """One undo step; an identity number in the title or description is asked about
        (BackToEditing when the user goes back to remove it)."""
        form = self.page.panel.activity_form
        save_guarded(
            self.page,
            lambda reason: self.steps.edit_activity(row, data, reason),
            fields=form.text_widgets(),
            labels=privacy_labels(),
        )

    def save_area(self, before: AreaRow, data: AreaInput, reason: str | None = None) -> AreaRow:
        return self.steps.edit_area(before, data, reload=False, privacy_override=reason)

    def follow_up_selected(self) -> None:
        row = self.selected_row()
        if not isinstance(row, ActivityRow):
            return
        items = follow_ups.agenda_item_choices(self.db, self.group_id)
        added: list[follow_ups.FollowUpRow] = []

        def submit(data: follow_ups.FollowUpInput) -> None:
            added.append(
                save_guarded(
                    dialog,
                    lambda reason: follow_ups.add_follow_up(
                        self.db, row.id, data, privacy_override=reason
                    ),
                    fields={"note": dialog.note},
                    labels=follow_ups.privacy_labels(),
                )
            )

        dialog = FollowUpDialog(
            row.status,
            row.progress,
            items,
            submit,
            self.page,
            choices_on=lambda day: follow_ups.agenda_item_choices(self.db, self.group_id, day),
        )
        if dialog.exec() and added:
            self.steps.followed_up(row, added[0])

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self.steps.moved(row, row.position + step)
        except DomainError as error:
            show_error(self.page, error)
            self.reload()

    def dropped(self, drop: Drop) -> bool:
        """A row dragged to a new place: the same move and one undo step as the keyboard's."""
        try:
            self.steps.moved(drop.row, drop.position, drop.area_id)
        except DomainError as error:
            show_error(self.page, error)
            self.reload()
            return False
        return True

    def move_to_area(self) -> None:
        row = self.selected_row()
        if not isinstance(row, ActivityRow):
            return
        target: list[int] = []
        dialog = MoveDialog(self.model.areas(), row.area_id, target.append, self.page)
        if dialog.exec() and target and target[0] != row.area_id:
            self.steps.moved(row, None, target[0])

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if isinstance(row, AreaRow):
            count = sum(1 for a in self.model.activities() if a.area_id == row.id)
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
        if not confirm(self.page, _("Delete"), text, _("&Delete")):
            return
        try:
            self.steps.deleted(row)
        except DomainError as error:
            show_error(self.page, error)
            self.reload()
