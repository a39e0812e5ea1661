"""The main window's pages: how each is made, and how a page built on first show
(ui/lazy_pages) joins the window: its signals, its menu entries and its Ctrl+N."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from naravard_desktop.i18n import _, pgettext
from naravard_desktop.ui.elided import show_cut_cells
from naravard_desktop.ui.group.page import GroupPage
from naravard_desktop.ui.lazy_pages import Factory
from naravard_desktop.ui.meetings.decisions import DecisionsPage
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.members.page import MembersPage
from naravard_desktop.ui.overview.page import OverviewPage
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.region.page import RegionPage
from naravard_desktop.ui.sip.page import SipPage

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def page_entries(window: MainWindow) -> list[tuple[str, str, Factory]]:
    """Key, sidebar title and maker of each page, in the sidebar's order. Only pages that
    work are listed; later capabilities add theirs here."""
    db, gid, undo = window.db, window.group.id, window.undo_stack
    return [
        # The order of the work: what needs attention, the plan and its follow-up, the
        # meetings, then who is in the group and its settings.
        ("overview", _("Overview"), lambda: OverviewPage(db, gid)),
        ("plan", _("Local plan"), lambda: PlanPage(db, gid, undo)),
        ("sip", _("SIP follow-up"), lambda: SipPage(db, gid, undo)),
        ("meetings", _("Meetings"), lambda: MeetingsPage(db, gid, undo)),
        ("decisions", _("Decisions"), lambda: DecisionsPage(db, gid)),
        # Everyone in the group (secretary, co-opted, substitutes too): "Deltagare", not the
        # protocol's "Ledamöter", hence a context of its own.
        ("members", pgettext("page", "Members"), lambda: MembersPage(db, gid, undo)),
        ("group", _("The group"), lambda: GroupPage(db, window.group, undo)),
        ("region", _("Region overview"), lambda: RegionPage(db, gid)),
    ]


def join_page(window: MainWindow, key: str, page: QWidget) -> None:
    """A page built on first show joins `window`: its signals, menu entries, Ctrl+N, and
    its item views show cut cells whole as tooltips."""
    show_cut_cells(page)
    new = window.new_for_page.add
    if isinstance(page, OverviewPage):
        page.activity_requested.connect(window.show_activity)
        meetings = window.lazy_pages.built("meetings")
        if isinstance(meetings, MeetingsPage):
            new(page, (meetings, meetings.add_action))  # the next meeting, shown there
        else:
            new(page, (page, window.new_meeting_stand_in))
    elif isinstance(page, PlanPage):
        _fill(window.page_menus[key], page.menu_actions())
        new(page, (page, page.add_activity_action))
    elif isinstance(page, SipPage):
        new(page, (page, page.new_period_action))
    elif isinstance(page, MeetingsPage):
        page.status_message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        page.editor.changed.connect(window.undo_actions.update)
        entries = (page.add_action, page.delete_action, None, *page.editor.actions_for_menu())
        _fill(window.page_menus[key], entries)
        for shown in (page, window.lazy_pages.built("overview")):
            if shown is not None:
                new(shown, (page, page.add_action))
    elif isinstance(page, DecisionsPage):
        page.item_requested.connect(window.show_meeting_item)
    elif isinstance(page, MembersPage):
        actions = (page.add_action, page.edit_action, page.end_action, page.delete_action)
        _fill(window.edit_menu, actions)
        new(page, (page, page.add_action))
    elif isinstance(page, GroupPage):
        page.group_changed.connect(window._group_changed)


def _fill(menu: QMenu, entries: Sequence[QAction | None]) -> None:
    """A page's actions into its menu (None: a separator)."""
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        else:
            menu.addAction(entry)
