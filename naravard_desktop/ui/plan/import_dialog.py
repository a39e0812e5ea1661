"""Import preview: what the file will become (the title, validity and revisions found, the
areas and sub-areas with their counts and activities), the rows left out and why, and every
problem by row and column. The two likeliest misreadings can be corrected here before
anything is written: a row read as a heading or as an activity, and lists in one cell split
into one activity per line or not (and which sheet, when several hold a plan). Nothing is
written until the user presses Import, and then in one transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.plan.plan_import import (
    apply_import,
    preview_again,
    read_plan_file,
)
from naravard_desktop.services.plan.plan_import_model import ImportOptions, ImportPreview
from naravard_desktop.services.plan.plan_import_summary import (
    area_lines,
    plan_lines,
    skipped_groups,
    source_line,
)
from naravard_desktop.services.plan.read_models import PlanSummary
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.form_dialog import ok_cancel_buttons
from naravard_desktop.ui.forms import buddy_label, combo_box, named
from naravard_desktop.ui.privacy import ask_privacy

PREVIEW_ROWS = 500
ROW_ROLE = Qt.ItemDataRole.UserRole  # (sheet, zero-based row, "area" | "activity")


class ImportDialog(QDialog):
    def __init__(
        self,
        db: Database,
        group_id: int,
        path: Path,
        parent: QWidget,
        *,
        preview: ImportPreview | None = None,
    ) -> None:
        """Shows `preview` (read in the background by the caller) or reads `path` itself."""
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.created: PlanSummary | None = None
        self.preview: ImportPreview | None = None
        self.setWindowTitle(_("Import {name}").format(name=path.name))
        self.resize(900, 680)
        try:
            self.preview = preview or read_plan_file(path)
        except DomainError as error:
            show_error(parent, error)
            return
        self.title = named(QLineEdit, "import_title", self.preview.plan.title)
        self.title.textEdited.connect(lambda _text: setattr(self, "title_edited", True))
        self.title_edited = False
        title_label = buddy_label(_("Plan &title"), self.title)
        self.summary = named(QLabel, "import_summary", wordWrap=True)
        every_sheet = (_("All sheets, one area per sheet"), None)
        sheets = [every_sheet, *((name, name) for name in self.preview.sheets)]
        self.sheet_choice = combo_box(sheets, objectName="import_sheet")
        self.sheet_label = buddy_label(_("&Sheet"), self.sheet_choice)
        if self.preview.options.sheet is not None:
            self.sheet_choice.setCurrentIndex(
                self.sheet_choice.findData(self.preview.options.sheet)
            )
        self.sheet_choice.currentIndexChanged.connect(self._sheet_chosen)
        self.bullets = named(QCheckBox, "import_bullets", _("One activity per &line in lists"))
        self.bullets.toggled.connect(self._bullets_toggled)
        self.content = named(QTreeWidget, "import_content")
        self.content.setHeaderLabels([_("Area / activity"), _("Responsible"), _("Schedule")])
        self.content.currentItemChanged.connect(lambda *_args: self._enable_row_buttons())
        self.as_activity = named(
            QPushButton, "import_as_activity", _("Read the row as an &activity")
        )
        self.as_activity.clicked.connect(lambda: self._read_row_as("activity"))
        self.as_heading = named(QPushButton, "import_as_heading", _("Read the row as a &heading"))
        self.as_heading.clicked.connect(lambda: self._read_row_as("heading"))
        for button in (self.as_activity, self.as_heading):
            button.setAutoDefault(False)  # Return in the title imports, as before
        self.skipped = named(QTreeWidget, "import_skipped", rootIsDecorated=False)
        self.skipped.setHeaderLabels([_("Where"), _("Why it was left out")])
        skipped_label = buddy_label(_("Rows left &out"), self.skipped)
        self.problems = named(QTreeWidget, "import_problems", rootIsDecorated=False)
        self.problems.setHeaderLabels([_("Where"), _("Problem")])
        self.problems_label = named(QLabel, "import_verdict")
        self.buttons = ok_cancel_buttons(self, _("&Import"), on_ok=self._import)
        self._lay_out(title_label, skipped_label)
        self._show()

    def _lay_out(self, title_label: QLabel, skipped_label: QLabel) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        choices = QHBoxLayout()
        choices.addWidget(self.sheet_label)
        choices.addWidget(self.sheet_choice, 1)
        choices.addWidget(self.bullets)
        choices.addStretch()
        layout.addLayout(choices)
        layout.addWidget(self.content, 4)
        rows = QHBoxLayout()
        rows.addWidget(self.as_activity)
        rows.addWidget(self.as_heading)
        rows.addStretch()
        layout.addLayout(rows)
        layout.addWidget(skipped_label)
        layout.addWidget(self.skipped, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    # --- showing what was understood ------------------------------------------------------

    def _show(self) -> None:
        preview = self.preview
        assert preview is not None
        if not self.title_edited:
            self.title.setText(preview.plan.title)
        self.summary.setText("\n".join([source_line(preview), *plan_lines(preview)]))
        several = len(preview.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet_choice.setVisible(several)
        self.bullets.blockSignals(True)
        self.bullets.setChecked(preview.bullets_split > 0)
        self.bullets.setEnabled(preview.bullet_cells > 0)
        self.bullets.setToolTip(
            ngettext(
                "{count} cell holds a list.", "{count} cells hold a list.", preview.bullet_cells
            ).format(count=preview.bullet_cells)
        )
        self.bullets.blockSignals(False)
        self._fill_content(preview)
        self.skipped.clear()
        for where, why, _row in skipped_groups(preview):
            self.skipped.addTopLevelItem(QTreeWidgetItem([where, why]))
        self.skipped.resizeColumnToContents(0)
        self.skipped.setColumnWidth(0, min(self.skipped.columnWidth(0), 520))
        self.problems.clear()
        for problem in preview.problems:
            kind = _("Error") if problem.blocking else _("Note")
            self.problems.addTopLevelItem(
                QTreeWidgetItem([problem.where, f"{kind}: {problem.message}"])
            )
        self.problems.setColumnWidth(0, 160)
        self.problems_label.setText(
            _("Problems to correct in the file before importing: {count}").format(
                count=len(preview.blocking)
            )
            if preview.blocking
            else _("No problems that stop the import.")
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(preview.can_apply)
        self._enable_row_buttons()

    def _fill_content(self, preview: ImportPreview) -> None:
        self.content.clear()
        items: list[QTreeWidgetItem] = []
        for (_depth, text), area in zip(area_lines(preview), preview.areas, strict=True):
            item = QTreeWidgetItem([text])
            item.setData(0, ROW_ROLE, (preview.sheet_of(area.sheet), area.row, "area"))
            parent_item = items[area.parent] if area.parent is not None else None
            if parent_item is not None:
                parent_item.addChild(item)
            else:
                self.content.addTopLevelItem(item)
            items.append(item)
        for shown, activity in enumerate(preview.activities):
            if shown >= PREVIEW_ROWS:
                break
            data = activity.data
            texts = (data.title, data.responsible, data.schedule_text)
            item = QTreeWidgetItem([" ".join(text.split()) for text in texts])
            item.setData(0, ROW_ROLE, (preview.sheet_of(activity.sheet), activity.row, "activity"))
            item.setToolTip(0, _("row {row}").format(row=activity.row + 1))
            items[activity.area].addChild(item)
        self.content.expandAll()
        self.content.setColumnWidth(0, 460)

    def _enable_row_buttons(self) -> None:
        item = self.content.currentItem()
        kind = item.data(0, ROW_ROLE)[2] if item is not None else None
        self.as_activity.setEnabled(kind == "area")
        self.as_heading.setEnabled(kind == "activity")

    # --- the user's corrections -----------------------------------------------------------

    def _read_again(self, options: ImportOptions, select: tuple[str, int] | None = None) -> None:
        assert self.preview is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # seconds for 19 000 rows
        try:
            self.preview = preview_again(self.preview, options)
        finally:
            QApplication.restoreOverrideCursor()
        self._show()
        if select is not None:
            self._select_row(select)

    def _select_row(self, wanted: tuple[str, int]) -> None:
        pending = [self.content.topLevelItem(i) for i in range(self.content.topLevelItemCount())]
        while pending:
            item = pending.pop(0)
            if item is None:
                continue
            if tuple(item.data(0, ROW_ROLE)[:2]) == wanted:
                self.content.setCurrentItem(item)
                self.content.setFocus()
                return
            pending.extend(item.child(i) for i in range(item.childCount()))

    def _read_row_as(self, kind: str) -> None:
        """The selected row read as the other kind; asking again undoes it."""
        assert self.preview is not None
        item = self.content.currentItem()
        if item is None:
            return
        sheet, row, _was = item.data(0, ROW_ROLE)
        key = (sheet, row)
        options = self.preview.options
        as_activity = options.as_activity - {key}
        as_heading = options.as_heading - {key}
        if kind == "activity" and key not in options.as_heading:
            as_activity |= {key}
        if kind == "heading" and key not in options.as_activity:
            as_heading |= {key}
        self._read_again(
            replace(options, as_activity=as_activity, as_heading=as_heading), select=key
        )

    def _bullets_toggled(self, checked: bool) -> None:
        assert self.preview is not None
        self._read_again(replace(self.preview.options, split_bullets=checked))

    def _sheet_chosen(self, _index: int) -> None:
        assert self.preview is not None
        self._read_again(replace(self.preview.options, sheet=self.sheet_choice.currentData()))

    # --- applying -------------------------------------------------------------------------

    def _import(self, privacy_override: str | None = None) -> None:
        assert self.preview is not None
        try:
            self.created = apply_import(
                self.db,
                self.group_id,
                self.preview,
                self.title.text().strip() or None,
                privacy_override=privacy_override,
            )
        except PrivacyWarning as warning:
            # Rows whose text looks like it holds an identity number: correct the file, or
            # import anyway with a reason.
            reason = ask_privacy(
                self,
                warning,
                labels={"title": _("Activity")},
                back_text=_("&Back to the preview"),
            )
            if reason is not None:
                self._import(reason)
            return
        except DomainError as error:
            show_error(self, error)
            return
        self.accept()
