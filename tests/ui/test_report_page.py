"""The Årsuppföljning page (issue 20, point 2) on the demo: last year chosen, its sections with
the figures the report prints (the SIP part read on a worker while the page stays usable), the
analysis written per section and saved while typing (undone with Ctrl+Z, kept as a draft, an
identity number held back, a text saved elsewhere merged), a year without data said in words,
export as PDF and Word, and adoption at a meeting's §, after which the texts are locked and the
export is the stored PDF byte for byte."""

from __future__ import annotations

import datetime as dt
import io
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.documents import report_text
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.report import adoption
from naravard_desktop.services.report.analysis import get_analysis, save_analysis
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import Section
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.autosave import SaveState
from naravard_desktop.ui.meetings.merge_dialog import MergeDialog
from naravard_desktop.ui.report.analysis_editors import DRAFT_RECORD, draft_id
from naravard_desktop.ui.report.dialogs import AdoptDialog
from naravard_desktop.ui.report.page import ReportPage

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs, User

pytestmark = pytest.mark.demo()
LAST_YEAR = dt.date.today().year - 1
Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot: QtBot, db: Database, demo_group: GroupData) -> ReportPage:
    shown = ReportPage(db, demo_group.id)
    qtbot.addWidget(shown)
    shown.resize(1100, 900)
    shown.show()
    qtbot.waitUntil(lambda: shown.sip_ready, timeout=60000)
    return shown


def _texts(widget: object) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def _pdf_text(data: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)


def test_last_year_is_shown_with_the_figures_the_report_prints(
    page: ReportPage, db: Database, demo_group: GroupData
) -> None:
    assert page.chosen_year() == LAST_YEAR
    assert page.year.itemData(0) == LAST_YEAR + 1
    report = annual_report(db, demo_group.id, LAST_YEAR)
    shown = _texts(page.outcomes)
    for label, count in report_text.outcome_figures(report):
        assert label in shown and count in shown
    assert report_text.plan_line(report) == page.cards[Section.SUMMARY].summary.text()
    meeting_texts = _texts(page.meeting_figures)
    assert str(len(report.decisions)) in meeting_texts
    assert len(page.area_bars.bars) == len(report.areas) > 0
    # The SIP part as the SIP export suppresses it, read on the worker.
    brief = page.sip_brief
    assert brief.topLevelItemCount() == len(report.sip_brief) > 0
    assert brief.topLevelItem(0).text(1) == report.sip_brief[0].this_text
    assert page.meeting_list.topLevelItemCount() == len(report.meetings)
    assert page.state_label.text() == "Utkast: ännu inte fastställd av gruppen."
    assert page.adopt_action.isEnabled() and not page.reopen_action.isEnabled()
    # The demo's draft analysis is in the fields.
    stored = get_analysis(db, demo_group.id, LAST_YEAR).texts
    for section, editor in page.editors.editors.items():  # Qt shows a no-break space as one
        assert editor.toPlainText() == stored[section].replace("\u00a0", " ")
        assert not editor.isReadOnly()


def test_the_page_is_ctrl_7_in_the_window(
    qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings, user: User
) -> None:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    user.activate(main)
    user.press(main.sidebar, Qt.Key.Key_7, Ctrl)
    shown = main.stack.currentWidget()
    assert isinstance(shown, ReportPage)
    assert main.sidebar.currentItem().text() == "Årsuppföljning"
    qtbot.waitUntil(lambda: shown.sip_ready, timeout=60000)


def test_the_analysis_is_saved_while_typing_and_undone_with_ctrl_z(
    page: ReportPage, db: Database, demo_group: GroupData, qtbot: QtBot, user: User
) -> None:
    editor = page.editors.editors[Section.PLAN]
    before = editor.toPlainText()
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    user.type(editor, " Ny mening om planen.")
    assert page.editors.state() is SaveState.PENDING
    qtbot.waitUntil(lambda: page.editors.state() is SaveState.SAVED, timeout=5000)
    assert get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.PLAN] == (
        before + " Ny mening om planen."
    )
    assert page.save_state.text() == "Sparat"
    editor.undo()
    page.editors.flush()
    assert get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.PLAN] != (
        before + " Ny mening om planen."
    )
    while editor.document().isUndoAvailable():
        editor.undo()
    page.editors.flush()
    assert get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.PLAN] == before


