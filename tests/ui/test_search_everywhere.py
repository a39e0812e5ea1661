"""Search everywhere (issue 19 point 8) on the demo: Ctrl+K opens one box over the window;
typing finds meetings, agenda items, decisions, action items, activities and members, listed
under a heading per kind; the arrow keys choose, Enter opens the place and Escape closes;
what is typed is taken literally, and another group's rows never show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from naravard_desktop.db.models import AgendaItem, Group, Meeting, Membership, Person
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.search.read_models import Found, FoundKind
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.search.box import SearchBox
from naravard_desktop.ui.search.results import ROW_ROLE, Heading, heading_text

if TYPE_CHECKING:
    from tests.ui.conftest import Boxes, User

pytestmark = pytest.mark.demo()
Key = Qt.Key


@pytest.fixture
def window(qtbot: QtBot, db: Database, demo_group: GroupData, settings: QSettings) -> MainWindow:
    main = MainWindow(db, demo_group, settings)
    qtbot.addWidget(main)
    main.resize(1200, 760)
    main.show()
    qtbot.waitExposed(main)
    return main


def open_box(qtbot: QtBot, window: MainWindow, user: User) -> SearchBox:
    """Ctrl+K wherever the focus is in the window."""
    user.activate(window)
    window.sidebar.setFocus()
    user.press(window.sidebar, Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _box(window) is not None)
    box = _box(window)
    assert box is not None
    qtbot.waitUntil(box.query.hasFocus)
    return box


def _box(window: MainWindow) -> SearchBox | None:
    boxes = [b for b in window.findChildren(SearchBox) if b.isVisible()]
    return boxes[0] if boxes else None


def search(qtbot: QtBot, box: SearchBox, user: User, words: str) -> None:
    """Typed, then the pause that starts the search."""
    box.query.clear()
    user.type(box.query, words)
    qtbot.waitUntil(lambda: box._searched == words)


def shown(box: SearchBox) -> list[Heading | Found]:
    return [box.model.index(r, 0).data(ROW_ROLE) for r in range(box.model.rowCount())]


def headings(box: SearchBox) -> list[str]:
    return [heading_text(row) for row in shown(box) if isinstance(row, Heading)]


def hits(box: SearchBox, kind: FoundKind) -> list[Found]:
    return [row for row in shown(box) if isinstance(row, Found) and row.kind is kind]


def current(box: SearchBox) -> Found:
    found = box.results.currentIndex().data(ROW_ROLE)
    assert isinstance(found, Found)
    return found


def choose(box: SearchBox, user: User, kind: FoundKind) -> Found:
    """Down from the first hit until one of `kind` is chosen."""
    for _step in range(box.model.rowCount()):
        if current(box).kind is kind:
            return current(box)
        user.press(box.query, Key.Key_Down)
    raise AssertionError(f"no {kind} hit")


def test_the_action_is_in_the_edit_menu_with_ctrl_k(window: MainWindow) -> None:
    action = window.findChild(QAction, "search_everywhere")
    assert action in window.edit_menu.actions()
    assert action.text() == "&Sök överallt…"
    assert action.shortcut().toString() == "Ctrl+K"
    assert "Ctrl+K" in action.toolTip()


def test_typing_finds_each_kind_under_its_heading(
    qtbot: QtBot, window: MainWindow, user: User
) -> None:
    box = open_box(qtbot, window, user)
    assert box.status.text() == "Skriv minst två tecken; Esc stänger."
    search(qtbot, box, user, "hälsocentral")
    assert headings(box) == ["Ärenden", "Beslut", "Åtgärder", "Deltagare"]
    assert {hit.title for hit in hits(box, FoundKind.ITEM)} == {
        "Anhörigstöd",
        "Uppföljning av lokal plan: fast vårdkontakt",
    }
    decision = hits(box, FoundKind.DECISION)[0]
    assert decision.snippet == "… ställer sig bakom att informationen sprids via hälsocentralerna."
    assert (
        hits(box, FoundKind.ACTION)[0].title
        == "Sprid information om anhörigcaféet på hälsocentralerna"
    )
    assert [hit.title for hit in hits(box, FoundKind.MEMBER)] == ["Erik Lund"]
    assert current(box) == hits(box, FoundKind.ITEM)[0]  # the first hit chosen
    # What a screen reader says of a hit: its kind, title, date and § and the text.
    spoken = box.results.currentIndex().data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Ärende, Anhörigstöd, 20")
    assert " § " in spoken

    search(qtbot, box, user, "ljusnan")
    assert headings(box) == ["Möten"]
    meeting = hits(box, FoundKind.MEETING)[0]
    assert meeting.title == "Kommunhuset, sal Ljusnan, och via Teams"
    assert box.model.index(1, 0).data() == f"Möte {_long_date(meeting.held_on)}"

    search(qtbot, box, user, "fredagsgruppen")
    assert headings(box) == ["Aktiviteter"]
    assert all(hit.plan_title for hit in hits(box, FoundKind.ACTIVITY))


def _long_date(day: dt.date | None) -> str:
    from naravard_desktop.i18n import format_date

    assert day is not None
    return format_date(day)


def test_arrows_pass_over_the_headings_and_stop_at_the_ends(
    qtbot: QtBot, window: MainWindow, user: User
) -> None:
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "hälsocentral")
    found = [row for row in shown(box) if isinstance(row, Found)]
    chosen = []
    for _step in found:
        chosen.append(current(box))
        user.press(box.query, Key.Key_Down)
    assert chosen == found
    assert current(box) == found[-1]  # Down on the last stays there
    user.press(box.query, Key.Key_PageUp)
    user.press(box.query, Key.Key_PageUp)
    user.press(box.query, Key.Key_PageUp)
    assert current(box) == found[0]
    user.press(box.query, Key.Key_Up)
    assert current(box) == found[0]
    assert box.query.hasFocus()  # the keys went to the hits, the typing stays in the line


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("ljusnan", FoundKind.MEETING),
        ("anhörigföreningen", FoundKind.ITEM),
        ("ställer sig bakom", FoundKind.DECISION),
        ("anhörigcaféet", FoundKind.ACTION),
        ("fredagsgruppen", FoundKind.ACTIVITY),
        ("vik", FoundKind.MEMBER),
    ],
)
def test_enter_opens_the_place(
    qtbot: QtBot, window: MainWindow, user: User, words: str, kind: FoundKind
) -> None:
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, words)
    found = choose(box, user, kind)
    user.press(box.query, Key.Key_Return)
    qtbot.waitUntil(lambda: _box(window) is None)
    if kind is FoundKind.ACTIVITY:
        assert window.stack.currentWidget() is window.plan_page
        assert window.plan_page.selected_key() == ("activity", found.row_id)
        assert window.plan_page.plan_id == found.plan_id
    elif kind is FoundKind.MEMBER:
        page = window.members_page
        assert window.stack.currentWidget() is page
        assert page.selected_id() == found.row_id
        assert page.selected_row() is not None and page.selected_row().name == "Karin Vik"
        assert page.table.hasFocus()
    else:
        page = window.meetings_page
        assert window.stack.currentWidget() is page
        editor = page.editor
        assert editor.isVisible() and editor.meeting is not None
        assert editor.meeting.id == found.meeting_id
        if kind is not FoundKind.MEETING:
            assert editor.agenda.selected_id() == found.item_id
        item = editor.agenda.editor
        if kind is FoundKind.DECISION:
            assert item.decision.hasFocus()
        if kind is FoundKind.ACTION:
            assert item.action_items.selected() is not None
            assert item.action_items.selected().id == found.row_id


def test_a_member_whose_membership_has_ended_is_shown_too(
    qtbot: QtBot, window: MainWindow, user: User, db: Database, demo_group: GroupData
) -> None:
    with db.session() as session:
        session.add(
            Person(
                group_id=demo_group.id,
                name="Stina Förr",
                memberships=[
                    Membership(active_from=dt.date(2019, 1, 1), active_to=dt.date(2020, 12, 31))
                ],
            )
        )
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "stina")
    found = choose(box, user, FoundKind.MEMBER)
    user.press(box.query, Key.Key_Enter)
    page = window.members_page
    qtbot.waitUntil(lambda: page.selected_id() == found.row_id)
    assert page.show_ended.isChecked()


def test_escape_closes_the_box(qtbot: QtBot, window: MainWindow, user: User) -> None:
    window.show_page(window.stack.indexOf(window.plan_page))
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "hälsocentral")
    user.press(box.query, Key.Key_Escape)
    qtbot.waitUntil(lambda: _box(window) is None)
    assert window.stack.currentWidget() is window.plan_page  # nothing opened


@pytest.mark.parametrize(
    "words",
    ["%", "_%_", "'", "'; DROP TABLE meetings; --", '""', "\\", "\x00\x07", "ljus\x00nan", "*:"],
)
def test_what_is_typed_is_harmless(
    qtbot: QtBot, window: MainWindow, user: User, boxes: Boxes, words: str
) -> None:
    box = open_box(qtbot, window, user)
    box.query.setText(words)  # control characters cannot be typed as keys
    user.press(box.query, Key.Key_Return)
    assert box._searched == words
    assert not boxes.calls  # no error
    if "ljus" in words:  # the NUL is dropped, not searched for: Enter opened the meeting
        assert window.meetings_page.editor.meeting is not None
        assert _box(window) is None
        return
    assert shown(box) == []
    assert box.status.text() in (
        f"Inga träffar på ”{words.strip()}”.",
        "Skriv minst två tecken; Esc stänger.",
    )
    assert _box(window) is box  # Enter with nothing found opens nothing


def test_another_groups_rows_never_show(
    qtbot: QtBot, window: MainWindow, user: User, db: Database
) -> None:
    with db.session() as session:
        other = Group(name="Samverkan Älvmo")
        session.add(other)
        session.flush()
        meeting = Meeting(group_id=other.id, held_on=dt.date(2026, 3, 2), place="Zebrasalen")
        meeting.items.append(
            AgendaItem(position=0, title="Zebrafinkar", notes="Zebra.", decision="Zebra.")
        )
        session.add(meeting)
        session.add(Person(group_id=other.id, name="Zebra Person", memberships=[Membership()]))
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "zebra")
    assert shown(box) == []
    assert box.status.text() == "Inga träffar på ”zebra”."
    search(qtbot, box, user, "hälsocentral")  # the window's own group's are there
    assert shown(box)


def test_a_click_on_a_hit_opens_it(qtbot: QtBot, window: MainWindow, user: User) -> None:
    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "fredagsgruppen")
    row = 2  # the heading, the first activity, the second
    found = box.model.index(row, 0).data(ROW_ROLE)
    assert isinstance(found, Found)
    rect = box.results.visualRect(box.model.index(row, 0))
    qtbot.mouseClick(box.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: _box(window) is None)
    assert window.plan_page.selected_key() == ("activity", found.row_id)


def test_every_control_in_the_box_has_a_name(qtbot: QtBot, window: MainWindow, user: User) -> None:
    from tests.ui.test_accessible_names import unnamed

    box = open_box(qtbot, window, user)
    search(qtbot, box, user, "hälsocentral")
    assert unnamed(box) == []
    assert box.query.accessibleName() == "Sök överallt"
    assert box.results.accessibleName() == "Träffar"
