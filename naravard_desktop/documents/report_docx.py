"""The annual report as a Word document (DOCX), for principals who edit or merge it: the same
sections, figures, words and charts as the PDF (documents/report_text.py; the charts as
pictures from documents/report_chart_png.py, each with a description a screen reader says),
Heading styles per section, and the PDF's page and footer with "Sida X av Y" as fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from naravard_desktop.documents import docx_parts as parts
from naravard_desktop.documents import report_chart_png as charts
from naravard_desktop.documents import report_text as words
from naravard_desktop.documents.report_pdf import PLAN_SHARES
from naravard_desktop.i18n import _, format_date, format_date_in_text, format_number, format_percent
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.read_models import AnnualReport, Section
from naravard_desktop.services.sip.read_models import YearReport

FONT = "Calibri"
MUTED = parts.MUTED
RED = "8B1F1F"


def report_docx(report: AnnualReport, today: dt.date) -> bytes:
    """The report in the current language as DOCX bytes."""
    import docx  # imported only when a DOCX is written (start-up time)

    from naravard_desktop import APP_NAME

    document = docx.Document()
    _set_up(document, report)
    _cover(document, report, today)
    _plan(document, report)
    _sip(document, report)
    _meetings(document, report)
    parts.page_footer(document, document.sections[0].footer, words.footer(report))
    parts.clean_package(document, APP_NAME)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document: Any, report: AnnualReport) -> None:
    language = parts.set_up_page(document, FONT)
    properties = document.core_properties
    properties.title = f"{words.title(report)} – {report.group.name}"
    properties.subject = _("Annual follow-up of the local plan, SIP and meetings")
    properties.author = properties.last_modified_by = report.group.name
    properties.language = language
    properties.keywords = properties.comments = properties.category = ""
    properties.content_status = "" if report.analysis.adopted else words.draft_mark()
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _table(
    document: Any,
    rows: list[list[str]],
    *,
    numbers: bool = False,
    shares: Sequence[float] | None = None,
) -> Any:
    """A grid with a bold head row, its columns `shares` of the text width as in the PDF
    (equal without); `numbers` right-aligns all columns but the first and shows an empty
    count as "–", as the PDF does, so it does not read as a value left out by mistake."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    columns = len(rows[0])
    shares = shares or [1 / columns] * columns
    parts.borderless(table, [parts.TEXT_WIDTH_MM * share for share in shares])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            paragraph = parts.tight(table.cell(r, c).paragraphs[0])
            shown = (text or "–") if numbers and r and c else text
            parts.text(paragraph, shown, bold=r == 0, size=Pt(9))
            if numbers and c:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _count_shares(first: float, columns: int) -> list[float]:
    """The PDF's table of counts: the names `first` of the width, the last column (the
    change, "+12 (+26 %)") half a column wider than the counts."""
    count = (1 - first) / (columns - 1 + 0.5)
    return [first] + [count] * (columns - 2) + [count * 1.5]


def _analysis(document: Any, report: AnnualReport, section: Section) -> None:
    document.add_heading(_("Analysis"), level=2)
    text = words.analysis(report, section)
    if not text:
        parts.text(document.add_paragraph(), words.no_analysis(), color=MUTED)
    for block in (b for b in text.split("\n\n") if b.strip()):
        parts.text(document.add_paragraph(), block.strip())


def _cover(document: Any, report: AnnualReport, today: dt.date) -> None:
    document.add_heading(words.title(report), level=0)
    parts.text(document.add_paragraph(), report.group.name, color=MUTED)
    if words.principals_line(report):
        parts.text(document.add_paragraph(), words.principals_line(report), color=MUTED)
    state = document.add_paragraph()
    colour = {} if report.analysis.adopted else {"color": RED}
    parts.text(state, words.state_line(report), bold=True, **colour)
    printed = _("Printed {date}.").format(date=format_date_in_text(today))
    parts.text(document.add_paragraph(), f"{words.as_of_line(report)} {printed}", color=MUTED)
    document.add_heading(section_title(Section.SUMMARY), level=1)
    parts.text(document.add_paragraph(), words.plan_line(report))
    if report.activities:
        figures = words.outcome_figures(report)
        _table(document, [[a for a, _b in figures], [b for _a, b in figures]])
    document.add_heading(section_title(Section.MEETINGS), level=2)
    figures = words.meeting_figures(report)
    _table(document, [[a for a, _b in figures], [b for _a, b in figures]])
    brief = words.sip_brief_rows(report)
    if brief:
        document.add_heading(_("SIP in brief"), level=2)
        _table(document, brief, numbers=True, shares=_count_shares(0.46, len(brief[0])))
    if report.areas:
        _progress_chart(document, report)
    _analysis(document, report, Section.SUMMARY)


