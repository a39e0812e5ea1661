"""A plan as XLSX (or CSV) in the layout services/plan/plan_import.py reads back, with the
columns of services/plan/plan_columns.py: one sheet with area rows (No., Area) followed by
their activity rows, and a sheet "Om planen" with the title, period, state and revision
history (in a CSV the same lines stand above the table).
Export then import gives the same plan.

In the XLSX an area's number is a number when it is one ("1", not "1 a"), and sub-areas are
indented in the Area column by the cell's alignment, never by spaces the import would keep."""

from __future__ import annotations

from naravard_desktop.documents.spreadsheets import (
    CsvStyle,
    Table,
    as_number,
    csv_bytes,
    xlsx_bytes,
)
from naravard_desktop.i18n import _, current_language
from naravard_desktop.services.group.labels import principal_label
from naravard_desktop.services.plan.plan_columns import COLUMNS, EXPORT_ORDER
from naravard_desktop.services.plan.plan_labels import plan_state_label, status_label
from naravard_desktop.services.plan.read_models import PlanSummary, PlanTree
from naravard_desktop.services.system.spreadsheets import CellValue

# The sheet about the plan and its labels, in the words services/plan/plan_import.py reads back
# (META_SHEETS, META_KEYS): part of the file format, so not left to the translations.
META_LABELS = {
    "sv": ("Om planen", "Titel", "Giltig från", "Giltig till", "Läge", "Reviderad"),
    "en": ("About the plan", "Title", "Valid from", "Valid to", "State", "Revised"),
}
# The widest each column may be (in characters) before its text wraps.
WIDTHS = {
    "number": 8,
    "area": 30,
    "activity": 45,
    "description": 45,
    "responsible": 30,
    "principal": 12,
    "schedule": 25,
    "due": 12,
    "status": 13,
    "progress": 11,
    "follow_up": 35,
}


def plan_rows(tree: PlanTree) -> list[list[CellValue]]:
    """Header, then each area (depth first) with its activities."""
    rows: list[list[CellValue]] = [[_(COLUMNS[key][0]) for key in EXPORT_ORDER]]
    for area in tree.areas:
        rows.append([area.number, area.title, None, area.description or None])
        for activity in tree.activities_of(area.id):
            values: dict[str, CellValue] = {
                "area": area.title,
                "activity": activity.title,
                "description": activity.description or None,
                "responsible": activity.responsible or None,
                "principal": (
                    principal_label(activity.responsible_principal)
                    if activity.responsible_principal
                    else None
                ),
                "schedule": activity.schedule_text or None,
                "due": activity.due_date,
                "status": status_label(activity.status),
                "progress": activity.progress,
                "follow_up": activity.follow_up_method or None,
            }
            rows.append([values.get(key) for key in EXPORT_ORDER])
    return rows


def _meta_labels() -> tuple[str, ...]:
    return META_LABELS.get(current_language(), META_LABELS["sv"])


def meta_rows(plan: PlanSummary) -> list[list[CellValue]]:
    _sheet, title, valid_from, valid_to, state, revised = _meta_labels()
    rows: list[list[CellValue]] = [
        [title, plan.title],
        [valid_from, plan.valid_from],
        [valid_to, plan.valid_to],
        [state, plan_state_label(plan.state)],
    ]
    for revision in plan.revisions:
        rows.append([revised, revision.revised_on, revision.note or None])
    return rows


def _depths(tree: PlanTree) -> list[int]:
    """Per row of plan_rows() under the header: how deep its area lies (0 for top areas)."""
    parents = {area.id: area.parent_id for area in tree.areas}

    def depth(area_id: int) -> int:
        level, parent = 0, parents.get(area_id)
        while parent is not None and level < 20:
            level, parent = level + 1, parents.get(parent)
        return level

    depths: list[int] = []
    for area in tree.areas:
        level = depth(area.id)
        depths.extend([level] * (1 + len(tree.activities_of(area.id))))
    return depths


def plan_xlsx(plan: PlanSummary, tree: PlanTree) -> bytes:
    header, *body = plan_rows(tree)
    number = EXPORT_ORDER.index("number")
    for row in body:
        value = row[number]
        if isinstance(value, str):
            row[number] = as_number(value)
    table = Table(
        _("Plan"),
        header,
        body,
        indents=_depths(tree),
        indent_column=EXPORT_ORDER.index("area"),
        left_aligned=[number],
        max_widths={EXPORT_ORDER.index(key): width for key, width in WIDTHS.items()},
    )
    about = Table(_meta_labels()[0], None, meta_rows(plan), left_aligned=[1], landscape=False)
    return xlsx_bytes([table, about], title=plan.title, subject=_("Local plan"))


def plan_csv(
    tree: PlanTree, style: CsvStyle = CsvStyle.EXCEL_SV, plan: PlanSummary | None = None
) -> bytes:
    """The table; with `plan`, the lines of "Om planen" above it (title, period, state,
    revisions) and an empty line, so that the plan comes back whole from a CSV too."""
    rows = plan_rows(tree)
    if plan is not None:
        rows[:0] = [*meta_rows(plan), []]
    return csv_bytes(rows, style)
