"""The Årsuppföljning page's two dialogs: Fastställ… (the § of a meeting that adopted the
report, and who adopted it there: the texts lock and the PDF is stored with its hash) and
Öppna för rättelse… (an adopted report opened again with a reason; the adopted PDF stays
stored, and the next adoption is a new version that says what it replaces)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.documents.report_text import paragraph_at
from naravard_desktop.i18n import _, format_iso_date
from naravard_desktop.services.report.read_models import AdoptionChoice, SupersededRevision
from naravard_desktop.ui.form_dialog import FormDialog
from naravard_desktop.ui.forms import buddy_label, named


def choice_text(choice: AdoptionChoice) -> str:
    """ "2026-02-12 § 5 Årsuppföljning 2025" """
    paragraph = f" § {choice.paragraph}" if choice.paragraph is not None else ""
    return f"{format_iso_date(choice.held_on)}{paragraph} {choice.title}"


class AdoptDialog(FormDialog):
    """`submit((item_id, adopted_by))` adopts; a refusal keeps the dialog open as typed."""

    def __init__(
        self,
        year: int,
        choices: Sequence[AdoptionChoice],
        submit: Callable[[tuple[int, str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Adopt the annual follow-up {year}").format(year=year),
            submit,
            parent,
            ok_text=_("&Adopt"),
            min_width=560,
        )
        self.setObjectName("adopt_report_dialog")
        intro = QLabel(
            _(
                "Choose the § of the meeting where the group adopted the report. Its texts are "
                "then locked, and the PDF is stored as adopted with its checksum; to change it "
                "afterwards it is opened for a correction and adopted again."
            )
        )
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.item = QComboBox()
        self.item.setObjectName("adopt_report_item")
        self.item.setMaxVisibleItems(15)
        for choice in choices:
            self.item.addItem(choice_text(choice), choice)
        likely = next((i for i, c in enumerate(choices) if c.likely), 0)
        self.adopted_by = QLineEdit()
        self.adopted_by.setObjectName("adopt_report_by")
        self.adopted_by.setPlaceholderText(_("The chair and the adjusters"))
        self._suggested = ""
        self.item.currentIndexChanged.connect(self._suggest)
        self.add_field(_("&Meeting and §:"), self.item, name="item")
        self.add_field(_("Adopted &by:"), self.adopted_by, name="adopted_by")
        self.item.setCurrentIndex(likely)
        self._suggest()

    def _suggest(self) -> None:
        """The chosen meeting's chair and adjusters, unless the user wrote other names."""
        choice = self.item.currentData()
        if not isinstance(choice, AdoptionChoice):
            return
        if self.adopted_by.text() in ("", self._suggested):
            self.adopted_by.setText(choice.adopted_by)
        self._suggested = choice.adopted_by

    def build(self) -> tuple[int, str] | None:
        choice = self.item.currentData()
        if not isinstance(choice, AdoptionChoice):
            self.show_errors({"item": _("Choose the meeting and § that adopted the report.")})
            return None
        return choice.item_id, self.adopted_by.text()


class ReopenDialog(FormDialog):
    """`submit(reason)` opens the adopted report again for a correction."""

    def __init__(
        self, year: int, submit: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Open the annual follow-up {year} for a correction").format(year=year),
            submit,
            parent,
            ok_text=_("&Open for correction"),
            min_width=520,
        )
        self.setObjectName("reopen_report_dialog")
        intro = QLabel(
            _(
                "The adopted report stays stored as it is. Its texts become editable, and when "
                "it is adopted again the new version says which one it replaces and why."
            )
        )
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reopen_report_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.add_field(_("&Reason for the correction:"), self.reason, name="reason")

    def build(self) -> str:
        return self.reason.toPlainText()


def revision_text(revision: SupersededRevision) -> str:
    """ "Version 1, fastställd 28 juli 2026, § 35. Öppnad för rättelse: …" """
    when = revision.meeting_on or revision.adopted_at.date()
    text = _("Version {revision}, adopted {meeting}.").format(
        revision=revision.revision, meeting=paragraph_at(when, revision.paragraph)
    )
    if revision.reopened_because:
        text += " " + _("Opened for a correction: {reason}").format(
            reason=revision.reopened_because
        )
    return text


class EarlierVersionsDialog(QDialog):
    """The adoptions a correction replaced, each stored as it was adopted; Exportera… saves
    the chosen one's PDF byte for byte (`export(revision)`)."""

    def __init__(
        self,
        year: int,
        revisions: Sequence[SupersededRevision],
        export: Callable[[int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("earlier_report_versions")
        self.setWindowTitle(_("Earlier versions of the annual follow-up {year}").format(year=year))
        self.setMinimumWidth(560)
        self.revisions = list(revisions)
        self.list = named(QListWidget, "earlier_report_list", wordWrap=True)
        for revision in self.revisions:
            self.list.addItem(revision_text(revision))
        self.list.setCurrentRow(len(self.revisions) - 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(_("&Export…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.setObjectName("export_earlier_report")
        save.setDefault(True)
        save.clicked.connect(lambda: self._export(export))
        self.list.itemActivated.connect(lambda _item: self._export(export))
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            _(
                "Each version was adopted and then replaced by a correction. Its PDF is kept "
                "as it was adopted."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(buddy_label(_("&Versions:"), self.list))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setFocus()

    def _export(self, export: Callable[[int], object]) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.revisions):
            export(self.revisions[row].revision)
