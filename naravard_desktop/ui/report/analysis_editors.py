"""The secretary's analysis of each section of the year's report: typed freely and saved
after a pause (ui/meetings/autosave), kept as a draft until the database has it, an identity
number warned about in a bar under the field, and a text saved elsewhere meanwhile never
overwritten but shown beside the user's to merge. Ctrl+Z in a field undoes the typing there.
All four texts share the report's version: a save that finds it moved by another section's
text saved elsewhere is made again on the new version, since this section's text is as it
was read."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from naravard_desktop.errors import DomainError, StaleEditError, TextConflictError
from naravard_desktop.i18n import _
from naravard_desktop.services.report import analysis as report_analysis
from naravard_desktop.services.report.read_models import ReportAnalysis, Section
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.draft_places import ANNUAL_REPORT, report_draft_id
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.services.system.privacy import PrivacyWarning
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.autosave import SaveState, TextAutosaver
from naravard_desktop.ui.meetings.merge_dialog import ConflictBar, MergeDialog
from naravard_desktop.ui.privacy import PrivacyBar, ask_privacy, select_first_number

DRAFT_RECORD = ANNUAL_REPORT
draft_id = report_draft_id


class _Drafts:
    def __init__(self, editors: AnalysisEditors, section: Section) -> None:
        self.editors = editors
        self.section = section

    def keep(self, text: str) -> None:
        shown = self.editors.analysis
        if shown is not None:
            record = draft_id(shown.group_id, shown.year)
            self.editors.drafts.save(
                DRAFT_RECORD, record, self.section.value, text, base_version=shown.version
            )

    def drop(self) -> None:
        shown = self.editors.analysis
        if shown is not None:
            record = draft_id(shown.group_id, shown.year)
            self.editors.drafts.clear(DRAFT_RECORD, record, self.section.value)


class AnalysisEditors(QObject):
    """The four analysis fields of the report shown; `state_changed` after each save."""

    state_changed = Signal(object)  # SaveState of the four together
    saved = Signal(object)  # the ReportAnalysis as stored now

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.owner = parent
        self.analysis: ReportAnalysis | None = None
        self.restored = False
        self.drafts = DraftStore(db.path or db.url)
        # The text each field was typed on, as last read or saved (None: not known).
        self.bases: dict[Section, str | None] = dict.fromkeys(Section, "")
        self.editors: dict[Section, QPlainTextEdit] = {}
        self.savers: dict[Section, TextAutosaver] = {}
        self.privacy_bars: dict[Section, PrivacyBar] = {}
        self.conflict_bars: dict[Section, ConflictBar] = {}
        self.boxes: dict[Section, QWidget] = {}
        for section in Section:
            self._make(section)

    def _make(self, section: Section) -> None:
        editor = QPlainTextEdit()
        editor.setObjectName(f"report_analysis_{section.value}")
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(90)
        editor.setMaximumHeight(220)  # the page scrolls; the field scrolls beyond this
        # Its own edge: on a dark palette the card and the field share one colour.
        editor.setStyleSheet(
            "QPlainTextEdit { border: 1px solid palette(mid); border-radius: 3px; }"
            " QPlainTextEdit:focus { border: 2px solid palette(highlight); }"
        )
        editor.setPlaceholderText(_("What the figures show, what went well, what is next …"))
        saver = TextAutosaver(editor, partial(self._save, section), _Drafts(self, section))
        saver.state_changed.connect(self._state)
        saver.failed.connect(partial(self._refused, section))
        privacy = PrivacyBar()
        privacy.setObjectName(f"report_privacy_bar_{section.value}")
        privacy.show_requested.connect(partial(select_first_number, editor))
        privacy.override_requested.connect(partial(self._save_anyway, section))
        conflict = ConflictBar()
        conflict.setObjectName(f"report_conflict_bar_{section.value}")
        conflict.merge_requested.connect(partial(self.merge_again, section))
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        # No mnemonic: four fields share the caption; each is named for its section.
        label = QLabel(_("Analysis:"))
        label.setBuddy(editor)
        editor.setAccessibleName(
            _("Analysis of {section}").format(section=report_analysis.section_title(section))
        )
        layout.addWidget(label)
        layout.addWidget(editor)
        layout.addWidget(privacy)
        layout.addWidget(conflict)
        self.editors[section] = editor
        self.savers[section] = saver
        self.privacy_bars[section] = privacy
        self.conflict_bars[section] = conflict
        self.boxes[section] = box

    # --- showing ----------------------------------------------------------------------------

    def show_analysis(self, analysis: ReportAnalysis) -> None:
        """The texts of the year shown; read-only once adopted. Text typed for this year and
        never saved (a crash within the pause) comes back and is saved like typing."""
        self.analysis = analysis
        self.restored = False
        for section, saver in self.savers.items():
            self.editors[section].setReadOnly(analysis.adopted)
            saver.load(analysis.texts[section])
            self.bases[section] = analysis.texts[section]
            self.privacy_bars[section].clear()
            self.conflict_bars[section].hide()
        if analysis.adopted:
            return
        record = draft_id(analysis.group_id, analysis.year)
        for section, saver in self.savers.items():
            draft = self.drafts.get(DRAFT_RECORD, record, section.value)
            if draft is None:
                continue
            if draft.text == analysis.texts[section]:
                self.drafts.clear(DRAFT_RECORD, record, section.value)
                continue
            if draft.base_version is not None and draft.base_version != analysis.version:
                self.bases[section] = None  # typed on an older text: merged if it changed
            saver.restore(draft.text)
            self.restored = True
        self._state()

    def reloaded(self, analysis: ReportAnalysis) -> None:
        """The report as stored now: a field not being typed in shows the stored text."""
        self.analysis = analysis
        for section, saver in self.savers.items():
            if saver.pending or saver.held:
                continue
            if analysis.texts[section] != saver.saved_text:
                saver.load(analysis.texts[section])
            self.bases[section] = analysis.texts[section]

    def state(self) -> SaveState:
        states = {saver.state for saver in self.savers.values()}
        for state in (SaveState.FAILED, SaveState.PENDING):
            if state in states:
                return state
        return SaveState.SAVED

    def _state(self, _state: object = None) -> None:
        for section, saver in self.savers.items():
            if saver.state == SaveState.SAVED:
                self.privacy_bars[section].clear()
                self.conflict_bars[section].hide()
        self.state_changed.emit(self.state())

    # --- saving -----------------------------------------------------------------------------

    def _save(self, section: Section, text: str, privacy_override: str | None = None) -> None:
        shown = self.analysis
        if shown is None:
            return
        try:
            stored = report_analysis.save_analysis(
                self.db,
                shown.group_id,
                shown.year,
                section,
                text,
                shown.version,
                privacy_override=privacy_override,
            )
        except StaleEditError:
            now = report_analysis.get_analysis(self.db, shown.group_id, shown.year)
            if now.adopted or now.texts[section] != self.bases[section]:
                raise TextConflictError(
                    _(
                        "The analysis was saved elsewhere while you were writing. Compare the "
                        "two texts and choose what to save."
                    ),
                    section.value,
                    now.texts[section],
                    now.version,
                ) from None
            self.analysis = now  # another section moved the version: this text is as read
            stored = report_analysis.save_analysis(
                self.db,
                now.group_id,
                now.year,
                section,
                text,
                now.version,
                privacy_override=privacy_override,
            )
        self.analysis = stored
        self.bases[section] = text
        self.saved.emit(stored)

    def _refused(self, section: Section, error: DomainError) -> None:
        if isinstance(error, PrivacyWarning):
            column = report_analysis.COLUMNS[section]
            labels = {column: report_analysis.section_title(section)}
            self.privacy_bars[section].warn(error, labels)
        elif isinstance(error, TextConflictError):
            self._merge(section, error)
        else:
            show_error(self.owner, error)

    def _merge(self, section: Section, conflict: TextConflictError) -> None:
        """Saved elsewhere while the user typed: nothing more is saved of this field until
        the user chose in the merge dialog; Avbryt leaves the typed text with a bar."""
        saver = self.savers[section]
        saver.hold()
        self.conflict_bars[section].show()
        shown = self.analysis
        if shown is None:
            return
        now = report_analysis.get_analysis(self.db, shown.group_id, shown.year)
        if now.adopted:  # adopted elsewhere: the text typed stays in the field and draft
            show_error(
                self.owner,
                _(
                    "The annual report {year} was adopted elsewhere while you were writing; "
                    "your text is not saved. Copy it into next year's report."
                ).format(year=shown.year),
            )
            return
        dialog = MergeDialog(
            report_analysis.section_title(section),
            _("Annual follow-up {year}").format(year=shown.year),
            conflict.theirs,
            self.editors[section].toPlainText(),
            self.owner,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return
            text = dialog.text()
        finally:
            dialog.deleteLater()
        self.conflict_bars[section].hide()
        self.analysis = now
        self.bases[section] = conflict.theirs
        saver.release()
        saver.replace_text(text)  # Ctrl+Z in the field brings the user's text back
        saver.flush()

    def merge_again(self, section: Section) -> None:
        """'Jämför och spara…' on the bar: compared with the text as stored now."""
        saver = self.savers[section]
        if not saver.held:
            return
        saver.release()
        saver.replace_text(self.editors[section].toPlainText())
        saver.flush()

    def _save_anyway(self, section: Section) -> None:
        warning = self.privacy_bars[section].warning
        if warning is None:
            return
        editor = self.editors[section]
        column = report_analysis.COLUMNS[section]
        reason = ask_privacy(
            self.owner,
            warning,
            fields={column: editor},
            labels={column: report_analysis.section_title(section)},
            ask_reason=True,
        )
        if reason is None:
            return
        editor.setFocus()
        self.savers[section].flush(partial(self._save, section, privacy_override=reason))

    def flush(self) -> bool:
        """Save every text now; False if any was refused (it stays in its field)."""
        return all([saver.flush() for saver in self.savers.values()])
