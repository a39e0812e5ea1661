"""The plan's filters: the row of fields above the tree (text, status, responsible, only
overdue) and the proxy that shows the activities matching all of them. A filter must see
every activity, so setting one reads the areas the tree has not opened yet (one query)."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow
from naravard_desktop.ui.forms import combo_box, named, status_choices
from naravard_desktop.ui.plan.model import PlanTreeModel


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


class PlanFilter(QSortFilterProxyModel):
    """Shows activities that match every filter set, with the areas that hold them; with no
    filter every area is shown, even an empty one."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.text = ""
        self.status: ActivityStatus | None = None
        self.responsible = ""
        self.overdue_only = False

    def set_filters(
        self, text: str, status: ActivityStatus | None, responsible: str, overdue_only: bool
    ) -> None:
        if text.strip() or status or responsible.strip() or overdue_only:
            model = self.sourceModel()
            if isinstance(model, PlanTreeModel):
                model.fetch_all()  # the areas not opened yet hold matches too
        self.beginFilterChange()
        self.text = _folded(text)
        self.status = status
        self.responsible = _folded(responsible)
        self.overdue_only = overdue_only
        self.endFilterChange()

    def active(self) -> bool:
        return bool(self.text or self.status or self.responsible or self.overdue_only)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PlanTreeModel)
        index = model.index(source_row, 0, source_parent)
        row = model.node(index).row
        if not self.active():
            return True
        if isinstance(row, AreaRow):
            return False  # shown only through a matching activity (recursive filtering)
        if not isinstance(row, ActivityRow):
            return False
        if self.status is not None and row.status != self.status:
            return False
        if self.overdue_only and not row.is_overdue(model.today):
            return False
        if self.responsible and self.responsible not in row.responsible.casefold():
            return False
        if self.text:
            haystack = " ".join(
                (row.title, row.description, row.responsible, row.schedule_text)
            ).casefold()
            if self.text not in haystack:
                return False
        return True


class FilterBar(QWidget):
    """The filter fields; every change is applied to `proxy` at once, then `changed`."""

    changed = Signal()

    def __init__(self, proxy: PlanFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.text = named(
            QLineEdit,
            "plan_filter",
            placeholderText=_("Filter by text …"),
            clearButtonEnabled=True,
        )
        self.status = combo_box(
            [(_("All statuses"), None), *status_choices()], objectName="plan_filter_status"
        )
        self.responsible = named(
            QLineEdit, "plan_filter_responsible", placeholderText=_("Responsible …")
        )
        self.overdue = named(QCheckBox, "plan_filter_overdue", _("Only &overdue"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        stretches = ((self.text, 2), (self.status, 0), (self.responsible, 1), (self.overdue, 0))
        for widget, stretch in stretches:
            layout.addWidget(widget, stretch)
        for changed in (
            self.text.textChanged,
            self.status.currentIndexChanged,
            self.responsible.textChanged,
            self.overdue.toggled,
        ):
            changed.connect(self._apply)

    def _apply(self) -> None:
        status = self.status.currentData()
        self.proxy.set_filters(
            self.text.text(),
            ActivityStatus(status) if status else None,
            self.responsible.text(),
            self.overdue.isChecked(),
        )
        self.changed.emit()

    def focus_text(self) -> None:
        self.text.setFocus()
        self.text.selectAll()
