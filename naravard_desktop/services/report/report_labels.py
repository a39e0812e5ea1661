"""Translated names of where an activity stood at the year's end, for the report's tables:
the plan's own status words (so the summary's figures read as the tables' statuses), with
"overdue" for an open activity past its due date."""

from __future__ import annotations

from naravard_desktop.i18n import N_, _
from naravard_desktop.services.report.read_models import Outcome

_OUTCOMES = {
    Outcome.DONE: N_("Done"),
    Outcome.ONGOING: N_("In progress"),
    Outcome.NOT_STARTED: N_("Not started"),
    Outcome.OVERDUE: N_("Overdue"),
    Outcome.PAUSED: N_("Paused"),
    Outcome.DROPPED: N_("Cancelled"),
}


def outcome_label(value: Outcome) -> str:
    return _(_OUTCOMES[value])
