"""SIP follow-up as the layers above see it: the group's set-up (indicators, units, target
groups), periods, counts and their problems, an import's preview and the year's report with
its suppression. The analysis's sums are in analysis_model.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from babel import dates as babel_dates

from naravard_desktop.db.enums import CategoryKind, PeriodKind
from naravard_desktop.i18n import _, current_language, ngettext
from naravard_desktop.services.sip.analysis_model import Bucket, Sums, bucket_months
from naravard_desktop.services.system.spreadsheets import CellValue, cell_name

if TYPE_CHECKING:
    import datetime as dt

    from naravard_desktop.services.group.read_models import GroupData
    from naravard_desktop.services.sip import sip_disclosure
    from naravard_desktop.services.sip.sip_counts import CellKey
    from naravard_desktop.services.sip.sip_rules import RuleIssue
    from naravard_desktop.services.sip.suppression import Suppression


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    code: str
    indicator_set: str
    parent_id: int | None
    position: int
    name_sv: str
    name_en: str
    help_sv: str
    help_en: str
    hidden: bool
    version: int

    @property
    def name(self) -> str:
        """The name in the current language (Swedish when there is no English one)."""
        return self.name_en if current_language() == "en" and self.name_en else self.name_sv

    @property
    def help(self) -> str:
        return self.help_en if current_language() == "en" and self.help_en else self.help_sv


@dataclass(frozen=True)
class CategoryRow:
    id: int
    kind: CategoryKind
    name: str
    position: int
    hidden: bool
    version: int


@dataclass(frozen=True)
class Setup:
    """What the grid, the exports and the analysis need to lay out a group's counts."""

    group_id: int
    indicator_set: str
    period_kind: PeriodKind
    suppress_below: int
    indicators: tuple[IndicatorRow, ...]
    units: tuple[CategoryRow, ...]
    target_groups: tuple[CategoryRow, ...]
    group_version: int  # the group's: the period kind and the limit are part of it

    def visible_indicators(self) -> list[IndicatorRow]:
        return [i for i in self.indicators if not i.hidden]

    def columns(self) -> list[tuple[CategoryRow, CategoryRow]]:
        """The visible unit × target group pairs, unit by unit."""
        return [
            (unit, target)
            for unit in self.units
            if not unit.hidden
            for target in self.target_groups
            if not target.hidden
        ]

    def names_by_code(self) -> dict[str, str]:
        return {i.code: i.name for i in self.indicators if not i.hidden}

    def parts_by_code(self) -> dict[str, list[str]]:
        codes = {i.id: i.code for i in self.indicators}
        parts: dict[str, list[str]] = {}
        for item in self.indicators:
            if item.parent_id is not None and item.parent_id in codes and not item.hidden:
                parts.setdefault(codes[item.parent_id], []).append(item.code)
        return parts


@dataclass(frozen=True)
class CellIssue:
    """A broken rule located in the grid: the indicator ids of the cells it marks."""

    unit_id: int
    target_group_id: int
    indicator_ids: tuple[int, ...]
    issue: RuleIssue


MAX_PROBLEMS = 200


@dataclass
class ImportPeriod:
    kind: PeriodKind
    starts_on: dt.date
    ends_on: dt.date
    existing_id: int | None
    values: dict[CellKey, int | None] = field(default_factory=dict)
    changed: int = 0

    @property
    def label(self) -> str:
        return label(self.kind, self.starts_on)


@dataclass
class ImportPreview:
    rows_read: int = 0
    periods: list[ImportPeriod] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> int:
        return sum(p.changed for p in self.periods)

    def problem(self, row: int, column: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                _("{where}: {message}").format(where=cell_name(row, column), message=message)
            )


_MONTHS_PER = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.TERTIAL: 4,
    PeriodKind.YEAR: 12,
}


def number_of(kind: PeriodKind, day: dt.date) -> int:
    """Which period of its year `day` falls in."""
    return (day.month - 1) // _MONTHS_PER[kind] + 1


