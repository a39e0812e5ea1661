"""An exported SIP XLSX or CSV read back for the audit: each printed count by its position in
the year's report (period, indicator, column), so the audit sees what a reader of the file
sees. A CSV holds the data layout only; an XLSX adds the summary and the periods' tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, use_language
from naravard_desktop.services.sip.read_models import Position, YearReport
from naravard_desktop.services.system.spreadsheets import CellValue, Sheet, read_sheets


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def _in_both(name: Callable[[], str]) -> set[str]:
    """A sheet or column name in Swedish and English."""
    found = set()
    for language in ("sv", "en"):
        with use_language(language):
            found.add(name())
    return found


def _mismatch(sheet: str, row: int, what: str) -> DomainError:
    return DomainError(
        _(
            "The file does not match the year in the database: sheet {sheet}, row {row}: {what}."
        ).format(sheet=sheet, row=row + 1, what=what)
    )


def _data(report: YearReport, sheet: Sheet, printed: dict[Position, str]) -> None:
    periods = {t.title: p for p, t in enumerate(report.period_tables)}
    codes = {i.code: i.id for i in report.setup.visible_indicators()}
    columns = {(u.name, t.name): c for c, (u, t) in enumerate(report.setup.columns())}
    codes_head = _in_both(lambda: _("Code"))
    header = next(
        (
            n
            for n, row in enumerate(sheet.rows[:20])
            if len(row) > 4 and _text(row[4]) in codes_head
        ),
        None,
    )  # a CSV has the note on what was hidden above the heads
    if header is None:
        raise _mismatch(sheet.name, 0, _("no row of column heads"))
    for number, row in enumerate(sheet.rows[header + 1 :], start=header + 1):
        cells = [*row, *([None] * 8)][:8]
        if all(v is None for v in cells):
            continue
        period = periods.get(_text(cells[0]))
        indicator = codes.get(_text(cells[4]))
        column = columns.get((_text(cells[5]), _text(cells[6])))
        if period is None or indicator is None or column is None:
            what = " ".join(_text(v) for v in (cells[0], cells[4], cells[5], cells[6]))
            raise _mismatch(sheet.name, number, what)
        printed[Position("base", period, indicator, column)] = _text(cells[7])


def _by_name(report: YearReport) -> dict[str, int]:
    return {indicator.name: indicator.id for indicator, _texts in report.summary.rows}


def _summary(report: YearReport, sheet: Sheet, printed: dict[Position, str]) -> None:
    names = _by_name(report)
    counts = len(report.summary.columns) - 1  # the last column is the change
    header = next(
        (n for n, row in enumerate(sheet.rows) if row and _text(row[0]) == _("Indicator")), None
    )
    if header is None:
        raise _mismatch(sheet.name, 0, _("no row of column heads"))
    heads = [_text(v) for v in sheet.rows[header][1 : counts + 2]]
    if heads != report.summary.columns:
        raise _mismatch(sheet.name, header, ", ".join(heads))
    for number, row in enumerate(sheet.rows[header + 1 :], start=header + 1):
        if not row or row[0] is None:
            break  # the notes under the table follow an empty row
        indicator = names.get(_text(row[0]))
        if indicator is None:
            raise _mismatch(sheet.name, number, _text(row[0]))
        values = [*row[1:], *([None] * (counts + 1))]
        for n in range(counts):
            printed[Position("summary", indicator, n)] = _text(values[n])
        if values[counts] is not None:
            printed[Position("change", indicator)] = _text(values[counts])


def _periods(report: YearReport, sheet: Sheet, printed: dict[Position, str]) -> None:
    periods = {t.title: p for p, t in enumerate(report.period_tables)}
    names = _by_name(report)
    width = len(report.setup.columns())
    for number, row in enumerate(sheet.rows[1:], start=1):
        if not row or row[0] is None:
            break
        period = periods.get(_text(row[0]))
        indicator = names.get(_text(row[1])) if len(row) > 1 else None
        if period is None or indicator is None:
            raise _mismatch(sheet.name, number, " ".join(_text(v) for v in row[:2]))
        values = [*row[2:], *([None] * (width + 1))]
        for c in range(width):
            printed[Position("base", period, indicator, c)] = _text(values[c])
        printed[Position("total", period, indicator)] = _text(values[width])


def read_file(report: YearReport, path: Path) -> dict[Position, str]:
    sheets: Sequence[Sheet] = read_sheets(path)
    printed: dict[Position, str] = {}
    if path.suffix.lower() == ".csv":
        _data(report, sheets[0], printed)
        return printed
    readers = (
        ({"SIP-data"}, _data),
        (_in_both(lambda: _("Summary")), _summary),
        (_in_both(lambda: _("Periods")), _periods),
    )
    for wanted, reader in readers:
        for sheet in sheets:
            if sheet.name in wanted:
                reader(report, sheet, printed)
    if not printed:
        raise DomainError(
            _(
                "{name} holds no SIP counts in the export layout. Use a file exported from the "
                "SIP page."
            ).format(name=path.name)
        )
    return printed
