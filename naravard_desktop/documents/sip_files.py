"""The bytes of a year's SIP export, by file type, for the CLI and the SIP page alike."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.services.sip.sip_audit import refuse_unless_audited
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database

SUFFIXES = (".xlsx", ".csv", ".pdf")


class NothingToExport(DomainError):
    """The year holds no count: an export would be an empty table."""


def sip_file_bytes(
    db: Database,
    group_id: int,
    year: int,
    suffix: str,
    *,
    suppress_below: int | None = None,
    utf8: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """ ".xlsx", ".csv" (Swedish Excel style, or UTF-8) or ".pdf".

    Raises NothingToExport when no period of `year` holds a count."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(
            _("Choose a file name ending in .xlsx, .csv or .pdf (not “{suffix}”).").format(
                suffix=suffix or "–"
            )
        )
    if suppress_below is not None and not 2 <= suppress_below <= 20:
        raise DomainError(_("Give a limit for small numbers from 2 to {limit}.").format(limit=20))
    report = year_report(db, group_id, year, suppress_below)
    if not report.has_counts:
        raise NothingToExport(
            _("There are no SIP counts for {year}: nothing to export.").format(year=year)
        )
    refuse_unless_audited(report)  # the same report feeds every format
    if suffix == ".pdf":
        from naravard_desktop.documents.sip_pdf import sip_pdf

        return sip_pdf(report, today or dt.date.today())
    from naravard_desktop.documents.sip_tables import sip_csv, sip_xlsx

    if suffix == ".csv":
        from naravard_desktop.documents.spreadsheets import CsvStyle

        return sip_csv(report, CsvStyle.UTF8 if utf8 else CsvStyle.EXCEL_SV)
    return sip_xlsx(report)
