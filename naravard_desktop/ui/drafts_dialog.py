"""Unsaved text found at start-up (the app died before notes or a decision reached the
database): one dialog lists every draft with where it belongs and its text; "Återställ" opens
the meeting item with the text back in the editor (it is then saved like typing), "Kasta…"
throws a draft away after asking, "Senare" keeps them all for the next start (a draft also
comes back whenever its item is opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from naravard_desktop.i18n import _, format_date, format_date_in_text, format_time
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.draft_places import unsaved_drafts
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.services.system.read_models import DraftPlace
from naravard_desktop.ui.forms import buddy_label, named
from naravard_desktop.ui.questions import confirm

if TYPE_CHECKING:
    from naravard_desktop.ui.main_window import MainWindow

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


def field_label(field: str) -> str:
    return {"notes": _("Notes"), "decision": _("Decision")}.get(field, field)


def describe(place: DraftPlace, group_id: int) -> str:
    """'Möte 17 maj 2024, § 5 Fast vårdkontakt: Anteckningar (skrivet den 22 november 2026
    kl. 07.01)'."""
    draft = place.draft
    written = _("written {date} at {time}").format(
        date=format_date_in_text(draft.saved_at.date()),
        time=format_time(draft.saved_at.time()),
    )
    field = field_label(draft.field)
    if place.report_year is not None:
        return _report_place(place, written)
    if place.meeting_id is None or place.held_on is None:
        where = _("An item that no longer exists")
    else:
        where = _("Meeting {date}, § {paragraph} {title}").format(
            date=format_date(place.held_on), paragraph=place.paragraph, title=place.item_title
        )
    text = f"{where}: {field} ({written})"
    if place.locked:
        text += " · " + _("the protocol is approved and locked")
    elif place.meeting_id is not None and place.group_id != group_id:
        text += " · " + _("belongs to another group")
    return text


def _report_place(place: DraftPlace, written: str) -> str:
    """'Årsuppföljning 2025: Analys av Planen (skrivet den …)'."""
    from naravard_desktop.services.report.analysis import section_title
    from naravard_desktop.services.report.read_models import Section

    section = _("Analysis of {section}").format(section=section_title(Section(place.draft.field)))
    text = _("Annual follow-up {year}").format(year=place.report_year) + f": {section} ({written})"
    if place.locked:
        text += " · " + _("the report is adopted and locked")
    return text


def open_draft_place(window: MainWindow, place: DraftPlace) -> None:
    """Where a restored draft is typed on: its meeting item, or its year's report (the page
    puts the text back as it reads the year)."""
    if place.meeting_id is not None:
        window.show_meeting_item(place.meeting_id, place.draft.record_id)
    elif place.report_year is not None:
        from naravard_desktop.ui.report.page import ReportPage

        window.show_page(window.lazy_pages.keys.index("report"))
        page = window.lazy_pages.page("report")
        assert isinstance(page, ReportPage)
        page.show_year(place.report_year)


class DraftsDialog(QDialog):
    """`chosen` is the draft to restore when the dialog is accepted."""

    def __init__(
        self, places: list[DraftPlace], store: DraftStore, group_id: int, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drafts_dialog")
        self.setWindowTitle(_("Unsaved text found"))
        self.resize(640, 420)
        self.store = store
        self.group_id = group_id
        self.chosen: DraftPlace | None = None

        intro = QLabel(
            _(
                "The program closed before this text was saved. Restore it to open the item "
                "with the text back in the editor, or discard it."
            )
        )
        intro.setWordWrap(True)
        self.list = named(
            QListWidget,
            "drafts_list",
            wordWrap=True,
            horizontalScrollBarPolicy=Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
            resizeMode=QListWidget.ResizeMode.Adjust,
        )
        for place in places:
            item = QListWidgetItem(describe(place, group_id))
            item.setData(PLACE_ROLE, place)
            self.list.addItem(item)
        list_label = buddy_label(_("&Unsaved texts:"), self.list)
        self.text = named(QPlainTextEdit, "draft_text", readOnly=True, tabChangesFocus=True)
        text_label = buddy_label(_("&Text:"), self.text)

        self.restore_button = named(
            QPushButton, "restore_draft", _("&Restore"), default=True, clicked=self.restore_selected
        )
        self.discard_button = named(
            QPushButton, "discard_draft", _("&Discard…"), clicked=self.discard_selected
        )
        later = named(
            QPushButton,
            "drafts_later",
            _("&Later"),
            toolTip=_("Keep the texts; they are offered again at the next start"),
            clicked=self.reject,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(later)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 2)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 3)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show_selected)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def selected(self) -> DraftPlace | None:
        item = self.list.currentItem()
        place = item.data(PLACE_ROLE) if item is not None else None
        return place if isinstance(place, DraftPlace) else None

    def _show_selected(self) -> None:
        place = self.selected()
        self.text.setPlainText(place.draft.text if place else "")
        can_restore = place is not None and place.restorable and place.group_id == self.group_id
        self.restore_button.setEnabled(can_restore)
        self.discard_button.setEnabled(place is not None)

    def restore_selected(self) -> None:
        place = self.selected()
        if place is None or not self.restore_button.isEnabled():
            return
        self.chosen = place
        self.accept()

    def discard_selected(self) -> None:
        place = self.selected()
        if place is None:
            return
        question = _("Throw away this unsaved text? It cannot be brought back.")
        text = question + "\n\n" + describe(place, self.group_id)
        if not confirm(self, _("Discard unsaved text"), text, _("&Discard")):
            return
        draft = place.draft
        self.store.clear(draft.record, draft.record_id, draft.field)
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.reject()


def ask_about_drafts(parent: QWidget, db: Database, group_id: int) -> tuple[DraftPlace | None, int]:
    """Offer the unsaved texts left by a crash, if any: the draft chosen to restore (or None)
    and how many are kept for later."""
    store = DraftStore(db.path or db.url)
    places = unsaved_drafts(db, store)
    if not places:
        return None, 0
    dialog = DraftsDialog(places, store, group_id, parent)
    dialog.exec()
    chosen = dialog.chosen
    left = dialog.list.count() - (1 if chosen is not None else 0)
    dialog.deleteLater()
    return chosen, left
