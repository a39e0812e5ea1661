"""Issue 19 point 9, the look: Visa → Utseende (the system's, light, dark, high contrast)
applied at once and remembered; icons on the pages' toolbars and the sidebar drawn in the
palette's colours; the pages' own colours (a late activity in red, a warning's pale yellow)
readable on a dark palette."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from naravard_desktop.paths import resource_path
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import icons, readable, theme
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.plan.cells import OVERDUE_COLOUR

pytestmark = pytest.mark.demo()


@pytest.fixture(autouse=True)
def light_again(qapp: QApplication) -> Iterator[None]:
    """The application's palette is shared by every test of the worker: light afterwards."""
    yield
    theme.apply_appearance(qapp, theme.Appearance.LIGHT)


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings) -> MainWindow:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


def _window_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def _drawn_files_exist() -> bool:
    """The images the application's style sheet draws (ticks, arrows), all bundled."""
    sheet = QApplication.instance().styleSheet()  # type: ignore[union-attr]
    images = re.findall(r'url\("([^"]+)"\)', sheet)
    return bool(images) and all(Path(image).is_file() for image in images)


def _drawn_colour(icon: QIcon) -> QColor:
    """The colour of the darkest or lightest drawn pixel of `icon` (its stroke)."""
    image = icon.pixmap(QSize(24, 24)).toImage()
    strokes = [
        image.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert strokes, "nothing drawn"
    return strokes[0]


def test_the_appearance_is_chosen_in_the_view_menu_and_remembered(
    window: MainWindow, qtbot: QtBot, settings: QSettings, db: Database, demo_group: GroupData
) -> None:
    menu = window.findChild(type(window.view_menu), "appearance_menu")
    assert menu is not None
    entries = {action.objectName(): action for action in menu.actions()}
    assert entries["appearance_system"].isChecked()  # a first start follows the system

    entries["appearance_dark"].trigger()
    assert _window_colour().lightness() < 60
    assert _drawn_files_exist()  # the dark check box's tick
    assert theme.saved_appearance(settings) == theme.Appearance.DARK
    entries["appearance_high_contrast"].trigger()
    assert _window_colour() == QColor("#000000")
    assert QApplication.palette().color(QPalette.ColorRole.Text) == QColor("#ffffff")
    assert _drawn_files_exist()  # white frames and arrows where Fusion's would be black on black

    again = MainWindow(db, demo_group, settings)  # the next start
    qtbot.addWidget(again)
    chosen = again.findChild(type(window.view_menu), "appearance_menu")
    checked = [a.objectName() for a in chosen.actions() if a.isChecked()]
    assert checked == ["appearance_high_contrast"]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    early = theme.apply_appearance(app, theme.saved_appearance(settings), early=True)
    assert early == theme.Scheme.HIGH_CONTRAST


def test_toolbar_and_sidebar_icons_follow_the_palette(window: MainWindow) -> None:
    window.show_page(window.stack.indexOf(window.plan_page))
    toolbar = window.plan_page.findChild(QToolBar)
    assert toolbar is not None
    buttons = [b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
    named = [b for b in buttons if b.defaultAction().objectName()]
    assert named and all(not b.icon().isNull() for b in named)
    sidebar_icons = [window.sidebar.item(row).icon() for row in range(window.sidebar.count())]
    assert all(not icon.isNull() for icon in sidebar_icons)

    assert _drawn_colour(sidebar_icons[0]).lightness() < 80  # dark strokes on light
    theme.choose_appearance(window.settings, theme.Appearance.DARK)
    assert _drawn_colour(sidebar_icons[0]).lightness() > 180  # light strokes on dark


def test_every_icon_named_is_bundled_with_its_licence() -> None:
    names = {
        *icons.ACTION_ICONS.values(),
        *(icon for _prefix, icon in icons.PREFIX_ICONS),
        *icons.PAGE_ICONS.values(),
    }
    missing = [n for n in names if not resource_path("icons", "lucide", f"{n}.svg").is_file()]
    assert missing == []
    assert "ISC License" in resource_path("icons", "lucide", "LICENSE.txt").read_text()


def test_a_pages_colours_are_readable_on_dark(window: MainWindow, qapp: QApplication) -> None:
    theme.apply_appearance(qapp, theme.Appearance.DARK)
    base = qapp.palette().color(QPalette.ColorRole.Base)
    assert readable.contrast(OVERDUE_COLOUR, base) < 4.5  # as the plan page writes it
    shown = readable.readable_on(OVERDUE_COLOUR, base)
    assert readable.contrast(shown, base) >= 4.5
    assert shown.hslHue() == pytest.approx(OVERDUE_COLOUR.hslHue(), abs=3)  # still red

    window.show_page(window.stack.indexOf(window.members_page))
    warning = QLabel("Varning")
    warning.setStyleSheet("background: #fff4ce; border: 1px solid #e0b400; color: #4d3b00;")
    window.members_page.layout().addWidget(warning)
    warning.show()  # polished as it is shown: toned then
    sheet = warning.styleSheet()
    assert "#fff4ce" not in sheet  # the pale yellow turned dark
    warning.setStyleSheet("color: #b00020;")  # set again by the page, e.g. a save state
    assert warning.styleSheet() != "color: #b00020;"
    theme.apply_appearance(qapp, theme.Appearance.LIGHT)
    assert warning.styleSheet() == "color: #b00020;"  # light: as the page wrote it
