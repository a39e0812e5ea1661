"""The plan page's files: export a plan as PDF or Excel (confirmed with Öppna and Visa i
mappen) or print it, and import a spreadsheet or Word plan through the preview dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.plan.plans import get_plan
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.exported import show_exported
from naravard_desktop.ui.file_dialogs import export_key, open_file_name, save_file_name


def export_plan(
    parent: QWidget, db: Database, plan_id: int, title: str, suffix: str
) -> Path | None:
    """Ask where to (the folder the last plan went to), write the plan there (".pdf" or
    ".xlsx") and confirm it with Öppna and Visa i mappen; the file written, or None."""
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.plan_files import plan_file_bytes

    heading = _("Export the plan")
    kinds = {".pdf": _("PDF files (*.pdf)"), ".xlsx": _("Excel files (*.xlsx)")}
    today = dt.date.today()
    try:
        group = get_group(db, get_plan(db, plan_id).group_id).name
        suggested = f"{title or 'plan'} {format_iso_date(today)} {group}{suffix}"
        name = save_file_name(parent, heading, suggested, kinds[suffix], export_key("plan"))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        path = write_atomically(path, plan_file_bytes(db, plan_id, suffix, today))
    except DomainError as error:
        show_error(parent, error)
        return None
    show_exported(parent, heading, path)
    return path


def print_plan(parent: QWidget, db: Database, plan_id: int | None) -> bool:
    """Print the plan as its PDF export looks, through the system's print dialog (nothing
    when no plan is chosen)."""
    if plan_id is None:
        return False
    from naravard_desktop.documents.plan_files import plan_file_bytes
    from naravard_desktop.ui.printing import print_pdf

    return print_pdf(parent, _("Print the plan"), lambda: plan_file_bytes(db, plan_id, ".pdf"))


def import_plan(
    parent: QWidget, db: Database, group_id: int, imported: Callable[[int], None]
) -> QObject | None:
    """Ask for a file and read it off the GUI thread (a large sheet takes seconds), then
    show the preview; `imported(plan_id)` once a plan was made of it. The background read,
    or None when no file was chosen."""
    from naravard_desktop.services.plan.plan_import import read_plan_file
    from naravard_desktop.services.plan.plan_import_model import ImportPreview
    from naravard_desktop.ui.background import run_in_background
    from naravard_desktop.ui.plan.import_dialog import ImportDialog

    kinds = _("Plans (*.xlsx *.csv *.docx);;All files (*)")
    name = open_file_name(parent, _("Import a plan"), kinds)
    if not name:
        return None
    path = Path(name)

    def preview_read(preview: ImportPreview) -> None:
        dialog = ImportDialog(db, group_id, path, parent, preview=preview)
        if dialog.exec() and dialog.created is not None:
            imported(dialog.created.id)

    return run_in_background(
        parent,
        _("Reading {name} …").format(name=path.name),
        lambda: read_plan_file(path),
        preview_read,
    )
