"""The Årsuppföljning page: choose a year, see the report's sections with their figures as
the PDF prints them, write the analysis of each (saved while typing), preview, export as PDF
or Word, print, adopt at a meeting's §, and open an adopted report for a correction.

The figures are read on a worker while the page stays usable: first everything but SIP
(quick), then the SIP part, whose small-number suppression takes long for a large group; the
SIP card says it is being worked out meanwhile."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.documents import report_text
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.annual import NoDataForYear, annual_report
from naravard_desktop.services.report.read_models import (
    AnnualReport,
    ReportAnalysis,
    Section,
    SipPart,
)
from naravard_desktop.services.report.report_choices import report_years
from naravard_desktop.services.report.sip_part import with_sip
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui import theme
from naravard_desktop.ui.actions import make_action
from naravard_desktop.ui.background import run_beside
from naravard_desktop.ui.errors import show_error, unexpected_error_text
from naravard_desktop.ui.lazy_pages import JustRead
from naravard_desktop.ui.meetings.autosave import SaveState, show_save_state
from naravard_desktop.ui.overview.cards import Card
from naravard_desktop.ui.report import adopting, files, sections
from naravard_desktop.ui.report.analysis_editors import AnalysisEditors


class ReportPage(QWidget):
    status_message = Signal(str)

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.group_id = group_id
        self.report: AnnualReport | None = None
        self.sip_ready = False
        self._reading = 0  # the read under way; an older one's result is dropped
        self._sip_known: SipPart | None = None

        heading = QLabel(_("Annual follow-up"))
        theme.heading(heading)
        self.year = QComboBox()
        self.year.setObjectName("report_year")
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        self.state_label = QLabel()
        self.state_label.setObjectName("report_state")
        self.state_label.setWordWrap(True)
        self.save_state = QLabel()
        self.save_state.setObjectName("report_save_state")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.save_state)

        self.preview_action = make_action(
            self, _("Pre&view"), self.preview, "Ctrl+F2", name="preview_report"
        )
        self.pdf_action = make_action(
            self, _("Export as &PDF…"), partial(self.export, ".pdf"), "Ctrl+Shift+E",
            name="export_report_pdf",
        )  # fmt: skip
        self.docx_action = make_action(
            self, _("Export as &Word…"), partial(self.export, ".docx"), name="export_report_docx"
        )
        self.print_action = make_action(
            self, _("P&rint…"), self.print_report, "Ctrl+P", name="print_report"
        )
        self.adopt_action = make_action(self, _("&Adopt…"), self.adopt, name="adopt_report")
        self.reopen_action = make_action(
            self, _("Open for &correction…"), self.reopen, name="reopen_report"
        )
        self.earlier_action = make_action(
            self, _("&Earlier versions…"), self.earlier_versions, name="earlier_report_versions"
        )
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.preview_action, self.pdf_action, self.docx_action, self.print_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.adopt_action)
        toolbar.addAction(self.reopen_action)
        toolbar.addAction(self.earlier_action)

        self.busy = QProgressBar()
        self.busy.setObjectName("report_busy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(_("Reading the year's figures"))
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.editors = AnalysisEditors(db, self)
        self.editors.state_changed.connect(self._show_save_state)
        self.editors.saved.connect(self._analysis_saved)
        self.cards = {s: Card(f"report_{s.value}", section_title(s)) for s in Section}
        self.outcomes = sections.Figures("report_outcomes")
        self.meeting_figures = sections.Figures("report_meeting_figures")
        self.area_bars = sections.AreaProgressBars()
        self.sip_brief = sections.table("report_sip_brief", _("SIP in brief"))
        self.meeting_list = sections.table("report_meetings", _("The year's meetings"))
        bodies: dict[Section, tuple[QWidget, ...]] = {
            Section.SUMMARY: (self.outcomes, self.meeting_figures),
            Section.PLAN: (self.area_bars,),
            Section.SIP: (self.sip_brief,),
            Section.MEETINGS: (self.meeting_list,),
        }
        content = QWidget()
        content.setObjectName("report_content")
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 8, 16, 16)
        column.setSpacing(12)
        column.addWidget(self.message)
        for section, card in self.cards.items():
            for body in bodies[section]:
                card.body.addWidget(body)
            card.body.addWidget(self.editors.boxes[section])
            column.addWidget(card)
            self.editors.editors[section].installEventFilter(self)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("report_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(toolbar)
        layout.addWidget(self.busy)
        layout.addWidget(self.scroll_area, 1)
        self._fill_years()
        self.year.currentIndexChanged.connect(lambda _index: self.read_year())
        self.read_year()
        self._just_read = JustRead(self)

    # --- reading ----------------------------------------------------------------------------

    def _fill_years(self) -> None:
        today = dt.date.today()
        years = report_years(self.db, self.group_id, today)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        # Last year's report is the one to write; this year's while it is the only one.
        last = self.year.findData(today.year - 1)
        self.year.setCurrentIndex(last if last >= 0 else 0)
        self.year.blockSignals(False)

    def show_year(self, year: int) -> None:
        """Choose `year` (read again even when it is chosen already)."""
        index = self.year.findData(year)
        if index < 0:
            return
        if index == self.year.currentIndex():
            self.read_year()
        else:
            self.year.setCurrentIndex(index)

    @property
    def reading(self) -> bool:
        """Whether figures are still being read (the bar under the toolbar runs)."""
        return not self.busy.isHidden()

    def chosen_year(self) -> int:
        return int(self.year.currentData())

    def showEvent(self, event: QShowEvent) -> None:
        if not self._just_read.take():  # the plan, meetings or SIP may have changed
            self.read_year()
        super().showEvent(event)

    def read_year(self) -> None:
        """Read the year chosen: the figures without SIP first, then the SIP part."""
        self.editors.flush()  # the texts typed for the year shown reach the database first
        self._reading += 1
        reading, year = self._reading, self.chosen_year()
        self.sip_ready = False
        self.busy.setVisible(True)
        self._update_actions()
        run_beside(
            self,
            lambda: annual_report(self.db, self.group_id, year, with_sip=False),
            partial(self._figures_read, reading),
            partial(self._failed, reading),
        )

    def _figures_read(self, reading: int, report: AnnualReport) -> None:
        if reading != self._reading:
            return
        self.report = report
        self.message.setVisible(False)
        for card in self.cards.values():
            card.setVisible(True)
        sections.show_summary(
            self.cards[Section.SUMMARY], self.outcomes, self.meeting_figures, report
        )
        sections.show_plan(self.cards[Section.PLAN], self.area_bars, report)
        sections.show_sip_pending(self.cards[Section.SIP], self.sip_brief)
        sections.show_meetings(self.cards[Section.MEETINGS], self.meeting_list, report)
        self.editors.show_analysis(report.analysis)
        self._show_state()
        known = self._sip_known
        run_beside(
            self,
            lambda: with_sip(self.db, report, known),
            partial(self._sip_read, reading),
            partial(self._failed, reading),
        )

    def _sip_read(self, reading: int, read: tuple[AnnualReport, SipPart]) -> None:
        full, self._sip_known = read  # kept: shown again at once while its counts are unchanged
        if reading != self._reading or self.report is None:
            return
        # The texts as typed meanwhile, not as they were when the SIP part was started.
        self.report = replace(full, analysis=self.editors.analysis or full.analysis)
        self.sip_ready = True
        self.busy.setVisible(False)
        sections.show_sip(self.cards[Section.SIP], self.sip_brief, self.report)
        self._update_actions()

    def _failed(self, reading: int, error: BaseException) -> None:
        if reading != self._reading:
            return
        self.busy.setVisible(False)
        if isinstance(error, NoDataForYear):
            self.report = None
            self.message.setText(error.message)
            self.message.setVisible(True)
            for card in self.cards.values():
                card.setVisible(False)
            self._show_state()  # no longer the state of the year shown before
        elif isinstance(error, DomainError):  # the SIP audit refused: said on its card
            self.cards[Section.SIP].say(error.message)
        else:
            show_error(self, unexpected_error_text(error))
        self._update_actions()

    # --- state ------------------------------------------------------------------------------

    def _show_state(self) -> None:
        report = self.report
        self.state_label.setText(report_text.state_line(report) if report else "")
        self._update_actions()

    def _show_save_state(self, state: object) -> None:
        adopted = self.report is not None and self.report.analysis.adopted
        if isinstance(state, SaveState):
            show_save_state(self.save_state, state, self.editors.restored, not adopted)

    def _analysis_saved(self, analysis: ReportAnalysis) -> None:
        if self.report is not None:
            self.report = replace(self.report, analysis=analysis)

    def _update_actions(self) -> None:
        report = self.report
        readable = report is not None
        adopted = report is not None and report.analysis.adopted
        for action in (self.preview_action, self.pdf_action, self.docx_action, self.print_action):
            action.setEnabled(readable)
        self.adopt_action.setEnabled(readable and not adopted)
        self.reopen_action.setEnabled(adopted)
        self.earlier_action.setEnabled(report is not None and bool(report.analysis.superseded))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A field reached with Tab is scrolled into view."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.scroll_area.ensureWidgetVisible(watched, 0, 40)
        return False

    # --- files and adoption -----------------------------------------------------------------

    def _texts_saved(self) -> bool:
        """The analysis saved before a file is made of it; else the user is told why not."""
        if self.editors.flush():
            return True
        show_error(
            self,
            _(
                "The analysis is not saved, so the report would lack it. Correct the text "
                "and try again."
            ),
        )
        return False

    def preview(self) -> None:
        if self.report is not None and self._texts_saved():
            files.preview_report(self, self.db, self.group_id, self.report.year, self._sip_known)

    def export(self, suffix: str) -> None:
        if self.report is not None and self._texts_saved():
            files.export_report(
                self, self.db, self.group_id, self.report.year, suffix, self._sip_known
            )

    def print_report(self) -> None:
        if self.report is not None and self._texts_saved():
            files.print_report(self, self.db, self.group_id, self.report.year, self._sip_known)

    def adopt(self) -> None:
        report = self.report
        if report is None or not self._texts_saved():
            return
        if adopting.adopt(self, self.db, self.group_id, report.year):
            self.status_message.emit(
                _("The annual follow-up {year} is adopted.").format(year=report.year)
            )
            self.read_year()

    def reopen(self) -> None:
        report = self.report
        if report is not None and adopting.reopen(self, self.db, report):
            self.status_message.emit(
                _("The annual follow-up {year} is open for a correction.").format(year=report.year)
            )
            self.read_year()

    def earlier_versions(self) -> None:
        """The adoptions a correction replaced, each exported as it was adopted."""
        from naravard_desktop.ui.report.dialogs import EarlierVersionsDialog

        report = self.report
        if report is None or not report.analysis.superseded:
            return
        dialog = EarlierVersionsDialog(
            report.year,
            report.analysis.superseded,
            partial(files.export_revision, self, self.db, self.group_id, report.year),
            self,
        )
        dialog.exec()
        dialog.deleteLater()
