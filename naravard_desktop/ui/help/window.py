"""The help window: the bundled guides in a browser with links between them, back and
forward, and the list of all guides. One per main window, beside it (not modal), so the
secretary can read a step and do it; F1 again turns it to the page now shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from naravard_desktop.i18n import _
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.forms import named
from naravard_desktop.ui.help.guides import INDEX, guide_folder, guide_path
from naravard_desktop.ui.help.tooltips import with_keys


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help_window")
        self.resize(640, 720)
        self.browser = named(QTextBrowser, "help_browser", openExternalLinks=True)
        self.browser.setAccessibleName(_("Guide"))
        self.browser.setSearchPaths([str(guide_folder())])
        # Room to read: margins, and space between the steps (colours stay the palette's).
        self.browser.document().setDocumentMargin(14)
        self.browser.document().setDefaultStyleSheet(
            "h1 { font-size: xx-large; } h2 { font-size: x-large; margin-top: 14px; }"
            " h3 { font-size: large; margin-top: 10px; } li { margin-bottom: 4px; }"
            " p { margin-bottom: 8px; }"
        )
        self.browser.sourceChanged.connect(self._retitle)

        keys = QKeySequence.StandardKey
        self.back_action = make_action(
            self,
            _("&Back"),
            self.browser.backward,
            keys.Back,
            name="help_back",
            enabled=False,
        )
        self.forward_action = make_action(
            self,
            _("&Forward"),
            self.browser.forward,
            keys.Forward,
            name="help_forward",
            enabled=False,
        )
        self.contents_action = make_action(
            self,
            _("All &guides"),
            lambda: self.show_guide(INDEX),
            "Alt+Home",
            name="help_contents",
        )
        for action, tip in (
            (self.back_action, _("The guide read before this one")),
            (self.forward_action, _("The guide read after this one")),
            (self.contents_action, _("The list of every page's guide")),
        ):
            action.setToolTip(with_keys(tip, action))
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.back_action, self.forward_action, self.contents_action):
            toolbar.addAction(action)
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addWidget(self.browser, 1)

    def show_guide(self, key: str) -> None:
        """Shows the guide of page `key` (or the index) and brings the window forward."""
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path(key))))
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()

    def guide_shown(self) -> str:
        """The key of the guide on screen (the file's name without .html)."""
        return self.browser.source().fileName().removesuffix(".html")

    def _retitle(self) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(_("Help: {title}").format(title=title) if title else _("Help"))
