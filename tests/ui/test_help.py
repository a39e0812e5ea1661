"""Help in the window, on the demo in Swedish and English: F1 opens the guide of the page
shown wherever the focus is, the guides' links and back/forward work from the keyboard, the
first-start tour steps through with keys and is offered once, and Hjälp › Kortkommandon
lists every key of the window, searchable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.help.shortcuts import (
    PORTABLE,
    Shortcut,
    ShortcutsDialog,
    key_text,
    window_shortcuts,
)
from naravard_desktop.ui.help.tooltips import plain_text
from naravard_desktop.ui.help.tour import SCREENS, TOUR_SEEN, TourDialog, offer_tour_once
from naravard_desktop.ui.help.window import HelpWindow
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.settings import app_settings
from tests.ui.test_startup import demo_database, gui_start, run_with  # noqa: F401 (fixtures)

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

pytestmark = pytest.mark.demo(dt.date(2026, 11, 30))
Key = Qt.Key
Mod = Qt.KeyboardModifier


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("sv")


@pytest.fixture
def main(
    qtbot: QtBot, db: Database, demo_group: GroupData, language: str, user: User
) -> MainWindow:
    window = MainWindow(db, demo_group, app_settings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    user.activate(window)
    return window


def help_window(window: MainWindow) -> HelpWindow:
    found = window.findChildren(HelpWindow)
    assert len(found) == 1, "one help window per main window"
    return found[0]


def _focusable(page: QWidget) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def test_f1_opens_the_guide_of_the_page_shown_wherever_the_focus_is(
    qtbot: QtBot, main: MainWindow, user: User, language: str
) -> None:
    for number, (key, title, page) in enumerate(main.pages):
        main.show_page(number)
        for focus in (main.sidebar, *_focusable(page)[-1:]):
            user.activate(main)
            focus.setFocus()
            QTest.keyClick(focus, Key.Key_F1)
            shown = help_window(main)
            qtbot.waitUntil(shown.isVisible)
            assert shown.guide_shown() == key, (key, type(focus).__name__)
            assert f"/help/{language}/{key}.html" in shown.browser.source().toLocalFile()
            assert shown.browser.documentTitle() == title
            assert shown.windowTitle().endswith(title)


def test_links_back_forward_and_all_guides_from_the_keyboard(
    qtbot: QtBot, main: MainWindow, language: str
) -> None:
    main.help_menu.actions()[1].trigger()  # Alla guider / All guides
    shown = help_window(main)
    qtbot.waitUntil(shown.isActiveWindow)
    assert shown.guide_shown() == "index"
    browser = shown.browser
    assert not shown.back_action.isEnabled()
    QTest.keyClick(browser, Key.Key_Tab)  # the first link: the overview's guide
    QTest.keyClick(browser, Key.Key_Return)
    assert shown.guide_shown() == "overview"
    QTest.keyClick(browser, Key.Key_Left, Mod.AltModifier)
    assert shown.guide_shown() == "index"
    QTest.keyClick(browser, Key.Key_Right, Mod.AltModifier)
    assert shown.guide_shown() == "overview"
    # Every link of every guide leads to a guide that opens.
    for source in [*main.lazy_pages.keys, "index"]:
        shown.show_guide(source)
        cursor_links = _links(shown)
        assert cursor_links, source
        for link in cursor_links:
            shown.show_guide(source)
            browser.setSource(browser.source().resolved(link))
            assert browser.toPlainText().strip(), (source, link.toString())
    shown.contents_action.trigger()
    assert shown.guide_shown() == "index"
    QTest.keyClick(browser, Key.Key_Escape)
    assert not shown.isVisible()


def _links(shown: HelpWindow) -> list:  # type: ignore[type-arg]
    from PySide6.QtCore import QUrl

    document = shown.browser.document()
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found.append(QUrl(href))
            iterator += 1
        block = block.next()
    return found


# --- the tour ------------------------------------------------------------------------------


def test_the_tour_steps_through_with_keys_and_escape_skips_it(
    qtbot: QtBot, main: MainWindow, language: str
) -> None:
    tours = [w for w in QApplication.topLevelWidgets() if isinstance(w, TourDialog)]
    assert not tours and not main.findChildren(TourDialog), "a window made shows no tour"
    tour_action = main.findChild(QAction, "help_tour")
    assert tour_action is not None and tour_action in main.help_menu.actions()
    tour_action.trigger()
    [tour] = main.findChildren(TourDialog)
    qtbot.waitUntil(tour.isActiveWindow)  # modal over the window
    headings = []
    for step in range(len(SCREENS)):
        assert tour.step == step
        assert tour.step_label.text() == i18n._("Step {number} of {count}").format(
            number=step + 1, count=len(SCREENS)
        )
        headings.append(i18n._(SCREENS[step].heading))
        if step < len(SCREENS) - 1:
            QTest.keyClick(tour.focusWidget(), Key.Key_Return)  # Nästa
    assert tour.next_button.text() == i18n._("&Get started")
    assert not tour.skip_button.isVisible()
    back = QKeySequence.mnemonic(tour.back_button.text())[0]
    QTest.keyClick(tour.focusWidget(), back.key(), back.keyboardModifiers())  # Tillbaka
    qtbot.waitUntil(lambda: tour.step == len(SCREENS) - 2)  # a mnemonic clicks animated
    assert tour.skip_button.isVisible()
    QTest.keyClick(tour.focusWidget(), Key.Key_Escape)
    assert tour.result() == QDialog.DialogCode.Rejected
    assert not tour.isVisible()
    assert len(set(headings)) == len(SCREENS) == 4
    # The last screen's button ends it.
    tour_action.trigger()
    qtbot.waitUntil(lambda: any(t.isVisible() for t in main.findChildren(TourDialog)))
    [tour] = [t for t in main.findChildren(TourDialog) if t.isVisible()]
    for _step in SCREENS:
        QTest.keyClick(tour.focusWidget(), Key.Key_Return)
    assert tour.result() == QDialog.DialogCode.Accepted


def test_the_tour_is_offered_once(qtbot: QtBot, main: MainWindow, settings: QSettings) -> None:
    assert not settings.value(TOUR_SEEN, False, type=bool)
    first = offer_tour_once(main, settings)
    assert first is not None
    qtbot.waitUntil(first.isVisible)
    first.reject()
    assert offer_tour_once(main, settings) is None
    # Also after a restart of the program (the setting is in the data folder's INI file).
    assert app_settings().value(TOUR_SEEN, False, type=bool)
    assert offer_tour_once(main, app_settings()) is None


# --- the shortcuts ---------------------------------------------------------------------------


def test_the_shortcut_list_holds_every_key_of_the_window_and_can_be_searched(
    qtbot: QtBot, main: MainWindow, dialogs: Dialogs, language: str
) -> None:
    seen: dict[str, object] = {}

    def look(dialog: ShortcutsDialog) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        seen["rows"] = dialog.shown_rows()
        assert dialog.focusWidget() is dialog.search  # typing searches at once
        qtbot.keyClicks(dialog.search, "ctrl+z")
        seen["ctrl z"] = dialog.shown_rows()
        dialog.search.clear()
        qtbot.keyClicks(dialog.search, "no such command")
        seen["nothing"] = (dialog.shown_rows(), dialog.empty_label.isVisible())
        dialog.search.clear()
        seen["all again"] = dialog.shown_rows()

    dialogs.expect(look)
    shortcuts_action = main.findChild(QAction, "help_shortcuts")
    assert shortcuts_action is not None
    shortcuts_action.trigger()
    dialogs.wait(qtbot)
    dialogs.check()

    rows = seen["rows"]
    assert isinstance(rows, list)
    listed = {(command, keys) for _group, command, keys in rows}
    new = i18n._("&New meeting…")
    undo = i18n._("&Undo")
    native = QKeySequence.SequenceFormat.NativeText
    ctrl_n = QKeySequence("Ctrl+N").toString(native)
    ctrl_z = QKeySequence("Ctrl+Z").toString(native)
    assert (plain_text(new), ctrl_n) in listed
    assert (plain_text(undo), ctrl_z) in listed
    assert (plain_text(i18n._("&Help for this page")), "F1") in listed
    # Every action with a key in the window (all its pages are built now) is listed, once.
    actions = [
        a
        for a in main.findChildren(QAction)
        if a.isVisible() and key_text(a) and _in_window(a, main)
    ]
    missing = {(plain_text(a.text()), key_text(a)) for a in actions} - listed
    assert not missing, missing
    assert all("&" not in command for command in listed)
    assert len(rows) == len(set(rows))
    groups = [group for group, _command, _keys in rows]
    assert plain_text(main.file_menu.title()) in groups
    assert plain_text(main.help_menu.title()) in groups
    # The meeting editor's own keys, under its page (apart from the menu Möte).
    assert i18n._("Page {title}").format(title=i18n._("Meetings")) in groups
    # Searching keeps the rows with the words, and says when nothing holds them.
    found = seen["ctrl z"]
    assert isinstance(found, list)
    assert (plain_text(main.edit_menu.title()), plain_text(undo), ctrl_z) in found
    assert all("ctrl+z" in f"{c} {k}".casefold() for _g, c, k in found)
    assert seen["nothing"] == ([], True)
    assert seen["all again"] == rows


def test_the_list_is_read_from_the_window_so_a_new_key_shows(main: MainWindow) -> None:
    before = window_shortcuts(main)
    extra = QAction("&Count the votes…", main.meetings_page)
    extra.setShortcut(QKeySequence("Ctrl+Shift+V"))
    main.meetings_page.addAction(extra)
    after = window_shortcuts(main)
    [added] = [s for s in after if s not in before]
    assert added.command == "Count the votes"
    assert added.group == i18n._("Page {title}").format(title=i18n._("Meetings"))


def _in_window(action: QAction, window: MainWindow) -> bool:
    owner = action.parent()
    return not isinstance(owner, QWidget) or owner.window() is window


def test_every_control_of_the_help_window_the_tour_and_the_list_has_a_name(
    qtbot: QtBot, main: MainWindow, dialogs: Dialogs
) -> None:
    from tests.ui.test_accessible_names import unnamed

    main.findChild(QAction, "help_page_guide").trigger()  # type: ignore[union-attr]
    assert unnamed(help_window(main)) == []
    main.findChild(QAction, "help_tour").trigger()  # type: ignore[union-attr]
    [tour] = main.findChildren(TourDialog)
    qtbot.waitUntil(tour.isVisible)
    for step in range(len(SCREENS)):
        tour.go(step)
        assert unnamed(tour) == [], step
    tour.reject()
    found: list[list[str]] = []
    dialogs.expect(lambda dialog: found.append(unnamed(dialog)))
    main.findChild(QAction, "help_shortcuts").trigger()  # type: ignore[union-attr]
    dialogs.wait(qtbot)
    assert found == [[]]


@pytest.mark.usefixtures("gui_start")
def test_the_program_shows_the_tour_on_its_first_start_only(request: pytest.FixtureRequest) -> None:
    """Through app.run_gui, as a user starts it: the first start shows the tour over the
    window, the second does not (windows made otherwise, as in the tests above, never do)."""
    seen: list[bool] = []

    def look(window: MainWindow) -> None:
        QTest.qWait(50)  # the tour opens as the window is shown
        seen.append(any(t.isVisible() for t in window.findChildren(TourDialog)))

    database: Path = request.getfixturevalue("demo_database")
    assert run_with(look, database) == 0
    assert run_with(look, database) == 0
    assert seen == [True, False]


def test_a_key_is_found_by_its_swedish_and_its_english_name(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """The list writes keys as the system does (Ctrl+Skift+Z with Qt's Swedish catalog);
    a secretary who types "shift" finds them too."""
    from naravard_desktop.ui.qt_locale import apply_qt_language

    apply_qt_language(qapp, "sv")
    try:
        action = QAction("&Gör om")
        action.setShortcuts([QKeySequence("Ctrl+Shift+Z")])
        shortcut = Shortcut("Redigera", "Gör om", key_text(action), key_text(action, PORTABLE))
        assert shortcut.keys == "Ctrl+Skift+Z"
        dialog = ShortcutsDialog([shortcut])
        qtbot.addWidget(dialog)
        for typed in ("skift+z", "Shift+Z", "gör"):
            dialog.search.setText(typed)
            assert dialog.shown_rows() == [("Redigera", "Gör om", "Ctrl+Skift+Z")], typed
        dialog.search.setText("ctrl+alt")
        assert dialog.shown_rows() == []
    finally:
        apply_qt_language(qapp, "en")  # Qt's Swedish catalog out again
