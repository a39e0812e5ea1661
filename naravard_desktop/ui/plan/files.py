"""The plan page's files: export the plan as PDF or Excel, and import a spreadsheet through
the preview dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.file_dialogs import open_file_name, save_file_name

if TYPE_CHECKING:
    from naravard_desktop.ui.plan.page import PlanPage


def export_plan(page: PlanPage, suffix: str) -> None:
    if page.plan_id is None:
        return
    from naravard_desktop.documents.files import write_atomically
    from naravard_desktop.documents.plan_files import plan_file_bytes

    title = page.plan_choice.currentText() or "plan"
    kinds = {".pdf": _("PDF files (*.pdf)"), ".xlsx": _("Excel files (*.xlsx)")}
    name = save_file_name(page, _("Export the plan"), f"{title}{suffix}", kinds[suffix])
    if not name:
        return
    try:
        target = write_atomically(Path(name), plan_file_bytes(page.db, page.plan_id, suffix))
    except DomainError as error:
        show_error(page, error)
        return
    page.count_label.setText(_("Plan written to {path}").format(path=target))


def import_plan(page: PlanPage) -> None:
    from naravard_desktop.services.plan.plan_import import ImportPreview, read_plan_file
    from naravard_desktop.ui.background import run_in_background
    from naravard_desktop.ui.plan.import_dialog import ImportDialog

    kinds = _("Plans (*.xlsx *.csv *.docx);;All files (*)")
    name = open_file_name(page, _("Import a plan"), kinds)
    if not name:
        return
    path = Path(name)

    def preview_read(preview: ImportPreview) -> None:
        dialog = ImportDialog(page.db, page.group_id, path, page, preview=preview)
        if dialog.exec() and dialog.created is not None:
            page.reload_plans(dialog.created.id)

    # A large sheet takes seconds to read: off the GUI thread, with a busy dialog.
    page.import_task = run_in_background(
        page,
        _("Reading {name} …").format(name=path.name),
        lambda: read_plan_file(path),
        preview_read,
    )
