"""The SIP follow-up page: choose a period, type its counts, see what the rules warn about."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, ngettext
from naravard_desktop.services.sip import sip_periods, sip_setup
from naravard_desktop.services.sip.read_models import PeriodRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.pages import GroupDataPage
from naravard_desktop.ui.questions import Leave, ask_unsaved, confirm
from naravard_desktop.ui.sip import transfer
from naravard_desktop.ui.sip.analysis import AnalysisTab
from naravard_desktop.ui.sip.grid_model import SipGridModel
from naravard_desktop.ui.sip.grid_view import SipGridView
from naravard_desktop.ui.sip.period_dialog import PeriodDialog
from naravard_desktop.ui.sip.setup_dialog import SipSetupDialog
from naravard_desktop.ui.theme import heading as style_heading

HEADER_WIDTH = 340


class SipPage(GroupDataPage):
    def __init__(
        self, db: Database, group_id: int, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, group_id, undo_stack, parent)
        self.setup = sip_setup.get_setup(db, group_id)
        self.periods: list[PeriodRow] = []

        heading = QLabel(_("SIP follow-up"))
        style_heading(heading)  # larger than the system's font
        self.period_box = QComboBox()
        self.period_box.setObjectName("sip_period")
        self.period_box.setMinimumWidth(200)
        self.period_box.currentIndexChanged.connect(self._show_period)
        period_label = QLabel(_("Peri&od:"))
        period_label.setBuddy(self.period_box)
        self.state_label = QLabel()
        self.state_label.setObjectName("sip_state")

        self.new_period_action = make_action(
            self, _("&New period…"), self.add_period, name="sip_new_period"
        )
        self.close_action = make_action(
            self, _("&Close period"), self.toggle_closed, name="sip_close_period"
        )
        self.delete_period_action = make_action(
            self, _("&Remove period…"), self.remove_period, name="sip_remove_period"
        )
        self.export_action = make_action(self, _("&Export…"), self.export, name="sip_export")
        self.import_action = make_action(self, _("&Import…"), self.import_file, name="sip_import")
        self.print_action = make_action(
            self, _("Print…"), self.print_counts, "Ctrl+P", name="sip_print"
        )
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_period_action, self.close_action, self.delete_period_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.print_action)
        self.settings_action = make_action(
            self, _("&Settings…"), self.edit_settings, name="sip_settings"
        )
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)
        self.toolbar = toolbar

        self.model = SipGridModel(db, undo_stack, self)
        self.grid = SipGridView()
        self.grid.setModel(self.model)
        self.grid.verticalHeader().setFixedWidth(HEADER_WIDTH)
        self.model.refused.connect(self._refused)
        self.model.saved.connect(self._update_issues)
        self.message = QLabel()
        self.message.setObjectName("sip_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000;")
        self.issues = QListWidget()
        self.issues.setObjectName("sip_issues")
        self.issues_label = QLabel()
        self.issues_label.setBuddy(self.issues)

        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(period_label)
        bar.addWidget(self.period_box)
        bar.addWidget(self.state_label, 1)
        entry_layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.issues_label)
        lower_layout.addWidget(self.issues)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 120])
        entry_layout.addWidget(splitter, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(entry, _("&Counts"))
        self.analysis = AnalysisTab(db, group_id)
        self.tabs.addTab(self.analysis, _("A&nalysis"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(toolbar)
        layout.addWidget(self.tabs, 1)
        self.reload()

    # --- periods --------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_period()
        wanted = select_id if select_id is not None else (current.id if current else None)
        self.setup = sip_setup.get_setup(self.db, self.group_id)
        self.periods = sip_periods.list_periods(self.db, self.group_id)
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in reversed(self.periods):  # newest first
            self.period_box.addItem(period.label, period.id)
        index = self.period_box.findData(wanted) if wanted is not None else 0
        self.period_box.setCurrentIndex(max(index, 0))
        self.period_box.blockSignals(False)
        self._show_period()

    def current_period(self) -> PeriodRow | None:
        period_id = self.period_box.currentData()
        return next((p for p in self.periods if p.id == period_id), None)

    def _show_period(self) -> None:
        period = self.current_period()
        shown = self.model.period
        leaving = shown is not None and (period is None or period.id != shown.id)
        if shown is not None and leaving and not self.leave_period():
            # Avbryt: the period shown stays chosen
            self.period_box.blockSignals(True)
            self.period_box.setCurrentIndex(max(0, self.period_box.findData(shown.id)))
            self.period_box.blockSignals(False)
            return
        self.model.load(self.setup, period.id if period else None)
        self.message.clear()
        self._update_state()
        self._update_issues()

    def leave_period(self) -> bool:
        """Before another period or closing: the cell being typed is saved; text kept in a
        cell because it is not a count is asked about (Kasta / Avbryt). False: stay."""
        self.grid.commit_editing()
        period = self.model.period
        if period is None or not self.model.invalid:
            return True
        count = len(self.model.invalid)
        text = ngettext(
            "{count} cell of {period} holds text that is not a count and is not saved.",
            "{count} cells of {period} hold text that is not a count and are not saved.",
            count,
        ).format(count=count, period=period.label)
        reason = self.model.unsaved_reason()
        if reason:
            text += "\n\n" + reason
        if ask_unsaved(self, text, can_save=False) == Leave.DISCARD:
            self.model.reload()  # the stored counts again
            return True
        self.grid.setFocus()
        return False

    def can_close(self) -> bool:
        """Before the window closes: saved, or asked about (False: Avbryt)."""
        return self.leave_period()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page: the cell being typed is saved (text that is not a count stays red
        # in its cell, shown again with the page).
        self.grid.commit_editing()
        super().hideEvent(event)

    def _update_state(self) -> None:
        period = self.model.period
        self.close_action.setEnabled(period is not None)
        self.delete_period_action.setEnabled(period is not None and not period.closed)
        self.close_action.setText(
            _("Re&open period…") if period is not None and period.closed else _("&Close period")
        )
        if period is None:
            self.state_label.setText(_("No period yet: add one with “New period”."))
        elif period.closed:
            self.state_label.setText(_("Closed: read-only"))
        else:
            self.state_label.setText(
                f"{period.starts_on.isoformat()} – {period.ends_on.isoformat()}"
            )

    def _suggested_start(self) -> dt.date:
        if not self.periods:
            return dt.date.today()
        return self.periods[-1].ends_on + dt.timedelta(days=1)

    def add_period(self) -> None:
        dialog = PeriodDialog(
            self.db, self.group_id, self.setup.period_kind, self._suggested_start(), self
        )
        if dialog.exec() and dialog.created is not None:
            self.reload(dialog.created.id)
            self.grid.setFocus()
            self.grid.move_to(0, 0)

    def toggle_closed(self) -> None:
        period = self.model.period
        if period is None:
            return
        if period.closed and not confirm(
            self,
            _("Reopen period"),
            _("Reopen {period}? Its counts can then be changed again.").format(period=period.label),
            _("&Reopen"),
            destructive=False,
        ):
            return
        try:
            sip_periods.set_closed(self.db, period.id, not period.closed, period.version)
        except DomainError as error:
            show_error(self, error)
        self.reload(period.id)

    def remove_period(self) -> None:
        period = self.model.period
        if period is None:
            return
        if not confirm(
            self,
            _("Remove period"),
            _("Remove the empty period {period}?").format(period=period.label),
            _("&Remove"),
        ):
            return
        try:
            sip_periods.delete_period(self.db, period.id)
        except DomainError as error:
            show_error(self, error)
            return
        self.reload()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.analysis:
            period = self.current_period()
            year = period.year if period else dt.date.today().year
            self.analysis.reload(self.setup, year)

    def export(self) -> None:
        period = self.current_period()
        year = period.year if period else dt.date.today().year
        transfer.export_counts(self, self.db, self.group_id, year, self.setup.suppress_below)

    def print_counts(self) -> None:
        period = self.current_period()
        year = period.year if period else dt.date.today().year
        transfer.print_counts(self, self.db, self.group_id, year, self.setup.suppress_below)

    def edit_settings(self) -> None:
        SipSetupDialog(self.db, self.group_id, self).exec()
        self.reload()

    def import_file(self) -> None:
        if transfer.import_counts(self, self.db, self.group_id):
            self.reload()

    # --- messages -------------------------------------------------------------------------

    def _refused(self, message: str) -> None:
        self.message.setText(message)

    def _update_issues(self) -> None:
        # After a save the message says only what is still wrong: a cell fixed, emptied or
        # undone takes its error away, and a refusal that did not concern a cell (a paste that
        # did not fit, a closed period) is over once something was saved.
        self.message.setText(self.model.unsaved_reason() or "")
        self.issues.clear()
        names = {c.id: c.name for pair in self.setup.columns() for c in pair}
        for found in self.model.issues:
            self.issues.addItem(
                "{unit}, {target}: {message}".format(
                    unit=names.get(found.unit_id, ""),
                    target=names.get(found.target_group_id, ""),
                    message=found.issue.message,
                )
            )
        count = len(self.model.issues)
        self.issues_label.setText(
            ngettext(
                "{n} discrepancy to check (the counts are saved):",
                "{n} discrepancies to check (the counts are saved):",
                count,
            ).format(n=count)
            if count
            else _("No discrepancies in this period.")
        )
        if self.model.period is not None:
            self._update_period_row()

    def _update_period_row(self) -> None:
        period = self.model.period
        if period is None:
            return
        self.periods = [period if p.id == period.id else p for p in self.periods]
        self._update_state()
