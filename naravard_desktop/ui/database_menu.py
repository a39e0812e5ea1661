"""Arkiv › Öppna databas… (Ctrl+O), Ny databas… and Senaste: another database file in this
window's place. The file is opened and checked first (ui/database_switch), then what is typed
here is saved or asked about as on closing, and only then does the window host
(ui/window_host) hand over to a window on the other file and let go of this one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from naravard_desktop.i18n import _
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.database_switch import Opened, create_file, open_file
from naravard_desktop.ui.recent_files import clear_files, recent_files, same_file

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database
    from naravard_desktop.ui.main_window import MainWindow

FOLDER_CHARACTERS = 48  # a long folder is shortened in the middle in the Senaste list


def database_title(db: Database) -> str:
    """The file's name, or the server's URL without its password: for the title bar."""
    if db.path is not None:
        return db.path.name
    from naravard_desktop.db.engine import database_name

    return database_name(db.url)


class DatabaseActions(QObject):
    """The File menu's entries for databases. They wait for a window host (`hosted_by`):
    only the host can put a window on another database."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._take_over: Callable[[Opened], object] | None = None
        window_wide = Qt.ShortcutContext.WindowShortcut
        self.open_action = make_action(
            window,
            _("&Open database…"),
            self.choose_file,
            QKeySequence.StandardKey.Open,
            name="open_database",
            context=window_wide,
            tooltip=_("Open another database file in this window"),
            enabled=False,
        )
        self.new_action = make_action(
            window,
            _("New &database…"),
            self.create_database,
            name="new_database",
            tooltip=_("Create an empty database file and set up its group"),
            enabled=False,
        )
        self.recent_menu = QMenu(_("Open R&ecent"), window)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.setToolTipsVisible(True)  # why a file is greyed out
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.fill_recent()  # so that the menu is not empty (and disabled) on macOS

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.open_action)
        menu.addAction(self.new_action)
        menu.addMenu(self.recent_menu)

    def hosted_by(self, take_over: Callable[[Opened], object]) -> None:
        """`take_over(opened)` puts the window on the database opened."""
        self._take_over = take_over
        self.open_action.setEnabled(True)
        self.new_action.setEnabled(True)
        self.fill_recent()

    # --- the menu entries -----------------------------------------------------------------

    def fill_recent(self) -> None:
        """The list as it is now: the file open here checked, a file not found greyed out
        with the reason in its tooltip."""
        menu = self.recent_menu
        menu.clear()
        entries = recent_files(self.window.settings)
        hosted = self._take_over is not None
        here = self.window.db.path
        for number, entry in enumerate(entries, start=1):
            text = f"&{number} {_escaped(entry.path.name)}  ({_escaped(_short(entry.path.parent))})"
            action = QAction(text, menu)
            action.setObjectName(f"recent_{number}")
            action.setToolTip(str(entry.path))
            if here is not None and same_file(entry.path, here):
                action.setCheckable(True)
                action.setChecked(True)
                action.setEnabled(False)
                action.setToolTip(_("Open in this window: {path}").format(path=entry.path))
            elif not entry.exists:
                action.setEnabled(False)
                action.setToolTip(
                    _(
                        "Not found: {path}. It was moved or deleted, or its drive is not connected."
                    ).format(path=entry.path)
                )
            else:
                action.setEnabled(hosted)
                action.triggered.connect(lambda _c=False, p=entry.path: self.open_path(p))
            menu.addAction(action)
        if not entries:
            empty = menu.addAction(_("No files opened yet"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(_("&Clear the list"))
        clear.setObjectName("clear_recent")
        clear.setEnabled(bool(entries))
        clear.triggered.connect(lambda _c=False: clear_files(self.window.settings))

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Open database"),
            str(self._folder()),
            _("Database files (*.sqlite *.db);;All files (*)"),
        )
        if name:
            self.open_path(Path(name))

    def create_database(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("New database"),
            str(self._folder() / _("New database.sqlite")),
            _("Database files (*.sqlite *.db)"),
            "",
            QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused below
        )
        if name:
            self._switch(create_file(self.window, Path(name), self.window.db.display_name))

    def open_path(self, path: Path) -> None:
        here = self.window.db.path
        if here is not None and same_file(path, here):
            self.window.statusBar().showMessage(
                _("{name} is the database open in this window.").format(name=path.name), 8000
            )
            return
        db = self.window.db
        self._switch(open_file(self.window, path, self.window.settings, db.display_name))

    # --- handing over ---------------------------------------------------------------------

    def _switch(self, opened: Opened | None) -> None:
        """What is typed here is saved or asked about; Avbryt keeps this window and lets go
        of the other file."""
        if opened is None:
            return
        if self._take_over is None or not self.window._may_leave():
            opened.release()
            return
        self.window._save_state()  # the next window opens where this one was, on its page
        self._take_over(opened)

    def _folder(self) -> Path:
        """The folder of the file open here, else the home folder."""
        here = self.window.db.path
        return here.parent if here is not None and here.parent.is_dir() else Path.home()


def _short(folder: Path) -> str:
    text = str(folder)
    if len(text) <= FOLDER_CHARACTERS:
        return text
    half = (FOLDER_CHARACTERS - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def _escaped(text: str) -> str:
    """An & in a file name shown as itself, not as a mnemonic."""
    return text.replace("&", "&&")
