"""Reading SIP counts back from the export layout (XLSX or CSV): a preview that names each
problem by row and column, then, only when asked, saving in one transaction. Only the cells
in the file change; a file with any problem changes nothing."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path

from naravard_desktop.db.models import SipPeriod
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.sip import indicator_sets, sip_counts, sip_periods, sip_setup
from naravard_desktop.services.sip.read_models import (
    HIDDEN,
    ImportPeriod,
    ImportPreview,
    label,
    number_of,
)
from naravard_desktop.services.sip.sip_counts import CellKey
from naravard_desktop.services.sip.sip_report import DATA_HEADERS, data_headers
from naravard_desktop.services.sip.sip_rules import CountError, check_value, parse_count
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.spreadsheets import (
    CellValue,
    Sheet,
    read_sheets,
    shown,
)

_FROM, _TO, _INDICATOR, _CODE, _UNIT, _TARGET, _COUNT = range(1, 8)


def _header_map(row: Sequence[CellValue]) -> dict[int, int] | None:
    """Column number of each of our columns, if `row` is our header (Swedish or English)."""
    names = [str(v).strip().casefold() if v is not None else "" for v in row]
    found: dict[int, int] = {}
    for language in ("sv", "en"):
        for ours, title in enumerate(data_headers(language)):
            if title.casefold() in names and ours not in found:
                found[ours] = names.index(title.casefold())
    required = {_FROM, _TO, _UNIT, _TARGET, _COUNT}
    if not required <= found.keys() or not ({_INDICATOR, _CODE} & found.keys()):
        return None
    return found


def _find_table(sheets: Sequence[Sheet]) -> tuple[Sheet, int, dict[int, int]]:
    for sheet in sheets:
        for number, row in enumerate(sheet.rows[:20]):
            columns = _header_map(row)
            if columns is not None:
                return sheet, number, columns
    raise DomainError(
        _(
            "No table with the columns {columns} was found in the file. Use a file exported from "
            "the SIP page, or give the columns these headings."
        ).format(columns=", ".join(_(h) for h in DATA_HEADERS))
    )


def _date(value: CellValue) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _count(value: CellValue) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CountError(
            _("“{text}” is not a number. Write a whole number, 0 or more.").format(text=value)
        )
    if isinstance(value, int):
        check_value(value)
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise CountError(_("{text} has decimals. Write a whole number.").format(text=value))
        check_value(int(value))
        return int(value)
    text = str(value)
    if text.strip().startswith("<") or text.strip() == HIDDEN:
        raise CountError(
            _(
                "“{text}” is a hidden small number from a published report; import a file "
                "exported without hiding small numbers."
            ).format(text=shown(text))
        )
    if len(text.strip()) > 40:  # no count is this long; do not quote all of it
        raise CountError(
            _("“{text}” is not a number. Write a whole number, 0 or more.").format(text=shown(text))
        )
    return parse_count(text)


def preview_import(db: Database, group_id: int, path: Path) -> ImportPreview:
    """What importing `path` would do; reads nothing into the database."""
    sheet, header_row, columns = _find_table(read_sheets(path))
    setup = sip_setup.get_setup(db, group_id)
    by_code = {i.code.casefold(): i.id for i in setup.indicators}
    by_name: dict[str, int] = {}
    for indicator in setup.indicators:
        for name in (indicator.name_sv, indicator.name_en):
            if name:
                by_name.setdefault(name.strip().casefold(), indicator.id)
    for indicator in setup.indicators:  # the group's own names first, then the shipped ones
        for name in indicator_sets.shipped_names(indicator.indicator_set, indicator.code):
            by_name.setdefault(name.strip().casefold(), indicator.id)
    units = {u.name.casefold(): u.id for u in setup.units}
    targets = {t.name.casefold(): t.id for t in setup.target_groups}
    existing = {p.starts_on: p for p in sip_periods.list_periods(db, group_id)}
    preview = ImportPreview()
    periods: dict[tuple[dt.date, dt.date], ImportPeriod] = {}
    seen: dict[tuple[dt.date, CellKey], int] = {}

    def cell(row: Sequence[CellValue], ours: int) -> CellValue:
        number = columns.get(ours)
        return row[number] if number is not None and number < len(row) else None

    def known(
        row: Sequence[CellValue], number: int, ours: int, ids: dict[str, int], unknown: str
    ) -> int | None:
        """The id of the unit or target group the cell names, or a problem at the cell."""
        found = ids.get(str(cell(row, ours) or "").strip().casefold())
        if found is None:
            preview.problem(number, columns[ours], unknown.format(name=cell(row, ours) or ""))
        return found

    for number in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[number]
        if not any(v is not None for v in row):
            continue
        preview.rows_read += 1
        problems_before = len(preview.problems)
        starts, ends = _date(cell(row, _FROM)), _date(cell(row, _TO))
        for ours, day in ((_FROM, starts), (_TO, ends)):
            if day is None:
                preview.problem(
                    number,
                    columns[ours],
                    _("“{text}” is not a date. Write it as 2024-03-31.").format(
                        text=shown(cell(row, ours) or "")
                    ),
                )
        kind = sip_periods.kind_of(starts, ends) if starts and ends else None
        if starts and ends and kind is None:
            preview.problem(
                number,
                columns[_FROM],
                _(
                    "{start} – {end} is not a month, quarter, tertial or year. Correct the dates."
                ).format(start=starts.isoformat(), end=ends.isoformat()),
            )
        indicator_id = None
        code = cell(row, _CODE)
        indicator_name = cell(row, _INDICATOR)
        if code is not None and str(code).strip().casefold() in by_code:
            indicator_id = by_code[str(code).strip().casefold()]
        elif indicator_name is not None and str(indicator_name).strip().casefold() in by_name:
            indicator_id = by_name[str(indicator_name).strip().casefold()]
        else:
            where = columns.get(_INDICATOR, columns.get(_CODE, 0))
            preview.problem(
                number,
                where,
                _("unknown indicator “{name}”. Use the names on the SIP page.").format(
                    name=indicator_name or code or ""
                ),
            )
        unit_id = known(
            row, number, _UNIT, units, _("unknown unit “{name}”. Use the names on the SIP page.")
        )
        target_id = known(
            row,
            number,
            _TARGET,
            targets,
            _("unknown target group “{name}”. Use the names on the SIP page."),
        )
        try:
            value = _count(cell(row, _COUNT))
        except CountError as error:
            preview.problem(number, columns[_COUNT], error.message)
            value = None
        if len(preview.problems) > problems_before:
            continue
        assert starts and ends and kind and indicator_id and unit_id and target_id
        key = (indicator_id, unit_id, target_id)
        if (starts, key) in seen:
            preview.problem(
                number,
                columns[_COUNT],
                _("the same cell is already on row {row}. Remove one of the rows.").format(
                    row=seen[(starts, key)] + 1
                ),
            )
            continue
        seen[(starts, key)] = number
        period = periods.get((starts, ends))
        if period is None:
            match = existing.get(starts)
            period = ImportPeriod(
                kind, starts, ends, match.id if match and match.ends_on == ends else None
            )
            periods[(starts, ends)] = period
        period.values[key] = value
    _check_periods(db, group_id, list(periods.values()), preview)
    preview.periods = sorted(periods.values(), key=lambda p: p.starts_on)
    return preview


def _check_periods(
    db: Database, group_id: int, periods: list[ImportPeriod], preview: ImportPreview
) -> None:
    """Closed periods, overlaps with other periods, and how many cells would change."""
    with db.session() as session:
        for period in periods:
            closed = False
            if period.existing_id is not None:
                stored = session.get(SipPeriod, period.existing_id)
                closed = stored is not None and stored.closed
                current = sip_counts.load_counts(db, period.existing_id).values
            else:
                other = sip_periods.find_overlap(
                    session, group_id, period.starts_on, period.ends_on
                )
                if other is not None:
                    preview.problems.append(
                        _(
                            "{new} overlaps {existing}, which is already there. Check the dates."
                        ).format(
                            new=period.label,
                            existing=label(other.kind, other.starts_on),
                        )
                    )
                current = {}
            period.changed = sum(1 for k, v in period.values.items() if current.get(k) != v)
            if closed and period.changed:
                preview.problems.append(
                    _("{period} is closed. Reopen it to change its counts.").format(
                        period=period.label
                    )
                )
        ordered = sorted(periods, key=lambda p: p.starts_on)
        for before, after in itertools.pairwise(ordered):
            if after.starts_on <= before.ends_on:
                preview.problems.append(
                    _("{new} overlaps {existing}, which is already there. Check the dates.").format(
                        new=after.label, existing=before.label
                    )
                )


def apply_import(db: Database, group_id: int, preview: ImportPreview) -> int:
    """Save a preview without problems in one transaction; returns the cells changed."""
    if not preview.ok:
        raise DomainError(
            _("The file has problems; nothing was imported. Correct them and try again.")
        )
    with db.session():
        for period in preview.periods:
            if period.existing_id is None:
                created = sip_periods.create_period(
                    db,
                    group_id,
                    period.starts_on.year,
                    number_of(period.kind, period.starts_on),
                    period.kind,
                )
                period_id, version = created.id, created.version
            else:
                current = sip_periods.get_period(db, period.existing_id)
                period_id, version = current.id, current.version
            if period.changed:
                sip_counts.save_counts(db, period_id, period.values, version)
    return preview.changed
