"""The annual report as a Word document (DOCX), for principals who edit or merge it: the same
sections, figures and words as the PDF (documents/report_text.py), tables instead of the
charts (the progress per area as a table of percentages, the SIP trend left to the PDF),
Heading styles per section and "Sida X av Y" as fields in the footer."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

from naravard_desktop import i18n
from naravard_desktop.documents import docx_parts as parts
from naravard_desktop.documents import report_text as words
from naravard_desktop.i18n import _, format_date, format_date_in_text, format_percent
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.read_models import AnnualReport, Section

FONT = "Calibri"
MUTED = "5A5A5A"
RED = "8B1F1F"
_LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


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
    _footer(document, report)
    parts.clean_package(document, APP_NAME)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document: Any, report: AnnualReport) -> None:
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(22)
    language = _LANGUAGE_TAGS.get(i18n.current_language(), "sv-SE")
    defaults = parts.document_defaults_rpr(document)
    if defaults is not None:
        parts.set_fonts_and_language(defaults, FONT, language)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    parts.set_fonts_and_language(normal.element.get_or_add_rPr(), FONT, language)
    parts.clean_settings(document, language)
    properties = document.core_properties
    properties.title = f"{words.title(report)} – {report.group.name}"
    properties.subject = _("Annual follow-up of the local plan, SIP and meetings")
    properties.author = properties.last_modified_by = report.group.name
    properties.language = language
    properties.keywords = properties.comments = properties.category = ""
    properties.content_status = "" if report.analysis.adopted else words.draft_mark()
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _table(document: Any, rows: list[list[str]], *, numbers: bool = False) -> Any:
    """A grid with a bold head row; `numbers` right-aligns all columns but the first."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            paragraph = parts.tight(table.cell(r, c).paragraphs[0])
            parts.text(paragraph, text, bold=r == 0, size=Pt(9))
            if numbers and c:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


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
        _table(document, brief, numbers=True)
    if report.areas:
        document.add_heading(_("Progress per area (mean of the activities)"), level=2)
        rows = [[_("Area"), _("Progress")]]
        rows += [
            [area.label, format_percent(area.progress) if area.progress is not None else "–"]
            for _plan, area in report.areas
        ]
        _table(document, rows, numbers=True)
    _analysis(document, report, Section.SUMMARY)


def _plan(document: Any, report: AnnualReport) -> None:
    document.add_page_break()
    document.add_heading(section_title(Section.PLAN), level=1)
    empty = words.empty_section(report, Section.PLAN)
    if empty:
        document.add_paragraph(empty)
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
            _table(document, rows)
    _analysis(document, report, Section.PLAN)


def _sip(document: Any, report: AnnualReport) -> None:
    document.add_page_break()
    document.add_heading(section_title(Section.SIP), level=1)
    sip = report.sip
    if sip is None:
        document.add_paragraph(words.empty_section(report, Section.SIP))
    else:
        note = _("Counts only: no information about individuals.") + " " + sip.note
        parts.text(document.add_paragraph(), note, color=MUTED)
        document.add_heading(sip.summary.title, level=2)
        rows = [[_("Indicator"), *sip.summary.columns]]
        rows += [[i.name, *texts] for i, texts in sip.summary.rows]
        _table(document, rows, numbers=True)
    _analysis(document, report, Section.SIP)


def _meetings(document: Any, report: AnnualReport) -> None:
    document.add_page_break()
    document.add_heading(section_title(Section.MEETINGS), level=1)
    empty = words.empty_section(report, Section.MEETINGS)
    if empty:
        document.add_paragraph(empty)
    else:
        rows = [words.meeting_heads(report)]
        rows += [words.meeting_cells(m, report) for m in report.meetings]
        _table(document, rows)
    if report.decisions:
        document.add_heading(_("Decision register {year}").format(year=report.year), level=2)
        rows = [["§", _("Date"), _("Matter"), _("Decision")]]
        rows += [
            [f"§ {d.paragraph}", format_date(d.held_on), d.title, d.decision]
            for d in report.decisions
        ]
        _table(document, rows)
    _analysis(document, report, Section.MEETINGS)


def _footer(document: Any, report: AnnualReport) -> None:
    """The report's name left, "Sida X av Y" (live fields) after it."""
    from docx.shared import Pt

    paragraph = parts.tight(document.sections[0].footer.paragraphs[0])
    parts.text(paragraph, f"{words.footer(report)} · ", size=Pt(8), color=MUTED)
    for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if piece in ("{page}", "{pages}"):
            for element in parts.field_parts("PAGE" if piece == "{page}" else "NUMPAGES"):
                run = paragraph.add_run()
                parts.format_run(run, size=Pt(8), color=MUTED)
                run._r.append(element)
        elif piece:
            parts.format_run(paragraph.add_run(piece), size=Pt(8), color=MUTED)
