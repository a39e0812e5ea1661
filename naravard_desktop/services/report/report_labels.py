"""Translated names of where an activity stood at the year's end, for the report's tables."""

from __future__ import annotations

from naravard_desktop.i18n import N_, _
from naravard_desktop.services.report.read_models import Outcome

_OUTCOMES = {
    Outcome.DONE: N_("Done"),
    Outcome.ONGOING: N_("Ongoing"),
    Outcome.NOT_STARTED: N_("Not started"),
    Outcome.OVERDUE: N_("Overdue"),
    Outcome.PAUSED: N_("Paused"),
    Outcome.DROPPED: N_("Dropped"),
}


def outcome_label(value: Outcome) -> str:
    return _(_OUTCOMES[value])
