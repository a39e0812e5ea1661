"""The bytes of a plan's export files, for the CLI and the plan page alike."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.system.database import Database


def plan_file_bytes(db: Database, plan_id: int, suffix: str, today: dt.date | None = None) -> bytes:
    """ ".pdf", ".xlsx" or ".csv" (Swedish Excel style)."""
    plan = plans.get_plan(db, plan_id)
    tree = plan_items.load_tree(db, plan_id)
    if suffix == ".pdf":
        from naravard_desktop.documents.plan_pdf import plan_pdf

        return plan_pdf(plan, tree, get_group(db, plan.group_id), today or dt.date.today())
    from naravard_desktop.documents.plan_xlsx import plan_csv, plan_xlsx

    return plan_csv(tree, plan=plan) if suffix == ".csv" else plan_xlsx(plan, tree)
