"""The app's icons: Lucide's line icons (ISC licence, resources/icons/lucide/), given to actions
by their object names in one place, so every page's toolbar and menu gets them without each
page choosing its own, and to the sidebar's pages.

Bundled SVGs rather than an icon font package: qtawesome (with QtPy) took about 240 ms to
import and 55 ms to load its fonts, for the 50 icons used here (about 30 kB of SVG). Each
icon is drawn from its SVG when painted, in the colour of the palette in use (text, disabled
text, or highlighted text for a chosen row), so it follows light, dark and high contrast
without being made again. Nothing is read before the frame is painted: the actions are made
after it (ui/window_menus)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QAction, QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QListWidget, QToolBar, QWidget

from naravard_desktop.paths import resource_path

# The action's object name (ui/actions.make_action's `name=`) → the Lucide icon's name.
ACTION_ICONS = {
    "add_action_item": "list-todo",
    "add_activity": "plus",
    "add_area": "folder-plus",
    "add_guest": "user-plus",
    "add_item": "list-plus",
    "add_meeting": "calendar-plus",
    "add_member": "user-plus",
    "adopt_report": "badge-check",
    "approve_protocol": "badge-check",
    "backup_action": "archive",
    "earlier_report_versions": "archive",
    "edit_meeting": "pencil",
    "edit_meeting_in_list": "pencil",
    "edit_member": "pencil",
    "end_membership": "log-out",
    "export_actions": "file-spreadsheet",
    "export_kallelse": "file-text",
    "export_plan_pdf": "file-down",
    "export_plan_xlsx": "file-spreadsheet",
    "export_protocol_docx": "file-pen",
    "export_protocol_pdf": "file-down",
    "export_report_docx": "file-pen",
    "export_report_pdf": "file-down",
    "follow_up": "clipboard-check",
    "import_plan": "file-up",
    "move_down": "arrow-down",
    "move_item_down": "arrow-down",
    "move_item_up": "arrow-up",
    "move_to_area": "folder-input",
    "move_up": "arrow-up",
    "new_for_page": "plus",
    "new_plan": "file-plus",
    "open_action_item": "external-link",
    "open_meeting": "folder-open",
    "plan_details": "info",
    "preview_report": "file-text",
    "redo": "redo-2",
    "refill_attendance": "users",
    "remove_attendance": "user-minus",
    "remove_item": "list-minus",
    "reopen_report": "history",
    "restore_action": "archive-restore",
    "send_notice": "send",
    "send_protocol": "mail",
    "sign_protocol": "signature",
    "sip_close_period": "lock",
    "sip_export": "download",
    "sip_import": "upload",
    "sip_new_period": "calendar-plus",
    "sip_print": "printer",
    "sip_remove_period": "trash-2",
    "sip_settings": "settings",
    "start_correction": "history",
    "switch_group": "repeat",
    "toggle_action_done": "circle-check",
    "undo": "undo-2",
}
# Actions named since, by what their names begin with (a print, a help page, a database).
PREFIX_ICONS = (
    ("print", "printer"),
    ("help", "circle-help"),
    ("shortcuts", "keyboard"),
    ("search", "search"),
    ("open_database", "folder-open"),
    ("new_database", "database"),
    ("edit", "pencil"),
    ("delete", "trash-2"),
    ("remove", "trash-2"),
    ("export", "file-down"),
    ("import", "file-up"),
    ("send", "send"),
)
# The sidebar's pages (ui/window_pages.page_titles' keys), also their View menu entries.
PAGE_ICONS = {
    "overview": "layout-dashboard",
    "plan": "list-checks",
    "sip": "chart-column",
    "meetings": "calendar",
    "decisions": "gavel",
    "actions": "square-check-big",
    "report": "file-chart-column",
    "members": "users-round",
    "group": "building-2",
    "region": "map",
}


def icon_name_for(action_name: str) -> str | None:
    if action_name.startswith("show_"):
        return PAGE_ICONS.get(action_name.removeprefix("show_"))
    found = ACTION_ICONS.get(action_name)
    if found is not None:
        return found
    return next((icon for prefix, icon in PREFIX_ICONS if action_name.startswith(prefix)), None)


class _PaletteSvgEngine(QIconEngine):
    """Draws a Lucide SVG (stroke="currentColor") in the palette's colour for the mode."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def clone(self) -> QIconEngine:
        return _PaletteSvgEngine(self.name)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _renderer(self.name, _colour(mode).name()).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        _renderer(self.name, _colour(mode).name()).render(painter, QRectF(pixmap.rect()))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap


def _colour(mode: QIcon.Mode) -> QColor:
    palette = QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.ButtonText)


@cache
def _svg(name: str) -> bytes:
    return resource_path("icons", "lucide", f"{name}.svg").read_bytes()


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace(b"currentColor", colour.encode())))


@cache
def icon(name: str) -> QIcon:
    """The Lucide icon `name`, drawn in the palette's colours."""
    return QIcon(_PaletteSvgEngine(name))


def give_icon(action: QAction) -> None:
    """The icon for `action`'s object name, if it has one and no icon yet."""
    name = icon_name_for(action.objectName())
    if name is not None and action.icon().isNull():
        action.setIcon(icon(name))


def decorate(root: QWidget) -> None:
    """Icons for the actions in `root` made without ui/actions (undo, backups, signing), and
    its toolbars showing them beside their text."""
    for action in root.findChildren(QAction):
        give_icon(action)
    for toolbar in root.findChildren(QToolBar):
        if toolbar.toolButtonStyle() == toolbar.toolButtonStyle().ToolButtonTextOnly:
            toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
            toolbar.setIconSize(QSize(16, 16))


def decorate_sidebar(sidebar: QListWidget, keys: list[str]) -> None:
    for row, key in enumerate(keys):
        name = PAGE_ICONS.get(key)
        if name is not None:
            sidebar.item(row).setIcon(icon(name))
    sidebar.setIconSize(QSize(18, 18))
