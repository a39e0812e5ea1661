"""Where the overview's entries lead in the main window: the meeting or its agenda item in
the meetings page, the activity in the plan page, the period in the SIP page (or its New
period dialog for one not added yet), every action item in their register; what Kallelse
and Skicka did goes to the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow
    from naravard_desktop.ui.overview.page import OverviewPage

STATUS_MS = 8000


def connect_entries(window: MainWindow, page: OverviewPage) -> None:
    page.activity_requested.connect(window.show_activity)
    page.meeting_requested.connect(window.show_meeting)
    page.meeting_item_requested.connect(window.show_meeting_item)
    page.sip_period_requested.connect(lambda period_id: show_sip_period(window, period_id))
    page.sip_period_to_add.connect(lambda: add_sip_period(window))
    page.all_actions_requested.connect(lambda: show_all_actions(window))
    page.status_message.connect(lambda text: window.statusBar().showMessage(text, STATUS_MS))


def show_sip_period(window: MainWindow, period_id: int) -> None:
    """The SIP page on the period's counts, the focus in its grid."""
    sip = window.sip_page
    window.show_page(window.stack.indexOf(sip))
    sip.tabs.setCurrentIndex(0)
    sip.reload(period_id)
    sip.grid.setFocus()


def add_sip_period(window: MainWindow) -> None:
    """The SIP page and its New period dialog, which offers the period after the last."""
    sip = window.sip_page
    window.show_page(window.stack.indexOf(sip))
    sip.tabs.setCurrentIndex(0)
    sip.add_period()


def show_all_actions(window: MainWindow) -> None:
    """The register of action items when the window has one, else the meetings."""
    keys = window.lazy_pages.keys
    window.show_page(keys.index("actions") if "actions" in keys else keys.index("meetings"))
