"""Drag and drop in the plan tree, worked out on the model's nodes: an activity can be dropped
between the activities of any area of the plan (or onto an area: at its end), an area between
its siblings. The move itself is the same service call and undo step as Alt+Up/Down and
Ctrl+M."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow

if TYPE_CHECKING:
    from naravard_desktop.ui.plan.model import Node

MIME_TYPE = "application/x-naravard-plan-item"


@dataclass(frozen=True)
class Drop:
    """Where a dragged row goes: `position` among its new siblings of the same kind (the row
    itself not counted, as the services count), `area_id` for an activity."""

    row: AreaRow | ActivityRow
    position: int
    area_id: int | None = None


def encode(token: str, node: Node) -> QMimeData:
    """The dragged row, marked with the model that made it (so that a drop from another
    window or program, with other ids, is refused)."""
    kind = "area" if isinstance(node.row, AreaRow) else "activity"
    row_id = node.row.id if node.row is not None else 0
    data = QMimeData()
    data.setData(MIME_TYPE, f"{token} {kind} {row_id}".encode())
    return data


def decode(token: str, data: QMimeData) -> tuple[str, int] | None:
    if not data.hasFormat(MIME_TYPE):
        return None
    parts = bytes(data.data(MIME_TYPE).data()).decode(errors="replace").split()
    if len(parts) != 3 or parts[0] != token or parts[1] not in ("area", "activity"):
        return None
    try:
        return parts[1], int(parts[2])
    except ValueError:
        return None


def new_token(owner: object) -> str:
    return f"{os.getpid()}-{id(owner)}"


def drop_target(dragged: Node, row: int, parent: Node) -> Drop | None:
    """The move a drop at `row` under `parent` (row -1: onto `parent` itself) means, or None
    when it is not allowed or would change nothing."""
    moving = dragged.row
    if isinstance(moving, ActivityRow):
        area = parent.row
        if not isinstance(area, AreaRow):
            return None  # activities live in areas, not at the top or inside activities
        siblings = parent.children if row < 0 else parent.children[:row]  # onto: at the end
        position = sum(1 for n in siblings if not n.is_area and n is not dragged)
        if not parent.fetched:  # onto an area not opened yet: after its activities
            position = parent.count
        if area.id == moving.area_id and position == moving.position:
            return None
        return Drop(moving, position, area.id)
    if isinstance(moving, AreaRow):
        if row < 0 or parent is not dragged.parent:
            return None  # areas are reordered among their siblings, not moved elsewhere
        position = sum(1 for n in parent.children[:row] if n.is_area and n is not dragged)
        if position == moving.position:
            return None
        return Drop(moving, position)
    return None
