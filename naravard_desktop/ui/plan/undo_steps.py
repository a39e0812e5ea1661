"""Every change on the plan page as one undo step: saved through the services first, pushed
after it succeeded (ui/undo.py). Rows deleted and put back get new ids; IdMaps follow them."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from naravard_desktop.i18n import _
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.follow_ups import FollowUpInput, FollowUpRow
from naravard_desktop.services.plan.plan_items import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    AreaRow,
    PlanTree,
)
from naravard_desktop.services.plan.plans import PlanSummary, RevisionInput
from naravard_desktop.ui.privacy import RESTORED_REASON
from naravard_desktop.ui.undo import IdMap, SavedChangeCommand

if TYPE_CHECKING:
    from naravard_desktop.ui.plan.page import PlanPage


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


class PlanUndo:
    def __init__(self, page: PlanPage) -> None:
        self.page = page
        self.plans = IdMap()
        self.areas = IdMap()
        self.activities = IdMap()

    @property
    def db(self) -> Any:
        return self.page.db

    def _push(self, text: str, undo: Any, redo: Any, refresh: Any = None) -> None:
        self.page.undo_stack.push(
            SavedChangeCommand(
                text,
                undo=self._replaying(undo),
                redo=self._replaying(redo),
                refresh=refresh or self.page.reload,
            )
        )

    def _replaying(self, action: Any) -> Any:
        """While an undo or redo runs, the side panel must not save (a step pushed then
        would corrupt the stack): what is typed stays in the panel or its drafts."""

        def run() -> None:
            self.page.replaying = True
            try:
                action()
            finally:
                self.page.replaying = False

        return run

    # --- the plan itself ------------------------------------------------------------------

    def edited_plan(self, before: PlanSummary, saved: PlanSummary) -> None:
        """Title, period, state, decision and revisions as one step."""
        Details = tuple[plans.PlanInput, list[RevisionInput]]
        old: Details = (before.as_input(), [r.as_input() for r in before.revisions])
        new: Details = (saved.as_input(), [r.as_input() for r in saved.revisions])

        def write(value: Details) -> None:
            plan_id = self.plans.resolve(before.id)
            current = plans.get_plan(self.db, plan_id)
            plans.update_plan(
                self.db, current, value[0], value[1], privacy_override=RESTORED_REASON
            )
            self.page.reload_plans(plan_id)

        self._push(
            _("Edit plan {title}").format(title=_short(before.title)),
            lambda: write(old),
            lambda: write(new),
            self.page.reload_plans,
        )
        self.page.reload_plans(saved.id)

    def deleted_plan(self, plan: PlanSummary) -> None:
        """Delete the plan with everything in it; undo puts it back (new ids, followed by the
        IdMaps so that earlier steps on its areas and activities still work)."""
        state: dict[str, Any] = {"id": plan.id, "tree": plan_items.load_tree(self.db, plan.id)}
        state["snapshot"] = plans.delete_plan(self.db, plan.id)

        def undo() -> None:
            again = plans.restore_plan(self.db, state["snapshot"])
            self._follow(state["tree"], plan_items.load_tree(self.db, again.id))
            self.plans.moved(state["id"], again.id)
            state["id"] = again.id
            self.page.reload_plans(again.id)

        def redo() -> None:
            current = self.plans.resolve(state["id"])
            state["tree"] = plan_items.load_tree(self.db, current)
            state["snapshot"] = plans.delete_plan(self.db, current)
            self.page.reload_plans()

        self._push(
            _("Delete plan {title}").format(title=_short(plan.title)),
            undo,
            redo,
            self.page.reload_plans,
        )
        self.page.reload_plans()

    def _follow(self, old: PlanTree, new: PlanTree) -> None:
        """A restored plan has its areas and activities in the same order as before."""
        for before, after in zip(old.areas, new.areas, strict=False):
            self.areas.moved(before.id, after.id)
            for was, now in zip(
                old.activities_of(before.id), new.activities_of(after.id), strict=False
            ):
                self.activities.moved(was.id, now.id)

    # --- adding ---------------------------------------------------------------------------

    def added_area(self, row: AreaRow) -> None:
        state: dict[str, Any] = {"id": row.id, "snapshot": None}

        def undo() -> None:
            state["snapshot"] = plan_items.delete_area(self.db, self.areas.resolve(state["id"]))
            self.page.reload()

        def redo() -> None:
            again = plan_items.restore_area(self.db, state["snapshot"])
            self.areas.moved(state["id"], again.id)
            state["id"] = again.id
            self.page.reload(("area", again.id))

        self._push(_("Add area {title}").format(title=_short(row.title)), undo, redo)
        self.page.reload(("area", row.id))

    def added_activity(self, row: ActivityRow) -> None:
        state: dict[str, Any] = {"id": row.id, "snapshot": None}

        def undo() -> None:
            state["snapshot"] = plan_items.delete_activity(
                self.db, self.activities.resolve(state["id"])
            )
            self.page.reload()

        def redo() -> None:
            snapshot = state["snapshot"]
            snapshot = replace(snapshot, area_id=self.areas.resolve(snapshot.area_id))
            again = plan_items.restore_activity(self.db, snapshot)
            self.activities.moved(state["id"], again.id)
            state["id"] = again.id
            self.page.reload(("activity", again.id))

        self._push(_("Add activity {title}").format(title=_short(row.title)), undo, redo)
        self.page.reload(("activity", row.id))

    # --- editing --------------------------------------------------------------------------

    def edit_activity(
        self,
        before: ActivityRow,
        data: ActivityInput,
        privacy_override: str | None = None,
        *,
        reload: bool = True,
    ) -> ActivityRow:
        """`privacy_override`: the reason given to keep an identity number; redo passes it
        again, undo puts back text that had been saved before. Without `reload` (the side
        panel's autosave) only the row is redrawn, so the panel keeps the cursor."""
        saved = plan_items.update_activity(self.db, before, data, privacy_override=privacy_override)
        old, new = before.as_input(), saved.as_input()

        def write(value: ActivityInput, reason: str) -> None:
            activity_id = self.activities.resolve(before.id)
            current = plan_items.get_activity(self.db, activity_id)
            plan_items.update_activity(self.db, current, value, privacy_override=reason)
            self.page.reload(("activity", activity_id))

        self._push(
            _("Edit {title}").format(title=_short(before.title)),
            lambda: write(old, RESTORED_REASON),
            lambda: write(new, privacy_override or RESTORED_REASON),
        )
        self.page.model.replace_row(saved)
        if reload:
            self.page.reload(("activity", saved.id))
        else:
            self.page.row_saved()
        return saved

    def edit_area(
        self,
        before: AreaRow,
        data: AreaInput,
        *,
        reload: bool = True,
        privacy_override: str | None = None,
    ) -> AreaRow:
        """`privacy_override`: the reason given to keep an identity number (undo and redo
        write text that was saved before, without asking again)."""
        saved = plan_items.update_area(self.db, before.id, data, privacy_override=privacy_override)
        old, new = before.as_input(), saved.as_input()

        def write(value: AreaInput) -> None:
            area_id = self.areas.resolve(before.id)
            plan_items.update_area(self.db, area_id, value, privacy_override=RESTORED_REASON)
            self.page.reload(("area", area_id))

        self._push(
            _("Edit {title}").format(title=_short(before.title)),
            lambda: write(old),
            lambda: write(new),
        )
        if reload:
            self.page.reload(("area", saved.id))
        else:
            self.page.model.replace_row(saved)
            self.page.row_saved()
        return saved

    def followed_up(self, before: ActivityRow, entry: FollowUpRow) -> None:
        state = {"id": entry.id}
        data = FollowUpInput(
            entry.followed_up_on, entry.status, entry.progress, entry.note, entry.agenda_item_id
        )

        def undo() -> None:
            follow_ups.delete_follow_up(self.db, state["id"])
            activity_id = self.activities.resolve(before.id)
            current = plan_items.get_activity(self.db, activity_id)
            restored = replace(current.as_input(), status=before.status, progress=before.progress)
            plan_items.update_activity(self.db, current, restored)
            self.page.reload(("activity", activity_id))

        def redo() -> None:
            activity_id = self.activities.resolve(before.id)
            state["id"] = follow_ups.add_follow_up(
                self.db, activity_id, data, privacy_override=RESTORED_REASON
            ).id
            self.page.reload(("activity", activity_id))

        self._push(_("Follow up {title}").format(title=_short(before.title)), undo, redo)
        self.page.reload(("activity", before.id))

    # --- order ----------------------------------------------------------------------------

    def moved(
        self, row: AreaRow | ActivityRow, position: int | None, area_id: int | None = None
    ) -> None:
        if isinstance(row, AreaRow):
            if position is None or position < 0:
                return
            plan_items.move_area(self.db, row.id, position)

            def move_area(to: int) -> None:
                area = self.areas.resolve(row.id)
                plan_items.move_area(self.db, area, to)
                self.page.reload(("area", area))

            self._push(
                _("Move {title}").format(title=_short(row.title)),
                lambda: move_area(row.position),
                lambda: move_area(position),
            )
            self.page.reload(("area", row.id))
            return
        if position is not None and position < 0:
            return
        target = area_id if area_id is not None else row.area_id
        plan_items.move_activity(self.db, row.id, target, position)

        def move_activity(area: int, to: int | None) -> None:
            activity = self.activities.resolve(row.id)
            plan_items.move_activity(self.db, activity, self.areas.resolve(area), to)
            self.page.reload(("activity", activity))

        self._push(
            _("Move {title}").format(title=_short(row.title)),
            lambda: move_activity(row.area_id, row.position),
            lambda: move_activity(target, position),
        )
        self.page.reload(("activity", row.id))

    # --- deleting -------------------------------------------------------------------------

    def deleted(self, row: AreaRow | ActivityRow) -> None:
        is_area = isinstance(row, AreaRow)
        ids = self.areas if is_area else self.activities
        state: dict[str, Any] = {"id": row.id}
        state["snapshot"] = (
            plan_items.delete_area(self.db, row.id)
            if is_area
            else plan_items.delete_activity(self.db, row.id)
        )

        def undo() -> None:
            snapshot = state["snapshot"]
            if is_area:
                again: AreaRow | ActivityRow = plan_items.restore_area(self.db, snapshot)
            else:
                snapshot = replace(snapshot, area_id=self.areas.resolve(snapshot.area_id))
                again = plan_items.restore_activity(self.db, snapshot)
            ids.moved(state["id"], again.id)
            state["id"] = again.id
            self.page.reload(("area" if is_area else "activity", again.id))

        def redo() -> None:
            current = ids.resolve(state["id"])
            state["snapshot"] = (
                plan_items.delete_area(self.db, current)
                if is_area
                else plan_items.delete_activity(self.db, current)
            )
            self.page.reload()

        self._push(_("Delete {title}").format(title=_short(row.title)), undo, redo)
        self.page.reload()
