"""The main window's pages: their titles (known before the database is open), how each is
made, and how a page built on first show (ui/lazy_pages) joins the window: its signals, its
menu entries and its Ctrl+N.

The pages' modules are imported in their makers, not here: the window paints its frame and
sidebar before they (and SQLAlchemy under them) are imported."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from naravard_desktop.i18n import _, pgettext
from naravard_desktop.ui.lazy_pages import Factory

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow


def page_titles() -> list[tuple[str, str]]:
    """Key and sidebar title of each page, in the sidebar's order. Only pages that work are
    listed; later capabilities add theirs here and in `page_makers`."""
    return [
        # The order of the work: what needs attention, the plan and its follow-up, the
        # meetings, then who is in the group and its settings.
        ("overview", _("Overview")),
        ("plan", _("Local plan")),
        ("sip", _("SIP follow-up")),
        ("meetings", _("Meetings")),
        ("decisions", _("Decisions")),
        ("actions", _("Actions")),
        ("report", _("Annual follow-up")),  # the year's plan, SIP and meetings for the principals
        # Everyone in the group (secretary, co-opted, substitutes too): "Deltagare", not the
        # protocol's "Ledamöter", hence a context of its own.
        ("members", pgettext("page", "Members")),
        ("group", _("The group")),
        ("region", _("Region overview")),
    ]


def page_makers(window: MainWindow) -> dict[str, Factory]:
    """The maker of each page of `window`, on its database and group."""
    db, gid, undo = window.db, window.group.id, window.undo_stack

    def overview() -> QWidget:
        from naravard_desktop.ui.overview.page import OverviewPage

        return OverviewPage(db, gid)

    def plan() -> QWidget:
        from naravard_desktop.ui.plan.page import PlanPage

        return PlanPage(db, gid, undo)

    def sip() -> QWidget:
        from naravard_desktop.ui.sip.page import SipPage

        return SipPage(db, gid, undo)

    def meetings() -> QWidget:
        from naravard_desktop.ui.meetings.list_page import MeetingsPage

        return MeetingsPage(db, gid, undo)

    def decisions() -> QWidget:
        from naravard_desktop.ui.meetings.decisions import DecisionsPage

        return DecisionsPage(db, gid)

    def actions() -> QWidget:
        from naravard_desktop.ui.meetings.action_register import ActionRegisterPage

        return ActionRegisterPage(db, gid, undo)

    def report() -> QWidget:
        from naravard_desktop.ui.report.page import ReportPage

        return ReportPage(db, gid)

    def members() -> QWidget:
        from naravard_desktop.ui.members.page import MembersPage

        return MembersPage(db, gid, undo)

    def group() -> QWidget:
        from naravard_desktop.ui.group.page import GroupPage

        return GroupPage(db, window.group, undo)

    def region() -> QWidget:
        from naravard_desktop.ui.region.page import RegionPage

        return RegionPage(db, gid)

    makers: dict[str, Factory] = {
        "overview": overview,
        "plan": plan,
        "sip": sip,
        "meetings": meetings,
        "decisions": decisions,
        "actions": actions,
        "report": report,
        "members": members,
        "group": group,
        "region": region,
    }
    return makers


def join_page(window: MainWindow, key: str, page: QWidget) -> None:
    """A page built on first show joins `window`: its signals, menu entries, Ctrl+N, and
    its item views show cut cells whole as tooltips. Each branch imports its page's class
    from the module its maker has just imported."""
    from naravard_desktop.ui.elided import show_cut_cells
    from naravard_desktop.ui.help.tooltips import explain_toolbars

    show_cut_cells(page)
    from naravard_desktop.ui.appearance_menu import decorate_page

    title = window.lazy_pages.titles[window.lazy_pages.keys.index(key)]
    decorate_page(page, title)  # icons in its toolbars, its colours readable on a dark palette
    explain_toolbars(page)  # what each toolbar button does, with its keys
    joins = {
        "overview": _join_overview,
        "plan": _join_plan,
        "sip": _join_sip,
        "meetings": _join_meetings,
        "decisions": _join_decisions,
        "actions": _join_actions,
        "report": _join_report,
        "members": _join_members,
        "group": _join_group,
        "region": _join_region,
    }
    joins[key](window, page)


def _join_overview(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.overview.page import OverviewPage
    from naravard_desktop.ui.overview.routes import connect_entries

    assert isinstance(page, OverviewPage)
    connect_entries(window, page)
    meetings = window.lazy_pages.built("meetings")
    if meetings is None:  # its module is not imported until it is built
        window.new_for_page.add(page, (page, window.new_meeting_stand_in))
        return
    from naravard_desktop.ui.meetings.list_page import MeetingsPage

    assert isinstance(meetings, MeetingsPage)
    window.new_for_page.add(page, (meetings, meetings.add_action))  # the next meeting


def _join_plan(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.plan.page import PlanPage

    assert isinstance(page, PlanPage)
    _fill(window.page_menus["plan"], page.menu_actions())
    window.new_for_page.add(page, (page, page.add_activity_action))


def _join_sip(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.sip.page import SipPage

    assert isinstance(page, SipPage)
    window.new_for_page.add(page, (page, page.new_period_action))


def _join_meetings(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.meetings.list_page import MeetingsPage

    assert isinstance(page, MeetingsPage)
    page.status_message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    page.editor.changed.connect(window.undo_actions.update)
    entries = (page.add_action, page.delete_action, None, *page.editor.actions_for_menu())
    _fill(window.page_menus["meetings"], entries)
    for shown in (page, window.lazy_pages.built("overview")):
        if shown is not None:
            window.new_for_page.add(shown, (page, page.add_action))


def _join_decisions(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.meetings.decisions import DecisionsPage

    assert isinstance(page, DecisionsPage)
    page.item_requested.connect(window.show_meeting_item)


def _join_actions(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.meetings.action_register import ActionRegisterPage

    assert isinstance(page, ActionRegisterPage)
    page.item_requested.connect(window.show_meeting_item)
    page.status_message.connect(lambda text: window.statusBar().showMessage(text, 8000))


def _join_report(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.report.page import ReportPage

    assert isinstance(page, ReportPage)
    page.status_message.connect(lambda text: window.statusBar().showMessage(text, 8000))


def _join_members(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.members.page import MembersPage

    assert isinstance(page, MembersPage)
    _fill(
        window.edit_menu, (page.add_action, page.edit_action, page.end_action, page.delete_action)
    )
    window.new_for_page.add(page, (page, page.add_action))


def _join_group(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.group.page import GroupPage

    assert isinstance(page, GroupPage)
    page.group_changed.connect(window._group_changed)


def _join_region(window: MainWindow, page: QWidget) -> None:
    from naravard_desktop.ui.region.page import RegionPage

    assert isinstance(page, RegionPage)
    page.group_requested.connect(window.request_group)


def _fill(menu: QMenu, entries: Sequence[QAction | None]) -> None:
    """A page's actions into its menu (None: a separator)."""
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        else:
            menu.addAction(entry)