def test_a_text_saved_elsewhere_in_another_section_does_not_stop_this_one(
    page: ReportPage, db: Database, demo_group: GroupData
) -> None:
    """The four texts share the report's version: another window's save of the summary moves
    it, and this window's plan text is still saved (its own text is as it read it)."""
    shown = get_analysis(db, demo_group.id, LAST_YEAR)
    save_analysis(db, demo_group.id, LAST_YEAR, Section.SUMMARY, "Annan text.", shown.version)
    editor = page.editors.editors[Section.PLAN]
    editor.setPlainText("Planen gick bra.")
    assert page.editors.flush()
    stored = get_analysis(db, demo_group.id, LAST_YEAR).texts
    assert stored[Section.PLAN] == "Planen gick bra."
    assert stored[Section.SUMMARY] == "Annan text."


def test_the_same_text_saved_elsewhere_is_merged_not_overwritten(
    page: ReportPage, db: Database, demo_group: GroupData, dialogs: Dialogs, qtbot: QtBot
) -> None:
    shown = get_analysis(db, demo_group.id, LAST_YEAR)
    save_analysis(db, demo_group.id, LAST_YEAR, Section.SIP, "Deras text.", shown.version)
    seen: list[str] = []

    def keep_both(dialog: object) -> None:
        assert isinstance(dialog, MergeDialog)
        seen.append(dialog.theirs_box.toPlainText())
        assert f"Årsuppföljning {LAST_YEAR}" in " ".join(_texts(dialog))
        dialog.mine_box.setPlainText("Deras text. Min text.")
        dialog.merged_button.click()

    dialogs.expect(keep_both)
    editor = page.editors.editors[Section.SIP]
    editor.setPlainText("Min text.")
    page.editors.flush()
    dialogs.wait(qtbot)
    assert seen == ["Deras text."]
    stored = get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.SIP]
    assert "Deras text." in stored and "Min text." in stored


def test_an_identity_number_is_held_back_with_a_bar(
    page: ReportPage, db: Database, demo_group: GroupData
) -> None:
    editor = page.editors.editors[Section.MEETINGS]
    before = get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.MEETINGS]
    editor.setPlainText("Kontakta 19121212-1212 om mötet.")
    assert not page.editors.flush()
    assert page.editors.privacy_bars[Section.MEETINGS].isVisibleTo(page)
    assert get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.MEETINGS] == before
    assert editor.toPlainText() == "Kontakta 19121212-1212 om mötet."  # nothing lost


def test_text_typed_and_never_saved_comes_back_from_its_draft(
    qtbot: QtBot, db: Database, demo_group: GroupData
) -> None:
    shown = get_analysis(db, demo_group.id, LAST_YEAR)
    DraftStore(db.path or db.url).save(
        DRAFT_RECORD,
        draft_id(demo_group.id, LAST_YEAR),
        Section.SUMMARY.value,
        "Skrivet före kraschen.",
        base_version=shown.version,
    )
    page = ReportPage(db, demo_group.id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
    assert page.editors.editors[Section.SUMMARY].toPlainText() == "Skrivet före kraschen."
    assert page.save_state.text().startswith("Återställd osparad text")
    assert page.editors.flush()
    stored = get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.SUMMARY]
    assert stored == "Skrivet före kraschen."
    qtbot.waitUntil(lambda: page.sip_ready, timeout=60000)


def test_a_year_without_data_says_so_and_offers_no_file(
    qtbot: QtBot, db: Database, group: GroupData
) -> None:
    page = ReportPage(db, group.id)
    qtbot.addWidget(page)
    page.show()
    assert page.year.count() == 1  # this year only: nothing earlier
    qtbot.waitUntil(lambda: page.message.isVisibleTo(page), timeout=30000)
    assert page.message.text().startswith(
        f"Det finns inget att redovisa för {dt.date.today().year}"
    )
    assert not any(card.isVisibleTo(page) for card in page.cards.values())
    for action in (page.preview_action, page.pdf_action, page.docx_action, page.adopt_action):
        assert not action.isEnabled()


def _close_exported(dialog: object) -> None:
    assert isinstance(dialog, QMessageBox)
    assert dialog.text() == "Filen är sparad."
    dialog.reject()


