"""A 50,000-row plan: its import preview and its page (issue 18, targets ≤ 3 s and ≤ 500 ms).

- The preview: `read_plan_file` of an XLSX of 50,000 activities. One sheet may hold 20,000
  rows (spreadsheet_limits.MAX_ROWS, issue 11), so the file is ten sheets of 5,000 activities,
  each sheet an area of the plan, as groups write a plan with a sheet per area. Median of
  `RUNS` reads, CPU time (the read is the process's own work).
- The page: `PlanPage` built and shown on a plan of 50,000 activities in 500 areas (50 areas
  with 9 sub-areas each, 100 activities in each), until nothing is left for the event loop
  (painted). Median of `RUNS` pages, CPU time, wall beside it. Expanding one area (its 100
  activities fetched then) is measured beside it.

The plan is written with bulk inserts (setup, not measured). Prints a table, writes
benchmarks/results/plan_import.json and records both targets (benchmarks/targets.py).
`python -m benchmarks.plan_import [RUNS]`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results
from benchmarks.targets import Target, record

NAME = "plan_import"
ROWS = 50_000
SHEETS = 10  # 5,000 activities each: inside spreadsheet_limits.MAX_ROWS and MAX_CELLS
AREAS, SUB_AREAS = 50, 9  # the page's plan: 500 areas of 100 activities
RUNS = 5
SCHEDULES = ("2024-12-31", "Hösten 2022", "Löpande", "Q2 2025", "November 2024 vid mötet", "2025")
STATUSES = ("Ej påbörjad", "Pågår", "Klar", "Pausad")
STATUS_VALUES = ("not_started", "in_progress", "done", "paused")


def write_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    per_sheet = rows // SHEETS
    for sheet_number in range(SHEETS):
        sheet = book.create_sheet(f"Område {sheet_number + 1}")
        sheet.append(["Aktivitet", "Ansvar", "Tidsplan", "Status", "Framsteg", "Uppföljning"])
        for row in range(per_sheet):
            number = sheet_number * per_sheet + row
            sheet.append(
                [
                    f"Aktivitet {number + 1}: gemensamma rutiner för fasta kontakter",
                    "Fredagsgruppen Partsammansatt arbetsgrupp",
                    SCHEDULES[number % len(SCHEDULES)],
                    STATUSES[number % len(STATUSES)],
                    (number * 7) % 101,
                    "Avrapportering i samverkansgruppen",
                ]
            )
    book.save(path)


def write_plan(db: Any, group_id: int, rows: int) -> int:
    """A plan of `rows` activities in AREAS × (1 + SUB_AREAS) areas, inserted in bulk."""
    import datetime as dt

    from sqlalchemy import insert

    from naravard_desktop.db.models import Activity, Area, Plan

    areas = AREAS * (1 + SUB_AREAS)
    per_area = rows // areas
    with db.session() as session:
        plan = Plan(group_id=group_id, title="Stor plan")
        session.add(plan)
        session.flush()
        area_ids: list[int] = []
        for top in range(AREAS):
            area = Area(plan_id=plan.id, position=top, number=str(top + 1), title=f"Område {top}")
            session.add(area)
            session.flush()
            area_ids.append(area.id)
            for sub in range(SUB_AREAS):
                child = Area(
                    plan_id=plan.id,
                    parent_id=area.id,
                    position=sub,
                    number=f"{top + 1}.{sub + 1}",
                    title=f"Delområde {sub + 1} av område {top + 1}",
                )
                session.add(child)
                session.flush()
                area_ids.append(child.id)
        batch = [
            {
                "area_id": area_ids[number // per_area],
                "position": number % per_area,
                "title": f"Aktivitet {number + 1}: gemensamma rutiner för fasta kontakter",
                "description": "Rutinerna skrivs ihop med kommunen och regionen.",
                "responsible": "Fredagsgruppen Partsammansatt arbetsgrupp",
                "schedule_text": SCHEDULES[number % len(SCHEDULES)],
                "due_date": dt.date(2024, 1, 1) + dt.timedelta(days=number % 900),
                "status": STATUS_VALUES[number % len(STATUS_VALUES)],
                "progress": (number * 7) % 101,
                "follow_up_method": "Avrapportering i samverkansgruppen",
                "version": 1,
            }
            for number in range(per_area * areas)
        ]
        for start in range(0, len(batch), 5000):
            session.execute(insert(Activity), batch[start : start + 5000])
        plan_id: int = plan.id
    return plan_id


def timed(step: Callable[[], object]) -> tuple[float, float]:
    """(CPU, wall) seconds of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    step()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else RUNS
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="naravard-bench-plan-") as folder:
        work = Path(folder)
        os.environ["NARAVARD_DATA_DIR"] = str(work / "data")
        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QApplication

        from naravard_desktop import i18n
        from naravard_desktop.services.group import groups
        from naravard_desktop.services.group.read_models import GroupInput
        from naravard_desktop.services.plan.plan_import import read_plan_file
        from naravard_desktop.services.system.database import open_database
        from naravard_desktop.ui.plan.page import PlanPage

        i18n.set_language("sv")
        app = QApplication.instance() or QApplication([])
        sheet = work / "stor_plan.xlsx"
        write_sheet(sheet, ROWS)

        def preview() -> None:
            found = read_plan_file(sheet)
            assert len(found.activities) == ROWS, len(found.activities)
            assert not found.blocking, found.blocking[:3]

        previews = [timed(preview) for _ in range(runs)]

        db = open_database(str(work / "bench.sqlite"))
        group = groups.create_group(db, GroupInput(name="Benchmark"))
        write_plan(db, group.id, ROWS)
        pages: list[tuple[float, float]] = []
        expands: list[tuple[float, float]] = []
        for _ in range(runs):
            opened: list[PlanPage] = []

            def open_page(opened: list[PlanPage] = opened) -> None:
                page = PlanPage(db, group.id, QUndoStack())
                page.resize(1300, 800)
                page.show()
                app.processEvents()
                opened.append(page)

            pages.append(timed(open_page))
            page = opened[0]

            def expand(page: PlanPage = page) -> None:
                page.tree.expand(page.proxy.index(0, 0))  # the first area: read then
                app.processEvents()

            expands.append(timed(expand))
            page.close()
            page.deleteLater()
            app.processEvents()
        db.dispose()

    def median(values: list[tuple[float, float]], which: int) -> float:
        return statistics.median(v[which] for v in values)

    preview_s = median(previews, 0)
    page_ms = median(pages, 0) * 1000
    record(
        Target("plan_import_preview_50k_s", round(preview_s, 3), "s", 3.0),
        Target("plan_page_50k_ms", round(page_ms, 1), "ms", 500.0),
    )
    results: dict[str, Any] = {
        "rows": ROWS,
        "runs": runs,
        "preview_cpu_s": round(preview_s, 3),
        "preview_wall_s": round(median(previews, 1), 3),
        "page_cpu_ms": round(page_ms, 1),
        "page_wall_ms": round(median(pages, 1) * 1000, 1),
        "expand_area_cpu_ms": round(median(expands, 0) * 1000, 1),
        "expand_area_wall_ms": round(median(expands, 1) * 1000, 1),
    }
    print_table(
        [
            ("import preview, CPU (wall)", f"{preview_s:6.2f} s ({median(previews, 1):.2f} s)"),
            ("plan page open, CPU (wall)", f"{page_ms:6.0f} ms ({median(pages, 1) * 1000:.0f} ms)"),
            (
                "expand an area, CPU (wall)",
                f"{median(expands, 0) * 1000:6.0f} ms ({median(expands, 1) * 1000:.0f} ms)",
            ),
        ],
        heading=f"plan of {ROWS} activities, median of {runs}",
    )
    write_results(NAME, results)
    return 0 if preview_s <= 3 and page_ms <= 500 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