def label(kind: PeriodKind, starts_on: dt.date) -> str:
    """ "maj 2024", "Kvartal 2 2024", "Tertial 1 2024", "2024"."""
    number = number_of(kind, starts_on)
    year = starts_on.year
    if kind is PeriodKind.MONTH:
        return str(babel_dates.format_date(starts_on, "LLLL y", locale=current_language()))
    if kind is PeriodKind.QUARTER:
        return _("Quarter {number} {year}").format(number=number, year=year)
    if kind is PeriodKind.TERTIAL:
        return _("Tertial {number} {year}").format(number=number, year=year)
    return str(year)


@dataclass(frozen=True)
class PeriodRow:
    id: int
    group_id: int
    kind: PeriodKind
    starts_on: dt.date
    ends_on: dt.date
    closed: bool
    note: str
    version: int
    value_count: int

    @property
    def label(self) -> str:
        return label(self.kind, self.starts_on)

    @property
    def year(self) -> int:
        return self.starts_on.year


HIDDEN = ".."


class Position(NamedTuple):
    """Where a count is printed: ("base", period, indicator, column), ("total", period,
    indicator), ("summary", indicator, column), ("change", indicator), ("trend", indicator,
    bucket=…); periods and columns by their number in the report."""

    kind: str
    first: int
    second: int = 0
    column: int = 0
    bucket: Bucket | None = None


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
    model: sip_disclosure.SipModel
    printed: dict[Position, str]  # every count as printed, for the audit
    suppression: Suppression | None

    @property
    def hidden_counts(self) -> tuple[int, int]:
        """(primary, secondary): how many published values were hidden, each once however
        many tables print it."""
        if self.suppression is None:
            return 0, 0
        return len(self.suppression.primary), len(self.suppression.secondary)

    @property
    def hidden_sums(self) -> frozenset[tuple[int, frozenset[int], int]]:
        """The sums over all units this export hides: (year, months, indicator)."""
        if self.suppression is None:
            return frozenset()
        hidden = self.suppression.hidden
        return frozenset(k for c, k in self.model.all_units.items() if c in hidden)

    @property
    def note(self) -> str:
        """What was done, for under the tables: the threshold, the sign, how many values were
        hidden and why ("" without suppression)."""
        return suppression_note(self.suppress_below, *self.hidden_counts)

    @property
    def has_counts(self) -> bool:
        """Whether any period of the year holds a count to show (suppressed ones included)."""
        return any(row[-1] is not None for row in self.data_rows[1:])


def suppression_note(threshold: int | None, primary: int, secondary: int) -> str:
    """ "Värden under 5 visas inte (..), men nollor visas. 3 värden har dolts för att de är
    små och 2 för att de annars kunde räknas fram." """
    if threshold is None:
        return ""
    first = _("Values under {limit} are not shown ({sign}), but zeros are.").format(
        limit=threshold, sign=HIDDEN
    )
    if not primary and not secondary:
        return f"{first} " + _("No value had to be hidden.")
    small = ngettext(
        "{n} value has been hidden because it is small",
        "{n} values have been hidden because they are small",
        primary,
    ).format(n=primary)
    if not secondary:
        return f"{first} {small}."
    protecting = ngettext(
        "{n} because it could otherwise be worked out",
        "{n} because they could otherwise be worked out",
        secondary,
    ).format(n=secondary)
    return f"{first} " + _("{small} and {protecting}.").format(small=small, protecting=protecting)


# A sum the tab shows: (year, months as a frozenset, indicator id, unit id or None for all)
ViewKey = tuple[int, frozenset[int], int, int | None]


@dataclass(frozen=True)
class ViewSuppression:
    threshold: int
    cells: dict[ViewKey, int]
    suppression: Suppression

    def hidden(self, year: int, months: frozenset[int], indicator: int, unit: int | None) -> bool:
        cell = self.cells.get((year, frozenset(months), indicator, unit))
        return cell is not None and cell in self.suppression.hidden

    def bucket_hidden(self, bucket: Bucket, indicator: int, unit: int | None, sums: Sums) -> bool:
        months = sums.months(bucket[0]) & bucket_months(bucket)
        return self.hidden(bucket[0], months, indicator, unit)

    @property
    def note(self) -> str:
        return suppression_note(
            self.threshold, len(self.suppression.primary), len(self.suppression.secondary)
        )
