"""Every toolbar action on every page says in its tooltip what it does (and its keys), in
Swedish and English: a tooltip that is missing or only repeats the button's text fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget, QWidgetAction
from pytestqt.qtbot import QtBot

from naravard_desktop import i18n
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.help.tooltips import explain_toolbars, plain_text
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.settings import app_settings

pytestmark = pytest.mark.demo(dt.date(2026, 11, 30))


@pytest.fixture(params=["sv", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("sv")


def without_tooltip(root: QWidget) -> list[str]:
    """Toolbar actions in `root` whose tooltip is empty or just their text."""
    found = []
    for toolbar in root.findChildren(QToolBar):
        for action in toolbar.actions():
            if action.isSeparator() or isinstance(action, QWidgetAction):
                continue
            tip = action.toolTip().strip()
            if not tip or plain_text(tip) == plain_text(action.text()):
                found.append(f"{action.text()!r} ({action.objectName() or 'no name'})")
    return found


def test_every_toolbar_action_of_every_page_has_a_tooltip_saying_what_it_does(
    qtbot: QtBot, db: Database, demo_group: GroupData, language: str
) -> None:
    window = MainWindow(db, demo_group, app_settings())
    qtbot.addWidget(window)
    problems = []
    toolbars = 0
    for key, _title, page in window.pages:
        toolbars += len(page.findChildren(QToolBar))
        problems += [f"{key}: {entry}" for entry in without_tooltip(page)]
    assert toolbars >= 8  # plan, SIP, meetings' list, editor, agenda, action items …
    assert not problems, "toolbar actions without a tooltip of their own:\n" + "\n".join(problems)
    follow_up = window.plan_page.follow_up_action
    ctrl_u = QKeySequence("Ctrl+U").toString(QKeySequence.SequenceFormat.NativeText)
    assert (
        follow_up.toolTip()
        == i18n._("Mark a follow-up of the chosen activity: date, status, progress, note")
        + f" ({ctrl_u})"
    )


def test_the_check_finds_an_action_left_without_one_and_keeps_a_tooltip_of_its_own(
    qtbot: QtBot,
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    toolbar = QToolBar(page)
    bare = QAction("&Shred all protocols…", page)
    own = QAction("&Print", page)
    own.setToolTip("Print the protocol on paper")
    known = QAction("Ny &period…", page)
    known.setObjectName("sip_new_period")
    for action in (bare, own, known):
        toolbar.addAction(action)
    explain_toolbars(page)
    assert without_tooltip(page) == ["'&Shred all protocols…' (no name)"]
    assert own.toolTip() == "Print the protocol on paper"
    assert known.toolTip() == i18n._("Add a counting period (month, quarter, tertial or year)")
