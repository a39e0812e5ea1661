"""Audit of keyboard shortcuts and mnemonics, in Swedish and English, on the demo group.

For every page of the main window (and the meeting editor, its tabs, a locked protocol) and
every dialog the pages open: no key sequence is bound twice where both bindings are live at
once (Qt calls that an 'Ambiguous shortcut overload' and does nothing), no two visible controls
share an Alt-letter within one scope (a dialog; or the page shown together with the menu bar,
so Alt+R opens Redigera and Alt+H Hjälp wherever the focus is), and Ctrl+N makes what the
page shown is about, wherever the focus is on it. Each check looks at the widgets (what the
user sees) and presses the keys with an event filter that notes what Qt could not tell apart.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShortcutEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import PrivacyWarning, check_free_text
from naravard_desktop.ui.group.setup_dialog import SetupDialog
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.privacy import PrivacyDialog
from naravard_desktop.ui.settings import app_settings
from naravard_desktop.ui.undo import SavedChangeCommand

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

WidgetType = Qt.WindowType
Context = Qt.ShortcutContext
CHILD_TYPES = (WidgetType.Widget, WidgetType.Popup, WidgetType.SubWindow)


# --- what Qt would do with a key -----------------------------------------------------------


def _widget_live(widget: QWidget, context: Context, focus: QWidget | None) -> bool:
    """Qt's own test (qwidget shortcut context matcher) of whether a binding owned by
    `widget` answers now."""
    if not widget.isVisible() or not widget.isEnabled():
        return False
    if context == Context.ApplicationShortcut:
        return True
    if context == Context.WidgetShortcut:
        return widget is focus
    if context == Context.WidgetWithChildrenShortcut:
        walker = focus
        while walker is not None and walker is not widget and walker.windowType() in CHILD_TYPES:
            walker = walker.parentWidget()
        return walker is widget
    return widget.window() is QApplication.activeWindow()


def _action_live(action: QAction, context: Context, focus: QWidget | None) -> bool:
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            if _action_live(owner.menuAction(), context, focus):
                return True
        elif isinstance(owner, QWidget) and _widget_live(owner, context, focus):
            return True
    return False


def _name(thing: QObject) -> str:
    text = thing.text() if isinstance(thing, QAction) else ""
    return f"{type(thing).__name__} {thing.objectName() or text!r}"


def live_bindings(root: QWidget) -> dict[str, list[str]]:
    """Every key sequence that answers in the window now, with who answers it (an action
    listing a key twice counts twice)."""
    focus = QApplication.focusWidget()
    found: dict[str, list[str]] = defaultdict(list)
    objects: list[QObject] = [*root.findChildren(QAction), *root.findChildren(QShortcut)]
    for thing in objects:
        if isinstance(thing, QAction):
            if not (thing.isEnabled() and thing.isVisible()):
                continue
            if not _action_live(thing, thing.shortcutContext(), focus):
                continue
            keys = thing.shortcuts()
        else:
            assert isinstance(thing, QShortcut)
            parent = thing.parent()
            if not thing.isEnabled() or not isinstance(parent, QWidget):
                continue
            if not _widget_live(parent, thing.context(), focus):
                continue
            keys = thing.keys()
        for key in keys:
            if not key.isEmpty():
                found[key.toString()].append(_name(thing))
    return dict(found)


class KeyWatch(QObject):
    """While on, every shortcut event is noted and swallowed (nothing is triggered); ambiguous
    ones are the failures."""

    def __init__(self) -> None:
        super().__init__()
        self.ambiguous: list[str] = []
        self.received: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            assert isinstance(event, QShortcutEvent)
            if event.isAmbiguous():
                self.ambiguous.append(f"{event.key().toString()} → {_describe(watched)}")
            else:
                self.received.append(watched)
            return True
        return False


def _describe(thing: QObject) -> str:
    if isinstance(thing, QAbstractButton | QLabel | QGroupBox):
        text = thing.title() if isinstance(thing, QGroupBox) else thing.text()
        return f"{type(thing).__name__} {text!r}"
    return _name(thing)


@pytest.fixture
def keys(qapp: QApplication) -> Iterator[KeyWatch]:
    watch = KeyWatch()
    yield watch
    qapp.removeEventFilter(watch)


def press_swallowed(watch: KeyWatch, target: QWidget, sequence: QKeySequence) -> None:
    combination = sequence[0]
    QApplication.instance().installEventFilter(watch)  # type: ignore[union-attr]
    try:
        QTest.keyClick(target, combination.key(), combination.keyboardModifiers())
    finally:
        QApplication.instance().removeEventFilter(watch)  # type: ignore[union-attr]


# --- mnemonics -----------------------------------------------------------------------------


def _letter(text: str) -> str:
    key = QKeySequence.mnemonic(text)
    return "" if key.isEmpty() else key.toString().removeprefix("Alt+").lower()


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt-letters claimed by what is visible in `root`: menu bar menus, labels with a buddy,
    buttons and check boxes, group box titles and tabs."""
    claims: dict[str, list[str]] = defaultdict(list)

    def claim(text: str, what: str) -> None:
        letter = _letter(text)
        if letter:
            claims[letter].append(f"{what} {text!r}")

    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            claim(widget.text(), "label")
        elif isinstance(widget, QAbstractButton):
            claim(widget.text(), type(widget).__name__)
        elif isinstance(widget, QGroupBox):
            claim(widget.title(), "group box")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    claim(widget.tabText(index), "tab")
    if hasattr(root, "menuBar") and root.menuBar() is not None and root.menuBar().isVisible():
        for action in root.menuBar().actions():
            if action.isVisible():
                claim(action.text(), "menu")
    return dict(claims)


