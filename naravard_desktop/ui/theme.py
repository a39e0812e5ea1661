"""The window's look: Qt's Fusion style with a calm palette for light, dark and high contrast,
following the system's colour scheme unless the user chose one (Visa → Utseende), remembered in
the settings. The font stays the system's: sizes elsewhere are relative to it (`heading`).

Applied before the frame is painted (app.py), so it imports nothing but QtGui and QtWidgets'
classes: no Qt namespace of enums (27 ms), no style other than Fusion. The system's scheme is
read from the palette the platform gave (dark when its window colour is); after the first paint
`follow_system` asks Qt's style hints and listens for changes.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from naravard_desktop.paths import resource_path

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


Roles = dict[QPalette.ColorRole, str]
_R = QPalette.ColorRole

# Calm greys with one blue; text at least 7:1 on its background, disabled text at 4.5:1.
_LIGHT: Roles = {
    _R.Window: "#f3f4f6",
    _R.WindowText: "#1d2025",
    _R.Base: "#ffffff",
    _R.AlternateBase: "#f4f6f8",
    _R.Text: "#1d2025",
    _R.Button: "#e9ecef",
    _R.ButtonText: "#1d2025",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#2d66a8",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#1f5a9a",
    _R.LinkVisited: "#5b3f8c",
    _R.ToolTipBase: "#fffff0",
    _R.ToolTipText: "#1d2025",
    _R.PlaceholderText: "#6a717b",
    _R.Light: "#ffffff",
    _R.Midlight: "#f0f1f3",
    _R.Mid: "#b9bec5",
    _R.Dark: "#8b929b",
    _R.Shadow: "#5c636c",
    _R.Accent: "#2d66a8",
}
_DARK: Roles = {
    _R.Window: "#202226",
    _R.WindowText: "#e6e8eb",
    _R.Base: "#17191c",
    _R.AlternateBase: "#1d2024",
    _R.Text: "#e6e8eb",
    _R.Button: "#2c2f34",
    _R.ButtonText: "#e6e8eb",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#3b78c2",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#8cb8f2",
    _R.LinkVisited: "#c2a6f0",
    _R.ToolTipBase: "#2c2f34",
    _R.ToolTipText: "#e6e8eb",
    _R.PlaceholderText: "#9aa1ab",
    _R.Light: "#43474e",
    _R.Midlight: "#363a40",
    _R.Mid: "#5a5f67",
    _R.Dark: "#111214",
    _R.Shadow: "#000000",
    _R.Accent: "#3b78c2",
}
_HIGH_CONTRAST: Roles = {
    _R.Window: "#000000",
    _R.WindowText: "#ffffff",
    _R.Base: "#000000",
    _R.AlternateBase: "#141414",
    _R.Text: "#ffffff",
    _R.Button: "#000000",
    _R.ButtonText: "#ffffff",
    _R.BrightText: "#ffffff",
    _R.Highlight: "#ffd800",
    _R.HighlightedText: "#000000",
    _R.Link: "#66e0ff",
    _R.LinkVisited: "#ff9cff",
    _R.ToolTipBase: "#000000",
    _R.ToolTipText: "#ffffff",
    _R.PlaceholderText: "#c8c8c8",
    _R.Light: "#ffffff",
    _R.Midlight: "#ffffff",
    _R.Mid: "#ffffff",
    _R.Dark: "#ffffff",
    _R.Shadow: "#ffffff",
    _R.Accent: "#ffd800",
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

_current: list[Scheme] = [Scheme.LIGHT]


def _high_contrast_style() -> str:
    """White arrows and a black tick drawn from SVGs (a style sheet's arrows are images)."""
    icons = resource_path("icons", "high_contrast").as_posix()
    return _HIGH_CONTRAST_STYLE.replace("{icons}", icons)


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
    palette = QPalette()
    for role, colour in _ROLES[scheme].items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED[scheme])
    for role in (_R.WindowText, _R.Text, _R.ButtonText, _R.PlaceholderText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, _R.Highlight, QColor(_ROLES[scheme][_R.Mid]))
    return palette


def _system_scheme(app: QGuiApplication, platform_palette: QPalette, *, early: bool) -> Scheme:
    """Dark when the system says so. Before the first paint (no Qt namespace yet), and where
    the system does not say, the window colour of the palette the platform gave tells."""
    if not early:
        from PySide6.QtCore import Qt

        said = app.styleHints().colorScheme()
        if said != Qt.ColorScheme.Unknown:
            return Scheme.DARK if said == Qt.ColorScheme.Dark else Scheme.LIGHT
    window = platform_palette.color(QPalette.ColorGroup.Active, _R.Window)
    return Scheme.DARK if window.lightness() < 128 else Scheme.LIGHT


_platform_palette: list[QPalette] = []


def apply_appearance(app: QApplication, appearance: Appearance, *, early: bool = False) -> Scheme:
    """Fusion and the palette of `appearance` for the whole application; `early` (before the
    first paint) reads the system's scheme from the platform's palette."""
    if not _platform_palette:
        _platform_palette.append(QPalette(app.palette()))
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if appearance == Appearance.SYSTEM:
        scheme = _system_scheme(app, _platform_palette[0], early=early)
    else:
        scheme = Scheme(appearance.value)
    _current[0] = scheme
    app.setPalette(palette_for(scheme))
    sheet = _high_contrast_style() if scheme == Scheme.HIGH_CONTRAST else ""
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
