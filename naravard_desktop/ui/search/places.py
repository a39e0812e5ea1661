"""Where a hit of the search box opens: a meeting in the meetings page, an agenda item,
decision or action item at its item in the meeting (the decision's text, the action item's
row), an activity in the plan, a member as the selected row of the members page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from naravard_desktop.services.search.read_models import Found, FoundKind
from naravard_desktop.ui.meetings.view_tools import make_current

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def open_found(window: MainWindow, found: Found) -> None:
    if found.kind is FoundKind.ACTIVITY and found.plan_id is not None:
        window.show_activity(found.plan_id, found.row_id)
    elif found.kind is FoundKind.MEMBER:
        _show_member(window, found.row_id)
    elif found.kind is FoundKind.MEETING:
        window.show_page(window.stack.indexOf(window.meetings_page))
        window.meetings_page.open_meeting(found.row_id)
    elif found.meeting_id is not None and found.item_id is not None:
        window.show_meeting_item(found.meeting_id, found.item_id)
        item = window.meetings_page.editor.agenda.editor
        if found.kind is FoundKind.DECISION:
            item.decision.setFocus()
        elif found.kind is FoundKind.ACTION:
            panel = item.action_items
            row = panel.model.row_for(found.row_id)
            if row is not None:
                make_current(panel.table, panel.model.index(row, 0))
                panel.table.setFocus()


def _show_member(window: MainWindow, membership_id: int) -> None:
    """The member's row selected, its filter emptied and ended memberships shown if that is
    what hides it."""
    window.show_page(window.stack.indexOf(window.members_page))
    page = window.members_page
    page.filter.clear()
    page.select(membership_id)
    if page.selected_id() != membership_id:
        page.show_ended.setChecked(True)
        page.select(membership_id)
    page.table.setFocus()
