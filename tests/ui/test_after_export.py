"""Issue 19 point 4: after an export the confirmation offers Öppna and Visa i mappen (opened
through the desktop, here a URL handler that notes them), each kind of export starts in the
folder the last one of its kind went to, and the suggested name says what, when and whose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from naravard_desktop.i18n import format_iso_date
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meetings import get_meeting
from naravard_desktop.services.plan import plans
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.editor import MeetingEditor
from naravard_desktop.ui.meetings.list_page import MeetingsPage
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.sip.page import SipPage
from naravard_desktop.ui.sip.transfer import ExportDialog
from tests.ui.meetings.test_meeting_fixes import SaveDialog
from tests.ui.meetings.test_send_mail import Opened
from tests.ui.test_printing import approved_meeting, meetings_page, plan_page, sip_page

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs

__all__ = ["meetings_page", "plan_page", "sip_page"]  # fixtures shared with the printing

pytestmark = pytest.mark.demo(dt.date(2026, 11, 30))


@pytest.fixture
def desktop() -> Iterator[Opened]:
    """Stands in for the desktop: the files and folders it was asked to open."""
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    yield opened
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def save(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    """The save dialog: where it opened (`opened`: the folder and the suggested name), and
    the paths to answer (`answers`)."""
    return SaveDialog(monkeypatch)


def press(name: str) -> Callable[[QMessageBox], None]:
    """A handler for the confirmation: click the button of that object name."""

    def click(box: QMessageBox) -> None:
        assert box.objectName() == "exported"
        button = box.findChild(QPushButton, name)
        assert button is not None
        button.click()

    return click


@pytest.fixture
def editor(db: Database, demo_group: GroupData, meetings_page: MeetingsPage) -> MeetingEditor:
    """The editor showing the demo's last approved meeting."""
    meetings_page.open_meeting(approved_meeting(db, demo_group))
    return meetings_page.editor


def run(qtbot: QtBot, dialogs: Dialogs, trigger: Callable[[], None], *handlers: object) -> None:
    for handler in handlers:
        dialogs.expect(handler)  # type: ignore[arg-type]
    trigger()
    dialogs.wait(qtbot)
    dialogs.check()


def test_the_confirmation_opens_the_file_or_its_folder(
    qtbot: QtBot,
    tmp_path: Path,
    editor: MeetingEditor,
    save: SaveDialog,
    dialogs: Dialogs,
    desktop: Opened,
) -> None:
    seen: list[tuple[str, str, list[str], str]] = []

    def look_then_enter(box: QMessageBox) -> None:
        buttons = sorted(b.text() for b in box.buttons())
        default = box.defaultButton()
        seen.append((box.text(), box.informativeText(), buttons, default.text() if default else ""))
        QTest.keyClick(box, Qt.Key.Key_Return)  # Öppna is the default

    protocol = tmp_path / "Protokoll.pdf"
    save.answers.append(str(protocol))
    run(qtbot, dialogs, editor.protocol_action.trigger, look_then_enter)
    assert seen == [
        (
            "Filen är sparad.",
            f"Protokoll.pdf\nI mappen {tmp_path}",
            ["&Stäng", "Visa i &mappen", "Ö&ppna"],
            "Ö&ppna",
        )
    ]
    assert protocol.read_bytes().startswith(b"%PDF")
    assert desktop.urls == [QUrl.fromLocalFile(str(protocol))]

    shared = tmp_path / "Delad mapp"
    shared.mkdir()
    save.answers.append(str(shared / "Kallelse"))  # the suffix is added
    run(qtbot, dialogs, editor.kallelse_action.trigger, press("show_exported_folder"))
    assert (shared / "Kallelse.pdf").is_file()
    assert desktop.urls[1:] == [QUrl.fromLocalFile(str(shared))]

    save.answers.append(str(tmp_path / "Protokoll.docx"))
    run(qtbot, dialogs, editor.docx_action.trigger, press("close_exported"))
    assert (tmp_path / "Protokoll.docx").is_file()
    assert len(desktop.urls) == 2  # Stäng opens nothing


