"""The window's look: Qt's Fusion style with a calm palette for light, dark and high contrast,
following the system's colour scheme unless the user chose one (Visa → Utseende), remembered in
the settings. The font stays the system's: sizes elsewhere are relative to it (`heading`).

A chosen palette is applied before the frame is painted (app.py), so this module imports
nothing but QtGui and QtWidgets' classes: no Qt namespace of enums (27 ms). The system's scheme
is asked for after the first paint (`follow_system`: Qt's style hints, and their changes).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from naravard_desktop.paths import resource_path

if TYPE_CHECKING:  # QtGui's classes are looked up as they are used (each costs as it is)
    from PySide6.QtGui import QGuiApplication, QPalette

SETTING = "appearance"


class Appearance(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high_contrast"


class Scheme(StrEnum):
    """The palette in use (Appearance.SYSTEM resolved)."""

    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high_contrast"


# Colour role names (QPalette.ColorRole) → colour; looked up as a palette is made, not as the
# module is imported before the first paint.
Roles = dict[str, str]

# Calm greys with one blue; text at least 7:1 on its background, disabled text at 4.5:1.
_LIGHT: Roles = {
    "Window": "#f3f4f6",
    "WindowText": "#1d2025",
    "Base": "#ffffff",
    "AlternateBase": "#f4f6f8",
    "Text": "#1d2025",
    "Button": "#e9ecef",
    "ButtonText": "#1d2025",
    "BrightText": "#ffffff",
    "Highlight": "#2d66a8",
    "HighlightedText": "#ffffff",
    "Link": "#1f5a9a",
    "LinkVisited": "#5b3f8c",
    "ToolTipBase": "#fffff0",
    "ToolTipText": "#1d2025",
    "PlaceholderText": "#6a717b",
    "Light": "#ffffff",
    "Midlight": "#f0f1f3",
    "Mid": "#b9bec5",
    "Dark": "#8b929b",
    "Shadow": "#5c636c",
    "Accent": "#2d66a8",
}
_DARK: Roles = {
    "Window": "#202226",
    "WindowText": "#e6e8eb",
    "Base": "#17191c",
    "AlternateBase": "#1d2024",
    "Text": "#e6e8eb",
    "Button": "#2c2f34",
    "ButtonText": "#e6e8eb",
    "BrightText": "#ffffff",
    "Highlight": "#3b78c2",
    "HighlightedText": "#ffffff",
    "Link": "#8cb8f2",
    "LinkVisited": "#c2a6f0",
    "ToolTipBase": "#2c2f34",
    "ToolTipText": "#e6e8eb",
    "PlaceholderText": "#9aa1ab",
    "Light": "#43474e",
    "Midlight": "#363a40",
    "Mid": "#5a5f67",
    "Dark": "#111214",
    "Shadow": "#000000",
    "Accent": "#3b78c2",
}
_HIGH_CONTRAST: Roles = {
    "Window": "#000000",
    "WindowText": "#ffffff",
    "Base": "#000000",
    "AlternateBase": "#141414",
    "Text": "#ffffff",
    "Button": "#000000",
    "ButtonText": "#ffffff",
    "BrightText": "#ffffff",
    "Highlight": "#ffd800",
    "HighlightedText": "#000000",
    "Link": "#66e0ff",
    "LinkVisited": "#ff9cff",
    "ToolTipBase": "#000000",
    "ToolTipText": "#ffffff",
    "PlaceholderText": "#c8c8c8",
    "Light": "#ffffff",
    "Midlight": "#ffffff",
    "Mid": "#ffffff",
    "Dark": "#ffffff",
    "Shadow": "#ffffff",
    "Accent": "#ffd800",
}
_DISABLED = {Scheme.LIGHT: "#767c85", Scheme.DARK: "#8a9099", Scheme.HIGH_CONTRAST: "#bdbdbd"}
_ROLES = {Scheme.LIGHT: _LIGHT, Scheme.DARK: _DARK, Scheme.HIGH_CONTRAST: _HIGH_CONTRAST}

# Fusion draws frames a shade darker than the window, which is none on black: high contrast
# gives the fields and buttons white frames, and every scheme a focus frame one cannot miss.
_HIGH_CONTRAST_STYLE = """
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QPushButton,
QAbstractItemView, QTabBar::tab {
    border: 1px solid #ffffff; border-radius: 2px; padding: 2px 4px;
}
QPushButton { padding: 4px 10px; }
QAbstractItemView { padding: 0; }
QToolButton { border: 1px solid transparent; border-radius: 2px; padding: 2px; }
QToolButton:hover { border: 1px solid #ffffff; }
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {
    width: 13px; height: 13px; border: 1px solid #ffffff; background: #000000;
}
QRadioButton::indicator { border-radius: 7px; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QAbstractItemView::indicator:checked { background: #ffd800; image: url("{icons}/check.svg"); }
QComboBox::drop-down { border: none; width: 18px; }
QComboBox::down-arrow { image: url("{icons}/chevron-down.svg"); width: 14px; height: 14px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { border: none; width: 16px; }
QAbstractSpinBox::up-arrow { image: url("{icons}/chevron-up.svg"); width: 12px; height: 12px; }
QAbstractSpinBox::down-arrow { image: url("{icons}/chevron-down.svg"); width: 12px; height: 12px; }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus,
QPushButton:focus, QToolButton:focus, QAbstractItemView:focus, QTabBar::tab:focus,
QCheckBox::indicator:focus, QRadioButton::indicator:focus {
    border: 2px solid #ffd800;
}
QTabBar::tab:selected { background: #ffd800; color: #000000; }
QHeaderView::section { border: 1px solid #ffffff; background: #000000; color: #ffffff; }
"""

# Fusion's check box on a dark palette is a dark square in a frame one shade off the window:
# a lighter frame, and a blue box with a white tick when checked.
_DARK_STYLE = """
QCheckBox::indicator, QAbstractItemView::indicator {
    width: 13px; height: 13px; border: 1px solid #8a9099; border-radius: 2px;
    background: #17191c;
}
QCheckBox::indicator:hover, QCheckBox::indicator:focus { border-color: #8cb8f2; }
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {
    background: #3b78c2; border-color: #3b78c2; image: url("{icons}/check-white.svg");
}
QCheckBox::indicator:disabled { border-color: #4a4f57; }
"""

_current: list[Scheme] = [Scheme.LIGHT]


def _style_sheet(scheme: Scheme) -> str:
    """The application's style sheet for `scheme`; arrows and ticks are drawn from SVGs (a
    style sheet's arrows are images)."""
    sheets = {Scheme.DARK: _DARK_STYLE, Scheme.HIGH_CONTRAST: _HIGH_CONTRAST_STYLE}
    icons = resource_path("icons", "high_contrast").as_posix()
    return sheets.get(scheme, "").replace("{icons}", icons)


def saved_appearance(settings: QSettings) -> Appearance:
    value = str(settings.value(SETTING, Appearance.SYSTEM.value) or "")
    try:
        return Appearance(value)
    except ValueError:
        return Appearance.SYSTEM


def current_scheme() -> Scheme:
    return _current[0]


def is_dark() -> bool:
    return _current[0] != Scheme.LIGHT


def palette_for(scheme: Scheme) -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    roles = _ROLES[scheme]
    # Not QPalette(): that asks the platform for its palette first (see apply_appearance).
    palette = QPalette(QColor(roles["Button"]), QColor(roles["Window"]))
    role = QPalette.ColorRole
    for name, colour in roles.items():
        palette.setColor(getattr(role, name), QColor(colour))
    disabled = QColor(_DISABLED[scheme])
    for name in ("WindowText", "Text", "ButtonText", "PlaceholderText"):
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(role, name), disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Highlight, QColor(roles["Mid"]))
    return palette


def _system_scheme(app: QGuiApplication, platform_palette: QPalette) -> Scheme:
    """Dark when the system says so; where it does not say, when the window colour of the
    palette the platform gave is dark."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    said = app.styleHints().colorScheme()
    if said != Qt.ColorScheme.Unknown:
        return Scheme.DARK if said == Qt.ColorScheme.Dark else Scheme.LIGHT
    window = platform_palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    return Scheme.DARK if window.lightness() < 128 else Scheme.LIGHT


_platform_palette: list[QPalette] = []
_applied: list[Scheme] = []  # ours is set: the platform's palette is not known after that


def apply_appearance(app: QApplication, appearance: Appearance, *, early: bool = False) -> Scheme:
    """The palette and style sheet of `appearance` for the whole application. `early` (before the
    first paint) leaves the system's own palette when the system's scheme is followed: asking
    the platform for it before a widget exists took some 50 ms, and Qt's Fusion is already dark
    on a dark system; `follow_system` puts ours in place after the paint. Fusion itself is
    asked for as the application is made (app.py: touching a QStyle from Python before the
    first paint took some 20 ms), and after the paint by ui/readable's style."""
    from PySide6.QtGui import QPalette

    if early and appearance == Appearance.SYSTEM:
        return _current[0]
    if not early and not _platform_palette:  # the platform's, before ours replaces it
        _platform_palette.append(QPalette(app.palette()) if not _applied else QPalette())
    if appearance == Appearance.SYSTEM:
        scheme = _system_scheme(app, _platform_palette[0])
    else:
        scheme = Scheme(appearance.value)
    _current[0] = scheme
    _applied[:] = [scheme]
    app.setPalette(palette_for(scheme))
    sheet = _style_sheet(scheme)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if not early:  # colours written into widgets' style sheets, made readable on the palette
        from naravard_desktop.ui import readable

        readable.install(app)
        readable.retone_all(app)
    return scheme


def follow_system(app: QApplication, settings: QSettings) -> None:
    """After the first paint: the system's scheme as Qt's style hints give it, now and when it
    changes, while the user has not chosen one."""

    def changed(*_args: object) -> None:
        if saved_appearance(settings) == Appearance.SYSTEM:
            apply_appearance(app, Appearance.SYSTEM)

    app.styleHints().colorSchemeChanged.connect(changed)
    apply_appearance(app, saved_appearance(settings))


def choose_appearance(settings: QSettings, appearance: Appearance) -> None:
    """Visa → Utseende: applied at once and remembered."""
    settings.setValue(SETTING, appearance.value)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_appearance(app, appearance)


def larger(widget: QWidget, scale: float, *, bold: bool = False) -> None:
    """`widget`'s font `scale` times the system's, so it grows with the size the user chose
    in the system (no point sizes written in style sheets)."""
    from PySide6.QtGui import QFont

    font = QFont(widget.font())
    base = QApplication.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base * scale)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    widget.setFont(font)


def heading(label: QLabel, scale: float = 1.6) -> QLabel:
    """`label` as a page heading: larger than the system's font, semibold."""
    larger(label, scale, bold=True)
    return label
