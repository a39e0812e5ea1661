"""What each toolbar action does, in a sentence, as its tooltip with its keys: a text-only
button says what it is called, the tooltip what it will do. Given to the pages' toolbars as
each page is built (ui/window_pages.join_page); an action whose maker gave it a tooltip of its
own keeps that one. tests/ui/test_help_tooltips.py walks every toolbar and fails on an action
left with none."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from naravard_desktop.i18n import N_, _

# By the action's object name.
NAMED: dict[str, str] = {
    # Meetings: the list
    "add_meeting": N_("Create a meeting: its date, place, chair, adjusters and agenda"),
    "open_meeting": N_("Open the chosen meeting's agenda, protocol and attendance"),
    "edit_meeting_in_list": N_("Change the chosen meeting's date, time, place or people"),
    "delete_meeting": N_("Delete the chosen meeting; an approved protocol cannot be deleted"),
    # Meetings: the meeting editor
    "edit_meeting": N_("Change the meeting's date, time, place, chair or adjusters"),
    "export_kallelse": N_("Save the notice of the meeting with its agenda as a PDF file"),
    "export_protocol_pdf": N_("Save the protocol as a PDF file (a draft until it is approved)"),
    "export_protocol_docx": N_("Save the protocol as a Word file to edit further outside"),
    "approve_protocol": N_("Record who approved the protocol and when; it is then locked"),
    "start_correction": N_("Open an approved protocol for a correction; a new version follows"),
    "sign_protocol": N_("Sign the approved protocol with a certificate file or a smart card"),
    "add_item": N_("Add an item to the agenda after the one chosen"),
    "remove_item": N_("Remove the chosen item from the agenda"),
    "add_action_item": N_("Add an action item to this item: what, responsible, due date"),
    "add_guest": N_("Add someone who is not in the group's list to this meeting"),
    "remove_attendance": N_("Remove the chosen person from this meeting's attendance"),
    # Plan
    "add_area": N_("Add an area or strategy to the plan"),
    "add_activity": N_("Add an activity to the chosen area"),
    "follow_up": N_("Mark a follow-up of the chosen activity: date, status, progress, note"),
    "move_up": N_("Move the chosen area or activity one step up"),
    "move_down": N_("Move the chosen area or activity one step down"),
    "move_to_area": N_("Move the chosen activity to another area"),
    "delete_plan_item": N_("Delete the chosen area or activity (undo with Ctrl+Z)"),
    "import_plan": N_("Read a plan from an Excel or Word file, with a preview first"),
    "export_plan_pdf": N_("Save the plan shown as a PDF file"),
    "export_plan_xlsx": N_("Save the plan shown as an Excel file"),
    "print_plan": N_("Print the plan shown as its PDF looks"),
    # SIP follow-up
    "sip_new_period": N_("Add a counting period (month, quarter, tertial or year)"),
    "sip_close_period": N_(
        "Close the period so its counts are not changed by mistake, or open it again"
    ),
    "sip_remove_period": N_("Remove the chosen period; only an empty period can be removed"),
    "sip_export": N_("Save the counts of a year as an Excel, CSV or PDF file"),
    "sip_import": N_("Read counts from an Excel or CSV file, with a preview first"),
    "sip_print": N_("Print the year's counts as the PDF report looks"),
    "sip_settings": N_("Choose the indicators, units, target groups and kind of period"),
    # Annual follow-up
    "preview_report": N_("Show the year's report page by page as it will be exported"),
    "export_report_pdf": N_("Save the year's report as a PDF/A file to send and archive"),
    "export_report_docx": N_("Save the year's report as a Word file to edit further outside"),
    "print_report": N_("Print the year's report as its PDF looks"),
    "adopt_report": N_("Record the meeting's § that adopted the report; its texts then lock"),
    "reopen_report": N_("Open the adopted report for a correction; a new version follows"),
    "earlier_report_versions": N_("Save a version a correction replaced, as it was adopted"),
    # Members
    "add_member": N_("Add a person to the group's list of members"),
    # Action items
    "toggle_action_done": N_("Mark the chosen action item done, or open again"),
}

# Actions without an object name: by the class of the widget that holds them and their text.
UNNAMED: dict[tuple[str, str], str] = {
    ("MembersPage", "&Edit…"): N_("Change the chosen member's details or role"),
    ("MembersPage", "End &membership"): N_(
        "Give the chosen member's last day; they stay in earlier protocols"
    ),
    ("MembersPage", "&Delete…"): N_("Delete the chosen member from the list (undo with Ctrl+Z)"),
    ("ActionsPanel", "Edit…"): N_(
        "Change the chosen action item: what, responsible, due date, done"
    ),
    ("ActionsPanel", "Remove…"): N_("Remove the chosen action item"),
    ("QTableView", "Move up"): N_("Move the chosen item one step up in the agenda"),
    ("QTableView", "Move down"): N_("Move the chosen item one step down in the agenda"),
}


def with_keys(text: str, action: QAction) -> str:
    """`text` followed by the action's keys as the system writes them: "… (Ctrl+U)"."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    keys = [k for k in keys if k]
    return f"{text} ({', '.join(keys)})" if keys else text


def plain_text(text: str) -> str:
    """An action's text as a list or tooltip shows it: no mnemonic, no closing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def has_own_tooltip(action: QAction) -> bool:
    """Qt makes the text (without & and …) the tooltip of an action that has none."""
    tip = action.toolTip().strip()
    return bool(tip) and plain_text(tip) != plain_text(action.text())


def explain_toolbars(root: QWidget) -> None:
    """Gives each toolbar action in `root` its sentence and keys, unless it has its own."""
    for toolbar in root.findChildren(QToolBar):
        for action in toolbar.actions():
            if action.isSeparator() or has_own_tooltip(action):
                continue
            description = _description(action)
            if description is not None:
                action.setToolTip(with_keys(description, action))


def _description(action: QAction) -> str | None:
    # Looked up through the constants themselves, so the extractor sees each text is marked.
    key = action.objectName()
    if key in NAMED:
        return _(NAMED[key])
    owner = type(action.parent()).__name__
    for pair in UNNAMED:
        if pair[0] == owner and _(pair[1]) == action.text():
            return _(UNNAMED[pair])
    return None
