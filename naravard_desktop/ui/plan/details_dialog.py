"""The plan's details: title, validity period, state (utkast / fastställd), the meeting
decision that adopted it and the revision history ("reviderad 2024-02-09 (beslut i …)") as a
list to add to and remove from. Everything is saved together when the user presses OK."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.db.enums import PlanState
from naravard_desktop.i18n import _, format_iso_date, format_iso_range, join_names
from naravard_desktop.services.plan.plan_labels import plan_state_label
from naravard_desktop.services.plan.read_models import (
    DecisionChoice,
    PlanInput,
    PlanSummary,
    RevisionInput,
)
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import DateLineEdit, combo_box, named, read_dates, select_data

REVISION_ROLE = Qt.ItemDataRole.UserRole + 1

PlanDetails = tuple[PlanInput, list[RevisionInput]]


def decision_combo(choices: list[DecisionChoice], current: int | None) -> QComboBox:
    """ "No decision chosen" and the group's decisions, newest first."""
    combo = combo_box([(_("No decision chosen"), None), *((c.label, c.item_id) for c in choices)])
    select_data(combo, current)
    combo.setMinimumContentsLength(40)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def revision_text(revision: RevisionInput, labels: dict[int, str]) -> str:
    """ "2024-02-09 · Beslut i Fredagsgruppen · § 12, 17 maj 2024: Revidering av planen" """
    parts = [format_iso_date(revision.revised_on)]
    if revision.note:
        parts.append(" ".join(revision.note.split()))
    if revision.agenda_item_id is not None and revision.agenda_item_id in labels:
        parts.append(labels[revision.agenda_item_id])
    return " · ".join(parts)


class RevisionDialog(FormDialog):
    """One revision: the date, a note and optionally the decision behind it."""

    def __init__(
        self,
        choices: list[DecisionChoice],
        submit: Callable[[RevisionInput], None],
        parent: QWidget,
    ) -> None:
        super().__init__(_("Add a revision"), submit, parent, _("Add"))
        self.revised_on = named(DateLineEdit, "revision_date")
        self.note = named(
            QLineEdit, "revision_note", placeholderText=_("e.g. Decision of the Friday group")
        )
        self.decision = decision_combo(choices, None)
        self.decision.setObjectName("revision_decision")
        self.add_field(_("&Revised on"), self.revised_on, "revised_on")
        self.add_field(_("&Note"), self.note, "note")
        self.add_field(_("&Decided at"), self.decision, "agenda_item_id")

    def build(self) -> RevisionInput | None:
        day, problem = self.revised_on.date_or_error()
        if problem or day is None:
            self.errors.show({"revised_on": problem or _("Give the date of the revision.")})
            return None
        return RevisionInput(day, self.note.text().strip(), self.decision.currentData())


