"""The meeting decisions a plan can point to: the agenda item that adopted it and those that
decided its revisions, offered as "§ 12, 17 maj 2024: Lokal plan 2024–2026"."""

from __future__ import annotations

from collections.abc import Iterable

from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.plan.read_models import DecisionChoice
from naravard_desktop.services.system.database import Database


def decision_choices(
    db: Database, group_id: int, keep: Iterable[int | None] = ()
) -> list[DecisionChoice]:
    """The group's agenda items that have a decision written, newest meeting first and in
    agenda order within a meeting; items named in `keep` (already linked) are included even
    without a decision, so a link is never lost by opening the form."""
    wanted = {item_id for item_id in keep if item_id is not None}
    found: list[DecisionChoice] = []
    with db.session():  # one unit of work: the meetings' items are loaded once
        listed = meetings.list_meetings(db, group_id)
        items = {m.id: agenda.list_items(db, m.id) for m in listed}
    for meeting in sorted(listed, key=lambda m: m.held_on, reverse=True):
        for item in items[meeting.id]:
            has_decision = bool(item.decision.strip())
            if has_decision or item.id in wanted:
                found.append(
                    DecisionChoice(
                        item.id,
                        meeting.id,
                        meeting.held_on,
                        item.paragraph,
                        item.title,
                        has_decision,
                    )
                )
    return found


def decision_labels(db: Database, group_id: int, item_ids: Iterable[int | None]) -> dict[int, str]:
    """Item id → label for the items given (those of another group or gone are left out)."""
    wanted = {item_id for item_id in item_ids if item_id is not None}
    if not wanted:
        return {}
    return {
        c.item_id: c.label for c in decision_choices(db, group_id, wanted) if c.item_id in wanted
    }
