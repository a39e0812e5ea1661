"""Everything a year's SIP export publishes, as one system for disclosure control.

The counts behind the document are the unknowns: this year's count per period, indicator,
unit and target group (hidden units included: the summary's sums hold them), and earlier
years' counts per period and indicator (only their totals over all units are published).
Published cells are sums of them: a unit's count, a period's "Totalt", a quarter, the year,
the months compared with last year, last year's total and the trend chart's quarters.
Relations a reader may assume: the "varav" lines add up to their total where the indicator set
says so (a parts_sum rule), all parts are shown and the counts do add up. The change against
last year is a difference of two published cells, shown only when both are.

Every export format (PDF, XLSX, CSV) is suppressed from this one system, so two formats of one
year never contradict each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from naravard_desktop.db.enums import PeriodKind
from naravard_desktop.services.sip import indicator_sets, sip_analysis
from naravard_desktop.services.sip.analysis_model import Bucket, Sums
from naravard_desktop.services.sip.disclosure_audit import Structure
from naravard_desktop.services.sip.read_models import Setup
from naravard_desktop.services.sip.sip_analysis import Comparison
from naravard_desktop.services.sip.sip_counts import CellKey
from naravard_desktop.services.sip.sip_rules import RuleKind
from naravard_desktop.services.sip.suppression import Publication, SumRule

TREND_CODES = ("initiated", "held", "followed_up")
TREND_YEARS = 3


@dataclass(frozen=True)
class PeriodCounts:
    """One period of the year with its stored counts."""

    kind: PeriodKind
    first_month: int
    last_month: int
    bucket: Bucket
    values: Mapping[CellKey, int]


@dataclass(frozen=True)
class SummaryShape:
    """The summary's columns, shared by the report and this model."""

    buckets: list[Bucket]
    compared: Comparison
    this_months: frozenset[int]
    extra: bool  # a column for this year's compared months beside the year's total
    last_months: frozenset[int]


def summary_shape(sums: Sums, year: int) -> SummaryShape:
    compared = sip_analysis.compare(sums, year)
    this_months = sums.months(year)
    return SummaryShape(
        buckets=sums.buckets(year),
        compared=compared,
        this_months=this_months,
        extra=bool(compared.months) and compared.months != this_months,
        last_months=compared.months or sums.months(year - 1),
    )


def trend_buckets(sums: Sums, year: int) -> list[Bucket]:
    return [b for b in sums.buckets() if year - TREND_YEARS < b[0] <= year]


@dataclass
class SipModel:
    """The publication and where each of its cells is printed."""

    publication: Publication
    base: dict[tuple[int, int, int], int] = field(default_factory=dict)  # period, ind, column
    period_totals: dict[tuple[int, int], int] = field(default_factory=dict)  # period, ind
    summary: dict[int, list[int | None]] = field(default_factory=dict)  # ind → its columns
    change: dict[int, int] = field(default_factory=dict)  # ind → difference number
    trend: dict[tuple[int, Bucket], int] = field(default_factory=dict)  # ind, bucket
    # the sums over all units: cell → (year, months, indicator), to match other years' exports
    all_units: dict[int, tuple[int, frozenset[int], int]] = field(default_factory=dict)