def menu_collisions(menu: QMenu, where: str) -> list[str]:
    """Two entries of one menu (or submenu) with the same letter: the letter then only moves
    between them instead of choosing."""
    claims: dict[str, list[str]] = defaultdict(list)
    problems: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = _letter(action.text())
        if letter:
            claims[letter].append(action.text())
        if action.menu() is not None:
            problems += menu_collisions(action.menu(), f"{where} › {action.text()}")
    problems += [
        f"menu {where}: Alt+{letter.upper()} is in {who}"
        for letter, who in claims.items()
        if len(who) > 1
    ]
    return problems


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.window() is root.window()
    ]


def collisions(root: QWidget, where: str) -> list[str]:
    """Alt-letters claimed twice in what `root` shows now (mnemonics, and actions bound to
    Alt+letter such as Alt+L for the agenda list)."""
    claims = mnemonics(root)
    for key, owners in live_bindings(root).items():
        letter = key.removeprefix("Alt+").lower()
        if key.startswith("Alt+") and len(letter) == 1:
            claims.setdefault(letter, []).extend(owners)
    return [
        f"{where}: Alt+{letter.upper()} is claimed by {', '.join(who)}"
        for letter, who in claims.items()
        if len(who) > 1
    ]


def audit(root: QWidget, watch: KeyWatch, where: str) -> list[str]:
    """What is wrong in the state shown now: shared Alt-letters, and keys bound twice with
    the focus on any control (checked on the widgets, then pressed)."""
    problems = collisions(root, where)
    pressed: set[tuple[str, str]] = set()
    start = QApplication.focusWidget()
    for widget in [start, *_focusable(root)]:
        if widget is None:
            continue
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not root:
            continue
        for key, owners in live_bindings(root).items():
            if len(owners) > 1:
                problems.append(f"{where}, focus on {_name(focus)}: {key} is bound by {owners}")
            # Press each key once per kind of focus (text fields take some keys themselves).
            kind = (key, type(focus).__name__)
            if kind not in pressed:
                pressed.add(kind)
                watch.ambiguous.clear()
                press_swallowed(watch, focus, QKeySequence(key))
                problems += [f"{where}: pressed {a}" for a in watch.ambiguous]
    # Focusing a list may have shown another panel (the plan's area panel).
    problems += collisions(root, where + " (after moving the focus)")
    if start is not None:
        start.setFocus()
    focus = QApplication.focusWidget() or root
    for letter in string.ascii_lowercase:
        watch.ambiguous.clear()
        press_swallowed(watch, focus, QKeySequence(f"Alt+{letter.upper()}"))
        problems += [f"{where}: pressed {a}" for a in watch.ambiguous]
    return sorted(set(problems))