class PlanDetailsDialog(FormDialog):
    """`submit((plan input, revisions))` saves; a ValidationError keeps the dialog open with
    the message under the field and everything typed kept."""

    def __init__(
        self,
        plan: PlanSummary,
        choices: list[DecisionChoice],
        submit: Callable[[PlanDetails], None],
        parent: QWidget,
    ) -> None:
        super().__init__(_("Plan details"), submit, parent, _("Save"))
        self.setMinimumWidth(680)
        self.choices = choices
        self.labels = {c.item_id: c.label for c in choices}
        self.title = named(QLineEdit, "details_title", plan.title)
        self.valid_from = named(DateLineEdit, "details_valid_from")
        self.valid_from.set_date(plan.valid_from)
        self.valid_to = named(DateLineEdit, "details_valid_to")
        self.valid_to.set_date(plan.valid_to)
        self.state = combo_box(
            [(plan_state_label(s), s.value) for s in PlanState], objectName="details_state"
        )
        self.state.setCurrentIndex(self.state.findData(plan.state.value))
        self.adopted_by = decision_combo(choices, plan.adopted_by_item_id)
        self.adopted_by.setObjectName("details_adopted_by")

        self.revisions = named(
            QListWidget, "details_revisions", wordWrap=True, accessibleName=_("Revisions")
        )
        self.revisions.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.revisions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for revision in plan.revisions:
            self._add_item(revision.as_input())
        self.add_button = named(QPushButton, "add_revision", _("&Add revision…"))
        self.add_button.clicked.connect(self.add_revision)
        self.remove_button = named(QPushButton, "remove_revision", _("Re&move revision"))
        self.remove_button.clicked.connect(self.remove_revision)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.revisions)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_revision)
        self.revisions.currentRowChanged.connect(lambda _row: self._update_buttons())
        revision_box = QWidget()
        box = QVBoxLayout(revision_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.revisions)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        self.add_field(_("&Title"), self.title, "title")
        self.add_field(_("Valid &from"), self.valid_from, "valid_from")
        self.add_field(_("Valid &until"), self.valid_to, "valid_to")
        self.add_field(_("&State"), self.state, "state")
        self.add_field(_("Adopted &by decision"), self.adopted_by, "adopted_by_item_id")
        # The list, not the box around it, takes the mnemonic and the focus.
        self.add_field(_("&Revisions"), revision_box, "revisions", buddy=self.revisions)
        order = (self.revisions, self.add_button, self.remove_button, self.buttons)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        if self.revisions.count():
            self.revisions.setCurrentRow(0)
        self._update_buttons()

    # --- revisions ------------------------------------------------------------------------

    def revision_values(self) -> list[RevisionInput]:
        return [self.revisions.item(n).data(REVISION_ROLE) for n in range(self.revisions.count())]

    def _add_item(self, revision: RevisionInput) -> None:
        item = QListWidgetItem(revision_text(revision, self.labels))
        item.setData(REVISION_ROLE, revision)
        values = self.revision_values()
        at = sum(1 for r in values if r.revised_on <= revision.revised_on)
        self.revisions.insertItem(at, item)
        self.revisions.setCurrentRow(at)

    def add_revision(self) -> None:
        added: list[RevisionInput] = []
        if RevisionDialog(self.choices, added.append, self).exec() and added:
            self._add_item(added[0])
            self.revisions.setFocus()
        self._update_buttons()

    def remove_revision(self) -> None:
        row = self.revisions.currentRow()
        if row < 0:
            return
        self.revisions.takeItem(row)
        if self.revisions.count():
            self.revisions.setCurrentRow(min(row, self.revisions.count() - 1))
            self.revisions.setFocus()
        else:
            self.add_button.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.revisions.currentRow() >= 0)

    # --- the value ------------------------------------------------------------------------

    def build(self) -> PlanDetails | None:
        dates, problems = read_dates({"valid_from": self.valid_from, "valid_to": self.valid_to})
        if problems:
            self.errors.show(problems)
            return None
        start, end = dates["valid_from"], dates["valid_to"]
        data = PlanInput(
            title=self.title.text(),
            valid_from=start,
            valid_to=end,
            state=PlanState(self.state.currentData()),
            adopted_by_item_id=self.adopted_by.currentData(),
        )
        return data, self.revision_values()


def plan_info(plan: PlanSummary, labels: dict[int, str]) -> str:
    """The line under the plan chooser: state, period, decision and revisions."""
    parts = [plan_state_label(plan.state)]
    if plan.valid_from or plan.valid_to:
        parts.append(
            _("valid {period}").format(period=format_iso_range(plan.valid_from, plan.valid_to))
        )
    if plan.adopted_by_item_id is not None and plan.adopted_by_item_id in labels:
        parts.append(_("adopted at {item}").format(item=labels[plan.adopted_by_item_id]))
    if plan.revisions:
        dates = join_names(format_iso_date(r.revised_on) for r in plan.revisions)
        parts.append(_("revised {dates}").format(dates=dates))
    return " · ".join(parts)