def test_export_as_pdf_and_word_holds_the_analysis_typed(
    page: ReportPage, boxes: Boxes, dialogs: Dialogs, tmp_path: Path, qtbot: QtBot, user: User
) -> None:
    page.editors.editors[Section.SUMMARY].setPlainText("Ett år av uppstart.")
    target = tmp_path / "rapport"
    boxes.answer(str(target))
    dialogs.expect(_close_exported)
    page.editors.editors[Section.SUMMARY].setFocus()
    user.press(
        page.editors.editors[Section.SUMMARY],
        Qt.Key.Key_E,
        Ctrl | Qt.KeyboardModifier.ShiftModifier,
    )
    dialogs.wait(qtbot)
    call = boxes.take("getSaveFileName")
    assert call.title == "Exportera årsuppföljningen"
    text = _pdf_text(target.with_suffix(".pdf").read_bytes())
    assert f"Årsuppföljning {LAST_YEAR}" in text and "Ett år av uppstart." in text

    boxes.answer(str(tmp_path / "rapport.docx"))
    dialogs.expect(_close_exported)
    page.docx_action.trigger()
    dialogs.wait(qtbot)
    boxes.take("getSaveFileName")
    document = Document(str(tmp_path / "rapport.docx"))
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert "Ett år av uppstart." in paragraphs


