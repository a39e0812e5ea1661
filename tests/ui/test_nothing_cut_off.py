"""Nothing cut off at 1366 × 768, in Swedish and English: every page of the main window (and
the meeting editor) on the demo data is searched for column headers, labels and buttons whose
text does not fit, and every table or tree cell that shows its text cut ("Fredagsgrup…") must
give the whole text as its tooltip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QLocale, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QToolTip,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services import demo
from naravard_desktop.services.database import Database
from naravard_desktop.services.meetings import list_meetings
from naravard_desktop.ui.elided import cut_text
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.qt_locale import qt_locale

SIZE = (1366, 768)
ROWS = 40  # the rows a screen shows, and then some


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    code: str = request.param
    before = QLocale()
    i18n.set_language(code)
    QLocale.setDefault(qt_locale(code))
    yield code
    QLocale.setDefault(before)
    i18n.set_language("sv")


@pytest.fixture
def window(language: str, qtbot: QtBot, db: Database, settings: QSettings) -> MainWindow:
    group = demo.create_demo(db, dt.date.today())
    main = MainWindow(db, group, settings)
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
    model = view.model()
    index = model.index(row, column, view.rootIndex())
    own = index.data(Qt.ItemDataRole.ToolTipRole)
    if own:
        return str(own)
    QToolTip.hideText()
    centre = view.visualRect(index).center()
    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


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
            for row in range(min(model.rowCount(view.rootIndex()), ROWS)):
                whole = cut_text(view, row, column)
                if whole is not None and _tooltip_of(view, row, column) != whole:
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
    window.meetings_page.open_meeting(approved.id)
    qtbot.wait(20)
    problems += _problems(window.meetings_page, "meeting editor")
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
