"""Export, print and import from the SIP page: a small export dialog (year, format, small
numbers; for printing year and small numbers) and an import that shows its preview, with every
problem, before anything is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.documents.files import write_atomically
from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.sip import sip_import
from naravard_desktop.services.sip.read_models import HIDDEN
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.exported import show_exported
from naravard_desktop.ui.file_dialogs import export_key, open_file_name, save_file_name
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import combo_box, named
from naravard_desktop.ui.questions import confirm


class ExportDialog(QDialog):
    """What to export; with `printing`, what to print (the PDF report: no format to choose)."""

    def __init__(
        self, year: int, threshold: int, parent: QWidget | None = None, *, printing: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print SIP counts") if printing else _("Export SIP counts"))
        self.year = named(QSpinBox, "export_year", minimum=2000, maximum=2100, value=year)
        formats = [
            (_("Excel workbook (.xlsx)"), (".xlsx", False)),
            (_("CSV for Swedish Excel (.csv)"), (".csv", False)),
            (_("CSV in UTF-8 (.csv)"), (".csv", True)),
            (_("PDF report (.pdf)"), (".pdf", False)),
        ]
        self.format = combo_box(formats, objectName="export_format")
        hide = _("&Hide small numbers (counts 1–{largest} shown as “{sign}”)")
        self.suppress = named(
            QCheckBox, "export_suppress", hide.format(largest=threshold - 1, sign=HIDDEN)
        )
        self.threshold = threshold
        form = QFormLayout()
        form.addRow(_("&Year"), self.year)
        form.addRow(_("&Format"), self.format)
        form.addRow("", self.suppress)
        form.setRowVisible(self.format, not printing)
        # The next step is choosing where to save (or a printer): the button names it.
        buttons = ok_cancel_buttons(self, _("Print…") if printing else _("Export…"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def export_counts(parent: QWidget, db: Database, group_id: int, year: int, threshold: int) -> None:
    dialog = ExportDialog(year, threshold, parent)
    if not dialog.exec():
        return
    suffix, utf8 = dialog.format.currentData()
    chosen_year = dialog.year.value()
    title = _("Export SIP counts")
    try:
        group = get_group(db, group_id).name
    except DomainError as error:
        show_error(parent, error)
        return
    suggested = f"SIP {chosen_year} {group}{suffix}"
    name = save_file_name(parent, title, suggested, f"*{suffix}", export_key("sip"))
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        data = sip_file_bytes(
            db,
            group_id,
            chosen_year,
            suffix,
            suppress_below=threshold if dialog.suppress.isChecked() else None,
            utf8=utf8,
        )
        write_atomically(path, data)
    except DomainError as error:
        show_error(parent, error)
        return
    show_exported(parent, title, path)


def print_counts(parent: QWidget, db: Database, group_id: int, year: int, threshold: int) -> bool:
    """Print a year's SIP report (the PDF export's pages), small numbers hidden if chosen.
    True when printed."""
    from naravard_desktop.ui.printing import print_pdf

    dialog = ExportDialog(year, threshold, parent, printing=True)
    if not dialog.exec():
        return False
    chosen_year = dialog.year.value()
    suppress = threshold if dialog.suppress.isChecked() else None
    return print_pdf(
        parent,
        _("Print SIP counts"),
        lambda: sip_file_bytes(db, group_id, chosen_year, ".pdf", suppress_below=suppress),
    )


def import_counts(parent: QWidget, db: Database, group_id: int) -> bool:
    """Returns True when counts were saved."""
    name = open_file_name(parent, _("Import SIP counts"), _("Spreadsheets (*.xlsx *.csv)"))
    if not name:
        return False
    try:
        preview = sip_import.preview_import(db, group_id, Path(name))
    except DomainError as error:
        show_error(parent, error)
        return False
    lines = [
        ngettext("{n} row read.", "{n} rows read.", preview.rows_read).format(n=preview.rows_read)
    ]
    for period in preview.periods:
        state = _("new period") if period.existing_id is None else _("existing period")
        lines.append(
            ngettext(
                "{period} ({state}): {n} cell changes",
                "{period} ({state}): {n} cells change",
                period.changed,
            ).format(period=period.label, state=state, n=period.changed)
        )
    if not preview.ok:
        shown = preview.problems[:15]
        if len(preview.problems) > len(shown):
            more = len(preview.problems) - len(shown)
            shown.append(ngettext("… and {n} more.", "… and {n} more.", more).format(n=more))
        show_error(
            parent,
            "\n".join([_("Nothing was imported: correct the file and try again."), *shown]),
            _("Import SIP counts"),
        )
        return False
    if not confirm(
        parent,
        _("Import SIP counts"),
        "\n".join([*lines, "", _("Save these counts?")]),
        _("&Save the counts"),
    ):
        return False
    try:
        sip_import.apply_import(db, group_id, preview)
    except DomainError as error:
        show_error(parent, error)
        return False
    return True
