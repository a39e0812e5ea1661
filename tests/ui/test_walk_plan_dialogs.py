"""The plan's dialogs as seen walking the secretary's day under Xvfb (issue 10): their
button says what it does, like the meeting dialogs' Skapa, Spara and Justera."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from naravard_desktop.db.enums import ActivityStatus
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
    ],
)
def test_the_plan_dialogs_button_names_its_action(qtbot: QtBot, make: object, text: str) -> None:
    """'Markera en uppföljning' ended in 'Ok' (Qt's word, once in the whole Swedish UI)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog: FormDialog = make(parent)  # type: ignore[operator]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == text
