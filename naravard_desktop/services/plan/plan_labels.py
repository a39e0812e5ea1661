"""Translated names of activity statuses and plan states, and reading them back from the
words people write in a Status column (Swedish or English, any case)."""

from __future__ import annotations

from naravard_desktop.db.enums import ActivityStatus, PlanState
from naravard_desktop.i18n import N_, _

_STATUSES = {
    ActivityStatus.NOT_STARTED: N_("Not started"),
    ActivityStatus.IN_PROGRESS: N_("In progress"),
    ActivityStatus.DONE: N_("Done"),
    ActivityStatus.PAUSED: N_("Paused"),
    ActivityStatus.CANCELLED: N_("Cancelled"),
}

_STATES = {PlanState.DRAFT: N_("Draft"), PlanState.ADOPTED: N_("Adopted")}

# What plans write in a Status column, lower case, in both languages.
_STATUS_WORDS: dict[str, ActivityStatus] = {
    "ej påbörjad": ActivityStatus.NOT_STARTED,
    "ej påbörjat": ActivityStatus.NOT_STARTED,
    "inte påbörjad": ActivityStatus.NOT_STARTED,
    "ej startad": ActivityStatus.NOT_STARTED,
    "planerad": ActivityStatus.NOT_STARTED,
    "not started": ActivityStatus.NOT_STARTED,
    "pågår": ActivityStatus.IN_PROGRESS,
    "pågående": ActivityStatus.IN_PROGRESS,
    "påbörjad": ActivityStatus.IN_PROGRESS,
    "in progress": ActivityStatus.IN_PROGRESS,
    "klar": ActivityStatus.DONE,
    "klart": ActivityStatus.DONE,
    "genomförd": ActivityStatus.DONE,
    "slutförd": ActivityStatus.DONE,
    "done": ActivityStatus.DONE,
    "pausad": ActivityStatus.PAUSED,
    "vilande": ActivityStatus.PAUSED,
    "paused": ActivityStatus.PAUSED,
    "utgår": ActivityStatus.CANCELLED,
    "utgått": ActivityStatus.CANCELLED,
    "struken": ActivityStatus.CANCELLED,
    "cancelled": ActivityStatus.CANCELLED,
    "canceled": ActivityStatus.CANCELLED,
}

# Not overdue however late: finished one way or the other.
CLOSED_STATUSES = frozenset({ActivityStatus.DONE, ActivityStatus.CANCELLED})


def status_label(value: ActivityStatus) -> str:
    return _(_STATUSES[value])


def plan_state_label(value: PlanState) -> str:
    return _(_STATES[value])


def status_from_text(text: str) -> ActivityStatus | None:
    """ "Pågår", "KLAR", "in progress", or the label in the current language; None if unknown."""
    key = " ".join(text.split()).lower().rstrip(".")
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    for status in ActivityStatus:
        if key in (status.value, status_label(status).lower()):
            return status
    return None
