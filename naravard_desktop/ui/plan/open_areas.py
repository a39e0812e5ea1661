"""Which areas of the plan's tree are open: as the user left them, across reloads and
filters. A plan of up to OPEN_ALL_UP_TO activities opens whole; a larger one on its areas,
each read when it is opened (the tree is lazy: model.py), so that it opens at once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView

from naravard_desktop.services.plan.read_models import PlanOutline
from naravard_desktop.ui.plan.filters import PlanFilter
from naravard_desktop.ui.plan.model import KEY_ROLE, Fetch, PlanTreeModel

OPEN_ALL_UP_TO = 1_000


class OpenAreas:
    def __init__(self, tree: QTreeView, proxy: PlanFilter, model: PlanTreeModel) -> None:
        self.tree, self.proxy, self.model = tree, proxy, model
        self.chosen: dict[int, bool] = {}  # area id → opened (True) or closed by the user
        self.by_default = True
        self._restoring = False
        tree.expanded.connect(lambda index: self._changed(index, True))
        tree.collapsed.connect(lambda index: self._changed(index, False))

    def _changed(self, index: QModelIndex, is_open: bool) -> None:
        key = index.siblingAtColumn(0).data(KEY_ROLE)
        if not self._restoring and not self.proxy.active() and key and key[0] == "area":
            self.chosen[key[1]] = is_open

    def show(self, outline: PlanOutline | None, fetch: Fetch, area_id: int | None) -> None:
        """The plan's areas, with the activities of the open ones (and of `area_id`, the
        selected row's) read at once; every activity when the plan is small or a filter is
        set."""
        if outline is not None and outline.plan_id != self.model.plan_id:
            self.chosen.clear()
            self.by_default = outline.activity_count <= OPEN_ALL_UP_TO
        read = [i for i, is_open in self.chosen.items() if is_open]
        if area_id is not None:
            read.append(area_id)
        everything = self.by_default or self.proxy.active()
        self.model.set_outline(outline, fetch, read, everything)
        self.restore()

    def restore(self) -> None:
        """Open the areas as the user left them; a filter opens every area it shows."""
        areas = self.model.areas()
        opened = [a.id for a in areas if self.chosen.get(a.id, self.by_default)]
        self._restoring = True
        try:
            if self.proxy.active() or len(opened) == len(areas):
                self.tree.expandAll()
                return
            self.tree.collapseAll()
            for area_id in opened:
                index = self.model.index_for("area", area_id)
                self.tree.expand(self.proxy.mapFromSource(index))
        finally:
            self._restoring = False
