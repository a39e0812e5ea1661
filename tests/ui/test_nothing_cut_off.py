"""Nothing cut off at 1366 × 768, in Swedish and English: every page of the main window (and
the meeting editor) on the demo data is searched for column headers, labels and buttons whose
text does not fit, and every table or tree cell that shows its text cut ("Fredagsgrup…") must
give the whole text as its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QSettings
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolButton,
    QToolTip,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.elided import cell_cut_text, cut_text
from naravard_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs

# The demo is built once per worker and copied for each test (tests/db_backends.py).
pytestmark = pytest.mark.demo()

SIZE = (1366, 768)
ROWS = 40  # the rows a screen shows, and then some


@pytest.fixture
def window(
    language: str, qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings
) -> MainWindow:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(*SIZE)
    main.show()
    qtbot.waitExposed(main)
    return main


def _header(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


def _tooltip_of(view: QAbstractItemView, row: int, column: int) -> str:
    """What a user sees when the mouse rests on the cell."""
    return _tooltip_at(view, view.model().index(row, column, view.rootIndex()))


def _tooltip_at(view: QAbstractItemView, index: QModelIndex) -> str:
    QToolTip.hideText()
    centre = view.visualRect(index).center()
    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def _shown_cells(view: QAbstractItemView, column: int) -> list[QModelIndex]:
    """The cells of `column` in the first rows shown, children of expanded tree rows too."""
    model = view.model()
    found: list[QModelIndex] = []
    parents = [view.rootIndex()]
    while parents and len(found) < ROWS:
        parent = parents.pop(0)
        for row in range(model.rowCount(parent)):
            found.append(model.index(row, column, parent))
            first = model.index(row, 0, parent)
            if isinstance(view, QTreeView) and view.isExpanded(first):
                parents.append(first)
    return found[:ROWS]


def _problems(root: QWidget, where: str) -> list[str]:
    found: list[str] = []
    for view in root.findChildren(QAbstractItemView):
        header = _header(view)
        model = view.model()
        if not view.isVisibleTo(root) or header is None or model is None:
            continue
        for column in range(model.columnCount(view.rootIndex())):
            if header.isSectionHidden(column) or header.isHidden():
                continue
            text = str(model.headerData(column, header.orientation()) or "")
            if text and header.sectionSizeHint(column) > header.sectionSize(column) + 1:
                found.append(f"{where}: column header {text!r} is cut")
            for index in _shown_cells(view, column):
                whole = cell_cut_text(view, index)
                if whole is not None and whole not in _tooltip_at(view, index):
                    found.append(f"{where}: cell {whole[:40]!r} is cut without a tooltip")
    for label in root.findChildren(QLabel):
        text = label.text()
        if (
            label.isVisibleTo(root)
            and text
            and not label.wordWrap()
            and "\n" not in text
            and "<" not in text
            and label.minimumSizeHint().width() > label.width() + 1
        ):
            found.append(f"{where}: label {text!r} is cut")
    for combo in root.findChildren(QComboBox):
        if combo.isVisibleTo(root) and combo.currentText() and not combo.isEditable():
            option = QStyleOptionComboBox()
            combo.initStyleOption(option)
            field = combo.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                combo,
            )
            icon = combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0
            need = combo.fontMetrics().horizontalAdvance(combo.currentText()) + icon
            # A path too long for any width ("Plan › område › aktivitet") may be cut at its
            # start when the tooltip gives it whole.
            if need > field.width() + 1 and combo.toolTip() != combo.currentText():
                found.append(f"{where}: choice {combo.currentText()!r} is cut")
    for button in root.findChildren(QAbstractButton):
        if (
            button.isVisibleTo(root)
            and button.text()
            and not isinstance(button, QToolButton)
            and button.sizeHint().width() > button.width() + 1
        ):
            found.append(f"{where}: button {button.text()!r} is cut")
    return found


def test_no_page_cuts_its_text(window: MainWindow, qtbot: QtBot, db: Database) -> None:
    problems: list[str] = []
    for number, (key, _title, page) in enumerate(window.pages):
        window.show_page(number)
        qtbot.wait(20)
        problems += _problems(page, key)
    meetings = list_meetings(db, window.group.id)
    approved = next(m for m in meetings if m.state is ProtocolState.APPROVED)
    window.show_page(next(i for i, (k, _t, _p) in enumerate(window.pages) if k == "meetings"))
    draft = next(m for m in meetings if m.state is not ProtocolState.APPROVED)
    editor = window.meetings_page.editor
    for meeting in (approved, draft):
        window.meetings_page.open_meeting(meeting.id)
        for tab in range(editor.tabs.count()):
            editor.tabs.setCurrentIndex(tab)
            qtbot.wait(20)
            name = f"meeting editor ({meeting.state.value}, {editor.tabs.tabText(tab)})"
            problems += _problems(window.meetings_page, name)
        editor.tabs.setCurrentIndex(0)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_a_cut_cell_shows_its_whole_text_as_tooltip(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    """The check above is not blind: a column made narrow cuts its cells, and each of them
    then tells its whole text when the mouse rests on it."""
    window.show_page(next(i for i, (k, _t, _p) in enumerate(window.pages) if k == "members"))
    view = next(v for v in window.members_page.findChildren(QTableView) if v.isVisible())
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(0, 30)
    qtbot.wait(20)
    name = view.model().index(0, 0).data()
    assert cut_text(view, 0, 0) == name
    assert _tooltip_of(view, 0, 0) == name


def _open_dialogs(
    window: MainWindow, qtbot: QtBot, dialogs: Dialogs, steps: list[tuple[str, Callable[[], None]]]
) -> list[str]:
    """Each step opens one dialog; the dialog is searched while it is open, then cancelled."""
    problems: list[str] = []
    for what, trigger in steps:
        seen: list[str] = []

        def look(dialog: QWidget, what: str = what, seen: list[str] = seen) -> None:
            qtbot.wait(20)
            problems.extend(_problems(dialog, what))
            seen.append(what)

        dialogs.expect(look)
        trigger()
        dialogs.wait(qtbot)
        dialogs.check()
        assert seen == [what], f"{what} did not open a dialog"
    return problems


def _page(window: MainWindow, key: str) -> None:
    window.show_page(next(i for i, (k, _t, _p) in enumerate(window.pages) if k == key))


def test_no_dialog_cuts_its_text(
    window: MainWindow, qtbot: QtBot, db: Database, dialogs: Dialogs, boxes: Boxes
) -> None:
    meetings = list_meetings(db, window.group.id)
    draft = next(m for m in meetings if m.state is not ProtocolState.APPROVED)
    plan_page = window.plan_page

    approved = next(m for m in meetings if m.state is ProtocolState.APPROVED)

    def meeting_action(name: str, meeting_id: int = draft.id) -> Callable[[], None]:
        def trigger() -> None:
            _page(window, "meetings")
            window.meetings_page.open_meeting(meeting_id)
            qtbot.wait(20)
            action = window.meetings_page.findChild(QAction, name)
            assert action is not None, name
            action.trigger()

        return trigger

    def plan_action(action: QAction, activity: bool = False) -> Callable[[], None]:
        def trigger() -> None:
            _page(window, "plan")
            model = plan_page.tree.model()
            area = model.index(0, 0)
            plan_page.tree.setCurrentIndex(model.index(0, 0, area) if activity else area)
            qtbot.wait(20)
            action.trigger()

        return trigger

    steps: list[tuple[str, Callable[[], None]]] = [
        ("new meeting", _on_page(window, "meetings", "add_meeting")),
        ("meeting details", meeting_action("edit_meeting")),
        ("new action item", meeting_action("add_action_item")),
        ("approve", meeting_action("approve_protocol")),
        ("correction", meeting_action("start_correction", approved.id)),
        ("new member", _on_page(window, "members", "add_member")),
        ("new SIP period", _on_page(window, "sip", "sip_new_period")),
        ("new activity", plan_action(plan_page.add_activity_action)),
        ("new area", plan_action(plan_page.add_area_action)),
        ("plan details", plan_action(plan_page.details_action)),
        ("new plan", plan_action(plan_page.new_plan_action)),
        ("move to area", plan_action(plan_page.move_to_action, activity=True)),
        ("follow up", plan_action(plan_page.follow_up_action, activity=True)),
        ("SIP settings", _on_page(window, "sip", "sip_settings")),
        ("restore a backup", lambda: window.backups.restore_action.trigger()),
        ("about", lambda: _about(window).trigger()),
    ]
    if db.path is None:  # on a server there are no backup files to restore from
        steps = [step for step in steps if step[0] != "restore a backup"]
    boxes.answer(QMessageBox.StandardButton.Yes)  # "Reopen the approved protocol …?"
    problems = _open_dialogs(window, qtbot, dialogs, steps)
    assert [call.kind for call in boxes.calls] == ["question"]
    boxes.calls.clear()
    assert not problems, "\n".join(dict.fromkeys(problems))


def _about(window: MainWindow) -> QAction:
    return next(
        a for a in window.findChildren(QAction) if a.menuRole() == QAction.MenuRole.AboutRole
    )


def _on_page(window: MainWindow, key: str, name: str) -> Callable[[], None]:
    """Show the page `key`, then trigger its action `name`."""

    def trigger() -> None:
        _page(window, key)
        action = window.findChild(QAction, name)
        assert action is not None, name
        action.trigger()

    return trigger


def test_the_search_finds_cut_labels_buttons_and_choices(qtbot: QtBot) -> None:
    """The searches above are not blind: squeezed widgets are reported by their text."""
    from PySide6.QtWidgets import QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Ansvarig för genomförande", root)
    button = QPushButton("Kopiera dagordningen", root)
    combo = QComboBox(root)
    combo.addItem("Lokal plan 2025–2027 › 1 Ökad delaktighet › Utbildningsinsatser")
    for widget in (label, button, combo):
        widget.setFixedWidth(60)
    root.show()
    qtbot.waitExposed(root)
    assert sorted(_problems(root, "test")) == [
        "test: button 'Kopiera dagordningen' is cut",
        "test: choice 'Lokal plan 2025–2027 › 1 Ökad delaktighet › Utbildningsinsatser' is cut",
        "test: label 'Ansvarig för genomförande' is cut",
    ]


def test_overview_shows_overdue_activities_whole(window: MainWindow, qtbot: QtBot) -> None:
    """Who is responsible shares the room with the activity, and both wrap, so neither
    "Fredagsgruppen, Anna Berg" nor a long activity is cut; nor are the action items."""
    _page(window, "overview")
    qtbot.wait(20)
    page = window.overview_page
    assert page.activity_list.topLevelItemCount() >= 5
    for entries in (page.activity_list, page.action_list):
        cut = [
            cut_text(entries, row, column)
            for row in range(entries.topLevelItemCount())
            for column in range(entries.columnCount())
        ]
        assert [text for text in cut if text] == []


def test_decision_register_shows_the_demo_titles_whole(window: MainWindow, qtbot: QtBot) -> None:
    """The title column fits "Barn och unga: samverkan med elevhälsan"; the decisions keep
    the rest of the row."""
    _page(window, "decisions")
    qtbot.wait(20)
    table = window.decisions_page.decisions_table
    model = table.model()
    assert model.rowCount() > 10
    titles = [cut_text(table, row, 2) for row in range(model.rowCount())]
    assert titles == [None] * model.rowCount()
