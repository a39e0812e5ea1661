"""The plan's dialogs as seen walking the secretary's day under Xvfb (issue 10): their
button says what it does, like the meeting dialogs' Skapa, Spara and Justera — the plan's
details and revisions, a follow-up from a meeting and the SIP export too."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus, PlanState
from naravard_desktop.services.plan.read_models import PlanSummary
from naravard_desktop.ui.meetings.plan_follow_up import PlanFollowUpDialog
from naravard_desktop.ui.plan.details_dialog import PlanDetailsDialog, RevisionDialog
from naravard_desktop.ui.plan.dialogs import (
    ActivityDialog,
    AreaDialog,
    FollowUpDialog,
    FormDialog,
    MoveDialog,
    NewPlanDialog,
)


def _ignore(_value: object) -> None:
    return None


_PLAN = PlanSummary(1, 1, "Lokal plan 2026", None, None, PlanState.DRAFT, None, 0, 0, 1)


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (lambda parent: NewPlanDialog(_ignore, parent), "Skapa"),
        (lambda parent: AreaDialog([], None, _ignore, parent), "Lägg till"),
        (lambda parent: ActivityDialog(_ignore, parent), "Lägg till"),
        (
            lambda parent: FollowUpDialog(ActivityStatus.IN_PROGRESS, 40, [], _ignore, parent),
            "Spara",
        ),
        (lambda parent: MoveDialog([], 0, _ignore, parent), "Flytta"),
        (lambda parent: RevisionDialog([], _ignore, parent), "Lägg till"),
        (lambda parent: PlanDetailsDialog(_PLAN, [], _ignore, parent), "Spara"),
        (lambda parent: PlanFollowUpDialog([], dt.date(2026, 12, 21), _ignore, parent), "Spara"),
    ],
)
def test_the_plan_dialogs_button_names_its_action(qtbot: QtBot, make: object, text: str) -> None:
    """'Markera en uppföljning' ended in 'Ok' (Qt's word, once in the whole Swedish UI)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog: FormDialog = make(parent)  # type: ignore[operator]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == text


def test_the_sip_export_button_names_the_export(qtbot: QtBot) -> None:
    from naravard_desktop.ui.sip.transfer import ExportDialog

    dialog = ExportDialog(2026, 5)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Exportera…"
