"""SIP counts as XLSX and CSV: the data layout the importer reads (one row per period,
indicator, unit and target group), plus, in XLSX, the summary and each period's table."""

from __future__ import annotations

from naravard_desktop.export.spreadsheets import CsvStyle, csv_bytes, xlsx_bytes
from naravard_desktop.i18n import _
from naravard_desktop.services.sip_report import ShownTable, YearReport, legend
from naravard_desktop.services.spreadsheets import CellValue

DATA_SHEET = "SIP-data"


def _table_rows(table: ShownTable) -> list[list[CellValue]]:
    rows: list[list[CellValue]] = [[table.title], [_("Indicator"), *table.columns]]
    for indicator, texts in table.rows:
        indent = "    " if indicator.parent_id is not None else ""
        rows.append([indent + indicator.name, *(_cell(t) for t in texts)])
    rows.append([])
    return rows


def _cell(text: str) -> CellValue:
    return int(text) if text.isdigit() else (text or None)


def sip_xlsx(report: YearReport) -> bytes:
    summary = _table_rows(report.summary)
    periods: list[list[CellValue]] = []
    for table in report.period_tables:
        periods.extend(_table_rows(table))
    note = legend(report.suppress_below)
    if note:
        summary.append([note])
        periods.append([note])
    return xlsx_bytes(
        [
            (DATA_SHEET, report.data_rows),
            (_("Summary"), summary),
            (_("Periods"), periods),
        ]
    )


def sip_csv(report: YearReport, style: CsvStyle = CsvStyle.EXCEL_SV) -> bytes:
    return csv_bytes(report.data_rows, style)