# --- the window with the demo group --------------------------------------------------------


# The demo of 30 November 2026, built once per worker and copied for each test.
pytestmark = pytest.mark.demo(dt.date(2026, 11, 30))


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("sv")


@pytest.fixture
def demo(demo_group: GroupData, language: str) -> GroupData:
    return demo_group


@pytest.fixture
def main(qtbot: QtBot, db: Database, demo: GroupData, user: User) -> MainWindow:
    window = MainWindow(db, demo, app_settings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    user.activate(window)
    return window


def _meeting(db: Database, group_id: int, state: ProtocolState) -> int:
    found = [m for m in meetings.list_meetings(db, group_id) if m.state == state]
    assert found, state
    return found[0].id


def window_states(window: MainWindow, db: Database) -> Iterator[str]:
    """Walks every page (and the meeting editor's states), yielding a name for each."""
    for number, (key, _title, page) in enumerate(window.pages):
        window.show_page(number)
        window.sidebar.setFocus()
        yield key
        if page is window.meetings_page:
            for state in (ProtocolState.DRAFT, ProtocolState.APPROVED):
                window.meetings_page.open_meeting(_meeting(db, window.group.id, state))
                for tab in range(window.meetings_page.editor.tabs.count()):
                    window.meetings_page.editor.tabs.setCurrentIndex(tab)
                    yield f"meeting editor ({state.value}, tab {tab})"
                window.meetings_page.editor.tabs.setCurrentIndex(0)
            window.meetings_page.show_list()
        if page is window.plan_page:
            tree = window.plan_page.tree
            tree.setFocus()
            tree.expandAll()
            model = tree.model()
            first = model.index(0, 0)
            if model.rowCount(first):
                tree.setCurrentIndex(model.index(0, 0, first))  # an activity's panel
                yield "plan (an activity chosen)"


def test_no_key_is_bound_twice_and_no_alt_letter_is_shared_on_any_page(
    db: Database, main: MainWindow, keys: KeyWatch
) -> None:
    # Undo and Redo both offered (their keys are checked only while enabled).
    for text in ("first step", "second step"):
        main.undo_stack.push(SavedChangeCommand(text, lambda: None, lambda: None))
    main.undo_action.trigger()
    assert main.undo_action.isEnabled() and main.redo_action.isEnabled()
    problems: list[str] = []
    for where in window_states(main, db):
        problems += audit(main, keys, where)
        for action in main.menuBar().actions():
            menu = action.menu()
            assert menu is not None
            problems += menu_collisions(menu, action.text())
    problems = sorted(set(problems))
    assert not problems, "\n".join(problems)


# --- dialogs -------------------------------------------------------------------------------


def dialog_openers(window: MainWindow, db: Database, boxes: Boxes) -> list[tuple[str, Any]]:
    """(name, what opens it) for every dialog reachable from the pages."""
    meetings_page = window.meetings_page
    editor = meetings_page.editor

    def on_page(page: QWidget, then: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            window.show_page(window.stack.indexOf(page))
            return then()

        return run

    def in_draft(then: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            window.show_page(window.stack.indexOf(meetings_page))
            meetings_page.open_meeting(_meeting(db, window.group.id, ProtocolState.DRAFT))
            return then()

        return run

    def correction() -> None:
        window.show_page(window.stack.indexOf(meetings_page))
        meetings_page.open_meeting(_meeting(db, window.group.id, ProtocolState.APPROVED))
        boxes.answer(QMessageBox.StandardButton.Yes)
        editor.correction_action.trigger()
        boxes.take("question")

    plan = window.plan_page
    [about] = [
        a for a in window.findChildren(QAction) if a.menuRole() == QAction.MenuRole.AboutRole
    ]

    def warning() -> PrivacyWarning:
        try:
            check_free_text(
                {"notes": "Patienten 19121212-1212"}, None, where="test", labels={"notes": "x"}
            )
        except PrivacyWarning as found:
            return found
        raise AssertionError("no warning")

    def in_plan(row: str, then: Callable[[], object]) -> Callable[[], object]:
        """With the first area (or its first activity) chosen in the plan."""

        def run() -> object:
            window.show_page(window.stack.indexOf(plan))
            model = plan.tree.model()
            area = model.index(0, 0)
            plan.tree.setCurrentIndex(area if row == "area" else model.index(0, 0, area))
            return then()

        return run

    def member(then: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            window.show_page(window.stack.indexOf(window.members_page))
            window.members_page.table.selectRow(0)
            return then()

        return run

    openers = [
        ("new meeting", on_page(meetings_page, meetings_page.add_action.trigger)),
        ("meeting details", in_draft(editor.edit_action.trigger)),
        ("approve", in_draft(editor.approve_action.trigger)),
        ("correction", correction),
        ("action item", in_draft(editor.agenda.editor.action_items.add_action.trigger)),
        ("guest", in_draft(editor.attendance.add_guest_action.trigger)),
        (
            "plan follow-up",
            in_draft(editor.agenda.editor.plan_follow_ups.follow_up_button.click),
        ),
        ("new member", on_page(window.members_page, window.members_page.add_action.trigger)),
        ("edit member", member(window.members_page.edit_action.trigger)),
        ("new plan", on_page(plan, plan.new_plan_action.trigger)),
        ("new activity", in_plan("area", plan.add_activity_action.trigger)),
        ("plan follow-up of an activity", in_plan("activity", plan.follow_up_action.trigger)),
        ("move to area", in_plan("activity", plan.move_to_action.trigger)),
        ("plan details", on_page(plan, plan.details_action.trigger)),
        ("new area", on_page(plan, plan.add_area_action.trigger)),
        ("about", about.trigger),
        ("restore a backup", window.backups.restore_action.trigger),
        ("group setup", lambda: SetupDialog(db).exec()),
        ("identity number", lambda: PrivacyDialog(warning(), window, ask_reason=True).exec()),
        ("SIP period", on_page(window.sip_page, window.sip_page.new_period_action.trigger)),
        ("SIP settings", on_page(window.sip_page, window.sip_page.settings_action.trigger)),
        ("SIP export", on_page(window.sip_page, window.sip_page.export_action.trigger)),
    ]
    if db.path is None:  # on a server there are no backup files to restore from
        return [opener for opener in openers if opener[0] != "restore a backup"]
    return openers


def test_no_alt_letter_is_shared_in_any_dialog(
    qtbot: QtBot, db: Database, main: MainWindow, keys: KeyWatch, dialogs: Dialogs, boxes: Boxes
) -> None:
    problems: list[str] = []
    seen: list[str] = []
    for name, opener in dialog_openers(main, db, boxes):

        def check(dialog: QDialog, name: str = name) -> None:
            seen.append(name)
            problems.extend(audit(dialog, keys, f"dialog {name} ({type(dialog).__name__})"))

        dialogs.expect(check)
        opener()
        dialogs.wait(qtbot)
        dialogs.check()
    assert seen == [name for name, _ in dialog_openers(main, db, boxes)]
    assert not problems, "\n".join(problems)


# --- Ctrl+N on every page -------------------------------------------------------------------

NEW_ON_PAGE = {
    "overview": "MeetingDialog",  # the next meeting
    "plan": "ActivityDialog",
    "sip": "PeriodDialog",
    "meetings": "MeetingDialog",
    "members": "MemberDialog",
    "decisions": None,
    "actions": None,
    "report": None,
    "group": None,
    "region": None,
}


def test_ctrl_n_makes_what_the_page_shown_is_about_wherever_the_focus_is(
    qtbot: QtBot, db: Database, main: MainWindow, dialogs: Dialogs, user: User
) -> None:
    bound = [a for a in main.findChildren(QAction) if QKeySequence("Ctrl+N") in a.shortcuts()]
    assert bound == [main.new_action]  # shown once in the menus
    opened: list[str] = []

    def note(dialog: QDialog) -> None:
        opened.append(type(dialog).__name__)

    for number, (key, _title, page) in enumerate(main.pages):
        main.show_page(number)
        if page is main.plan_page:  # an activity is made in the chosen area
            main.plan_page.tree.setCurrentIndex(main.plan_page.tree.model().index(0, 0))
        focusable = _focusable(page)
        for focus in (main.sidebar, *focusable[:1], *focusable[-1:]):
            focus.setFocus()
            opened.clear()
            expected = NEW_ON_PAGE[key]
            if expected is not None:
                dialogs.expect(note)
            QTest.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            if expected is not None:
                dialogs.wait(qtbot, timeout=3000)
                dialogs.check()
                assert opened == [expected], (key, _name(focus))
                main.show_page(number)
                user.activate(main)  # after the dialog
            else:
                assert not main.new_action.isEnabled()
                dialogs.check()
        if expected is not None:
            assert main.new_action.isEnabled()
            assert main.new_action.text() == main.new_targets[page][1].text()
    # In the meeting editor, typing notes, it is still a new meeting.
    main.show_page(main.stack.indexOf(main.meetings_page))
    main.meetings_page.open_meeting(_meeting(db, main.group.id, ProtocolState.DRAFT))
    notes = main.meetings_page.editor.agenda.editor.notes
    notes.setFocus()
    opened.clear()
    dialogs.expect(note)
    QTest.keyClick(notes, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs.wait(qtbot, timeout=3000)
    dialogs.check()
    assert opened == ["MeetingDialog"]


def test_the_audit_finds_a_key_bound_twice_and_a_shared_letter(
    db: Database, main: MainWindow, keys: KeyWatch
) -> None:
    """The checks above would see the defects of before: a second Ctrl+Shift+Z for the whole
    window, and a label on the page with the menu bar's Alt+R."""
    extra = QAction("overview again", main)
    extra.setShortcut(QKeySequence("Ctrl+1"))
    main.addAction(extra)
    page = main.members_page
    edit_letter = _letter(main.edit_menu.title())
    label = QLabel(f"&{edit_letter.upper()}ubrik", page)
    label.setBuddy(page.filter)
    main.show_page(main.stack.indexOf(page))
    label.show()
    problems = audit(main, keys, "members")
    assert any("Ctrl+1 is bound by" in p for p in problems), problems
    assert any("pressed Ctrl+1" in p for p in problems), problems
    letter = edit_letter.upper()
    assert any(f"Alt+{letter} is claimed by label '&{letter}ubrik'" in p for p in problems)


def test_alt_r_opens_the_edit_menu_from_the_meeting_editor_and_alt_h_help_from_the_plan(
    db: Database, main: MainWindow, keys: KeyWatch, language: str
) -> None:
    """The two collisions reported: Alt+R went to the field Rubrik, Alt+H toggled 'Sätt
    slutdatum för hand'. Now the menu bar takes both, with the focus in the form."""
    edit_key = QKeySequence.mnemonic(main.edit_menu.title())
    help_menu = main.menuBar().actions()[-1].menu()
    assert help_menu is not None
    help_key = QKeySequence.mnemonic(help_menu.title())
    main.show_page(main.stack.indexOf(main.meetings_page))
    main.meetings_page.open_meeting(_meeting(db, main.group.id, ProtocolState.DRAFT))
    title = main.meetings_page.editor.agenda.editor.title
    title.setFocus()
    main.show_page(main.stack.indexOf(main.plan_page))
    tree = main.plan_page.tree
    tree.expandAll()
    tree.setCurrentIndex(tree.model().index(0, 0, tree.model().index(0, 0)))
    panel_field = next(w for w in _focusable(main.plan_page) if isinstance(w, QAbstractButton))
    for page, focus, key in (
        (main.meetings_page, title, edit_key),
        (main.plan_page, panel_field, help_key),
    ):
        main.show_page(main.stack.indexOf(page))
        focus.setFocus()
        keys.received.clear()
        press_swallowed(keys, focus, key)
        assert keys.received == [main.menuBar()], (language, key.toString())
        assert not keys.ambiguous
