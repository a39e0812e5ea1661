"""Small-number suppression for the SIP page's analysis tab (its table and chart).

The tab shows, for any year, unit and indicator the user picks, quarter (or tertial) sums,
the year, the months compared with last year, last year's sum, and a chart of every quarter.
Switching the year, unit and indicator shows them all in turn, so the suppression is chosen
for all of them together: every such sum for every year with counts, for all units and for
each shown unit, as one system (services/sip/sip_disclosure.py's builder,
services/sip/suppression.py to choose). The change against last year is shown only when both
of its sums are."""

from __future__ import annotations

from naravard_desktop.services.sip import sip_disclosure
from naravard_desktop.services.sip.analysis_model import Sums, bucket_months
from naravard_desktop.services.sip.disclosure_audit import Structure
from naravard_desktop.services.sip.read_models import (
    Setup,
    ViewKey,
    ViewSuppression,
)
from naravard_desktop.services.sip.suppression import Publication, protect


def _span_months(span: tuple[int, int, int]) -> frozenset[int]:
    return frozenset(range(span[1], span[2] + 1))


def view_suppression(setup: Setup, sums: Sums, threshold: int) -> ViewSuppression:
    """What the analysis tab hides at `threshold`, for every choice of year and unit."""
    b = sip_disclosure.Builder()
    indicators = [i.id for i in setup.visible_indicators()]
    shown_units: list[int | None] = [None, *(u.id for u in setup.units if not u.hidden)]
    all_units = {u for cells in sums.by_span.values() for (_i, u, _t) in cells}
    all_units |= {u.id for u in setup.units}
    varav = sip_disclosure.varav_parts(setup)
    unknowns: dict[tuple[tuple[int, int, int], int], list[int]] = {}  # (span, indicator)
    for span, counts in sums.by_span.items():
        by_unit: dict[tuple[int, int], int] = {}
        for (i, u, _t), value in counts.items():
            by_unit[(i, u)] = by_unit.get((i, u), 0) + value
        for i in indicators:
            unknowns[(span, i)] = [
                b.unknown((span, i, u), by_unit.get((i, u), 0)) for u in sorted(all_units)
            ]
        for parent, parts in varav.items():
            for u in sorted(all_units):
                b.relation(
                    b.unknown((span, parent, u), 0), [b.unknown((span, x, u), 0) for x in parts]
                )
    cells: dict[ViewKey, int] = {}

    def sum_cell(year: int, months: frozenset[int], i: int, unit: int | None) -> int | None:
        key: ViewKey = (year, months, i, unit)
        if key in cells:
            return cells[key]
        members = [
            b.unknown((span, i, u), 0)
            for span in sums.by_span
            if span[0] == year and _span_months(span) <= months
            for u in sorted(all_units)
            if unit is None or u == unit
        ]
        cell = b.cell(members)
        if cell is not None:
            cells[key] = cell
        return cell

    years = sorted({span[0] for span in sums.by_span})
    for year in years:
        shape = sip_disclosure.summary_shape(sums, year)
        months_of_buckets = [sums.months(year) & bucket_months(bucket) for bucket in shape.buckets]
        for i in indicators:
            for unit in shown_units:
                quarters = [sum_cell(year, m, i, unit) for m in months_of_buckets]
                whole = sum_cell(year, shape.this_months, i, unit)
                b.rule(whole, quarters)
                months = shape.compared.months
                if months:
                    current = sum_cell(year, months, i, unit)
                    before = sum_cell(year - 1, months, i, unit)
                    if current is not None and before is not None:
                        b.differences.append((current, before))
                else:
                    sum_cell(year - 1, shape.last_months, i, unit)
    for (year, months, i, unit), cell in list(cells.items()):
        if unit is None:  # all units: the shown units' sums (when no hidden unit has counts)
            b.rule(cell, [cells.get((year, months, i, u)) for u in shown_units[1:]])
        if i in varav:
            b.rule(cell, [cells.get((year, months, x, unit)) for x in varav[i]])
    structure = Structure(len(b.values), b.cells, b.relations, b.differences, b.partitions())
    publication = Publication(structure, b.values, b.rules)
    return ViewSuppression(threshold, cells, protect(publication, threshold))
