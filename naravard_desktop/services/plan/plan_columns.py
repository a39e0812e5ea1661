"""The columns of a plan's table, shared by the import (which recognises them by their headers,
in Swedish or English) and the spreadsheet export (which writes them in this order, so that
export then import gives the same plan)."""

from __future__ import annotations

from naravard_desktop.i18n import N_

# Column key → the English label (translated for export headers) and the headers accepted.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": (N_("No."), ("nr", "nr.", "nummer", "no", "no.", "number", "#")),
    "area": (
        N_("Area"),
        ("område", "områden", "strategi", "utvecklingsområde", "insatsområde", "area", "strategy"),
    ),
    "activity": (
        N_("Activity"),
        ("aktivitet", "aktiviteter", "prioriterade aktiviteter", "activity", "activities"),
    ),
    "description": (N_("Description"), ("beskrivning", "description", "kommentar", "comment")),
    "responsible": (
        N_("Responsible"),
        ("ansvar", "ansvar för genomförande", "ansvarig", "responsible", "responsibility"),
    ),
    "principal": (N_("Principal"), ("huvudman", "principal")),
    "schedule": (N_("Schedule"), ("tidsplan", "tidplan", "schedule", "när", "when")),
    "due": (N_("Due date"), ("slutdatum", "klart senast", "förfallodatum", "due date", "due")),
    "status": (N_("Status"), ("status", "läge")),
    "progress": (
        N_("Progress (%)"),
        (
            "genomfört",
            "genomfört (%)",
            "framsteg",  # the Swedish header of exports before the wording was fixed (issue 21)
            "framsteg (%)",
            "progress",
            "progress (%)",
            "andel klar",
            "klart (%)",
            "%",
        ),
    ),
    "follow_up": (
        N_("Follow-up"),
        ("uppföljning", "uppföljning/mått", "follow-up", "follow up", "followup"),
    ),
}
EXPORT_ORDER = (
    "number",
    "area",
    "activity",
    "description",
    "responsible",
    "principal",
    "schedule",
    "due",
    "status",
    "progress",
    "follow_up",
)
