"""Issue 19 point 1: the overview says what to do next, and each entry opens the place to do
it: the next meeting (with its notice saved or sent from here), protocols awaiting justering,
open action items by owner, the current plan's overdue activities and SIP periods to fill
in. Driven with the mouse and the keyboard in a whole window on the demo."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import meetings
from naravard_desktop.services.meetings.read_models import MeetingInput
from naravard_desktop.services.sip import sip_periods
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.overview.cards import PAYLOAD, EntryList
from naravard_desktop.ui.overview.page import OverviewPage
from tests.ui.meetings.test_send_mail import Opened, mail_program  # noqa: F401 (a fixture)

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, Dialogs

DEMO_TODAY = dt.date(2026, 11, 30)  # the day the issue counted six overdue action items
demo = pytest.mark.demo(DEMO_TODAY)


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings) -> MainWindow:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.overview_page.refresh(DEMO_TODAY)
    return main


def entries_of(entries: EntryList) -> list[QTreeWidgetItem]:
    """The rows that lead somewhere (not an owner's heading)."""
    items = [entries.topLevelItem(row) for row in range(entries.topLevelItemCount())]
    return [item for item in items if item is not None and item.data(0, PAYLOAD) is not None]


def click(qtbot: QtBot, entries: EntryList, item: QTreeWidgetItem) -> None:
    entries.scrollToItem(item)
    centre = entries.visualItemRect(item).center()
    qtbot.mouseClick(entries.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre))


@demo
def test_the_six_overdue_action_items_of_the_demo_are_shown_by_owner(window: MainWindow) -> None:
    page = window.overview_page
    assert page.actions_card.summary.text() == "6 åtgärder är försenade."
    owners = [
        page.action_list.topLevelItem(row).text(0)
        for row in range(page.action_list.topLevelItemCount())
        if page.action_list.topLevelItem(row).data(0, PAYLOAD) is None
    ]
    assert owners == [
        "Maja Fors (3 försenade)",
        "Erik Lund (2 försenade)",
        "Karin Vik (1 försenad)",
    ]
    rows = entries_of(page.action_list)
    assert len(rows) == 6
    assert rows[0].text(0) == "Föreslå fasta tider för SIP-uppföljning"
    assert rows[0].text(1) == "2026-07-27"
    # Of the current plan only, its overdue activities; nothing awaits justering in the demo.
    assert page.activities_card.summary.text().startswith("6 aktiviteter i Lokal samverkansplan")
    assert page.justering_card.summary.text() == "Inget att justera."
    assert not page.justering_list.isVisibleTo(page)
    assert page.periods_card.summary.text() == "Alla avslutade perioder har sina siffror."
    assert page.next_meeting.summary.text().startswith("Om 21 dagar · Kommunhuset")