def test_the_plan_and_sip_exports_offer_the_same(
    qtbot: QtBot,
    tmp_path: Path,
    plan_page: PlanPage,
    sip_page: SipPage,
    save: SaveDialog,
    dialogs: Dialogs,
    desktop: Opened,
) -> None:
    plan = tmp_path / "Plan.xlsx"
    save.answers.append(str(plan))
    run(qtbot, dialogs, plan_page.export_xlsx_action.trigger, press("open_exported"))
    assert plan.read_bytes().startswith(b"PK")
    assert desktop.urls == [QUrl.fromLocalFile(str(plan))]

    def accept(dialog: ExportDialog) -> None:
        dialog.accept()  # the year's counts as an Excel workbook

    counts = tmp_path / "SIP" / "SIP.xlsx"
    counts.parent.mkdir()
    save.answers.append(str(counts))
    run(qtbot, dialogs, sip_page.export_action.trigger, accept, press("show_exported_folder"))
    assert counts.read_bytes().startswith(b"PK")
    assert desktop.urls[1:] == [QUrl.fromLocalFile(str(counts.parent))]


def test_the_suggested_names_say_what_when_and_whose(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    tmp_path: Path,
    editor: MeetingEditor,
    plan_page: PlanPage,
    sip_page: SipPage,
    save: SaveDialog,
    dialogs: Dialogs,
) -> None:
    assert editor.meeting is not None
    day = format_iso_date(get_meeting(db, editor.meeting.id).held_on)
    group = demo_group.name  # "Lokal samverkansgrupp Bergsjö"
    save.answers += [str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")]
    run(qtbot, dialogs, editor.protocol_action.trigger, press("close_exported"))
    run(qtbot, dialogs, editor.kallelse_action.trigger, press("close_exported"))
    assert [p.name for p in save.opened] == [
        f"Protokoll {day} {group}.pdf",
        f"Kallelse {day} {group}.pdf",
    ]

    title = plans.get_plan(db, plan_page.plan_id or 0).title  # "Lokal samverkansplan 2025–2027"
    save.answers.append(str(tmp_path / "c.pdf"))
    run(qtbot, dialogs, plan_page.export_pdf_action.trigger, press("close_exported"))
    assert save.opened[-1].name == f"{title} {format_iso_date(dt.date.today())} {group}.pdf"

    year = sip_page.current_period().year  # type: ignore[union-attr]
    save.answers.append(str(tmp_path / "d.xlsx"))
    run(
        qtbot, dialogs, sip_page.export_action.trigger, ExportDialog.accept, press("close_exported")
    )
    assert save.opened[-1].name == f"SIP {year} {group}.xlsx"


def test_a_group_name_with_a_slash_makes_no_folder(
    qtbot: QtBot,
    db: Database,
    demo_group: GroupData,
    tmp_path: Path,
    editor: MeetingEditor,
    save: SaveDialog,
    dialogs: Dialogs,
) -> None:
    renamed = replace(demo_group.as_input(), name="Bergsjö/Ånge")
    groups.update_group(db, demo_group.id, renamed, demo_group.version)
    save.answers.append(str(tmp_path / "a.pdf"))
    run(qtbot, dialogs, editor.protocol_action.trigger, press("close_exported"))
    assert save.opened[-1].name.endswith(" Bergsjö Ånge.pdf")


def test_each_kind_starts_in_the_folder_its_last_export_went_to(
    qtbot: QtBot,
    tmp_path: Path,
    editor: MeetingEditor,
    plan_page: PlanPage,
    sip_page: SipPage,
    save: SaveDialog,
    dialogs: Dialogs,
) -> None:
    protocols, plans_folder, sip = (tmp_path / n for n in ("Protokoll", "Planer", "Regionen"))
    for folder in (protocols, plans_folder, sip):
        folder.mkdir()
    close = press("close_exported")

    save.answers.append(str(protocols / "p.pdf"))
    run(qtbot, dialogs, editor.protocol_action.trigger, close)
    save.answers.append(str(plans_folder / "plan.pdf"))
    run(qtbot, dialogs, plan_page.export_pdf_action.trigger, close)
    save.answers.append(str(sip / "sip.xlsx"))
    run(qtbot, dialogs, sip_page.export_action.trigger, ExportDialog.accept, close)
    assert save.opened[0].parent == Path.home()  # nothing exported before

    save.answers += [str(sip / "n.pdf"), str(protocols / "p.docx"), str(plans_folder / "plan.xlsx")]
    run(qtbot, dialogs, editor.kallelse_action.trigger, close)  # no notice exported yet
    run(qtbot, dialogs, editor.docx_action.trigger, close)  # a protocol, as Word
    run(qtbot, dialogs, plan_page.export_xlsx_action.trigger, close)
    assert [p.parent for p in save.opened[3:]] == [sip, protocols, plans_folder]

    save.answers.append(str(tmp_path / "n.pdf"))
    run(qtbot, dialogs, editor.kallelse_action.trigger, close)
    assert save.opened[-1].parent == sip  # where the last notice went
