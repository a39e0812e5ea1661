"""About: version, what the app is for, and the licences of bundled libraries and fonts."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop import __version__
from naravard_desktop.i18n import _
from naravard_desktop.licences import (
    bundled_fonts,
    bundled_icons,
    bundled_libraries,
    font_licence_text,
    icon_licence_text,
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About naravard-desktop"))
        self.resize(620, 480)
        title = QLabel(f"<h2>naravard-desktop {__version__}</h2>")
        title.setObjectName("about_title")
        text = QLabel(
            _(
                "For local collaboration groups in Good and close care (God och nära vård): "
                "the local plan, SIP "
                "follow-up, meetings and protocols, kept on your own computer."
            )
        )
        text.setWordWrap(True)
        runtime = QLabel(
            _("Python {python} · Qt {qt} · PySide6 {pyside}").format(
                python=platform.python_version(), qt=qVersion(), pyside=pyside_version
            )
        )

        components = bundled_libraries() + bundled_fonts() + bundled_icons()
        table = QTableWidget(len(components), 3)
        table.setObjectName("licence_table")
        table.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        for row, component in enumerate(components):
            for column, value in enumerate((component.name, component.version, component.licence)):
                table.setItem(row, column, QTableWidgetItem(value))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

        font_text = QTextBrowser()
        font_text.setPlainText(font_licence_text())
        icon_text = QTextBrowser()
        icon_text.setPlainText(icon_licence_text())
        tabs = QTabWidget()
        tabs.addTab(table, _("Libraries and fonts"))
        tabs.addTab(font_text, _("Font licence"))
        tabs.addTab(icon_text, _("Icon licence"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, text, runtime, tabs, buttons):
            layout.addWidget(widget)
