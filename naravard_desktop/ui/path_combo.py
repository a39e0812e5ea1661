"""A combo box of long paths ('Plan › område › aktivitet') that keeps their end visible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)


class PathComboBox(QComboBox):
    """Shows a long 'Plan › område › aktivitet' cut at its start ('… › aktivitet'): the end
    tells the activities apart, the plan's name is the same for all. The tooltip gives the
    whole path of the choice shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view().setTextElideMode(Qt.TextElideMode.ElideLeft)  # the list keeps the ends too
        self.currentIndexChanged.connect(self._update_tip)

    def _update_tip(self) -> None:
        self.setToolTip(self.currentText() if self.currentData() is not None else "")

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def shown_text(self) -> str:
        option = self._option()
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideLeft, field.width() - 6
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
