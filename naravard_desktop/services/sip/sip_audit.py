"""The disclosure audit of a SIP export: of what is printed (a report about to be written, or
an exported XLSX/CSV read back), can any hidden count be worked out, or narrowed to an
interval smaller than the threshold? Shown counts from 1 to threshold − 1 fail too.

The structure (which printed cell is which sum of which counts) comes from the database's
year, built the same way as the export (services/sip/sip_disclosure.py); the numbers and the ".."
come from what is printed, so a file changed after the export is audited as it reads."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.sip.analysis_model import bucket_label
from naravard_desktop.services.sip.disclosure_audit import Contradiction, Interval, intervals
from naravard_desktop.services.sip.read_models import HIDDEN, Position, YearReport
from naravard_desktop.services.system.database import Database


@dataclass(frozen=True)
class Finding:
    where: str
    problem: str


@dataclass(frozen=True)
class AuditResult:
    threshold: int
    hidden: int  # published values hidden (each once)
    findings: list[Finding] = field(default_factory=list)
    narrowest: Interval | None = None  # the narrowest interval of a hidden value
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.findings


def _cell_of(report: YearReport, at: Position) -> int | None:
    model = report.model
    if at.kind == "base":
        return model.base.get((at.first, at.second, at.column))
    if at.kind == "total":
        return model.period_totals.get((at.first, at.second))
    if at.kind == "summary":
        cells = model.summary.get(at.first, [])
        return cells[at.second] if at.second < len(cells) else None
    if at.kind == "trend" and at.bucket is not None:
        return model.trend.get((at.first, at.bucket))
    if at.kind == "change":
        number = model.change.get(at.first)
        return None if number is None else model.publication.cell_count + number
    return None


def describe(report: YearReport, at: Position) -> str:
    """ "Kvartal 3 2025, Avslutade SIP, Totalt" for a finding."""
    names = {i.id: i.name for i in report.setup.indicators}
    if at.kind in ("base", "total"):
        table = report.period_tables[at.first]
        column = table.columns[at.column if at.kind == "base" else -1]
        return f"{table.title}, {names.get(at.second, '?')}, {column}"
    name = names.get(at.first, "?")
    if at.kind == "summary":
        return f"{report.summary.title}, {name}, {report.summary.columns[at.second]}"
    if at.kind == "change":
        return f"{report.summary.title}, {name}, {_('Change')}"
    label = bucket_label(at.bucket) if at.bucket is not None else ""
    return f"{_('Trend, all units')}, {name}, {label}"


def audit_printed(
    report: YearReport, printed: Mapping[Position, str], threshold: int
) -> AuditResult:
    """Audit `printed` (position → text as printed) against the structure of `report`."""
    started = time.perf_counter()
    structure = report.model.publication.structure
    first_difference = len(structure.cells)
    shown: dict[int, int] = {}
    hidden: set[int] = set()
    where: dict[int, Position] = {}
    findings: list[Finding] = []
    for position, text in printed.items():
        cell = _cell_of(report, position)
        if cell is None:
            continue
        where.setdefault(cell, position)
        text = text.strip()
        if text == HIDDEN:
            hidden.add(cell)
            continue
        value = int(text) if text.lstrip("-").isdigit() else (0 if text == "" else None)
        if value is None:
            problem = _("“{text}” is not a count").format(text=text)
            findings.append(Finding(describe(report, position), problem))
            continue
        if shown.setdefault(cell, value) != value:
            findings.append(
                Finding(
                    describe(report, position),
                    _("printed as {one} in one place and {other} in another").format(
                        one=shown[cell], other=value
                    ),
                )
            )
        if cell < first_difference and 0 < value < threshold:
            findings.append(
                Finding(
                    describe(report, position),
                    _("{value} is shown although it is under {limit}").format(
                        value=value, limit=threshold
                    ),
                )
            )
    hidden -= set(shown)  # printed as a number somewhere: the reader has it
    counts = {c for c in hidden if c < first_difference}
    narrowest: Interval | None = None
    try:
        found = intervals(structure, shown, counts, threshold=threshold)
    except Contradiction:
        findings.append(Finding(_("the whole file"), _("the printed values contradict each other")))
        found = {}
    for cell, interval in sorted(found.items()):
        if narrowest is None or interval.width < narrowest.width:
            narrowest = interval
        if interval.width < threshold:
            if interval.width == 0:
                problem = _("hidden, but it can be worked out: {value}").format(
                    value=f"{interval.low:g}"
                )
            else:
                problem = _("hidden, but it can be narrowed to {interval}").format(
                    interval=interval.text()
                )
            findings.append(Finding(describe(report, where[cell]), problem))
    return AuditResult(threshold, len(counts), findings, narrowest, time.perf_counter() - started)


def audit_report(report: YearReport, threshold: int | None = None) -> AuditResult:
    """The audit of what an export of `report` prints."""
    limit = threshold or report.suppress_below
    if limit is None:
        raise DomainError(_("The audit needs a limit for small numbers."))
    return audit_printed(report, report.printed, limit)


def refuse_unless_audited(report: YearReport) -> None:
    """Raises DomainError when the report would let a hidden count be worked out."""
    if report.suppress_below is None:
        return
    result = audit_report(report)
    if not result.ok:
        first = result.findings[0]
        raise DomainError(
            _(
                "The export was stopped: a hidden count could be worked out from the file "
                "({where}: {problem}). Nothing was written."
            ).format(where=first.where, problem=first.problem)
        )


def audit_file(db: Database, group_id: int, year: int, path: Path, threshold: int) -> AuditResult:
    """The audit of an exported XLSX or CSV of `year`, read back."""
    from naravard_desktop.services.sip.sip_audit_files import read_file
    from naravard_desktop.services.sip.sip_report import year_report

    report = year_report(db, group_id, year)
    if not report.period_tables:
        raise DomainError(_("There are no SIP periods for {year}.").format(year=year))
    return audit_printed(report, read_file(report, path), threshold)
