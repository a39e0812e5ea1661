"""Every change on the plan page as one undo step: saved through the services first, pushed
after it succeeded (ui/undo.py). Rows deleted and put back get new ids; IdMaps follow them.

The steps know the page only by how it shows a change (Redraw)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtGui import QUndoStack

from naravard_desktop.errors import StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import (
    ActivityInput,
    ActivityRow,
    AreaInput,
    AreaRow,
    FollowUpInput,
    FollowUpRow,
    PlanInput,
    PlanSummary,
    PlanTree,
    RevisionInput,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.model import Key, key_of
from naravard_desktop.ui.privacy import RESTORED_REASON
from naravard_desktop.ui.undo import Action, IdMap, SavedChangeCommand, as_written

Row = AreaRow | ActivityRow


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


def _name(row: Row) -> str:
    return f"“{_short(row.title)}”"


@dataclass(frozen=True)
class Redraw:
    """How the page shows a change: the tree again with a row selected (`tree`), the plan
    list again with a plan chosen (`plans`), or one saved row redrawn in place (`row`)."""

    tree: Callable[[Key | None], None]
    plans: Callable[[int | None], None]
    row: Callable[[Row], None]


class PlanUndo:
    def __init__(self, db: Database, stack: QUndoStack, redraw: Redraw) -> None:
        self.db = db
        self.stack = stack
        self.redraw = redraw
        self.replaying = False  # an undo or redo step runs: the side panel must not save
        self.plans = IdMap()
        self.areas = IdMap()
        self.activities = IdMap()

    def _push(self, text: str, undo: Action, redo: Action, refresh: Action | None = None) -> None:
        self.stack.push(
            SavedChangeCommand(
                text,
                undo=self._replaying(undo),
                redo=self._replaying(redo),
                refresh=refresh or (lambda: self.redraw.tree(None)),
            )
        )

    def _replaying(self, action: Action) -> Action:
        """While an undo or redo runs, the side panel must not save (a step pushed then
        would corrupt the stack): what is typed stays in the panel or its drafts."""

        def run() -> None:
            self.replaying = True
            try:
                action()
            finally:
                self.replaying = False

        return run

    # --- the plan itself ------------------------------------------------------------------

    def edited_plan(self, before: PlanSummary, saved: PlanSummary) -> None:
        """Title, period, state, decision and revisions as one step."""
        Details = tuple[PlanInput, list[RevisionInput]]
        old: Details = (before.as_input(), [r.as_input() for r in before.revisions])
        new: Details = (saved.as_input(), [r.as_input() for r in saved.revisions])

        def write(value: Details, over: Details) -> None:
            plan_id = self.plans.resolve(before.id)
            current = plans.get_plan(self.db, plan_id)
            if (current.as_input(), [r.as_input() for r in current.revisions]) != over:
                raise StaleEditError(  # not over a change saved elsewhere since
                    _("The plan “{title}” was changed elsewhere. Reload and try again.").format(
                        title=current.title
                    )
                )
            plans.update_plan(
                self.db, current, value[0], value[1], privacy_override=RESTORED_REASON
            )
            self.redraw.plans(plan_id)

        self._push(
            _("Edit plan {title}").format(title=_short(before.title)),
            lambda: write(old, new),
            lambda: write(new, old),
            lambda: self.redraw.plans(None),
        )
        self.redraw.plans(saved.id)

    def deleted_plan(self, plan: PlanSummary) -> None:
        """Delete the plan with everything in it; undo puts it back (new ids, followed by the
        IdMaps so that earlier steps on its areas and activities still work)."""
        state: dict[str, Any] = {"id": plan.id, "tree": plan_items.load_tree(self.db, plan.id)}
        state["snapshot"] = plans.delete_plan(self.db, plan.id, plan.version)

        def undo() -> None:
            again = plans.restore_plan(self.db, state["snapshot"])
            self._follow(state["tree"], plan_items.load_tree(self.db, again.id))
            self.plans.moved(state["id"], again.id)
            state["id"] = again.id
            self.redraw.plans(again.id)

        def redo() -> None:
            current = self.plans.resolve(state["id"])
            state["tree"] = plan_items.load_tree(self.db, current)
            state["snapshot"] = plans.delete_plan(self.db, current)
            self.redraw.plans(None)

        self._push(
            _("Delete plan {title}").format(title=_short(plan.title)),
            undo,
            redo,
            lambda: self.redraw.plans(None),
        )
        self.redraw.plans(None)

    def _follow(self, old: PlanTree, new: PlanTree) -> None:
        """A restored plan has its areas and activities in the same order as before."""
        for before, after in zip(old.areas, new.areas, strict=False):
            self.areas.moved(before.id, after.id)
            for was, now in zip(
                old.activities_of(before.id), new.activities_of(after.id), strict=False
            ):
                self.activities.moved(was.id, now.id)

    # --- adding and deleting ----------------------------------------------------------------

    def added(self, row: Row) -> None:
        """A new area or activity: undo deletes it, redo puts it back."""
        there = _Presence(self, row)
        text = _("Add area {title}") if isinstance(row, AreaRow) else _("Add activity {title}")
        self._push(text.format(title=_short(row.title)), there.delete, there.restore)
        self.redraw.tree(key_of(row))

    def deleted(self, row: Row) -> None:
        """Delete an area (with what it holds) or an activity: undo puts it back."""
        there = _Presence(self, row)
        there.delete(row.id, row.version)
        self._push(_("Delete {title}").format(title=_short(row.title)), there.restore, there.delete)

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

        def write(value: ActivityInput, over: ActivityInput, reason: str) -> None:
            activity_id = self.activities.resolve(before.id)
            current = as_written(plan_items.get_activity(self.db, activity_id), over, _name(before))
            plan_items.update_activity(self.db, current, value, privacy_override=reason)
            self.redraw.tree(("activity", activity_id))

        self._push(
            _("Edit {title}").format(title=_short(before.title)),
            lambda: write(old, new, RESTORED_REASON),
            lambda: write(new, old, privacy_override or RESTORED_REASON),
        )
        self._shown(saved, reload)
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
        saved = plan_items.update_area(
            self.db, before.id, data, before.version, privacy_override=privacy_override
        )
        old, new = before.as_input(), saved.as_input()

        def write(value: AreaInput, over: AreaInput) -> None:
            area_id = self.areas.resolve(before.id)
            current = as_written(plan_items.get_area(self.db, area_id), over, _name(before))
            plan_items.update_area(
                self.db, area_id, value, current.version, privacy_override=RESTORED_REASON
            )
            self.redraw.tree(("area", area_id))

        self._push(
            _("Edit {title}").format(title=_short(before.title)),
            lambda: write(old, new),
            lambda: write(new, old),
        )
        self._shown(saved, reload)
        return saved

    def _shown(self, saved: Row, reload: bool) -> None:
        if reload:
            self.redraw.tree(key_of(saved))
        else:
            self.redraw.row(saved)

    def followed_up(self, before: ActivityRow, entry: FollowUpRow) -> None:
        """Undo takes the entry back and gives the activity the status and progress it had,
        unless the activity was changed elsewhere since the entry was logged."""
        state: dict[str, Any] = {"entry": entry}
        state["after"] = plan_items.get_activity(self.db, before.id).as_input()
        data = FollowUpInput(
            entry.followed_up_on, entry.status, entry.progress, entry.note, entry.agenda_item_id
        )

        def undo() -> None:
            activity_id = self.activities.resolve(before.id)
            current = as_written(
                plan_items.get_activity(self.db, activity_id), state["after"], _name(before)
            )
            logged: FollowUpRow = state["entry"]
            follow_ups.take_back_follow_up(
                self.db, logged.id, logged.version, current.version, before.status, before.progress
            )
            self.redraw.tree(("activity", activity_id))

        def redo() -> None:
            activity_id = self.activities.resolve(before.id)
            state["entry"] = follow_ups.add_follow_up(
                self.db, activity_id, data, privacy_override=RESTORED_REASON
            )
            state["after"] = plan_items.get_activity(self.db, activity_id).as_input()
            self.redraw.tree(("activity", activity_id))

        self._push(_("Follow up {title}").format(title=_short(before.title)), undo, redo)
        self.redraw.tree(("activity", before.id))

    # --- order ----------------------------------------------------------------------------

    def moved(self, row: Row, position: int | None, area_id: int | None = None) -> None:
        if isinstance(row, AreaRow):
            if position is None or position < 0:
                return
            plan_items.move_area(self.db, row.id, position)

            def move_area(to: int) -> None:
                area = self.areas.resolve(row.id)
                plan_items.move_area(self.db, area, to)
                self.redraw.tree(("area", area))

            self._push(
                _("Move {title}").format(title=_short(row.title)),
                lambda: move_area(row.position),
                lambda: move_area(position),
            )
            self.redraw.tree(("area", row.id))
            return
        if position is not None and position < 0:
            return
        target = area_id if area_id is not None else row.area_id
        plan_items.move_activity(self.db, row.id, target, position)

        def move_activity(area: int, to: int | None) -> None:
            activity = self.activities.resolve(row.id)
            plan_items.move_activity(self.db, activity, self.areas.resolve(area), to)
            self.redraw.tree(("activity", activity))

        self._push(
            _("Move {title}").format(title=_short(row.title)),
            lambda: move_activity(row.area_id, row.position),
            lambda: move_activity(target, position),
        )
        self.redraw.tree(("activity", row.id))


class _Presence:
    """An area or activity that is taken out and put back by undo and redo: each time it is
    put back it gets a new id, which the step's IdMap follows (and the parent area's, for an
    activity whose area was put back meanwhile)."""

    def __init__(self, steps: PlanUndo, row: Row) -> None:
        self.steps = steps
        self.is_area = isinstance(row, AreaRow)
        self.ids = steps.areas if self.is_area else steps.activities
        self.id = row.id
        self.snapshot: Any = None

    def delete(self, current: int | None = None, version: int | None = None) -> None:
        """Take it out (`current`, `version`: as the user saw it when they chose to delete
        it; else followed by the IdMap and as stored now, which undo puts back)."""
        db = self.steps.db
        if current is None:
            current = self.ids.resolve(self.id)
        if self.is_area:
            if version is None:
                version = plan_items.get_area(db, current).version
            self.snapshot = plan_items.delete_area(db, current, version)
        else:
            self.snapshot = plan_items.delete_activity(db, current, version)
        self.steps.redraw.tree(None)

    def restore(self) -> None:
        db = self.steps.db
        again: Row
        if self.is_area:
            again = plan_items.restore_area(db, self.snapshot)
        else:
            area_id = self.steps.areas.resolve(self.snapshot.area_id)
            again = plan_items.restore_activity(db, replace(self.snapshot, area_id=area_id))
        self.ids.moved(self.id, again.id)
        self.id = again.id
        self.steps.redraw.tree(key_of(again))
