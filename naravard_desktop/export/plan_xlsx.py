"""A plan as XLSX (or CSV) in the layout services/plan_import.py reads back: one sheet with
area rows (No., Area) followed by their activity rows, and a sheet "Om planen" with the
title, period and state. Export then import gives the same plan."""

from __future__ import annotations

from naravard_desktop.export.spreadsheets import CsvStyle, Rows, csv_bytes, xlsx_bytes
from naravard_desktop.i18n import _
from naravard_desktop.services.labels import principal_label
from naravard_desktop.services.plan_import import COLUMNS, EXPORT_ORDER
from naravard_desktop.services.plan_items import PlanTree
from naravard_desktop.services.plan_labels import plan_state_label, status_label
from naravard_desktop.services.plans import PlanSummary
from naravard_desktop.services.spreadsheets import CellValue

META_TITLE = "Om planen"


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


def meta_rows(plan: PlanSummary) -> list[list[CellValue]]:
    rows: list[list[CellValue]] = [
        ["Titel", plan.title],
        ["Giltig från", plan.valid_from],
        ["Giltig till", plan.valid_to],
        ["Läge", plan_state_label(plan.state)],
    ]
    for revision in plan.revisions:
        rows.append(["Reviderad", revision.revised_on, revision.note or None])
    return rows


def plan_xlsx(plan: PlanSummary, tree: PlanTree) -> bytes:
    sheets: list[tuple[str, Rows]] = [(_("Plan"), plan_rows(tree)), (META_TITLE, meta_rows(plan))]
    return xlsx_bytes(sheets)


def plan_csv(tree: PlanTree, style: CsvStyle = CsvStyle.EXCEL_SV) -> bytes:
    return csv_bytes(plan_rows(tree), style)