class Builder:
    def __init__(self) -> None:
        self.unknowns: dict[Hashable, int] = {}
        self.values: list[int] = []
        self.cell_of: dict[frozenset[int], int] = {}
        self.cells: list[tuple[int, ...]] = []
        self.rules: list[SumRule] = []
        self.relations: list[tuple[int, tuple[int, ...]]] = []
        self.differences: list[tuple[int, int]] = []

    def unknown(self, key: Hashable, value: int) -> int:
        found = self.unknowns.get(key)
        if found is None:
            found = self.unknowns[key] = len(self.values)
            self.values.append(value)
        return found

    def cell(self, unknowns: Iterable[int]) -> int | None:
        members = frozenset(unknowns)
        if not members:
            return None
        found = self.cell_of.get(members)
        if found is None:
            found = self.cell_of[members] = len(self.cells)
            self.cells.append(tuple(sorted(members)))
        return found

    def value(self, cell: int) -> int:
        return sum(self.values[u] for u in self.cells[cell])

    def rule(self, total: int | None, parts: Sequence[int | None]) -> None:
        """A sum between published cells, kept only when it holds."""
        found = [p for p in parts if p is not None and p != total]
        if total is None or not found or len(set(found)) != len(found):
            return
        if self.value(total) == sum(self.value(p) for p in found):
            self.rules.append(SumRule(total, tuple(found)))

    def partitions(self) -> list[tuple[int, tuple[int, ...]]]:
        """The rules whose parts split their total's counts exactly, one per total."""
        found: dict[int, tuple[int, ...]] = {}
        for rule in self.rules:
            if rule.total in found:
                continue
            members = [u for p in rule.parts for u in self.cells[p]]
            if len(members) == len(set(members)) and set(members) == set(self.cells[rule.total]):
                found[rule.total] = rule.parts
        return list(found.items())

    def relation(self, total: int, parts: Sequence[int]) -> None:
        if parts and self.values[total] == sum(self.values[p] for p in parts):
            self.relations.append((total, tuple(parts)))


def varav_parts(setup: Setup) -> dict[int, list[int]]:
    """Parent indicator id → its part ids, where the indicator set says the parts add up and
    every part is shown."""
    by_code = {i.code: i for i in setup.indicators}
    found: dict[int, list[int]] = {}
    for rule in indicator_sets.rules_for(setup.indicator_set):
        parent = by_code.get(rule.total or "")
        if rule.kind is not RuleKind.PARTS_SUM or parent is None or parent.hidden:
            continue
        parts = [i for i in setup.indicators if i.parent_id == parent.id]
        if parts and not any(p.hidden for p in parts):
            found[parent.id] = [p.id for p in parts]
    return found


def _span_bucket(year: int, first: int, last: int) -> Bucket:
    size = last - first + 1
    kind = {4: PeriodKind.TERTIAL, 12: PeriodKind.YEAR}.get(size, PeriodKind.QUARTER)
    return sip_analysis.bucket_of(kind, dt.date(year, first, 1))


