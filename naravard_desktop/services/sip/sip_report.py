"""What SIP exports show for a year: the importable data rows, each period's table, the year
summary and the trend, with optional small-number suppression chosen for all of them at once
(services/sip/sip_disclosure.py builds the system, services/sip/suppression.py chooses the cells).

Every hidden count is shown as ".." (as SCB does), whether it is small or hidden to protect a
small one: a separate sign for small counts would tell the reader they lie between 1 and the
threshold − 1, an interval narrower than the threshold. Zeros are shown."""

from __future__ import annotations

from collections.abc import Sequence

from naravard_desktop.i18n import N_, _, use_language
from naravard_desktop.services.group.groups import get_group
from naravard_desktop.services.sip import (
    sip_analysis,
    sip_counts,
    sip_disclosure,
    sip_periods,
    sip_setup,
)
from naravard_desktop.services.sip.analysis_model import Sums, bucket_label, format_change
from naravard_desktop.services.sip.read_models import (
    HIDDEN,
    IndicatorRow,
    Position,
    ShownTable,
    YearReport,
)
from naravard_desktop.services.sip.sip_disclosure import TREND_CODES
from naravard_desktop.services.sip.suppression import protect
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.spreadsheets import CellValue

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


def _text(cell: int | None, raw: int | None, hidden: frozenset[int]) -> str:
    if cell is not None and cell in hidden:
        return HIDDEN
    return "" if raw is None else str(raw)


def _sum(values: Sequence[int | None]) -> int | None:
    found = [v for v in values if v is not None]
    return sum(found) if found else None


HiddenSums = frozenset[tuple[int, frozenset[int], int]]  # (year, months, indicator), all units


def year_report(
    db: Database,
    group_id: int,
    year: int,
    suppress_below: int | None = None,
    *,
    hidden_by_year: dict[int, HiddenSums] | None = None,
) -> YearReport:
    """Everything the XLSX, CSV and PDF exports of `year` show, suppressed as one document
    when `suppress_below` is set (services/sip/sip_disclosure.py).

    The export of a year also shows earlier years' sums (last year's total, the trend's
    quarters). A sum that an earlier year's own export hides is hidden here too, or the two
    exports together would give it away (`hidden_by_year` keeps what each year hides while
    they are worked out, the earliest first)."""
    group = get_group(db, group_id)
    setup = sip_setup.get_setup(db, group_id)
    indicators = setup.visible_indicators()
    columns = setup.columns()
    sums = sip_analysis.load_sums(db, group_id, range(year - 4, year + 1))
    periods = sip_periods.list_periods(db, group_id, year)
    counts = []
    for period in periods:
        counts.append(
            sip_disclosure.PeriodCounts(
                kind=period.kind,
                first_month=period.starts_on.month,
                last_month=period.ends_on.month,
                bucket=sip_analysis.bucket_of(period.kind, period.starts_on),
                values=sip_counts.load_counts(db, period.id).values,
            )
        )
    model = sip_disclosure.build(setup, year, counts, sums)
    suppression = None
    if suppress_below is not None:
        known = {} if hidden_by_year is None else hidden_by_year
        elsewhere: set[tuple[int, frozenset[int], int]] = set()
        for earlier in range(year - sip_disclosure.TREND_YEARS + 1, year):
            if earlier not in known:
                if not sip_periods.list_periods(db, group_id, earlier):
                    known[earlier] = frozenset()
                else:
                    before = year_report(
                        db, group_id, earlier, suppress_below, hidden_by_year=known
                    )
                    known[earlier] = before.hidden_sums
            elsewhere |= known[earlier]
        forced = [
            cell for cell, key in model.all_units.items() if key[0] < year and key in elsewhere
        ]
        suppression = protect(model.publication, suppress_below, forced)
    hidden = suppression.hidden if suppression is not None else frozenset()
    printed: dict[Position, str] = {}
    header: list[CellValue] = list(data_headers())
    data_rows: list[list[CellValue]] = [header]
    period_tables: list[ShownTable] = []
    heads = [f"{u.name} – {t.name}" for u, t in columns]
    for p, (period, period_counts) in enumerate(zip(periods, counts, strict=True)):
        rows = []
        for indicator in indicators:
            raw = [period_counts.values.get((indicator.id, u.id, t.id)) for u, t in columns]
            line = [
                _text(model.base[(p, indicator.id, c)], value, hidden)
                for c, value in enumerate(raw)
            ]
            line.append(_text(model.period_totals[(p, indicator.id)], _sum(raw), hidden))
            for c, text in enumerate(line[:-1]):
                printed[Position("base", p, indicator.id, c)] = text
            printed[Position("total", p, indicator.id)] = line[-1]
            rows.append((indicator, line))
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
        period_tables.append(ShownTable(period.label, [*heads, _("Total")], rows))
    summary = _summary(sums, year, indicators, model, hidden, printed)
    trend_indicators = [i for i in indicators if i.code in TREND_CODES] or indicators[:3]
    trend = []
    for bucket in sip_disclosure.trend_buckets(sums, year):
        values = []
        for indicator in trend_indicators:
            cell = model.trend.get((indicator.id, bucket))
            value = sums.total(bucket, indicator.id)
            shown = None if cell is not None and cell in hidden else value
            printed[Position("trend", indicator.id, bucket=bucket)] = (
                HIDDEN if shown is None and cell is not None else str(shown or 0)
            )
            values.append(shown)
        # the label says so when a quarter holds only some of its months
        trend.append((sums.label(bucket), values))
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
        model=model,
        printed=printed,
        suppression=suppression,
    )


def _summary(
    sums: Sums,
    year: int,
    indicators: Sequence[IndicatorRow],
    model: sip_disclosure.SipModel,
    hidden: frozenset[int],
    printed: dict[Position, str],
) -> ShownTable:
    """Per indicator: each quarter (or tertial) of the year, the year so far, then the
    comparison with last year like for like: the same months on both sides, said in the
    heads ("Jan–mar 2027", "Jan–mar 2026"), never a part year against a whole one.
    When last year has fewer months than this one, a column with this year's sum over the
    compared months comes before last year's. The change is shown only when both of its
    counts are."""
    shape = sip_disclosure.summary_shape(sums, year)
    compared = shape.compared
    rows = []
    for indicator in indicators:
        current, before = compared.values(sums, indicator.id)
        raw = [
            *(sums.total(b, indicator.id) for b in shape.buckets),
            sums.year_total(year, indicator.id),
            *([current] if shape.extra else []),
            sums.months_total(year - 1, shape.last_months, indicator.id),
        ]
        cells = model.summary[indicator.id]
        texts = [_text(c, v, hidden) for c, v in zip(cells, raw, strict=True)]
        for n, text in enumerate(texts):
            printed[Position("summary", indicator.id, n)] = text
        shown = all(t != HIDDEN for t in (texts[-1], texts[-2]))
        difference = format_change(current, before) if shown else ""
        if indicator.id in model.change and difference:
            plus, minus = (current or 0), (before or 0)
            printed[Position("change", indicator.id)] = str(plus - minus)
        rows.append((indicator, [*texts, difference]))
    columns = [
        *(bucket_label(b) for b in shape.buckets),
        sip_analysis.span_label(year, shape.this_months),
        *([compared.this_label] if shape.extra else []),
        sip_analysis.span_label(year - 1, shape.last_months),
        _("Change"),
    ]
    return ShownTable(_("Summary {year}").format(year=year), columns, rows)
