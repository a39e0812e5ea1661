"""SIP follow-up: saving and reloading a full year's grid, exporting the year, and small-number
suppression of a large table.

On a fresh database in a temporary folder, with 4 units × 3 target groups (12 columns) and the
15 shipped indicators, 12 monthly periods (2 160 cells):
- saving each month's full grid in one transaction (`save_counts`, median per month and total),
- reloading each month (`load_counts` + the rule check the grid runs, median and total),
- the grid model loading a month offscreen (what the page does when a period is chosen),
- writing the year as XLSX and as PDF with suppression;
and `suppress_table` on a 200 × 40 table with row and column totals (values 0–30, seeded).

Prints a table and writes benchmarks/results/sip.json. `python -m benchmarks.sip`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.report import print_table, write_results
from naravard_desktop.services.group.read_models import GroupInput

NAME = "sip"
TABLE_ROWS, TABLE_COLUMNS = 200, 40


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from naravard_desktop.db.enums import CategoryKind, PeriodKind
    from naravard_desktop.documents.sip_files import sip_file_bytes
    from naravard_desktop.services.group import groups
    from naravard_desktop.services.sip import sip_counts, sip_periods, sip_setup
    from naravard_desktop.services.sip.suppression import suppress_table
    from naravard_desktop.services.system.database import open_database

    results: dict[str, Any] = {}
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="naravard-bench-sip-") as folder:
        db = open_database(str(Path(folder) / "sip.sqlite"))
        group = groups.create_group(db, GroupInput(name="Samverkan Bänk"))
        sip_setup.get_setup(db, group.id)
        for name in ("Skolan", "Civilsamhället"):
            sip_setup.add_category(db, group.id, CategoryKind.UNIT, name)
        sip_setup.set_period_kind(db, group.id, PeriodKind.MONTH)
        setup = sip_setup.get_setup(db, group.id)
        keys = [(i.id, u.id, t.id) for i in setup.visible_indicators() for u, t in setup.columns()]
        save_times, load_times = [], []
        periods = []
        for month in range(1, 13):
            period = sip_periods.create_period(db, group.id, 2024, month)
            values: dict[tuple[int, int, int], int | None] = {k: rng.randint(0, 12) for k in keys}
            started = time.perf_counter()
            sip_counts.save_counts(db, period.id, values, period.version)
            save_times.append(time.perf_counter() - started)
            periods.append(period.id)
        for period_id in periods:
            started = time.perf_counter()
            loaded = sip_counts.load_counts(db, period_id)
            sip_counts.check_period(setup, loaded.values)
            load_times.append(time.perf_counter() - started)
            assert len(loaded.values) == len(keys)

        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QApplication

        from naravard_desktop.ui.sip.grid_model import SipGridModel

        app = QApplication.instance() or QApplication([])
        model = SipGridModel(db, QUndoStack())
        grid_times = []
        for period_id in periods:
            started = time.perf_counter()
            model.load(setup, period_id)
            grid_times.append(time.perf_counter() - started)
        del app

        started = time.perf_counter()
        xlsx = sip_file_bytes(db, group.id, 2024, ".xlsx", suppress_below=5)
        xlsx_s = time.perf_counter() - started
        started = time.perf_counter()
        pdf = sip_file_bytes(db, group.id, 2024, ".pdf", suppress_below=5)
        pdf_s = time.perf_counter() - started
        db.dispose()

    table = [[rng.randint(0, 30) for _ in range(TABLE_COLUMNS)] for _ in range(TABLE_ROWS)]
    table = [[*row, sum(row)] for row in table]
    table.append([sum(column) for column in zip(*table, strict=True)])
    started = time.perf_counter()
    suppressed = suppress_table(
        table, 5, row_total_column=TABLE_COLUMNS, column_total_row=TABLE_ROWS
    )
    suppress_s = time.perf_counter() - started
    # a published-style table: mostly large counts, 3 % small ones scattered (more secondary)
    sparse = [
        [rng.randint(1, 4) if rng.random() < 0.03 else rng.randint(5, 100) for _ in range(60)]
        for _ in range(500)
    ]
    sparse = [[*row, sum(row)] for row in sparse]
    sparse.append([sum(column) for column in zip(*sparse, strict=True)])
    started = time.perf_counter()
    sparse_result = suppress_table(sparse, 5, row_total_column=60, column_total_row=500)
    sparse_s = time.perf_counter() - started

    cells = len(keys)
    results = {
        "cells_per_month": cells,
        "save_month_median_ms": statistics.median(save_times) * 1000,
        "save_year_total_ms": sum(save_times) * 1000,
        "reload_month_median_ms": statistics.median(load_times) * 1000,
        "reload_year_total_ms": sum(load_times) * 1000,
        "grid_model_load_median_ms": statistics.median(grid_times) * 1000,
        "export_year_xlsx_suppressed_ms": xlsx_s * 1000,
        "export_year_pdf_suppressed_ms": pdf_s * 1000,
        "xlsx_bytes": len(xlsx),
        "pdf_bytes": len(pdf),
        "suppress_table_cells": (TABLE_ROWS + 1) * (TABLE_COLUMNS + 1),
        "suppress_table_ms": suppress_s * 1000,
        "suppress_primary": len(suppressed.primary),
        "suppress_secondary": len(suppressed.secondary),
        "suppress_sparse_cells": 501 * 61,
        "suppress_sparse_ms": sparse_s * 1000,
        "suppress_sparse_primary": len(sparse_result.primary),
        "suppress_sparse_secondary": len(sparse_result.secondary),
    }
    rows = [
        (
            f"save a month's grid ({cells} cells), median",
            f"{results['save_month_median_ms']:.1f} ms",
        ),
        ("save 12 months, total", f"{results['save_year_total_ms']:.0f} ms"),
        ("reload a month + rule check, median", f"{results['reload_month_median_ms']:.1f} ms"),
        ("reload 12 months, total", f"{results['reload_year_total_ms']:.0f} ms"),
        ("grid model loads a month, median", f"{results['grid_model_load_median_ms']:.1f} ms"),
        (
            "export the year as XLSX, suppressed",
            f"{results['export_year_xlsx_suppressed_ms']:.0f} ms",
        ),
        (
            "export the year as PDF, suppressed",
            f"{results['export_year_pdf_suppressed_ms']:.0f} ms",
        ),
        (
            f"suppress a {TABLE_ROWS + 1} × {TABLE_COLUMNS + 1} table",
            f"{results['suppress_table_ms']:.0f} ms "
            f"({results['suppress_primary']} primary, {results['suppress_secondary']} secondary)",
        ),
        (
            "suppress a 501 × 61 table, 3 % small",
            f"{results['suppress_sparse_ms']:.0f} ms ({results['suppress_sparse_primary']} "
            f"primary, {results['suppress_sparse_secondary']} secondary)",
        ),
    ]
    print_table(rows)
    write_results(NAME, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
