"""Two texts of one field to merge: someone else saved the notes or decision while the user
was writing them (another app on the server, another window). Both are shown side by side,
the stored one to read and copy from, the user's own to edit into the merged text; nothing is
saved over the other text unless the user chooses so here."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _
from naravard_desktop.ui.forms import buddy_label, named

CONFLICT_STYLE = (
    'QFrame[conflictWarning="true"] { background: #fff4ce; border: 1px solid #e0b400; '
    "border-radius: 3px; }"
)


class MergeChoice(Enum):
    MINE = "mine"  # the text as the user typed it, over the other one
    THEIRS = "theirs"  # the stored text; the user's is thrown away
    MERGED = "merged"  # the edited text of the right-hand field


class MergeDialog(QDialog):
    """`field_label` names the field ("Beslut"), `where` the item ("§ 5 Fast vårdkontakt").
    After exec(): `choice` (None: Avbryt, nothing decided) and `text()`, what to save."""

    def __init__(
        self, field_label: str, where: str, theirs: str, mine: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.setWindowTitle(_("Changed elsewhere"))
        self.setMinimumSize(720, 420)
        self.mine = mine
        self.choice: MergeChoice | None = None
        intro = named(
            QLabel,
            "merge_intro",
            _(
                "{field} of {item} was saved by someone else while you were writing. Your text "
                "is not saved. Compare the two texts, edit yours into a merged text if you "
                "like, and choose what to save."
            ).format(field=field_label, item=where),
            wordWrap=True,
        )
        self.theirs_box = named(
            QPlainTextEdit,
            "merge_theirs",
            readOnly=True,
            plainText=theirs,
            accessibleName=_("Saved by someone else"),
            tabChangesFocus=True,
        )
        self.mine_box = named(
            QPlainTextEdit,
            "merge_mine",
            plainText=mine,
            accessibleName=_("Your text, to merge"),
            tabChangesFocus=True,
        )
        self.mine_box.moveCursor(self.mine_box.textCursor().MoveOperation.End)
        grid = QGridLayout()
        grid.addWidget(buddy_label(_("Saved by &someone else:"), self.theirs_box), 0, 0)
        grid.addWidget(
            buddy_label(_("&Your text (edit it into the merged text):"), self.mine_box), 0, 1
        )
        grid.addWidget(self.theirs_box, 1, 0)
        grid.addWidget(self.mine_box, 1, 1)
        grid.setRowStretch(1, 1)

        buttons = QDialogButtonBox()
        self.merged_button = self._button(
            buttons, "merge_save_merged", _("Save the &merged text"), MergeChoice.MERGED
        )
        self.mine_button = self._button(
            buttons, "merge_keep_mine", _("&Keep my text"), MergeChoice.MINE
        )
        self.theirs_button = self._button(
            buttons, "merge_take_theirs", _("&Take their text"), MergeChoice.THEIRS
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setToolTip(_("Your text stays in the field, not saved"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.merged_button.setDefault(True)  # in the dialog now, so that it counts there
        self.mine_box.setFocus()

    def _button(
        self, buttons: QDialogButtonBox, name: str, text: str, choice: MergeChoice
    ) -> QPushButton:
        button = named(QPushButton, name, text, autoDefault=False)
        buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: MergeChoice) -> None:
        self.choice = choice
        self.accept()

    def text(self) -> str:
        """What the choice saves (the stored text for THEIRS)."""
        if self.choice is MergeChoice.THEIRS:
            return self.theirs_box.toPlainText()
        if self.choice is MergeChoice.MINE:
            return self.mine
        return self.mine_box.toPlainText()


class ConflictBar(QFrame):
    """Under a field whose text is held because of a conflict the user left unresolved
    (Avbryt): says the text is not saved and opens the merge again."""

    merge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_bar")
        self.setProperty("conflictWarning", True)  # the style follows any object name
        self.setStyleSheet(CONFLICT_STYLE)
        self.message = named(
            QLabel,
            "conflict_bar_message",
            _(
                "Not saved: someone else saved this text while you were writing. Compare the "
                "two texts and choose what to save."
            ),
            wordWrap=True,
        )
        self.setAccessibleDescription(self.message.text())
        button = named(QPushButton, "conflict_bar_merge", _("&Compare and save…"))
        button.clicked.connect(self.merge_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 3, 3)
        layout.addWidget(self.message, 1)
        layout.addWidget(button)
        self.hide()
