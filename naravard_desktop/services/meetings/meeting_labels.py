"""Translated names for meeting values, and the standard agenda items of a meeting."""

from __future__ import annotations

from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, ProtocolState
from naravard_desktop.i18n import N_, _

_KINDS = {MeetingKind.ORDINARY: N_("Ordinary"), MeetingKind.EXTRA: N_("Extra")}
_STATES = {ProtocolState.DRAFT: N_("draft"), ProtocolState.APPROVED: N_("approved")}
_ATTENDANCE = {
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.ABSENT: N_("Absent"),
    AttendanceStatus.SUBSTITUTE: N_("Substitute for"),
    AttendanceStatus.COOPTED: N_("Co-opted"),
    AttendanceStatus.GUEST: N_("Guest"),
}

# Keys of the standard items; the key lets documents and carried-over actions find them.
OPENING = "opening"
ADJUSTERS = "adjusters"
AGENDA = "agenda"
PREVIOUS_MINUTES = "previous_minutes"
OTHER_BUSINESS = "other_business"
NEXT_MEETING = "next_meeting"
CLOSING = "closing"

OPENING_ITEMS = (
    (OPENING, N_("Opening of the meeting")),
    (ADJUSTERS, N_("Election of adjuster")),
    (AGENDA, N_("Adoption of the agenda")),
    (PREVIOUS_MINUTES, N_("Previous minutes")),
)
CLOSING_ITEMS = (
    (OTHER_BUSINESS, N_("Other business")),
    (NEXT_MEETING, N_("Next meeting")),
    (CLOSING, N_("Closing of the meeting")),
)


def kind_label(kind: MeetingKind) -> str:
    return _(_KINDS[kind])


def state_label(state: ProtocolState, awaiting_signatures: bool = False) -> str:
    if awaiting_signatures and state == ProtocolState.APPROVED:
        return _("approved, awaiting signatures")
    return _(_STATES[state])


def attendance_label(status: AttendanceStatus) -> str:
    return _(_ATTENDANCE[status])
