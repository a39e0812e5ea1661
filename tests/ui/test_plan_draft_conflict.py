"""A plan activity's text typed before a crash comes back from the drafts; if someone else
saved the activity since (another app on the server, another window), the side panel asks
before the draft goes over their change instead of saving it unseen."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.ui.plan.page import PlanPage
from naravard_desktop.ui.plan.panel_saving import plan_drafts
from tests.db_backends import target_of
from tests.ui.test_plan_save_model import click_row, stored

if TYPE_CHECKING:
    from tests.ui.conftest import Dialogs, User

TITLE = "Punktmätning av fasta kontakter"
DRAFT = "Skrivet före kraschen"
THEIRS = "Mäts varje höst (sparat på den andra datorn)."


@pytest.fixture
def plan_id(db: Database, group: GroupData) -> int:
    plan = plans.create_plan(db, group.id, PlanInput("Lokal plan 2024–2026"))
    area = plan_items.add_area(db, plan.id, AreaInput("Ökad kontinuitet", "2"))
    plan_items.add_activity(db, area.id, ActivityInput(title=TITLE, schedule_text="2099"))
    return plan.id


@pytest.mark.parametrize(("answer", "kept"), [("&Spara", DRAFT), ("&Förkasta", THEIRS)])
def test_a_draft_typed_before_a_change_elsewhere_is_saved_only_when_asked(
    qtbot: QtBot,
    db: Database,
    other: Database,
    group: GroupData,
    plan_id: int,
    user: User,
    dialogs: Dialogs,
    answer: str,
    kept: str,
) -> None:
    activity = stored(db, plan_id, TITLE)
    plan_drafts(target_of(db)).save(
        "plan_activity", activity.id, "description", DRAFT, base_version=activity.version
    )
    # The other secretary saves the description and the schedule meanwhile.
    data = replace(activity.as_input(), description=THEIRS, schedule_text="Hösten 2099")
    plan_items.update_activity(other, activity, data)
    questions: list[str] = []

    def choose(box: QMessageBox) -> None:
        questions.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == answer]
        button.click()

    dialogs.expect(choose)
    page = PlanPage(db, group.id, QUndoStack())
    qtbot.addWidget(page)
    user.activate(page)
    click_row(qtbot, page, TITLE)
    form = page.panel.activity_form
    assert form.description.toPlainText() == DRAFT  # back from the drafts
    dialogs.wait(qtbot)  # the save after the pause asks
    dialogs.check()
    assert questions == [
        f"”{TITLE}” ändrades på annat håll medan du arbetade med den. Spara dina ändringar "
        "ovanpå (fälten du inte ändrade behåller den andra ändringen), eller förkasta dina "
        "och visa den sparade aktiviteten?"
    ]
    after = stored(other, plan_id, TITLE)
    assert (after.description, after.schedule_text) == (kept, "Hösten 2099")
    assert form.description.toPlainText() == kept
    qtbot.waitUntil(lambda: form.state_label.text() == "Sparat")
    assert plan_drafts(target_of(db)).get("plan_activity", activity.id, "description") is None