def test_adopting_locks_the_texts_and_the_export_is_the_stored_pdf(
    page: ReportPage,
    db: Database,
    demo_group: GroupData,
    boxes: Boxes,
    dialogs: Dialogs,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    chosen: list[str] = []

    def adopt(dialog: object) -> None:
        assert isinstance(dialog, AdoptDialog)
        assert dialog.item.count() > 0
        chosen.append(dialog.item.currentText())
        dialog.adopted_by.setText("")
        dialog.accept()  # refused: who adopted it is missing, the dialog stays open
        assert dialog.isVisible()
        assert dialog.errors.text("adopted_by") == "Skriv vem som fastställde rapporten."
        dialog.adopted_by.setText("Anna Berg, Erik Lund")
        dialog.accept()

    dialogs.expect(adopt)
    page.adopt_action.trigger()
    dialogs.wait(qtbot)
    qtbot.waitUntil(lambda: page.sip_ready and page.report is not None, timeout=60000)
    assert page.report is not None and page.report.analysis.adopted
    assert page.state_label.text().startswith(f"Fastställd av {demo_group.name}")
    assert all(editor.isReadOnly() for editor in page.editors.editors.values())
    assert not page.adopt_action.isEnabled() and page.reopen_action.isEnabled()
    stored = adoption.stored_pdf(db, demo_group.id, LAST_YEAR)
    assert stored is not None

    boxes.answer(str(tmp_path / "fastställd.pdf"))
    dialogs.expect(_close_exported)
    page.pdf_action.trigger()
    dialogs.wait(qtbot)
    boxes.take("getSaveFileName")
    assert (tmp_path / "fastställd.pdf").read_bytes() == stored[0]
    assert chosen and "§" in chosen[0]


def test_an_adopted_report_is_opened_for_a_correction_with_a_reason(
    qtbot: QtBot, db: Database, demo_group: GroupData, dialogs: Dialogs
) -> None:
    from naravard_desktop.documents import report_files
    from naravard_desktop.ui.report.dialogs import ReopenDialog

    item = adoption_item(db, demo_group)
    report_files.adopt(db, demo_group.id, LAST_YEAR, item, "Anna Berg")
    first = adoption.stored_pdf(db, demo_group.id, LAST_YEAR)
    page = ReportPage(db, demo_group.id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.sip_ready, timeout=60000)
    assert page.reopen_action.isEnabled() and not page.adopt_action.isEnabled()
    assert page.editors.editors[Section.PLAN].isReadOnly()

    def reopen(dialog: object) -> None:
        assert isinstance(dialog, ReopenDialog)
        dialog.accept()  # no reason: refused under the field, the dialog stays
        assert dialog.isVisible()
        assert dialog.errors.text("reason") == "Skriv varför den fastställda rapporten öppnas igen."
        dialog.reason.setPlainText("Fel antal möten i sammanställningen.")
        dialog.accept()

    dialogs.expect(reopen)
    page.reopen_action.trigger()
    dialogs.wait(qtbot)
    qtbot.waitUntil(lambda: page.sip_ready, timeout=60000)
    assert page.report is not None and not page.report.analysis.adopted
    assert "Fel antal möten i sammanställningen" in page.state_label.text()
    assert page.adopt_action.isEnabled() and not page.reopen_action.isEnabled()
    assert not page.editors.editors[Section.PLAN].isReadOnly()
    assert adoption.stored_pdf(db, demo_group.id, LAST_YEAR, revision=1) == first  # kept
    assert first is not None


def test_an_earlier_version_is_exported_as_it_was_adopted(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    dialogs: Dialogs,
    boxes: Boxes,
    tmp_path: Path,
) -> None:
    from naravard_desktop.documents import report_files
    from naravard_desktop.ui.report.dialogs import EarlierVersionsDialog
    from naravard_desktop.ui.report.files import export_revision

    report_files.adopt(db, demo_group.id, LAST_YEAR, adoption_item(db, demo_group), "Anna Berg")
    first = adoption.stored_pdf(db, demo_group.id, LAST_YEAR)
    assert first is not None
    shown = get_analysis(db, demo_group.id, LAST_YEAR)
    adoption.reopen(db, demo_group.id, LAST_YEAR, "Ett beslut saknades.", shown.version)
    page = ReportPage(db, demo_group.id)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.sip_ready, timeout=60000)
    assert page.earlier_action.isEnabled()
    rows: list[str] = []

    def look(dialog: object) -> None:
        assert isinstance(dialog, EarlierVersionsDialog)
        rows.extend(dialog.list.item(r).text() for r in range(dialog.list.count()))

    dialogs.expect(look)
    page.earlier_action.trigger()
    dialogs.wait(qtbot)
    (row,) = rows
    assert row.startswith("Version 1, fastställd ") and "Ett beslut saknades" in row
    # Exportera… in the same dialog, shown without a modal loop of its own here.
    assert page.report is not None
    dialog = EarlierVersionsDialog(
        LAST_YEAR,
        page.report.analysis.superseded,
        partial(export_revision, page, db, demo_group.id, LAST_YEAR),
        page,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    boxes.answer(str(tmp_path / "version 1.pdf"))
    dialogs.expect(_close_exported)
    button = dialog.findChild(QPushButton, "export_earlier_report")
    assert button is not None
    button.click()
    dialogs.wait(qtbot)
    boxes.take("getSaveFileName")
    assert (tmp_path / "version 1.pdf").read_bytes() == first[0]


def test_preview_shows_the_report_page_by_page(
    page: ReportPage, dialogs: Dialogs, qtbot: QtBot
) -> None:
    from naravard_desktop.ui.report.files import PreviewDialog

    seen: list[int] = []

    def look(dialog: object) -> None:
        assert isinstance(dialog, PreviewDialog)
        assert dialog.document is not None
        seen.append(dialog.document.pageCount())
        assert dialog.pages.text() == f"{seen[0]} sidor"

    dialogs.expect(look)
    page.preview_action.trigger()
    dialogs.wait(qtbot)
    assert seen and seen[0] >= 3


def adoption_item(db: Database, group: GroupData) -> int:
    from naravard_desktop.services.report.report_choices import adoption_choices

    return adoption_choices(db, group.id, LAST_YEAR)[0].item_id


def test_an_analysis_draft_left_by_a_crash_is_offered_at_start_and_restored(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    settings: QSettings,
    dialogs: Dialogs,
    user: User,
) -> None:
    from naravard_desktop.ui.drafts_dialog import DraftsDialog

    typed = "Skrivet strax innan programmet stängdes."
    DraftStore(db.path or db.url).save(
        DRAFT_RECORD, draft_id(demo_group.id, LAST_YEAR), Section.PLAN.value, typed
    )
    rows: list[str] = []

    def restore(dialog: object) -> None:
        assert isinstance(dialog, DraftsDialog)
        rows.extend(dialog.list.item(r).text() for r in range(dialog.list.count()))
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()

    dialogs.expect(restore)
    window = MainWindow(db, demo_group, settings)
    qtbot.addWidget(window)
    window.show()
    dialogs.wait(qtbot)
    (row,) = rows
    assert row.startswith(f"Årsuppföljning {LAST_YEAR}: Analys av Planen (skrivet ")
    page = window.stack.currentWidget()
    assert isinstance(page, ReportPage)
    qtbot.waitUntil(lambda: page.sip_ready, timeout=60000)
    assert page.chosen_year() == LAST_YEAR
    assert page.editors.editors[Section.PLAN].toPlainText() == typed
    assert page.editors.flush()
    assert get_analysis(db, demo_group.id, LAST_YEAR).texts[Section.PLAN] == typed
