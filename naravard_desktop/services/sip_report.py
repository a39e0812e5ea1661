"""What SIP exports show for a year: the importable data rows, each period's table and the
year summary, with optional small-number suppression applied consistently to all of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from naravard_desktop.i18n import N_, _, use_language
from naravard_desktop.services import sip_analysis, sip_counts, sip_periods, sip_setup
from naravard_desktop.services.database import Database
from naravard_desktop.services.groups import GroupData, get_group
from naravard_desktop.services.sip_analysis import Bucket
from naravard_desktop.services.sip_setup import IndicatorRow, Setup
from naravard_desktop.services.spreadsheets import CellValue
from naravard_desktop.services.suppression import suppress_table

SMALL = "<{limit}"
HIDDEN = ".."

# The columns of the data layout, written by the exports and read back by the importer.
DATA_HEADERS = (
    N_("Period"),
    N_("From"),
    N_("To"),
    N_("Indicator"),
    N_("Code"),
    N_("Unit"),
    N_("Target group"),
    N_("Count"),
)


def data_headers(language: str | None = None) -> list[str]:
    if language is None:
        return [_(h) for h in DATA_HEADERS]
    with use_language(language):
        return [_(h) for h in DATA_HEADERS]


@dataclass(frozen=True)
class ShownTable:
    """A table as printed: row names, column heads and cell texts (after suppression)."""

    title: str
    columns: list[str]
    rows: list[tuple[IndicatorRow, list[str]]]


@dataclass(frozen=True)
class YearReport:
    group: GroupData
    year: int
    setup: Setup
    suppress_below: int | None
    data_rows: list[list[CellValue]]
    period_tables: list[ShownTable]
    summary: ShownTable
    trend_indicators: list[IndicatorRow]
    trend: list[tuple[str, list[int | None]]]  # bucket label, a value per trend indicator

    @property
    def period_count(self) -> int:
        return len(self.period_tables)

    @property
    def has_counts(self) -> bool:
        """Whether any period of the year holds a count to show (suppressed ones included)."""
        return any(row[-1] is not None for row in self.data_rows[1:])


def _shown(
    grid: Sequence[Sequence[int | None]],
    indicators: Sequence[IndicatorRow],
    threshold: int | None,
    *,
    total_column: int | None,
    also_hide: Sequence[tuple[int, int]] = (),
) -> list[list[str]]:
    """Cell texts, with "<5" for small numbers and ".." for cells hidden to protect them
    when `threshold` is set. Empty cells count as 0 for the protection and stay empty."""
    numbers = [[value or 0 for value in row] for row in grid]
    hidden_primary: frozenset[tuple[int, int]] = frozenset()
    hidden_secondary: frozenset[tuple[int, int]] = frozenset()
    if threshold is not None and numbers and numbers[0]:
        position = {ind.id: r for r, ind in enumerate(indicators)}
        groups: dict[int, list[int]] = {}
        for r, ind in enumerate(indicators):
            if ind.parent_id is not None and ind.parent_id in position:
                groups.setdefault(position[ind.parent_id], []).append(r)
        result = suppress_table(
            numbers,
            threshold,
            row_total_column=total_column,
            row_groups=list(groups.items()),
            also_hide=also_hide,
        )
        hidden_primary, hidden_secondary = result.primary, result.secondary
    texts = []
    for r, row in enumerate(grid):
        line = []
        for c, value in enumerate(row):
            if (r, c) in hidden_primary:
                line.append(SMALL.format(limit=threshold))
            elif (r, c) in hidden_secondary:
                line.append(HIDDEN)
            else:
                line.append("" if value is None else str(value))
        texts.append(line)
    return texts


def _sum(values: Sequence[int | None]) -> int | None:
    found = [v for v in values if v is not None]
    return sum(found) if found else None


TREND_CODES = ("initiated", "held", "followed_up")


def year_report(
    db: Database, group_id: int, year: int, suppress_below: int | None = None
) -> YearReport:
    """Everything the XLSX, CSV and PDF exports of `year` show."""
    group = get_group(db, group_id)
    setup = sip_setup.get_setup(db, group_id)
    indicators = setup.visible_indicators()
    columns = setup.columns()
    header: list[CellValue] = list(data_headers())
    data_rows: list[list[CellValue]] = [header]
    hidden_totals: dict[tuple[int, Bucket], bool] = {}
    period_tables: list[ShownTable] = []
    heads = [f"{u.name} – {t.name}" for u, t in columns]
    for period in sip_periods.list_periods(db, group_id, year):
        values = sip_counts.load_counts(db, period.id).values
        grid: list[list[int | None]] = []
        for indicator in indicators:
            cells = [values.get((indicator.id, u.id, t.id)) for u, t in columns]
            grid.append([*cells, _sum(cells)])
        texts = _shown(grid, indicators, suppress_below, total_column=len(columns))
        bucket = sip_analysis.bucket_of(period.kind, period.starts_on)
        for indicator, line in zip(indicators, texts, strict=True):
            hidden = line[-1] != "" and not line[-1].isdigit()
            key = (indicator.id, bucket)
            hidden_totals[key] = hidden_totals.get(key, False) or hidden
        period_tables.append(
            ShownTable(
                period.label,
                [*heads, _("Total")],
                list(zip(indicators, texts, strict=True)),
            )
        )
        for indicator, line in zip(indicators, texts, strict=True):
            for (unit, target), text in zip(columns, line, strict=False):
                count: CellValue = int(text) if text.isdigit() else text
                data_rows.append(
                    [
                        period.label,
                        period.starts_on,
                        period.ends_on,
                        indicator.name,
                        indicator.code,
                        unit.name,
                        target.name,
                        count if text != "" else None,
                    ]
                )
    sums = sip_analysis.load_sums(db, group_id, range(year - 4, year + 1))
    summary = _summary(sums, year, indicators, suppress_below, hidden_totals)
    trend_indicators = [i for i in indicators if i.code in TREND_CODES] or indicators[:3]
    trend = [
        (
            sums.label(bucket),  # says so when a quarter holds only some of its months
            [sums.total(bucket, i.id) for i in trend_indicators],
        )
        for bucket in sums.buckets()
        if bucket[0] > year - 3 and bucket[0] <= year
    ]
    if suppress_below is not None:
        trend = [
            (label, [None if v is not None and 0 < v < suppress_below else v for v in values])
            for label, values in trend
        ]
    return YearReport(
        group=group,
        year=year,
        setup=setup,
        suppress_below=suppress_below,
        data_rows=data_rows,
        period_tables=period_tables,
        summary=summary,
        trend_indicators=trend_indicators,
        trend=trend,
    )


def _summary(
    sums: sip_analysis.Sums,
    year: int,
    indicators: Sequence[IndicatorRow],
    threshold: int | None,
    hidden_totals: dict[tuple[int, Bucket], bool],
) -> ShownTable:
    """Per indicator: each quarter (or tertial) of the year, the year so far, then the
    comparison with last year like for like: the same months on both sides, said in the
    heads ("Jan–mar 2027", "Jan–mar 2026"), never a part year against a whole one.
    When last year has fewer months than this one, a column with this year's sum over the
    compared months comes before last year's.

    A quarter whose total is hidden in a period table is hidden here too, or the summary
    would give away what the period table protects."""
    buckets: list[Bucket] = sums.buckets(year)
    compared = sip_analysis.compare(sums, year)
    this_months = sums.months(year)
    extra = bool(compared.months) and compared.months != this_months
    last_months = compared.months or sums.months(year - 1)
    previous = [(year - 1, kind, number) for _y, kind, number in buckets]
    this_grid = [
        [*(sums.total(b, i.id) for b in buckets), sums.year_total(year, i.id)] for i in indicators
    ]
    last_grid = [
        [
            *(sums.total(b, i.id) for b in previous),
            sums.months_total(year - 1, last_months, i.id),
        ]
        for i in indicators
    ]
    linked = [
        (r, c)
        for r, indicator in enumerate(indicators)
        for c, bucket in enumerate(buckets)
        if hidden_totals.get((indicator.id, bucket))
    ]
    this_texts = _shown(
        this_grid, indicators, threshold, total_column=len(buckets), also_hide=linked
    )
    last_texts = _shown(last_grid, indicators, threshold, total_column=len(buckets))
    rows = []
    for r, indicator in enumerate(indicators):
        current, before = compared.values(sums, indicator.id)
        shown_now, shown_before = this_texts[r][-1], last_texts[r][-1]
        cells = list(this_texts[r])
        if extra:
            # part of this year's sum: hidden when any of the row is (the rest of the year
            # could be worked out from the total), "<5" when small
            shown_now = _part_text(current, threshold, any(not t.isdigit() for t in cells if t))
            cells.append(shown_now)
        hidden = not shown_now.isdigit() or not shown_before.isdigit()
        difference = "" if hidden else sip_analysis.format_change(current, before)
        rows.append((indicator, [*cells, shown_before, difference]))
    columns = [
        *(sip_analysis.bucket_label(b) for b in buckets),
        sip_analysis.span_label(year, this_months),
        *([compared.this_label] if extra else []),
        sip_analysis.span_label(year - 1, last_months),
        _("Change"),
    ]
    return ShownTable(_("Summary {year}").format(year=year), columns, rows)


def _part_text(value: int | None, threshold: int | None, row_hidden: bool) -> str:
    if value is None:
        return ""
    if threshold is not None and row_hidden:
        return HIDDEN
    if threshold is not None and 0 < value < threshold:
        return SMALL.format(limit=threshold)
    return str(value)


def legend(threshold: int | None) -> str:
    if threshold is None:
        return ""
    return _(
        "{small} = a count from 1 to {largest}, hidden to protect individuals; {hidden} = "
        "hidden so that a small count cannot be worked out from the totals."
    ).format(small=SMALL.format(limit=threshold), largest=threshold - 1, hidden=HIDDEN)
