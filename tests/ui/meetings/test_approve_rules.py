"""The approve dialog asks the justering rules before it approves: a date of approval after
today or before the meeting day is shown at the date field, a meeting not yet held and a chair
not recorded as present are refused by name; the dialog stays open with what was typed and
nothing is approved."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState
from naravard_desktop.i18n import format_date
from naravard_desktop.services.meetings import approval, attendance, meetings
from naravard_desktop.services.meetings.read_models import (
    ApprovalSnapshot,
    AttendanceInput,
    Problem,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.meetings.approve_dialogs import ApprovalSteps, ApproveDialog
from naravard_desktop.ui.meetings.list_page import MeetingsPage

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User
    from tests.ui.meetings.conftest import MakeMeeting

DAY = dt.date(2024, 5, 17)


def _open(meetings_page: MeetingsPage, meeting_id: int, user: User) -> None:
    meetings_page.open_meeting(meeting_id)
    user.activate(meetings_page)


def _still_draft(db: Database, meeting_id: int) -> None:
    assert meetings.get_meeting(db, meeting_id).state == ProtocolState.DRAFT
    assert approval.revisions(db, meeting_id) == []


def test_a_date_of_approval_after_today_is_shown_at_the_date_field(
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
    user: User,
    dialogs: Dialogs,
) -> None:
    meeting = make_meeting(DAY)
    _open(meetings_page, meeting.id, user)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    seen: dict[str, object] = {}

    def answer(dialog: ApproveDialog) -> None:
        assert dialog.date_hint.text() == "Från mötesdagen (17 maj 2024) till i dag."
        user.retype(dialog.approved_by, "Anna Berg och Erik Lund")
        user.retype(dialog.approved_on, tomorrow.isoformat())
        user.press(dialog.approved_on, Qt.Key.Key_Return)
        seen["visible"] = dialog.isVisible()
        seen["error"] = dialog.errors.text("approved_on")
        seen["refusal"] = dialog.refusal.isVisible()
        seen["typed"] = (dialog.approved_by.text(), dialog.approved_on.text())
        seen["focus"] = dialog.focusWidget() is dialog.approved_on
        # A date in range is then accepted.
        user.retype(dialog.approved_on, "2024-05-20")
        user.press(dialog.approved_on, Qt.Key.Key_Return)
        seen["closed"] = not dialog.isVisible()

    dialogs.expect(answer)
    meetings_page.editor.approve_action.trigger()
    dialogs.check()
    assert seen["visible"] is True
    assert seen["error"] == (
        f"Justeringsdatumet {tomorrow.isoformat()} ligger efter dagens datum "
        f"({dt.date.today().isoformat()}): ange det datum då protokollet justerades, "
        "senast i dag."
    )
    assert seen["refusal"] is False
    assert seen["typed"] == ("Anna Berg och Erik Lund", tomorrow.isoformat())
    assert seen["focus"] is True
    assert seen["closed"] is True
    [revision] = approval.revisions(db, meeting.id)
    assert revision.approved_at.date() == dt.date(2024, 5, 20)
    assert revision.approved_by == "Anna Berg och Erik Lund"


def test_a_date_before_the_meeting_day_is_refused(
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
    user: User,
    dialogs: Dialogs,
) -> None:
    meeting = make_meeting(DAY)
    _open(meetings_page, meeting.id, user)

    def answer(dialog: ApproveDialog) -> None:
        user.retype(dialog.approved_on, "2024-05-16")
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.errors.text("approved_on").startswith(
            "Justeringsdatumet 2024-05-16 ligger före mötesdagen (17 maj 2024)"
        )

    dialogs.expect(answer)
    meetings_page.editor.approve_action.trigger()
    dialogs.check()
    _still_draft(db, meeting.id)


def test_a_meeting_not_yet_held_cannot_be_approved(
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
    user: User,
    dialogs: Dialogs,
) -> None:
    ahead = dt.date.today() + dt.timedelta(days=60)
    meeting = make_meeting(ahead)
    _open(meetings_page, meeting.id, user)

    def answer(dialog: ApproveDialog) -> None:
        user.retype(dialog.approved_on, (ahead + dt.timedelta(days=2)).isoformat())
        dialog.accept()
        assert dialog.isVisible()
        assert dialog.refusal.isVisible()
        assert dialog.refusal.text() == (
            f"Mötet hålls den {format_date(ahead)} och kan inte justeras förrän det har hållits. "
            "Justera protokollet tidigast på mötesdagen."
        )

    dialogs.expect(answer)
    meetings_page.editor.approve_action.trigger()
    dialogs.check()
    _still_draft(db, meeting.id)
    assert meetings_page.editor.approve_action.isEnabled()


def test_a_chair_recorded_as_absent_is_named_and_nothing_is_approved(
    db: Database,
    meetings_page: MeetingsPage,
    make_meeting: MakeMeeting,
    user: User,
    dialogs: Dialogs,
) -> None:
    meeting = make_meeting(DAY)
    anna = next(r for r in attendance.list_attendance(db, meeting.id) if r.name == "Anna Berg")
    attendance.set_attendance(db, anna.id, AttendanceInput(AttendanceStatus.ABSENT), anna.version)
    _open(meetings_page, meeting.id, user)

    def answer(dialog: ApproveDialog) -> None:
        user.retype(dialog.approved_on, "2024-05-20")
        user.press(dialog.approved_on, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert dialog.errors.text("approved_on") == ""
        assert dialog.refusal.text() == (
            "Ordföranden Anna Berg är inte antecknad som närvarande: ändra närvaron eller "
            "välj en annan ordförande."
        )
        assert dialog.approved_on.text() == "2024-05-20"

    dialogs.expect(answer)
    meetings_page.editor.approve_action.trigger()
    dialogs.check()
    _still_draft(db, meeting.id)


def test_the_dialog_asks_the_rules_before_it_approves(qtbot: object) -> None:
    """On its own: a refusal by `check` never reaches the approval's steps."""
    calls: list[tuple[str, dt.date]] = []
    asked: list[dt.date] = []

    def check(day: dt.date) -> list[Problem]:
        asked.append(day)
        return [Problem("Ordföranden Anna Berg är inte antecknad som närvarande.")]

    def prepare(who: str, day: dt.date) -> ApprovalSnapshot:
        calls.append((who, day))
        raise AssertionError("not asked after a refusal")

    steps = ApprovalSteps(prepare, lambda data: b"", lambda snapshot, pdf: None)
    dialog = ApproveDialog("Anna Berg", steps, held_on=DAY, check=check)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.approved_on.setText("2024-05-20")
    dialog.show()
    dialog.accept()
    assert asked == [dt.date(2024, 5, 20)] and calls == []
    assert dialog.isVisible() and dialog.refusal.isVisible()
