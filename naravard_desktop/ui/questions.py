"""Questions before something is deleted, discarded, replaced or reopened.

The buttons say what they do ("Ta bort" / "Avbryt", "Ersätt" / "Avbryt") instead of Ja / Nej,
so the answer can be given without reading the question twice, and Avbryt is both the default
button and Escape: a hurried Enter or Escape never destroys anything.

`ask_unsaved` is the one question before unsaved changes are left (Spara / Förkasta / Avbryt).

Every `confirm` question goes through `run`, the one place tests replace (tests/ui/conftest.py
`Boxes`) to answer without a modal loop.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from naravard_desktop.i18n import _


def run(box: QMessageBox) -> QAbstractButton | None:
    """Show the box modally; the button clicked (None when it was closed another way)."""
    box.exec()
    return box.clickedButton()


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    action: str,
    *,
    destructive: bool = True,
) -> bool:
    """Ask before `action` (the button's text, a verb: "&Ta bort"); True only when that
    button was chosen. Avbryt is the default and the Escape button."""
    box = QMessageBox(parent)
    box.setObjectName("confirm_question")
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    role = (
        QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    )
    act = box.addButton(action, role)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    try:
        return run(box) is act
    finally:
        box.deleteLater()


class Leave(Enum):
    """The answer to leaving unsaved changes."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(
    parent: QWidget,
    text: str,
    can_save: bool,
    *,
    title: str | None = None,
    can_cancel: bool = True,
) -> Leave:
    """Spara / Förkasta / Avbryt before unsaved changes are left (a plan row, the group's
    settings, a SIP cell, closing the window); no Spara when a field must be corrected first.
    The same three words wherever it is asked, never Qt's own Save / Discard."""
    box = QMessageBox(parent)
    box.setObjectName("unsaved_plan_changes")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("Unsaved changes"))
    box.setText(text)
    save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole) if can_save else None
    discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole) if can_cancel else None
    box.setDefaultButton(save or cancel or discard)
    if cancel is not None:
        box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if save is not None and clicked is save:
        return Leave.SAVE
    if clicked is discard:
        return Leave.DISCARD
    return Leave.CANCEL
