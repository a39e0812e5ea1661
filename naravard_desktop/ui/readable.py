"""Colours the pages chose for a light window (a late action item in red, a closed SIP period
in pale grey, a warning's yellow frame) kept readable in dark and high contrast, in one place
rather than in every model and style sheet:

- item views: a proxy of the style draws each cell with its model's colours brought to a
  contrast of 4.5:1 (7:1 in high contrast) on the cell's background, and a light background
  turned into a dark one of the same hue;
- style sheets: the colours written in a widget's style sheet are toned the same way as the
  widget is polished (first shown), when the page sets its style sheet again, and when the
  scheme changes; the light original is kept and put back for the light scheme.

The hue stays, so red still says late and green approved."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionViewItem,
    QWidget,
)

from naravard_desktop.ui import theme

_ORIGINAL = "naravardLightStyleSheet"  # a widget's own style sheet, as written for light
_WRITTEN = "naravardTonedStyleSheet"  # and as toned for the palette in use


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _minimum() -> float:
    return 7.0 if theme.current_scheme() == theme.Scheme.HIGH_CONTRAST else 4.5


@cache
def _readable(foreground: int, background: int, minimum: float) -> int:
    text, back = QColor.fromRgba(foreground), QColor.fromRgba(background)
    if contrast(text, back) >= minimum:
        return foreground
    hue, saturation, lightness = text.hslHueF(), text.hslSaturationF(), text.lightnessF()
    step = 0.04 if _luminance(back) < 0.18 else -0.04
    while 0.0 <= lightness + step <= 1.0:
        lightness += step
        text = QColor.fromHslF(max(hue, 0.0), saturation, lightness, 1.0)
        if contrast(text, back) >= minimum:
            break
    return text.rgba()


def readable_on(foreground: QColor, background: QColor) -> QColor:
    """`foreground` lighter or darker, same hue, until it reads on `background`."""
    return QColor.fromRgba(_readable(foreground.rgba(), background.rgba(), _minimum()))


@cache
def _toned(colour: int, scheme: theme.Scheme) -> int:
    original = QColor.fromRgba(colour)
    hue, saturation = original.hslHueF(), original.hslSaturationF()
    lightness, alpha = original.lightnessF(), original.alphaF()
    if lightness < 0.5:
        return colour
    dark = 0.08 if scheme == theme.Scheme.HIGH_CONTRAST else 0.2
    # as far below the middle as the light colour was above it: a pale tint stays a tint
    toned = QColor.fromHslF(max(hue, 0.0), min(saturation, 0.45), dark + (1 - lightness) * 0.4)
    toned.setAlphaF(alpha)
    return toned.rgba()


def toned_background(colour: QColor) -> QColor:
    """A light background as a dark one of the same hue; unchanged in the light scheme."""
    if not theme.is_dark():
        return colour
    return QColor.fromRgba(_toned(colour.rgba(), theme.current_scheme()))


class ReadableItems(QProxyStyle):
    """Fusion, with item views' model colours made readable on dark palettes."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if (
            theme.is_dark()
            and element == QStyle.ControlElement.CE_ItemViewItem
            and isinstance(option, QStyleOptionViewItem)
        ):
            option = _readable_item(option)
        super().drawControl(element, option, painter, widget)

    def polish(self, arg: Any) -> None:  # a widget, the application or a palette
        """Every widget as it is first shown (a page's, a dialog's): the colours of its own
        style sheet toned for the palette in use."""
        super().polish(arg)
        if isinstance(arg, QWidget) and theme.is_dark() and arg.styleSheet():
            retone([arg])


def _readable_item(option: QStyleOptionViewItem) -> QStyleOptionViewItem:
    adjusted = QStyleOptionViewItem(option)
    brush = adjusted.backgroundBrush
    background = adjusted.palette.color(QPalette.ColorRole.Base)
    if brush.style() != brush.style().NoBrush:
        background = toned_background(brush.color())
        brush.setColor(background)
        adjusted.backgroundBrush = brush
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = adjusted.palette.color(group, QPalette.ColorRole.Text)
        adjusted.palette.setColor(group, QPalette.ColorRole.Text, readable_on(text, background))
    return adjusted


def install(app: QApplication) -> None:
    """The proxy style over Fusion, once (after the first paint: it is a Python style)."""
    if not isinstance(app.style(), ReadableItems):
        app.setStyle(ReadableItems("Fusion"))


_DECLARATION = re.compile(r"(?P<property>[\w-]+)\s*:\s*(?P<value>[^;{}]*)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def toned_style_sheet(sheet: str, window: QColor) -> str:
    """`sheet` with its colours readable on the current palette: backgrounds and borders
    darkened, text brought to contrast on the rule's own background (or the window's)."""

    def rule(match: re.Match[str]) -> str:
        body = match.group(0)
        backgrounds = [
            QColor(colour)
            for found in _DECLARATION.finditer(body)
            if found["property"].startswith("background")
            for colour in _HEX.findall(found["value"])
        ]
        behind = toned_background(backgrounds[0]) if backgrounds else window

        def declaration(found: re.Match[str]) -> str:
            name, value = found["property"], found["value"]
            if name != "color" and not name.startswith(("background", "border")):
                return found.group(0)

            def tone(colour: re.Match[str]) -> str:
                if name == "color":
                    return readable_on(QColor(colour.group(0)), behind).name()
                return toned_background(QColor(colour.group(0))).name()

            return f"{name}: {_HEX.sub(tone, value)}"

        return _DECLARATION.sub(declaration, body)

    # each rule's block, or the whole sheet when it is one block without a selector
    blocks = re.compile(r"\{[^{}]*\}")
    return blocks.sub(rule, sheet) if "{" in sheet else blocks.sub(rule, "{" + sheet + "}")[1:-1]


class _Watch(QObject):
    """Tones a style sheet a page sets again later (a save state's colour) as it is set."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.StyleChange
            and isinstance(watched, QWidget)
            and watched.styleSheet() != watched.property(_WRITTEN)
        ):
            retone([watched])
        return False


_watch: list[_Watch] = []


def retone(widgets: list[QWidget]) -> None:
    """Each widget's own style sheet toned for the palette in use (the light one kept)."""
    if not _watch:
        _watch.append(_Watch(QApplication.instance()))
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    for widget in widgets:
        sheet = widget.styleSheet()
        if sheet == widget.property(_WRITTEN):
            original = str(widget.property(_ORIGINAL))
        elif _HEX.search(sheet):  # new, or set again by the page since
            original = sheet
            if widget.property(_ORIGINAL) is None:
                widget.installEventFilter(_watch[0])
            widget.setProperty(_ORIGINAL, original)
        else:
            continue
        toned = toned_style_sheet(original, window) if theme.is_dark() else original
        widget.setProperty(_WRITTEN, toned)
        if toned != sheet:
            widget.setStyleSheet(toned)


def retone_all(app: QApplication) -> None:
    retone(app.allWidgets())
