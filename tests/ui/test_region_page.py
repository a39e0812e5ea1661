"""The region overview page (issue 16, point 8): listed in the window only when the database
holds more than one group, a row per group in Swedish order with its figures, sortable, and
Enter on a group asks the window to switch to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import _
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.region.page import RegionPage
from tests.unit.region_setup import YEAR, make_region

if TYPE_CHECKING:
    from tests.ui.conftest import User

Ctrl = Qt.KeyboardModifier.ControlModifier


def _region_entry(window: MainWindow) -> tuple[int, QAction]:
    """The page's sidebar row and View action (the page itself is built when first shown)."""
    actions = [a for a in window.findChildren(QAction) if a.objectName() == "show_region"]
    assert len(actions) == 1
    return window.lazy_pages.keys.index("region"), actions[0]


def _column(page: RegionPage, column: int) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_one_group_gets_no_region_page(window: MainWindow) -> None:
    row, show = _region_entry(window)
    assert window.sidebar.item(row).text() == _("Region overview")
    assert window.sidebar.item(row).isHidden()
    assert not show.isVisible()


def test_groups_in_swedish_order_with_their_figures_and_enter_asks_to_switch(
    qtbot: QtBot, db: Database, settings: QSettings, user: User
) -> None:
    built = make_region(db)
    window = MainWindow(db, groups.get_group(db, built.asberga), settings)
    qtbot.addWidget(window)
    row, show = _region_entry(window)
    assert not window.sidebar.item(row).isHidden() and show.isVisible()
    assert window.lazy_pages.built("region") is None  # not until it is shown
    user.activate(window)
    user.press(window, Qt.Key.Key_0, Ctrl)
    page = window.stack.currentWidget()
    assert isinstance(page, RegionPage) and window.stack.indexOf(page) == row
    page.year.setValue(YEAR)
    assert _column(page, 0) == [
        "Samverkansgrupp Lillsjö",
        "Åsberga vårdforum",
        "Ängsviks samverkan",
    ]
    lillsjo = _column(page, 0).index("Samverkansgrupp Lillsjö")
    figures = [page.table.model().index(lillsjo, c).data() for c in range(1, 8)]
    assert figures[0] == "1 av 4 klara"  # the current plan's activities
    headers = [page.table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(1, 5)]
    assert headers == ["Aktuell plan", "Försenade", "Hållna möten", "Väntar på justering"]
    assert figures[4:] == ["12", "..", "0"]  # initiated, held (3 is small), followed up
    assert page.totals.text().startswith("Regionens SIP-summor: Initierade SIP 32")
    assert "Värden under 5 visas inte" in page.note.text()

    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # awaiting justering
    assert _column(page, 0)[0] == "Samverkansgrupp Lillsjö"

    asked: list[GroupData] = []
    window.group_switch_requested.connect(asked.append)
    page.table.setFocus()
    page.table.setCurrentIndex(
        page.table.model().index(_column(page, 0).index("Ängsviks samverkan"), 0)
    )
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert [g.id for g in asked] == [built.angsvik]


def test_the_page_asks_for_the_group_of_a_double_clicked_row(qtbot: QtBot, db: Database) -> None:
    built = make_region(db)
    page = RegionPage(db, built.lillsjo)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    page.show()
    qtbot.waitExposed(page)
    row = _column(page, 0).index("Åsberga vårdforum")
    rect = page.table.visualRect(page.table.model().index(row, 0))
    with qtbot.waitSignal(page.group_requested) as asked:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [built.asberga]


def test_a_window_last_left_on_the_region_page_opens_on_the_overview_with_one_group(
    qtbot: QtBot, db: Database, group: GroupData, settings: QSettings
) -> None:
    settings.setValue("window/page", 9)  # the region page, when there were more groups
    window = MainWindow(db, group, settings)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.overview_page
