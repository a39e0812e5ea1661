"""After an export: the confirmation says where the file went and offers Öppna (the file in
the program the system gives it) and Visa i mappen (its folder in the file manager), the two
things a secretary does next with a file just exported (look at it, attach or move it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QMessageBox, QSizePolicy, QSpacerItem, QWidget

from naravard_desktop.i18n import _
from naravard_desktop.ui.errors import show_error

MAX_WIDTH = 640  # pixels; a longer path wraps


def show_exported(parent: QWidget | None, title: str, path: Path) -> None:
    """The confirmation of an export: "Filen är sparad.", the file's name and its folder,
    with Öppna (the default), Visa i mappen and Stäng (Escape)."""
    box = QMessageBox(parent)
    box.setObjectName("exported")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(_("The file is saved."))
    # The name on a line of its own: a long one ("Protokoll 2026-09-28 Lokal …") is not split.
    box.setInformativeText(
        path.name + "\n" + _("In the folder {folder}").format(folder=path.parent)
    )
    open_button = box.addButton(_("&Open"), QMessageBox.ButtonRole.AcceptRole)
    open_button.setObjectName("open_exported")
    folder_button = box.addButton(_("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    folder_button.setObjectName("show_exported_folder")
    close_button = box.addButton(_("&Close"), QMessageBox.ButtonRole.RejectRole)
    close_button.setObjectName("close_exported")
    _wide_enough(box, [path.name, str(path.parent)])
    box.setDefaultButton(open_button)
    box.setEscapeButton(close_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        open_file(parent, path)
    elif clicked is folder_button:
        show_folder(parent, path)


def _wide_enough(box: QMessageBox, lines: list[str]) -> None:
    """Room for the longest line up to MAX_WIDTH: a message box is narrow by itself and would
    break a file's name and its folder in two."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        widest = max(box.fontMetrics().horizontalAdvance(line) for line in lines)
        room = QSpacerItem(min(widest + 80, MAX_WIDTH), 0, QSizePolicy.Policy.Minimum)
        layout.addItem(room, layout.rowCount(), 0, 1, layout.columnCount())


def open_file(parent: QWidget | None, path: Path) -> bool:
    """Open the file with the system's program for its kind; say so when none did."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    show_error(
        parent,
        _(
            "No program opened {path}. Open the file from its folder, or choose a program "
            "for its kind of file in the system's settings."
        ).format(path=path),
    )
    return False


def show_folder(parent: QWidget | None, path: Path) -> bool:
    """Show the folder holding `path` in the file manager."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return True
    show_error(
        parent,
        _("The folder {folder} could not be shown. Open it in the file manager.").format(
            folder=path.parent
        ),
    )
    return False
