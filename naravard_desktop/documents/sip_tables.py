"""SIP counts as XLSX and CSV: the data layout the importer reads (one row per period,
indicator, unit and target group), plus, in XLSX, the year summary and one table of every
period's counts (a Period column to filter on). Counts are numbers; cells hidden to protect
individuals ("..") stay text, right-aligned with the numbers. Sub-indicators ("varav …")
are indented by the cell's alignment."""

from __future__ import annotations

from naravard_desktop.documents.spreadsheets import (
    CsvStyle,
    Table,
    as_number,
    csv_bytes,
    xlsx_bytes,
)
from naravard_desktop.i18n import _
from naravard_desktop.services.sip.analysis_model import change
from naravard_desktop.services.sip.read_models import ShownTable, YearReport
from naravard_desktop.services.system.spreadsheets import CellValue

DATA_SHEET = "SIP-data"
NAME_WIDTH = 48
COUNT_WIDTH = 14
CHANGE_FORMAT = '+0;-0;"±"0'
PERCENT_FORMAT = '+0 %;-0 %;"±"0 %'


def _indent(table: ShownTable) -> list[int]:
    return [0 if indicator.parent_id is None else 1 for indicator, _texts in table.rows]


def _summary_table(report: YearReport, notes: list[str]) -> Table:
    """The summary with its change split in two numbers: the difference and the per cent
    (empty where a count is hidden, or last year was 0)."""
    table = report.summary
    body: list[list[CellValue]] = []
    for indicator, texts in table.rows:
        *counts, year, before, _change_text = texts
        difference: CellValue = None
        percent: CellValue = None
        if year.isdigit() and before.isdigit() and _change_text:
            found = change(int(year), int(before))
            if found is not None:
                difference = found[0]
                percent = None if found[1] is None else found[1] / 100
        row = [indicator.name, *(as_number(t) for t in (*counts, year, before))]
        body.append([*row, difference, percent])
    header: list[CellValue] = [_("Indicator"), *table.columns, _("Change (%)")]
    last = len(header) - 1
    return Table(
        _("Summary"),
        header,
        body,
        above=[[table.title]],
        below=notes,
        indents=_indent(table),
        max_widths={0: NAME_WIDTH, **{c: COUNT_WIDTH for c in range(1, last + 1)}},
        right_aligned=range(1, last + 1),
        number_formats={last - 1: CHANGE_FORMAT, last: PERCENT_FORMAT},
        frozen_columns=1,
    )


def _periods_table(report: YearReport, notes: list[str]) -> Table:
    """Every period's table, one under the other, in one filterable table."""
    columns = report.period_tables[0].columns if report.period_tables else [_("Total")]
    body: list[list[CellValue]] = []
    indents: list[int] = []
    for table in report.period_tables:
        for indicator, texts in table.rows:
            body.append([table.title, indicator.name, *(as_number(t) for t in texts)])
        indents.extend(_indent(table))
    last = len(columns) + 1
    return Table(
        _("Periods"),
        [_("Period"), _("Indicator"), *columns],
        body,
        below=notes,
        indents=indents,
        indent_column=1,
        max_widths={1: NAME_WIDTH, **{c: COUNT_WIDTH for c in range(2, last + 1)}},
        right_aligned=range(2, last + 1),
        frozen_columns=2,
    )


def sip_xlsx(report: YearReport) -> bytes:
    header, *rows = report.data_rows
    count = len(header) - 1
    note = report.note
    notes = [note] if note else []
    # No note under the data: the importer reads this sheet row by row.
    data = Table(DATA_SHEET, header, rows, max_widths={3: NAME_WIDTH}, right_aligned=[count])
    return xlsx_bytes(
        [data, _summary_table(report, notes), _periods_table(report, notes)],
        title=_("SIP follow-up {year}").format(year=report.year),
        subject=_("SIP follow-up"),
    )


def sip_csv(report: YearReport, style: CsvStyle = CsvStyle.EXCEL_SV) -> bytes:
    """The data rows; when counts are hidden, the note on what was hidden comes first, above
    the column heads (the importer looks for the heads in the first rows)."""
    rows: list[list[CellValue]] = list(report.data_rows)
    if report.note:
        rows = [[report.note], [], *rows]
    return csv_bytes(rows, style)
