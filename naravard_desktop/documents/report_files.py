"""The bytes of a year's annual report, for the command line and the window alike: the
adopted report's stored PDF byte for byte when it is asked for in the language it was
adopted in, else a fresh PDF or DOCX; and adopting, which stores the PDF it renders."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _, current_language, use_language
from naravard_desktop.services.report import adoption
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import AnnualReport, SipPart
from naravard_desktop.services.report.sip_part import with_sip
from naravard_desktop.services.system.database import Database

SUFFIXES = (".pdf", ".docx")


def render(report: AnnualReport, suffix: str, today: dt.date) -> bytes:
    """`report` drawn as ".pdf" or ".docx" in the current language."""
    if suffix == ".pdf":
        from naravard_desktop.documents.report_pdf import report_pdf

        return report_pdf(report, today)
    from naravard_desktop.documents.report_docx import report_docx

    return report_docx(report, today)


def report_bytes(
    db: Database,
    group_id: int,
    year: int,
    suffix: str,
    *,
    language: str | None = None,
    today: dt.date | None = None,
    sip: SipPart | None = None,
) -> bytes:
    """The report as `suffix`; `sip` is a SIP part already worked out in this language (the
    window's), used while what it is made from is unchanged."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(
            _("Choose a file name ending in .pdf or .docx (not “{suffix}”).").format(
                suffix=suffix or "–"
            )
        )
    day = today or dt.date.today()
    if language not in (None, current_language()):
        sip = None  # its words are in the language it was worked out in
    with use_language(language or current_language()):
        if suffix == ".pdf":
            stored = adoption.stored_pdf(db, group_id, year)
            if stored is not None and stored[1] == current_language():
                return stored[0]
        if sip is None:
            return render(annual_report(db, group_id, year, today=day), suffix, day)
        bare = annual_report(db, group_id, year, today=day, with_sip=False)
        return render(with_sip(db, bare, sip)[0], suffix, day)


def adopt(
    db: Database,
    group_id: int,
    year: int,
    item_id: int,
    adopted_by: str,
    *,
    today: dt.date | None = None,
) -> AnnualReport:
    """Adopt the report at the § `item_id`, storing its PDF in the current language."""
    day = today or dt.date.today()
    return adoption.adopt(
        db,
        group_id,
        year,
        item_id,
        adopted_by,
        render=lambda report: render(report, ".pdf", day),
        today=day,
    )