def _opening(document: Any, report: AnnualReport, section: Section) -> None:
    """A section's heading on a new page; a section with nothing to show (one line saying
    why) follows on the page before, as in the PDF, rather than a page all but blank."""
    heading = document.add_heading(section_title(section), level=1)
    empty = words.empty_section(report, section)
    if empty:
        document.add_paragraph(empty)
    else:
        heading.paragraph_format.page_break_before = True


def _plan(document: Any, report: AnnualReport) -> None:
    _opening(document, report, Section.PLAN)
    for plan in report.plans:
        document.add_heading(plan.title, level=2)
        parts.text(document.add_paragraph(), words.plan_facts(plan), color=MUTED)
        for area in plan.areas:
            document.add_heading(area.label, level=3)
            if not area.activities:
                parts.text(document.add_paragraph(), _("No activities."), color=MUTED)
                continue
            heads = [_("Activity"), _("Responsible"), _("Schedule"), _("Status"), _("Progress")]
            rows = [heads]
            for activity in area.activities:
                title = "\n".join([activity.title, *(words.note_line(n) for n in activity.notes)])
                rows.append(
                    [
                        title,
                        activity.responsible,
                        activity.schedule_text,
                        words.status_text(activity.status, activity.outcome),
                        format_percent(activity.progress),
                    ]
                )
            _table(document, rows, shares=PLAN_SHARES)
    _analysis(document, report, Section.PLAN)


def _sip(document: Any, report: AnnualReport) -> None:
    _opening(document, report, Section.SIP)
    sip = report.sip
    if sip is not None:
        note = _("Counts only: no information about individuals.") + " " + sip.note
        parts.text(document.add_paragraph(), note, color=MUTED)
        document.add_heading(sip.summary.title, level=2)
        rows = [[_("Indicator"), *sip.summary.columns]]
        rows += [[i.name, *texts] for i, texts in sip.summary.rows]
        _table(document, rows, numbers=True, shares=_count_shares(0.27, len(rows[0])))
        if sip.trend:
            _trend_chart(document, sip)
    _analysis(document, report, Section.SIP)


def _progress_chart(document: Any, report: AnnualReport) -> None:
    """The PDF's bars under their heading; the description names each area's figure."""
    title = _("Progress per area (mean of the activities)")
    document.add_heading(title, level=2)
    rows = charts.progress_rows(report)
    unmeasured = _("no activities to measure")  # (not in an f-string: the extractor skips it)
    shown = "; ".join(
        f"{label} {format_percent(p) if p is not None else unmeasured}" for label, p in rows
    )
    description = _("Bar chart of the progress per area: {areas}.").format(areas=shown)
    png = charts.progress_png(rows, parts.TEXT_WIDTH_MM)
    parts.picture(document.add_paragraph(), png, parts.TEXT_WIDTH_MM, title, description)


def _trend_chart(document: Any, sip: YearReport) -> None:
    """The PDF's trend lines under their heading; the description gives every value."""
    title = words.trend_heading()
    document.add_heading(title, level=2)
    labels, series = charts.trend_series(sip)
    hidden = _("not shown")
    values = " ".join(
        f"{name}: "
        + ", ".join(
            f"{label} {format_number(v) if v is not None else hidden}"
            for label, v in zip(labels, counts, strict=True)
        )
        + "."
        for name, counts in series
    )
    description = _("Line chart of the SIP counts of all units per period: {values}").format(
        values=values
    )
    png = charts.trend_png(labels, series, parts.TEXT_WIDTH_MM)
    parts.picture(document.add_paragraph(), png, parts.TEXT_WIDTH_MM, title, description)


def _meetings(document: Any, report: AnnualReport) -> None:
    _opening(document, report, Section.MEETINGS)
    if report.meetings:
        parts.text(document.add_paragraph(), words.attendance_note(), color=MUTED)
        rows = [words.meeting_heads(report)]
        rows += [words.meeting_cells(m, report) for m in report.meetings]
        rest = (1 - 0.24) / (len(rows[0]) - 1)
        _table(document, rows, shares=[0.24] + [rest] * (len(rows[0]) - 1))
    if report.decisions:
        document.add_heading(_("Decision register {year}").format(year=report.year), level=2)
        rows = [["§", _("Date"), _("Matter"), _("Decision")]]
        rows += [
            [f"§ {d.paragraph}", format_date(d.held_on), d.title, d.decision]
            for d in report.decisions
        ]
        _table(document, rows, shares=(0.07, 0.21, 0.29, 0.43))
    _analysis(document, report, Section.MEETINGS)
