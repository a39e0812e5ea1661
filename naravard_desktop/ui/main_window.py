"""Main window: sidebar navigation over stacked pages, menus, status bar, remembered geometry.

It is built in two steps so that a start paints first: `MainWindow(None, None, settings)` is
the frame (sidebar, page area, menus' titles, geometry), made from Qt and the translations
alone and shown before the database is opened; `attach(db, group)` gives it the database, the
group and everything that needs them, and builds the page on top. The services and the pages'
modules (SQLAlchemy under them) are imported in `attach`, not at the top of this module.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _, current_language, ngettext
from naravard_desktop.paths import is_portable
from naravard_desktop.ui.lazy_pages import LazyPage, LazyPages
from naravard_desktop.ui.questions import Leave, ask_unsaved
from naravard_desktop.ui.theme import larger
from naravard_desktop.ui.window_pages import join_page, page_makers, page_titles

if TYPE_CHECKING:
    from naravard_desktop.services.group.read_models import GroupData
    from naravard_desktop.services.system.database import Database
    from naravard_desktop.ui.backup_actions import BackupActions
    from naravard_desktop.ui.group.page import GroupPage
    from naravard_desktop.ui.meetings.decisions import DecisionsPage
    from naravard_desktop.ui.meetings.list_page import MeetingsPage
    from naravard_desktop.ui.members.page import MembersPage
    from naravard_desktop.ui.new_for_page import NewForPage
    from naravard_desktop.ui.overview.page import OverviewPage
    from naravard_desktop.ui.plan.page import PlanPage
    from naravard_desktop.ui.read_only_banner import ReadOnlyBanner
    from naravard_desktop.ui.region.page import RegionPage
    from naravard_desktop.ui.sip.page import SipPage
    from naravard_desktop.ui.undo import UndoActions

SIDEBAR_WIDTH = 190


@runtime_checkable
class _Closable(Protocol):
    """A page that may hold something typed (meetings, plan, SIP)."""

    def can_close(self) -> bool: ...


class MainWindow(QMainWindow):
    database_replaced = Signal()  # a restore gave the file other contents
    group_switch_requested = Signal(object)  # GroupData, for ui/window_host to open
    # Each page is built when first shown (or asked for here): ui/lazy_pages.
    overview_page: LazyPage[OverviewPage] = LazyPage("overview")
    plan_page: LazyPage[PlanPage] = LazyPage("plan")
    sip_page: LazyPage[SipPage] = LazyPage("sip")
    meetings_page: LazyPage[MeetingsPage] = LazyPage("meetings")
    decisions_page: LazyPage[DecisionsPage] = LazyPage("decisions")
    members_page: LazyPage[MembersPage] = LazyPage("members")
    group_page: LazyPage[GroupPage] = LazyPage("group")
    region_page: LazyPage[RegionPage] = LazyPage("region")
    db: Database
    group: GroupData
    backups: BackupActions
    undo_actions: UndoActions
    undo_action: QAction
    redo_action: QAction
    read_only_banner: ReadOnlyBanner
    # Made by ui/window_menus with the database.
    new_for_page: NewForPage
    new_action: QAction
    new_targets: dict[QWidget, tuple[QWidget, QAction]]
    new_meeting_stand_in: QAction
    switch_group_action: QAction
    show_region_action: QAction

    def __init__(self, db: Database | None, group: GroupData | None, settings: QSettings) -> None:
        """The frame, and the whole window when `db` and `group` are given."""
        super().__init__()
        self._replaced = False
        self._drafts_offered = False
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.setObjectName("main_window")
        self.setWindowTitle("naravard-desktop")

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setAccessibleName(_("Pages"))
        larger(self.sidebar, 1.15)  # the system's font size, a little larger
        self.sidebar.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self.lazy_pages = LazyPages(self.stack, page_titles(), partial(join_page, self))
        self.sidebar.addItems(self.lazy_pages.titles)
        self.sidebar.currentRowChanged.connect(self.lazy_pages.show)
        # Listed once the database says the login may open more than one group (attach).
        self.sidebar.item(self.lazy_pages.keys.index("region")).setHidden(True)

        central = QWidget()
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        layout = QHBoxLayout()
        self._outer.addLayout(layout, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.statusBar().showMessage(_("Opening the database…"))
        self._restore_state()
        if db is not None and group is not None:
            self.attach(db, group)

    def attach(self, db: Database, group: GroupData) -> None:
        """The database and group: the file menu, Undo, the status bar, the region page's
        entry, and the page on top built with its data."""
        from naravard_desktop.ui.elided import install_elided_tooltips
        from naravard_desktop.ui.read_only_banner import ReadOnlyBanner

        # Dialogs' views show cut cells whole from now on (the pages' as they are built);
        # not yet for the frame, whose first focus change would walk it before it is painted.
        install_elided_tooltips()
        self.db = db
        self.group = group
        # Why nothing can be saved, above the pages (hidden when the database is writable).
        self.read_only_banner = ReadOnlyBanner(db)
        self._outer.insertWidget(0, self.read_only_banner)
        from naravard_desktop.ui.window_menus import (
            fill_edit_menu,
            fill_file_menu,
            fill_view_and_help_menus,
        )

        fill_file_menu(self)
        fill_edit_menu(self)
        fill_view_and_help_menus(self)
        self.read_only_banner.restore_requested.connect(self.backups.recover_damaged)
        self.statusBar().clearMessage()
        self.database_label = QLabel(_("Database: {name}").format(name=db.display_name))
        self.database_label.setObjectName("database_label")
        self.statusBar().addPermanentWidget(self.database_label)
        if db.read_only:
            read_only = QLabel(_("Read-only: changes cannot be saved"))
            read_only.setObjectName("read_only_label")
            read_only.setStyleSheet("color: #b00020; font-weight: 600;")
            self.statusBar().addPermanentWidget(read_only)
        self._update_title()
        self._offer_region()
        self.lazy_pages.attach(page_makers(self))
        self._offer_drafts_once()

    def _offer_region(self) -> None:
        """The region overview is listed only when the login may open more than one group;
        a window last left on it opens on the overview otherwise."""
        from naravard_desktop.errors import DomainError
        from naravard_desktop.services.group import groups

        try:
            shown = groups.group_count(self.db) > 1
        except DomainError:
            shown = False
        item = self.sidebar.item(self.lazy_pages.keys.index("region"))
        item.setHidden(not shown)
        if not shown and item.isSelected():
            self.sidebar.setCurrentRow(0)
        self.show_region_action.setVisible(shown)

    # --- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """Every menu's title, in the frame; their entries come with the database (`attach`:
        made with ui/actions, which imports Qt's namespace of enums, 27 ms, after the frame
        is painted), the pages' menus' entries as their pages are built."""
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu(_("&File"))
        self.file_menu.setToolTipsVisible(True)  # why an entry is disabled (one group, a server)
        self.edit_menu = menu_bar.addMenu(_("&Edit"))
        self.page_menus = {
            "meetings": self._page_menu(_("&Meeting"), "meeting_menu", "meetings"),
            "plan": self._page_menu(_("&Plan"), "plan_menu", "plan"),
        }
        self.view_menu = menu_bar.addMenu(_("&View"))
        self.help_menu = menu_bar.addMenu(_("&Help"))

    def _page_menu(self, title: str, name: str, key: str) -> QMenu:
        """A menu of one page's actions (filled when the page is built, at the latest as the
        menu opens), each reachable from the keyboard (Alt+M, Alt+P) wherever the focus is;
        choosing one from another page shows the page."""
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        menu.aboutToShow.connect(lambda: self.lazy_pages.attached and self.lazy_pages.page(key))
        number = self.lazy_pages.keys.index(key)
        menu.triggered.connect(lambda _action: self.show_page(number))
        return menu

    @property
    def pages(self) -> list[tuple[str, str, QWidget]]:
        """Key, title and page of every page, all built now (for walking all of them)."""
        pages = self.lazy_pages
        named = zip(pages.keys, pages.titles, strict=True)
        return [(key, title, pages.page(key)) for key, title in named]

    # --- behaviour ------------------------------------------------------------------------

    def show_page(self, number: int) -> None:
        self.sidebar.setCurrentRow(number)

    def show_activity(self, plan_id: int, activity_id: int) -> None:
        """From the overview to the activity in the plan page."""
        self.show_page(self.stack.indexOf(self.plan_page))
        self.plan_page.reload_plans(plan_id)
        self.plan_page.select("activity", activity_id)
        self.plan_page.tree.setFocus()

    def show_meeting(self, meeting_id: int) -> None:
        """From the overview to the meeting in the meeting editor."""
        self.show_page(self.stack.indexOf(self.meetings_page))
        self.meetings_page.open_meeting(meeting_id)

    def show_meeting_item(self, meeting_id: int, item_id: int) -> None:
        """From the decision register or a search hit to the item in the meeting editor."""
        self.show_page(self.stack.indexOf(self.meetings_page))
        self.meetings_page.open_meeting(meeting_id, item_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._offer_drafts_once()

    def _offer_drafts_once(self) -> None:
        """Once the window is on screen with its database (a start's frame gets it later)."""
        if not self._drafts_offered and self.lazy_pages.attached and self.isVisible():
            self._drafts_offered = True
            QTimer.singleShot(0, self.offer_drafts)

    def offer_drafts(self) -> None:
        """Text typed and never saved (the app died) is offered back when the window opens."""
        from naravard_desktop.ui.drafts_dialog import ask_about_drafts, open_draft_place

        if self.db.read_only:  # kept for a start that can save them
            return
        chosen, left = ask_about_drafts(self, self.db, self.group.id)
        if chosen is not None:
            open_draft_place(self, chosen)
        if left:
            self.statusBar().showMessage(
                ngettext(
                    "{count} more unsaved text is kept: it comes back when its item is opened.",
                    "{count} more unsaved texts are kept: they come back when their item is "
                    "opened.",
                    left,
                ).format(count=left),
                15000,
            )

    def choose_language(self, code: str) -> None:
        self.settings.setValue("language", code)
        if code != current_language():
            QMessageBox.information(
                self,
                _("Language"),
                _("The new language is used the next time you start the program."),
            )

    def choose_group(self) -> None:
        """Arkiv › Byt grupp…"""
        from naravard_desktop.ui.group.switch_dialog import ask_for_group

        chosen = ask_for_group(self, self.db, self.group.id)
        if chosen is not None:
            self.request_group(chosen)

    def request_group(self, group_id: int) -> bool:
        """Work on another group (the switch dialog, a region overview's row): what is typed
        is saved or asked about as on closing, then `group_switch_requested` hands over to a
        window on that group. False when the user stayed or the group cannot be opened."""
        from naravard_desktop.errors import DomainError
        from naravard_desktop.services.group import groups
        from naravard_desktop.ui.errors import show_error

        if group_id == self.group.id:
            return True
        try:
            group = groups.get_group(self.db, group_id)
        except DomainError as error:  # removed meanwhile, or not this login's to open
            show_error(self, error)
            return False
        if not self._may_leave(switching=True):
            return False
        self._save_state()  # the next window opens where this one was, on the same page
        self.group_switch_requested.emit(group)
        return True

    def hand_over(self) -> None:
        """Close without asking: another window took over (a switch or a restore), after
        what was typed was saved or asked about."""
        self._replaced = True
        self.close()

    def reopen_database(self) -> None:
        """The file has other contents now (a restore), or the check left for later found
        it damaged: hand over to a window on a fresh connection, the file checked first."""
        self.database_replaced.emit()
        self.hand_over()

    def _group_changed(self, group: GroupData) -> None:
        self.group = group
        self._update_title()

    def _update_title(self) -> None:
        from naravard_desktop.ui.database_menu import database_title

        title = f"{self.group.name} – {database_title(self.db)} – naravard-desktop"
        if is_portable():  # data on the stick, not on this computer: say so
            title = _("{title} (portable)").format(title=title)
        self.setWindowTitle(title)

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 700)
        page = int(str(self.settings.value("window/page", 0) or 0))
        self.show_page(page if 0 <= page < len(self.lazy_pages.keys) else 0)

    def _may_leave(self, *, switching: bool = False) -> bool:
        """Before the window closes or turns to another group: everything typed saved, or
        the user chose what happens to it; False when they stay to edit."""
        # Pages never built hold nothing typed. The meetings page: back to remove an identity
        # number; the plan's side panel; a SIP cell being typed.
        for key in ("meetings", "plan", "sip"):
            page = self.lazy_pages.built(key)
            if isinstance(page, _Closable) and not page.can_close():
                return False
        group_page = self._built_group_page()
        if group_page is not None and group_page.is_modified():
            question = (
                _("The group's settings have unsaved changes. Save them before switching group?")
                if switching
                else _("The group's settings have unsaved changes. Save them before closing?")
            )
            # the same three buttons as on leaving the page
            answer = ask_unsaved(self, question, can_save=True)
            if answer == Leave.CANCEL:
                return False
            if answer == Leave.SAVE and not group_page.save():
                return False
        return True

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", self.sidebar.currentRow())
        self.settings.sync()

    def _built_group_page(self) -> GroupPage | None:
        page = self.lazy_pages.built("group")
        if page is None:  # nor is its module imported
            return None
        from naravard_desktop.ui.group.page import GroupPage

        assert isinstance(page, GroupPage)
        return page

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._replaced:
            meetings = self.lazy_pages.built("meetings")
            if meetings is not None:  # what was typed in notes and decisions
                from naravard_desktop.ui.meetings.list_page import MeetingsPage

                assert isinstance(meetings, MeetingsPage)
                meetings.flush()
        elif not self._may_leave():
            event.ignore()
            return
        self._save_state()
        event.accept()
