"""Import preview: what the file will become and every problem by row and column; nothing is
written until the user presses Import, and then in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.database import Database
from naravard_desktop.services.plan_import import ImportPreview, apply_import, read_plan_file
from naravard_desktop.services.plans import PlanSummary
from naravard_desktop.services.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.privacy import ask_privacy

PREVIEW_ROWS = 500


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
        self.resize(820, 600)
        try:
            self.preview = preview or read_plan_file(path)
        except DomainError as error:
            show_error(parent, error)
            return
        preview = self.preview
        self.title = QLineEdit(preview.plan.title)
        self.title.setObjectName("import_title")
        title_label = QLabel(_("Plan &title"))
        title_label.setBuddy(self.title)
        summary = QLabel(
            _("Sheet “{sheet}”: {areas} and {activities}.").format(
                sheet=preview.sheet,
                areas=ngettext("{count} area", "{count} areas", len(preview.areas)).format(
                    count=len(preview.areas)
                ),
                activities=ngettext(
                    "{count} activity", "{count} activities", len(preview.activities)
                ).format(count=len(preview.activities)),
            )
        )
        self.content = QTreeWidget()
        self.content.setObjectName("import_content")
        self.content.setHeaderLabels([_("Area / activity"), _("Responsible"), _("Schedule")])
        items: list[QTreeWidgetItem] = []
        for area in preview.areas:
            item = QTreeWidgetItem([area.label])
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
            items[activity.area].addChild(
                QTreeWidgetItem(
                    [" ".join(data.title.split()), data.responsible, data.schedule_text]
                )
            )
        self.content.expandAll()
        self.content.setColumnWidth(0, 440)
        self.problems = QTreeWidget()
        self.problems.setObjectName("import_problems")
        self.problems.setHeaderLabels([_("Where"), _("Problem")])
        for problem in preview.problems:
            kind = _("Error") if problem.blocking else _("Note")
            self.problems.addTopLevelItem(
                QTreeWidgetItem([problem.where, f"{kind}: {problem.message}"])
            )
        self.problems.setColumnWidth(0, 160)
        problems_label = QLabel(
            _("Problems to correct in the file before importing: {count}").format(
                count=len(preview.blocking)
            )
            if preview.blocking
            else _("No problems that stop the import.")
        )
        problems_label.setObjectName("import_verdict")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Import"))
        ok.setEnabled(preview.can_apply)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addWidget(summary)
        layout.addWidget(self.content, 3)
        layout.addWidget(problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)

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