def build(setup: Setup, year: int, periods: Sequence[PeriodCounts], sums: Sums) -> SipModel:
    """The year's publication (see the module doc)."""
    b = Builder()
    indicators = setup.visible_indicators()
    columns = setup.columns()
    varav = varav_parts(setup)
    ids = [i.id for i in indicators]
    # this year: a count per period, indicator, unit and target group
    per_period: list[dict[int, list[int]]] = []  # period → indicator → its unknowns
    model = SipModel(Publication(Structure(0, ()), ()))
    for p, period in enumerate(periods):
        mine: dict[int, list[int]] = {i: [] for i in ids}
        keys = {(i, u.id, t.id) for i in ids for u, t in columns} | {
            k for k in period.values if k[0] in mine
        }
        for key in sorted(keys):
            mine[key[0]].append(b.unknown((p, *key), period.values.get(key, 0)))
        per_period.append(mine)
        columns_of: dict[tuple[int, int], list[int]] = {}
        for key in keys:
            columns_of.setdefault(key[1:], []).append(key[0])
        for parent, parts in varav.items():
            for unit_target in columns_of:
                b.relation(
                    b.unknown((p, parent, *unit_target), 0),
                    [b.unknown((p, part, *unit_target), 0) for part in parts],
                )
        for i in ids:
            row = []
            for c, (unit, target) in enumerate(columns):
                cell = b.cell([b.unknown((p, i, unit.id, target.id), 0)])
                assert cell is not None
                model.base[(p, i, c)] = cell
                row.append(cell)
            total = b.cell(b.unknown((p, i, u.id, t.id), 0) for u, t in columns)
            assert total is not None
            model.period_totals[(p, i)] = total
            b.rule(total, row)
        for parent, parts in varav.items():
            for c in range(len(columns)):
                b.rule(model.base[(p, parent, c)], [model.base[(p, x, c)] for x in parts])
            b.rule(model.period_totals[(p, parent)], [model.period_totals[(p, x)] for x in parts])

    # earlier years: a count per period and indicator, over all units
    earlier: dict[tuple[int, int, int], dict[int, int]] = {}  # span → indicator → unknown
    for span, cells in sums.by_span.items():
        if year - TREND_YEARS < span[0] < year:
            totals: dict[int, int] = {}
            for (i, _u, _t), value in cells.items():
                totals[i] = totals.get(i, 0) + value
            earlier[span] = {i: b.unknown((span, i), totals.get(i, 0)) for i in ids}
            for parent, parts in varav.items():
                b.relation(earlier[span][parent], [earlier[span][x] for x in parts])

    def this_year(i: int, wanted: Iterable[int]) -> int | None:
        chosen = list(wanted)
        cell = b.cell(u for p in chosen for u in per_period[p][i])
        if cell is not None:
            months = {
                m for p in chosen for m in range(periods[p].first_month, periods[p].last_month + 1)
            }
            model.all_units.setdefault(cell, (year, frozenset(months), i))
        return cell

    def before(i: int, spans: Iterable[tuple[int, int, int]]) -> int | None:
        chosen = [s for s in spans if s in earlier]
        cell = b.cell(earlier[s][i] for s in chosen)
        if cell is not None:
            months = {m for s in chosen for m in range(s[1], s[2] + 1)}
            model.all_units.setdefault(cell, (chosen[0][0], frozenset(months), i))
        return cell

    shape = summary_shape(sums, year)
    in_bucket = {
        bucket: [p for p, period in enumerate(periods) if period.bucket == bucket]
        for bucket in shape.buckets
    }
    compared = [
        p
        for p, period in enumerate(periods)
        if set(range(period.first_month, period.last_month + 1)) <= shape.compared.months
    ]
    last_spans = [
        s for s in earlier if s[0] == year - 1 and set(range(s[1], s[2] + 1)) <= shape.last_months
    ]
    for i in ids:
        quarters = [this_year(i, in_bucket[bucket]) for bucket in shape.buckets]
        whole = this_year(i, range(len(periods)))
        extra = this_year(i, compared) if shape.extra else None
        last = before(i, last_spans)
        model.summary[i] = [*quarters, whole, *([extra] if shape.extra else []), last]
        for bucket, quarter in zip(shape.buckets, quarters, strict=True):
            b.rule(quarter, [model.period_totals[(p, i)] for p in in_bucket[bucket]])
        b.rule(whole, quarters)
        if extra is not None:
            inside = [
                q
                for q, bk in zip(quarters, shape.buckets, strict=True)
                if set(in_bucket[bk]) <= set(compared)
            ]
            b.rule(extra, inside)
        current = extra if shape.extra else whole
        if shape.compared.months and current is not None and last is not None:
            model.change[i] = len(b.differences)
            b.differences.append((current, last))
    for parent, parts in varav.items():
        for n, cell in enumerate(model.summary[parent]):
            b.rule(cell, [model.summary[x][n] for x in parts])

    trend_ids = [i.id for i in indicators if i.code in TREND_CODES] or ids[:3]
    for bucket in trend_buckets(sums, year):
        for i in trend_ids:
            found: int | None
            if bucket[0] == year:
                found = this_year(i, [p for p, x in enumerate(periods) if x.bucket == bucket])
            else:
                spans = [s for s in earlier if _span_bucket(*s) == bucket]
                found = before(i, spans)
            if found is not None:
                model.trend[(i, bucket)] = found
    for i in trend_ids:
        last_cell = model.summary[i][-1]
        if last_cell is None:
            continue
        members = set(b.cells[last_cell])
        parts = [c for (j, bk), c in model.trend.items() if j == i and bk[0] == year - 1]
        covered = [c for c in parts if set(b.cells[c]) <= members]
        if sum(len(b.cells[c]) for c in covered) == len(members):
            b.rule(last_cell, covered)

    structure = Structure(len(b.values), b.cells, b.relations, b.differences, b.partitions())
    model.publication = Publication(structure, b.values, b.rules)
    return model
