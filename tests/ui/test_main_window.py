"""The main window: pages and their shortcuts, menus, title, remembered size and page, the
group settings page with save and undo, closing with unsaved changes, About and backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from naravard_desktop import __version__
from naravard_desktop.db.engine import database_name
from naravard_desktop.i18n import _, pgettext
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.ui.about import AboutDialog
from naravard_desktop.ui.group.page import GroupPage
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.decisions import DecisionsPage
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.members.page import MembersPage
from naravard_desktop.ui.overview.page import OverviewPage
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.sip.page import SipPage
from tests.db_backends import target_of

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

Button = QMessageBox.StandardButton
Ctrl = Qt.KeyboardModifier.ControlModifier
NEW_NAME = "Lokal samverkan Bergsjö–Ånge"


@pytest.fixture
def shown(window: MainWindow, user: User) -> MainWindow:
    user.activate(window)
    return window


def action(window: MainWindow, *, name: str = "", role: QAction.MenuRole | None = None) -> QAction:
    found = [
        a
        for a in window.findChildren(QAction)
        if (name and a.objectName() == name) or (role is not None and a.menuRole() == role)
    ]
    assert len(found) == 1, (name, role)
    return found[0]


def name_error(window: MainWindow) -> QLabel:
    label = window.group_page.findChild(QLabel, "error_name")
    assert label is not None
    return label


# --- pages, menus, title -----------------------------------------------------------------


def test_sidebar_lists_exactly_the_working_pages(window: MainWindow) -> None:
    sidebar = window.sidebar
    assert [sidebar.item(i).text() for i in range(sidebar.count())] == [
        _("Overview"),
        _("Local plan"),
        _("SIP follow-up"),
        _("Meetings"),
        _("Decisions"),
        _("Actions"),
        _("Annual follow-up"),
        pgettext("page", "Members"),
        _("The group"),
        _("Region overview"),  # hidden: one group
    ]
    # The page lists the secretary, co-opted members and substitutes too: not "Ledamöter".
    assert sidebar.item(5).text() == "Åtgärder"
    assert sidebar.item(6).text() == "Årsuppföljning"
    assert sidebar.item(7).text() == "Deltagare"
    assert window.stack.count() == 10
    pages = [
        window.overview_page,
        window.plan_page,
        window.sip_page,
        window.meetings_page,
        window.decisions_page,
        window.lazy_pages.page("actions"),
        window.lazy_pages.page("report"),
        window.members_page,
        window.group_page,
    ]
    assert [window.stack.indexOf(page) for page in pages] == list(range(9))
    assert window.stack.currentWidget() is window.overview_page  # first start


def test_a_page_is_built_when_first_shown(shown: MainWindow, user: User) -> None:
    """A window (and so a group switch) builds the page it opens on, not the seven the
    user may never visit; Ctrl+2 builds the plan, Ctrl+N on the overview still offers a
    new meeting, and the Meeting menu has its entries once it opens."""
    assert shown.findChild(OverviewPage) is shown.stack.currentWidget()
    for kind in (PlanPage, SipPage, MeetingsPage, DecisionsPage, MembersPage, GroupPage):
        assert shown.findChild(kind) is None, kind
    assert shown.new_action.isEnabled()
    assert shown.new_action.text() == _("&New meeting…")
    user.press(shown, Qt.Key.Key_2, Ctrl)
    plan = shown.findChild(PlanPage)
    assert plan is not None
    assert shown.stack.currentWidget() is plan
    assert shown.sidebar.currentRow() == 1
    assert shown.findChild(MeetingsPage) is None
    meeting_menu = shown.menuBar().actions()[2].menu()
    meeting_menu.aboutToShow.emit()
    meetings = shown.findChild(MeetingsPage)
    assert meetings is not None
    assert meetings.add_action in meeting_menu.actions()
    assert shown.new_targets[shown.overview_page] == (meetings, meetings.add_action)


def test_ctrl_1_and_ctrl_4_switch_pages(shown: MainWindow, user: User) -> None:
    user.press(shown, Qt.Key.Key_4, Ctrl)
    assert shown.stack.currentWidget() is shown.meetings_page
    assert shown.sidebar.currentRow() == 3
    user.press(shown, Qt.Key.Key_1, Ctrl)
    assert shown.stack.currentWidget() is shown.overview_page
    assert shown.sidebar.currentRow() == 0


def test_view_menu_and_sidebar_clicks_switch_pages(qtbot: QtBot, shown: MainWindow) -> None:
    show_group = action(shown, name="show_group")
    assert show_group.shortcut().toString() == "Ctrl+9"
    show_group.trigger()
    assert shown.stack.currentWidget() is shown.group_page
    action(shown, name="show_members").trigger()
    assert shown.stack.currentWidget() is shown.members_page

    item_rect = shown.sidebar.visualItemRect(shown.sidebar.item(8))
    qtbot.mouseClick(shown.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert shown.stack.currentWidget() is shown.group_page


def test_menus_in_order(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [_("&File"), _("&Edit"), _("&Meeting"), _("&Plan"), _("&View"), _("&Help")]
    edit_menu = window.menuBar().actions()[1].menu()
    edit_menu.aboutToShow.emit()  # the members page's actions, built as the menu opens
    edit_actions = [a for a in edit_menu.actions() if not a.isSeparator()]
    assert edit_actions[:2] == [window.undo_action, window.redo_action]
    assert window.members_page.add_action in edit_actions
    assert window.members_page.delete_action in edit_actions


def test_title_and_status_bar_name_the_group_and_database(
    window: MainWindow, group: GroupData, db: Database
) -> None:
    assert group.name in window.windowTitle()
    label = window.findChild(QLabel, "database_label")
    assert label is not None
    assert target_of(db) in label.text()


def test_quit_closes_the_window(shown: MainWindow) -> None:
    # Its shortcut is the platform's (Ctrl+Q on Linux and macOS, none on Windows: Alt+F4).
    action(shown, role=QAction.MenuRole.QuitRole).trigger()
    assert not shown.isVisible()


def test_choosing_a_language_is_remembered_for_the_next_start(
    window: MainWindow, settings: QSettings, boxes: Boxes
) -> None:
    english = [a for a in window.findChildren(QAction) if a.text() == "English"]
    assert len(english) == 1
    english[0].trigger()
    assert settings.value("language") == "en"
    info = boxes.take("information")
    assert info.text == _("The new language is used the next time you start the program.")


# --- remembered state --------------------------------------------------------------------


def test_size_and_page_are_remembered(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow
) -> None:
    assert shown.size() == QSize(1100, 700)  # no saved geometry yet
    # Smaller than the offscreen screen (800 × 800): restoring fits a window to the screen.
    shown.resize(720, 520)
    qtbot.waitUntil(lambda: shown.size() == QSize(720, 520))
    shown.show_page(8)
    assert shown.close()

    settings = app_settings()
    assert int(str(settings.value("window/page"))) == 8
    assert settings.value("window/geometry") is not None

    again = MainWindow(db, group, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == QSize(720, 520)
    assert again.stack.currentWidget() is again.group_page


def test_a_saved_page_that_no_longer_exists_opens_the_first(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings
) -> None:
    settings.setValue("window/page", 17)
    main = MainWindow(db, group, settings)
    qtbot.addWidget(main)
    assert main.stack.currentWidget() is main.overview_page


# --- the group page ----------------------------------------------------------------------


def test_saving_the_group_name_updates_database_and_title_and_undo_restores_it(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow, user: User
) -> None:
    page = shown.group_page
    shown.show_page(shown.stack.indexOf(shown.group_page))
    assert page.form.name.text() == group.name
    assert not page.save_button.isEnabled()

    user.retype(page.form.name, NEW_NAME)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert groups.get_group(db, group.id).name == NEW_NAME
    assert NEW_NAME in shown.windowTitle()
    assert not page.save_button.isEnabled()
    assert shown.undo_action.isEnabled()
    assert shown.undo_stack.undoText() == _("Change the group's settings")

    shown.undo_action.trigger()
    assert groups.get_group(db, group.id).name == group.name
    assert page.form.name.text() == group.name
    assert group.name in shown.windowTitle()
    assert not page.is_modified()

    shown.redo_action.trigger()
    assert groups.get_group(db, group.id).name == NEW_NAME
    assert page.form.name.text() == NEW_NAME
    assert NEW_NAME in shown.windowTitle()


def test_undo_of_the_group_settings_never_overwrites_a_change_made_elsewhere(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow, user: User, boxes: Boxes
) -> None:
    page = shown.group_page
    shown.show_page(shown.stack.indexOf(page))
    user.retype(page.form.name, NEW_NAME)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = groups.get_group(db, group.id)
    elsewhere = GroupInput(name=saved.name, municipality="Ändrad kommun")
    groups.update_group(db, group.id, elsewhere, saved.version)  # e.g. another copy of the app

    shown.undo_action.trigger()

    assert boxes.take("warning").text == _(
        "The group's settings were changed elsewhere. Reload and try again."
    )
    stored = groups.get_group(db, group.id)
    assert (stored.name, stored.municipality) == (NEW_NAME, "Ändrad kommun")


def test_after_saving_the_form_shows_the_trimmed_name_and_nothing_is_left_unsaved(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow, user: User
) -> None:
    page = shown.group_page
    shown.show_page(shown.stack.indexOf(shown.group_page))
    user.retype(page.form.name, "  Samverkan  Ånge ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert groups.get_group(db, group.id).name == "Samverkan Ånge"
    assert page.form.name.text() == "Samverkan Ånge"
    assert not page.is_modified()
    assert not page.save_button.isEnabled()
    assert shown.close()  # no question about unsaved changes


def test_empty_name_shows_the_error_and_keeps_the_other_fields(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow, user: User
) -> None:
    page = shown.group_page
    shown.show_page(shown.stack.indexOf(shown.group_page))
    user.retype(page.form.municipality, "Ånge kommun")
    user.retype(page.form.name, "")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert name_error(shown).isVisible()
    assert name_error(shown).text() == _("{field} must be filled in.").format(
        field=_("The group's name")
    )
    assert page.form.municipality.text() == "Ånge kommun"
    assert groups.get_group(db, group.id) == group
    assert shown.undo_stack.count() == 0

    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.form.name.text() == group.name
    assert page.form.municipality.text() == group.municipality
    assert not name_error(shown).isVisible()
    assert not page.is_modified()


# --- closing -----------------------------------------------------------------------------


def click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_closing_with_unsaved_group_settings_asks_in_the_words_used_on_leaving_the_page(
    db: Database, group: GroupData, shown: MainWindow, dialogs: Dialogs, user: User
) -> None:
    """The same three buttons as when the page is left (the app's own Spara / discard /
    Avbryt, not Qt's Save / Discard from its catalog), and Escape is Avbryt: the window stays
    with the text."""
    shown.show_page(shown.stack.indexOf(shown.group_page))
    user.retype(shown.group_page.form.name, NEW_NAME)
    seen: list[tuple[str, list[str], str]] = []

    def escape(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), sorted(b.text() for b in box.buttons()), box.text()))
        QTest.keyClick(box, Qt.Key.Key_Escape)

    dialogs.expect(escape)
    assert not shown.close()
    dialogs.check()
    assert seen == [
        (
            "Osparade ändringar",
            ["&Förkasta", "&Spara", "Avbryt"],
            "Gruppens inställningar har osparade ändringar. Vill du spara dem innan du stänger?",
        )
    ]
    assert shown.isVisible()
    assert shown.group_page.form.name.text() == NEW_NAME

    dialogs.expect(lambda box: click(box, "&Förkasta"))
    assert shown.close()
    dialogs.check()
    assert not shown.isVisible()
    assert groups.get_group(db, group.id).name == group.name


def test_closing_and_choosing_save_saves(
    db: Database, group: GroupData, shown: MainWindow, dialogs: Dialogs, user: User
) -> None:
    shown.show_page(shown.stack.indexOf(shown.group_page))
    user.retype(shown.group_page.form.name, NEW_NAME)
    dialogs.expect(lambda box: click(box, "&Spara"))
    assert shown.close()
    dialogs.check()
    assert groups.get_group(db, group.id).name == NEW_NAME


def test_closing_and_saving_an_invalid_name_keeps_the_window_open(
    db: Database, group: GroupData, shown: MainWindow, dialogs: Dialogs, user: User
) -> None:
    shown.show_page(shown.stack.indexOf(shown.group_page))
    user.retype(shown.group_page.form.name, "   ")
    dialogs.expect(lambda box: click(box, "&Spara"))
    assert not shown.close()
    dialogs.check()
    assert shown.isVisible()
    assert name_error(shown).isVisible()
    assert groups.get_group(db, group.id).name == group.name
    shown.group_page.revert()  # so that closing at the end of the test does not ask


# --- About and backup --------------------------------------------------------------------


def test_about_lists_the_bundled_libraries_and_fonts(window: MainWindow, dialogs: Dialogs) -> None:
    seen: dict[str, object] = {}

    def look(dialog: AboutDialog) -> None:
        assert isinstance(dialog, AboutDialog)
        table = dialog.findChild(QTableWidget, "licence_table")
        assert table is not None
        seen["components"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["licences"] = [table.item(r, 2).text() for r in range(table.rowCount())]
        title = dialog.findChild(QLabel, "about_title")
        assert title is not None
        seen["title"] = title.text()

    dialogs.expect(look)
    action(window, role=QAction.MenuRole.AboutRole).trigger()
    dialogs.check()

    components = seen["components"]
    assert isinstance(components, list)
    assert {"PySide6", "SQLAlchemy"} <= set(components)
    assert any(name.startswith("DejaVu") for name in components)
    assert all(seen["licences"])  # every component names its licence
    assert __version__ in str(seen["title"])


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_writes_a_database_that_opens(
    tmp_path: Path, window: MainWindow, group: GroupData, boxes: Boxes
) -> None:
    target = tmp_path / "kopia.sqlite"
    boxes.answer(str(target))
    action(window, name="backup_action").trigger()
    boxes.take("getSaveFileName")

    copy = open_database(str(target), migrate=False)
    try:
        assert groups.list_groups(copy) == [group]
    finally:
        copy.dispose()
    assert str(target) in window.statusBar().currentMessage()


@pytest.mark.sqlite_only("the backup is a copy of the SQLite file")
def test_backup_onto_the_database_itself_is_refused(
    db_path: Path, window: MainWindow, boxes: Boxes
) -> None:
    before = db_path.read_bytes()
    boxes.answer(str(db_path))
    action(window, name="backup_action").trigger()
    boxes.take("getSaveFileName")
    warning = boxes.take("warning")
    assert warning.text == _(
        "The backup cannot overwrite the database itself. Choose another file name."
    )
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only("on a server Back up to… is disabled (the server's own tools back it up)")
def test_cancelling_the_backup_file_dialog_writes_nothing(
    tmp_path: Path, window: MainWindow, boxes: Boxes
) -> None:
    files_before = sorted(tmp_path.rglob("*"))
    boxes.answer("")
    action(window, name="backup_action").trigger()
    boxes.take("getSaveFileName")
    assert sorted(tmp_path.rglob("*")) == files_before
    assert window.statusBar().currentMessage() == ""


def test_the_group_page_picks_up_a_change_made_on_another_page(
    qtbot: QtBot, db: Database, group: GroupData, shown: MainWindow, user: User
) -> None:
    page = shown.group_page
    shown.show_page(0)
    current = groups.get_group(db, group.id)
    groups.update_group(  # e.g. the SIP settings change the group's period kind
        db,
        group.id,
        GroupInput(name=current.name, region="Region Mittland"),
        current.version,
    )
    shown.show_page(shown.stack.indexOf(page))
    assert page.form.region.text() == "Region Mittland"
    user.retype(page.form.name, NEW_NAME)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert groups.get_group(db, group.id).name == NEW_NAME


def test_title_says_portable_when_the_data_is_beside_the_program(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings, tmp_path: Path
) -> None:
    from naravard_desktop import paths

    monkey = pytest.MonkeyPatch()
    monkey.chdir(tmp_path)
    try:
        paths.set_up_portable(["--portable"])
        portable = MainWindow(db, group, settings)
        qtbot.addWidget(portable)
        name = db.path.name if db.path is not None else database_name(db.url)
        assert portable.windowTitle() == f"{group.name} – {name} – naravard-desktop (portabel)"
    finally:
        paths.set_up_portable([])
        monkey.undo()
    ordinary = MainWindow(db, group, settings)
    qtbot.addWidget(ordinary)
    assert "portabel" not in ordinary.windowTitle()
