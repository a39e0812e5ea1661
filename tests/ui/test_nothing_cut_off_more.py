"""Nothing cut off in the dialogs that need more than a click to reach: the plan import
preview, the SIP export, the unsaved-text dialog of a start after a crash, the identity number
warning, a guest, a plan follow-up from a meeting, a plan revision and the first start's
group set-up — at 1366 × 768, in Swedish and English, on the demo data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.plan import plans
from naravard_desktop.services.plan.plan_decisions import decision_choices
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import DraftStore
from naravard_desktop.services.system.privacy import PrivacyWarning, check_free_text
from naravard_desktop.ui.drafts_dialog import ask_about_drafts
from naravard_desktop.ui.group.setup_dialog import SetupDialog
from naravard_desktop.ui.main_window import MainWindow
from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpPanel
from naravard_desktop.ui.plan.details_dialog import RevisionDialog
from naravard_desktop.ui.privacy import ask_privacy
from tests.ui.test_nothing_cut_off import _on_page, _open_dialogs, _page, window

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs

__all__ = ["window"]  # the fixture, shared with the pages' test
pytestmark = pytest.mark.demo()  # what the shared `window` shows


def _privacy_warning() -> PrivacyWarning:
    # An invented number (a valid check digit) in two fields, as the plan's side panel has it.
    labels = {"description": "Beskrivning", "responsible": "Ansvar"}
    try:
        check_free_text(
            {"description": "Kontakta 19811218-9876 om SIP", "responsible": "811218-9876"},
            None,
            where="test",
            labels=labels,
        )
    except PrivacyWarning as warning:
        return warning
    raise AssertionError("the invented number was not found")


def test_no_other_dialog_cuts_its_text(
    window: MainWindow,
    qtbot: QtBot,
    db: Database,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group_id = window.group.id
    plan = plans.list_plans(db, group_id)[0]
    sheet = tmp_path / "Lokal plan.xlsx"
    sheet.write_bytes(plan_file_bytes(db, plan.id, ".xlsx"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))

    meetings = list_meetings(db, group_id)
    draft = next(m for m in meetings if m.state is not ProtocolState.APPROVED)
    store = DraftStore(db.path or db.url)

    def open_draft_meeting() -> PlanFollowUpPanel:
        _page(window, "meetings")
        window.meetings_page.open_meeting(draft.id)
        qtbot.wait(20)
        panel = window.meetings_page.findChild(PlanFollowUpPanel)
        assert panel is not None and panel.item is not None
        return panel

    item = open_draft_meeting().item
    assert item is not None
    store.save("agenda_item", item.id, "notes", "Text skriven före en krasch " * 8)

    def guest() -> None:
        open_draft_meeting()
        action = window.meetings_page.findChild(QAction, "add_guest")
        assert action is not None
        action.trigger()

    def revision() -> None:
        RevisionDialog(decision_choices(db, group_id), lambda _r: None, window).exec()

    def setup() -> None:
        SetupDialog(db, window).exec()

    steps: list[tuple[str, Callable[[], None]]] = [
        ("plan import preview", _on_page(window, "plan", "import_plan")),
        ("SIP export", _on_page(window, "sip", "sip_export")),
        ("unsaved text after a crash", lambda: _drafts(window, db)),
        ("identity number warning", lambda: _privacy(window)),
        ("new guest", guest),
        ("plan follow-up from a meeting", lambda: open_draft_meeting().follow_up()),
        ("plan revision", revision),
        ("group set-up at first start", setup),
    ]
    problems = _open_dialogs(window, qtbot, dialogs, steps)
    assert not problems, "\n".join(dict.fromkeys(problems))


def _drafts(window: MainWindow, db: Database) -> None:
    chosen, _left = ask_about_drafts(window, db, window.group.id)
    assert chosen is None


def _privacy(window: MainWindow) -> None:
    parent: QWidget = window
    assert ask_privacy(parent, _privacy_warning()) is None
