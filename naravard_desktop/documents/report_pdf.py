"""The annual report as PDF/A-2b (A4 portrait): the cover with the summary, the plan per area
with a bar chart of progress, the SIP summary and trend exactly as the SIP export prints
them, the meetings with attendance and the decision register, and after each section the
secretary's analysis."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from naravard_desktop.documents import report_flowables as parts
from naravard_desktop.documents import report_text as words
from naravard_desktop.documents.pdf import RULE, HeadedTable, PdfInfo, build_pdfa, stylesheet
from naravard_desktop.documents.plan_pdf import OVERDUE, STATUS_COLOURS, ProgressBar
from naravard_desktop.documents.report_chart import ProgressChart
from naravard_desktop.documents.report_flowables import PAGE, WIDTH
from naravard_desktop.documents.sip_pdf import escape
from naravard_desktop.i18n import _, current_language, format_date, format_date_in_text
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.read_models import AnnualReport, AreaYear, Outcome, Section

# Activity (with its notes), responsible, schedule, status, progress: the schedule wide
# enough for "utvecklingsarbete", the status for "Ej påbörjad,", the progress for its bar.
PLAN_SHARES = (0.385, 0.165, 0.175, 0.125, 0.15)


def _analysis(report: AnnualReport, section: Section) -> list[Flowable]:
    styles = stylesheet()
    text = words.analysis(report, section)
    heading = ParagraphStyle("analysis_heading", styles["label"], spaceBefore=6, spaceAfter=2)
    block_style = ParagraphStyle("analysis", styles["body"], spaceAfter=5)
    body = (
        [Paragraph(escape(block).replace("\n", "<br/>"), block_style) for block in _blocks(text)]
        if text
        else [
            Paragraph(
                escape(words.no_analysis()), ParagraphStyle("none", styles["body"], textColor=RULE)
            )
        ]
    )
    return [KeepTogether([Paragraph(escape(_("Analysis")), heading), body[0]]), *body[1:]]


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in text.split("\n\n") if b.strip()]


def _section(title: str) -> Paragraph:
    style = ParagraphStyle(
        "section", stylesheet()["title"], fontSize=14, leading=18, spaceBefore=14, spaceAfter=4
    )
    return Paragraph(escape(title), style)


def _opening(section: Section) -> list[Flowable]:
    return [PageBreak(), _section(section_title(section))]


def _empty(report: AnnualReport, section: Section) -> list[Flowable]:
    """A section with nothing to show: its heading, one line saying why and its analysis,
    kept together on the page before when they fit there rather than on a page all but
    blank ([] when the section has figures)."""
    text = words.empty_section(report, section)
    if not text:
        return []
    why = Paragraph(escape(text), stylesheet()["body"])
    # The analysis's own KeepTogether laid out flat: nested, it would measure as endless.
    return [
        KeepTogether(
            [_section(section_title(section)), why, *parts.flat(_analysis(report, section))]
        )
    ]


def _cover(report: AnnualReport, today: dt.date) -> list[Flowable]:
    styles = stylesheet()
    state = ParagraphStyle(
        "state",
        styles["body"],
        textColor=colors.black if report.analysis.adopted else OVERDUE,
        fontName=styles["label"].fontName,
    )
    story: list[Flowable] = [
        Paragraph(escape(words.title(report)), styles["title"]),
        Paragraph(escape(report.group.name), styles["subtitle"]),
    ]
    if words.principals_line(report):
        story.append(Paragraph(escape(words.principals_line(report)), styles["subtitle"]))
    story += [
        Spacer(1, 3 * mm),
        Paragraph(escape(words.state_line(report)), state),
        Paragraph(
            escape(
                f"{words.as_of_line(report)} "
                + _("Printed {date}.").format(date=format_date_in_text(today))
            ),
            styles["small"],
        ),
        Spacer(1, 1 * mm),
        _section(section_title(Section.SUMMARY)),
    ]
    story += [
        Paragraph(escape(_("The plan")), styles["label"]),
        Paragraph(escape(words.plan_line(report)), styles["body"]),
        Spacer(1, 1.5 * mm),
    ]
    if report.activities:
        story.append(parts.figures(words.outcome_figures(report)))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(section_title(Section.MEETINGS)), styles["label"]),
        Spacer(1, 1.5 * mm),
        parts.figures(words.meeting_figures(report)),
    ]
    brief = words.sip_brief_rows(report)
    if brief:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape(_("SIP in brief")), styles["label"]),
            Spacer(1, 1.5 * mm),
            parts.numbers(brief, WIDTH * 0.46),
        ]
    if report.areas:
        heading = Paragraph(
            escape(_("Progress per area (mean of the activities)")), styles["label"]
        )
        chart = ProgressChart([(area.label, area.progress) for _plan, area in report.areas])
        story += [Spacer(1, 4 * mm), KeepTogether([heading, Spacer(1, 1 * mm), chart])]
    return [*story, *_analysis(report, Section.SUMMARY)]


def _area(area: AreaYear, parent: bool = False) -> Flowable:
    """An area's heading over its activities' table; a `parent` area without activities of
    its own (its sub-areas hold them) is its heading alone, kept above the first of them."""
    styles = stylesheet()
    cell = ParagraphStyle("plan_cell", styles["cell"], fontSize=8.5, leading=10.5)
    bold = ParagraphStyle("plan_bold", styles["cell_bold"], fontSize=8.5, leading=10.5)
    note = ParagraphStyle("plan_note", styles["small"], leftIndent=2 * mm)
    widths = [WIDTH * share for share in PLAN_SHARES]
    activity_width, responsible_width, schedule_width, status_width, _bar = widths
    head = [
        parts.cell(t, bold)
        for t in (_("Activity"), _("Responsible"), _("Schedule"), _("Status"), _("Progress"))
    ]
    rows: list[list[object]] = [head]
    for activity in area.activities:
        first: list[Flowable] = [parts.cell(activity.title, cell, activity_width)]
        first += [parts.cell(words.note_line(n), note) for n in activity.notes]
        colour = OVERDUE if activity.outcome is Outcome.OVERDUE else STATUS_COLOURS[activity.status]
        status = ParagraphStyle("plan_status", cell, textColor=colour)
        rows.append(
            [
                first,
                parts.cell(activity.responsible, cell, responsible_width),
                parts.cell(activity.schedule_text, cell, schedule_width),
                parts.cell(
                    words.status_text(activity.status, activity.outcome), status, status_width
                ),
                ProgressBar(activity.progress, colour, width=12 * mm),
            ]
        )
    heading = ParagraphStyle("area_heading", styles["heading"], fontSize=11, spaceAfter=2 * mm)
    if not area.activities and parent:
        kept = ParagraphStyle("area_parent", heading, keepWithNext=1)
        return Paragraph(escape(area.label), kept)
    if not area.activities:
        return KeepTogether(
            [
                Paragraph(escape(area.label), heading),
                Paragraph(escape(_("No activities.")), styles["small"]),
            ]
        )
    return HeadedTable(
        [Paragraph(escape(area.label), heading)],
        parts.grid(rows, widths),
        continued=lambda: [
            Paragraph(escape(_("{area} (continued)").format(area=area.label)), heading)
        ],
    )


def _plan(report: AnnualReport) -> list[Flowable]:
    styles = stylesheet()
    empty = _empty(report, Section.PLAN)
    if empty:
        return empty
    story = _opening(Section.PLAN)
    for plan in report.plans:
        story += [
            CondPageBreak(60 * mm),  # a second plan's title not alone at a page's foot
            Paragraph(escape(plan.title), styles["heading"]),
            Paragraph(escape(words.plan_facts(plan)), styles["small"]),
            Paragraph(escape(words.plan_note(report)), styles["small"]),
        ]
        areas = list(plan.areas)
        story += [
            _area(area, n + 1 < len(areas) and areas[n + 1].depth > area.depth)
            for n, area in enumerate(areas)
        ]
    return [*story, *_analysis(report, Section.PLAN)]


def _sip(report: AnnualReport, then: list[Flowable]) -> list[Flowable]:
    """The SIP section; `then` is what follows it (an empty meetings section), which the
    chart makes room for on its page if it can."""
    styles = stylesheet()
    sip = report.sip
    if sip is None:
        return _empty(report, Section.SIP)
    story = _opening(Section.SIP)
    story.append(
        Paragraph(
            escape(_("Counts only: no information about individuals.") + " " + sip.note),
            styles["small"],
        )
    )
    heading = ParagraphStyle("sip_heading", styles["heading"], spaceAfter=2 * mm)
    summary = sip.summary
    rows = [[_("Indicator"), *summary.columns]]
    rows += [[indicator.name, *texts] for indicator, texts in summary.rows]
    table = parts.numbers(rows, depths=parts.depths(summary))
    story.append(HeadedTable([Paragraph(escape(summary.title), heading)], table))
    if sip.trend:
        labels = [label for label, _values in sip.trend]
        series = [
            (indicator.name, [values[n] for _label, values in sip.trend])
            for n, indicator in enumerate(sip.trend_indicators)
        ]
        trend = Paragraph(escape(words.trend_heading()), styles["heading"])
        after: list[Flowable] = []
        if any(value is None for _name, values in series for value in values):
            after.append(Paragraph(escape(words.trend_gaps_note()), styles["small"]))
        after += _analysis(report, Section.SIP)
        chart = parts.ChartBefore(
            trend, labels, series, after, then, min_height=170, max_height=210
        )
        return [*story, Spacer(1, 4 * mm), chart, *after]
    return [*story, *_analysis(report, Section.SIP)]


def _meetings(report: AnnualReport) -> list[Flowable]:
    styles = stylesheet()
    if not report.meetings:
        return _empty(report, Section.MEETINGS)
    cell, bold = styles["cell"], styles["cell_bold"]
    heads = words.meeting_heads(report)
    rows = [[parts.cell(h, bold) for h in heads]]
    rows += [[parts.cell(t, cell) for t in words.meeting_cells(m, report)] for m in report.meetings]
    first = WIDTH * 0.24
    rest = (WIDTH - first) / (len(heads) - 1)
    story = [
        *_opening(Section.MEETINGS),
        Paragraph(escape(words.attendance_note()), styles["small"]),
        Spacer(1, 2 * mm),
        parts.grid(rows, [first] + [rest] * (len(heads) - 1)),
    ]
    if report.decisions:
        rows = [[parts.cell(h, bold) for h in ("§", _("Date"), _("Matter"), _("Decision"))]]
        for decision in report.decisions:
            rows.append(
                [
                    parts.cell(f"§ {decision.paragraph}", cell),
                    parts.cell(format_date(decision.held_on), cell),
                    parts.cell(decision.title, cell),
                    parts.cell(decision.decision, cell),
                ]
            )
        widths = [WIDTH * s for s in (0.07, 0.21, 0.29, 0.43)]
        heading = ParagraphStyle("register_heading", styles["heading"], spaceAfter=2 * mm)
        title = _("Decision register {year}").format(year=report.year)
        story += [
            Spacer(1, 4 * mm),
            parts.FlowingTable(
                [Paragraph(escape(title), heading)],
                parts.grid(rows, widths),
                continued=lambda: [
                    Paragraph(escape(_("{area} (continued)").format(area=title)), heading)
                ],
            ),
        ]
    return [*story, *_analysis(report, Section.MEETINGS)]


def report_pdf(report: AnnualReport, today: dt.date) -> bytes:
    """The report in the current language as PDF/A-2b bytes."""
    meetings = _meetings(report)
    then = meetings if not report.meetings else []
    story = [*_cover(report, today), *_plan(report), *_sip(report, then), *meetings]
    info = PdfInfo(
        title=f"{words.title(report)} – {report.group.name}",
        author=report.group.name,
        subject=_("Annual follow-up of the local plan, SIP and meetings"),
        language=current_language(),
    )
    return build_pdfa(story, info, pagesize=PAGE, footer_left=words.footer(report))