@demo
def test_an_action_item_opens_its_agenda_item_in_the_meeting(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = window.overview_page
    last = entries_of(page.action_list)[-1]  # Karin Vik's
    meeting_id, item_id = last.data(0, PAYLOAD)[1:]
    click(qtbot, page.action_list, last)
    meetings_page = window.meetings_page
    assert window.stack.currentWidget() is meetings_page
    assert meetings_page.editor.meeting is not None
    assert meetings_page.editor.meeting.id == meeting_id
    assert meetings_page.editor.agenda.selected_id() == item_id


@demo
def test_the_next_meeting_opens_with_a_click_and_with_enter(
    window: MainWindow, qtbot: QtBot, db: Database, demo_group: GroupData
) -> None:
    page = window.overview_page
    upcoming = page.next_meeting.meeting
    assert upcoming is not None and upcoming.held_on == DEMO_TODAY + dt.timedelta(days=21)
    entry = page.next_meeting.entry
    click(qtbot, entry, entry.topLevelItem(0))
    assert window.stack.currentWidget() is window.meetings_page
    assert window.meetings_page.editor.meeting is not None
    assert window.meetings_page.editor.meeting.id == upcoming.id
    window.meetings_page.show_list()
    window.show_page(0)  # back, and the keyboard this time
    entry.setFocus()
    entry.setCurrentItem(entry.topLevelItem(0))
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.meetings_page
    assert window.meetings_page.stack.currentWidget() is window.meetings_page.editor


@demo
def test_a_protocol_awaiting_justering_opens_its_meeting(
    window: MainWindow, qtbot: QtBot, db: Database, demo_group: GroupData
) -> None:
    held = meetings.create_meeting(
        db, demo_group.id, MeetingInput(held_on=DEMO_TODAY - dt.timedelta(days=3))
    )
    meetings.create_meeting(db, demo_group.id, MeetingInput(held_on=DEMO_TODAY))  # not yet
    page = window.overview_page
    page.refresh(DEMO_TODAY)
    assert page.justering_card.summary.text() == "1 protokoll väntar på justering."
    [row] = entries_of(page.justering_list)
    click(qtbot, page.justering_list, row)
    assert window.stack.currentWidget() is window.meetings_page
    assert window.meetings_page.editor.meeting is not None
    assert window.meetings_page.editor.meeting.id == held.id


@demo
def test_an_overdue_activity_opens_in_the_plan(window: MainWindow, qtbot: QtBot) -> None:
    page = window.overview_page
    first = entries_of(page.activity_list)[0]
    _kind, plan_id, activity_id = first.data(0, PAYLOAD)
    click(qtbot, page.activity_list, first)
    assert window.stack.currentWidget() is window.plan_page
    assert window.plan_page.selected_key() == ("activity", activity_id)
    assert page.data is not None and plan_id == page.data.plan_id


@demo
def test_sip_periods_to_fill_in_open_the_sip_page(
    window: MainWindow, qtbot: QtBot, db: Database, demo_group: GroupData, dialogs: Dialogs
) -> None:
    """An empty ended period opens on its grid; a period not added yet opens New period."""
    empty = sip_periods.create_period(db, demo_group.id, 2022, 4)  # before the demo's first
    page = window.overview_page
    page.refresh(dt.date(2027, 4, 15))  # the first quarter of 2027 has ended, not added
    assert page.periods_card.summary.text() == "2 perioder har avslutats utan siffror."
    added, missing = entries_of(page.period_list)
    assert added.text(0) == "Kvartal 4 2022: inga siffror ännu"
    assert missing.text(0) == "Kvartal 1 2027: inte upplagd ännu"
    click(qtbot, page.period_list, added)
    sip = window.sip_page
    assert window.stack.currentWidget() is sip
    period = sip.current_period()
    assert period is not None and period.id == empty.id
    window.show_page(0)
    page.refresh(dt.date(2027, 4, 15))  # shown again, it read today's
    seen: list[str] = []
    dialogs.expect(lambda dialog: seen.append(type(dialog).__name__))
    click(qtbot, page.period_list, entries_of(page.period_list)[1])
    dialogs.wait(qtbot)
    assert seen == ["PeriodDialog"]
    assert window.stack.currentWidget() is sip


@demo
def test_kallelse_saves_the_notice_of_the_next_meeting(
    window: MainWindow, qtbot: QtBot, boxes: Boxes, dialogs: Dialogs, tmp_path: Path
) -> None:
    """As the meeting editor saves it, with the confirmation offering Öppna and Visa i
    mappen."""
    target = tmp_path / "kallelse.pdf"
    boxes.answer(str(target))
    confirmed: list[str] = []
    dialogs.expect(lambda box: confirmed.append(box.objectName()))
    card = window.overview_page.next_meeting
    qtbot.mouseClick(card.notice_button, Qt.MouseButton.LeftButton)
    dialogs.wait(qtbot)
    assert boxes.take("getSaveFileName").title == "Spara kallelsen"
    assert confirmed == ["exported"]
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in window.statusBar().currentMessage()


@demo
def test_skicka_makes_an_e_mail_draft_of_the_notice(
    window: MainWindow, qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    opened: Opened = request.getfixturevalue("mail_program")  # the URL handler
    card = window.overview_page.next_meeting
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)
    [url] = opened.urls
    draft = Path(url.toLocalFile())
    message = message_from_bytes(draft.read_bytes(), policy=default)
    assert message["X-Unsent"] == "1"
    assert str(message["Subject"]).startswith("Kallelse: ")
    assert any(part.get_content_type() == "application/pdf" for part in message.walk())
    assert str(draft) in window.statusBar().currentMessage()


def test_an_empty_group_says_there_is_nothing(qtbot: QtBot, db: Database, group: GroupData) -> None:
    page = OverviewPage(db, group.id)
    qtbot.addWidget(page)
    page.refresh(DEMO_TODAY)
    texts = {
        card.objectName(): card.summary.text()
        for card in (
            page.next_meeting,
            page.justering_card,
            page.actions_card,
            page.activities_card,
            page.periods_card,
            page.plan_card,
            page.trend_card,
        )
    }
    assert texts == {
        "next_meeting_card": "Inget möte planerat.",
        "justering_card": "Inget att justera.",
        "actions_card": "Inga kvarstående åtgärder.",
        "activities_card": "Ingen plan ännu.",
        "periods_card": "Ingen SIP-period har avslutats ännu.",
        "plan_card": "Ingen plan ännu.",
        "trend_card": "Inga SIP-siffror ännu.",
    }
    for hidden in (page.next_meeting.notice_button, page.action_list, page.trend):
        assert not hidden.isVisibleTo(page)
