"""Restore: the backups beside the database with date, kind and contents, or any file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _, format_number
from naravard_desktop.services.system.backups import list_backups
from naravard_desktop.services.system.read_models import BackupInfo
from naravard_desktop.ui.questions import confirm


class RestoreDialog(QDialog):
    """Lets the user pick a backup (or a file); `chosen` is set when the dialog is accepted."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self.resize(760, 420)
        self.chosen: Path | None = None
        self.backups: list[BackupInfo] = list_backups(database)

        intro = QLabel(
            _(
                "Choose the backup to go back to. Before restoring, the present state is saved "
                "as a backup of its own, so this step can be undone by restoring that one."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels([_("Made"), _("Kind"), _("Contents"), _("Size")])
        for row, backup in enumerate(self.backups):
            kilobytes = format_number(round(backup.size / 1024))
            values = (
                backup.made_at.strftime("%Y-%m-%d %H:%M"),
                backup.kind_label,
                backup.summary(),
                _("{size} kB").format(size=kilobytes),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if self.backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        empty = QLabel(_("There are no backups yet."))
        empty.setVisible(not self.backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self._restore_selected)
        from_file = QPushButton(_("From &file…"))
        from_file.clicked.connect(self._restore_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(from_file, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (intro, self.table, empty, buttons):
            layout.addWidget(widget)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._confirm(self.backups[rows[0].row()].path)

    def _restore_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Restore from"), "", _("Database files (*.sqlite *.db);;All files (*)")
        )
        if name:
            self._confirm(Path(name))

    def _confirm(self, path: Path) -> None:
        if confirm(
            self,
            _("Restore"),
            _(
                "Replace everything in the database with the contents of {name}? "
                "The present state is backed up first."
            ).format(name=path.name),
            _("&Replace"),
        ):
            self.chosen = path
            self.accept()
