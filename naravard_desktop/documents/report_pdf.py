"""The annual report as PDF/A-2b (A4 portrait): the cover with the summary, the plan per area
with a bar chart of progress, the SIP summary and trend exactly as the SIP export prints
them, the meetings with attendance and the decision register, and after each section the
secretary's analysis."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from naravard_desktop.documents import report_text as words
from naravard_desktop.documents.pdf import FONT, RULE, HeadedTable, PdfInfo, build_pdfa, stylesheet
from naravard_desktop.documents.plan_pdf import OVERDUE, STATUS_COLOURS, ProgressBar
from naravard_desktop.documents.report_chart import ProgressChart
from naravard_desktop.documents.sip_chart import TrendChart
from naravard_desktop.documents.sip_pdf import escape
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.i18n import _, current_language, format_date, format_date_in_text
from naravard_desktop.services.report.analysis import section_title
from naravard_desktop.services.report.read_models import AnnualReport, AreaYear, Outcome, Section
from naravard_desktop.services.sip.read_models import ShownTable

PAGE = A4
WIDTH = PAGE[0] - 36 * mm
HEAD = colors.HexColor("#e8eef4")
# Activity (with its notes), responsible, schedule, status, progress: the schedule wide
# enough for "utvecklingsarbete", the status for "Ej påbörjad,", the progress for its bar.
PLAN_SHARES = (0.385, 0.165, 0.175, 0.125, 0.15)
PADDING = 4  # a cell's left and right padding (points)
SMALLEST = 6.5  # the smallest size a cell's text is shrunk to so its longest word fits


def _grid(rows: list[list[object]], widths: list[float], *, head: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),  # else the table selects Helvetica (not PDF/A)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(commands))
    return table


def _cell(text: str, style: ParagraphStyle, width: float | None = None) -> Paragraph:
    """A table cell's text; given the column's `width`, in a smaller size when its longest
    word would not fit at the style's (ReportLab would split it mid-word: "utvec klings")."""
    if width is not None:
        style = _fitting(text.split(), style, width - 2 * PADDING)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _fitting(words: list[str], style: ParagraphStyle, width: float) -> ParagraphStyle:
    widest = max((stringWidth(w, style.fontName, style.fontSize) for w in words), default=0)
    if widest <= width:
        return style
    size = max(SMALLEST, style.fontSize * width / widest)
    return ParagraphStyle(f"{style.name}_{size:.1f}", style, fontSize=size, leading=size * 1.25)


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


def _opening(report: AnnualReport, section: Section) -> list[Flowable]:
    """A section's heading on a new page; a section with nothing to show (one line saying
    why) follows on the page before when there is room, rather than a page all but blank."""
    empty = words.empty_section(report, section)
    story: list[Flowable] = [
        CondPageBreak(60 * mm) if empty else PageBreak(),
        _section(section_title(section)),
    ]
    if empty:
        story.append(Paragraph(escape(empty), stylesheet()["body"]))
    return story


class FlowingTable(HeadedTable):
    """A HeadedTable that splits where it stands whenever its heading and first rows fit
    there, even when the whole would fit on the next page: a register reads on from the
    table above it rather than leaving that page half empty."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heading_height = self._heading_height(avail_width)
        if self._continued is not None and (
            heading_height + self._rows_height(avail_width) <= avail_height
        ):
            parts = self._table.split(avail_width, avail_height - heading_height)
            if len(parts) == 2:
                first, rest = parts
                more = FlowingTable(
                    self._continued(), rest, self._rows_with_heading, continued=self._continued
                )
                return [*self._heading, first, more]
        return list(super().split(avail_width, avail_height))


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
        story.append(_figures(words.outcome_figures(report)))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(section_title(Section.MEETINGS)), styles["label"]),
        Spacer(1, 1.5 * mm),
        _figures(words.meeting_figures(report)),
    ]
    brief = words.sip_brief_rows(report)
    if brief:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape(_("SIP in brief")), styles["label"]),
            Spacer(1, 1.5 * mm),
            _numbers(brief, WIDTH * 0.46),
        ]
    if report.areas:
        heading = Paragraph(
            escape(_("Progress per area (mean of the activities)")), styles["label"]
        )
        chart = ProgressChart([(area.label, area.progress) for _plan, area in report.areas])
        story += [Spacer(1, 4 * mm), KeepTogether([heading, Spacer(1, 1 * mm), chart])]
    return [*story, *_analysis(report, Section.SUMMARY)]


def _figures(pairs: list[tuple[str, str]]) -> Table:
    """Labels over their figures, one column each, the figures large: all in one size, as
    large as the widest allows on one line ("15/15 (100 %)" beside "5")."""
    styles = stylesheet()
    head = ParagraphStyle("figure_head", styles["small"], alignment=TA_CENTER)
    figure = ParagraphStyle(
        "figure", styles["cell_bold"], fontSize=13, leading=16, alignment=TA_CENTER
    )
    width = WIDTH / len(pairs)
    figure = _fitting([v.replace(" ", "\u00a0") for _l, v in pairs], figure, width - 2 * PADDING)
    rows = [[_cell(label, head) for label, _v in pairs], [_cell(v, figure) for _l, v in pairs]]
    table = _grid(rows, [width] * len(pairs))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, 0), "BOTTOM")]))
    return table


def _numbers(
    rows: list[list[str]], name_width: float | None = None, depths: list[int] | None = None
) -> Table:
    """A table of counts as printed: the first column names, the others right-aligned. Without
    a `name_width`, each count column is as wide as its widest count (or word of its head) and
    the names take what is left, so fewer of them wrap."""
    styles = stylesheet()
    name = ParagraphStyle("number_name", styles["cell"], fontSize=8.5, leading=10.5)
    bold = ParagraphStyle("number_head", styles["cell_bold"], fontSize=8.5, leading=10.5)
    right = ParagraphStyle("number", name, alignment=TA_RIGHT)
    # A head breaks between its words ("År" over "2025"), never inside one.
    right_head = ParagraphStyle("number_head_right", bold, alignment=TA_RIGHT, splitLongWords=0)
    # An empty cell is a count not recorded (or a change not worked out): a dash, so it does
    # not read as a value left out by mistake.
    texts = [rows[0], *([row[0], *(t or "–" for t in row[1:])] for row in rows[1:])]
    body = []
    for number, row in enumerate(texts[1:]):
        depth = depths[number] if depths else 0
        indented = ParagraphStyle(f"name_{depth}", name, leftIndent=4 * mm * depth)
        body.append([_cell(row[0], indented), *(_cell(t, right) for t in row[1:])])
    head = [_cell(rows[0][0], bold), *(_cell(t, right_head) for t in rows[0][1:])]
    columns = len(rows[0]) - 1
    if name_width is not None:
        # The last column (the change, "+12 (+26 %)") gets half a column more than the counts.
        count = (WIDTH - name_width) / (columns + 0.5)
        return _grid([head, *body], [name_width] + [count] * (columns - 1) + [count * 1.5])
    widths = [
        2 * PADDING
        + 1  # rounding: a word exactly as wide as the room is taken as too wide
        + max(
            # the words as the head breaks them ("K1 2025" is kept on one line)
            *(
                stringWidth(w, bold.fontName, 8.5)
                for w in keep_together(rows[0][column]).split(" ")
            ),
            *(stringWidth(row[column], name.fontName, 8.5) for row in texts[1:]),
        )
        for column in range(1, columns + 1)
    ]
    return _grid([head, *body], [WIDTH - sum(widths), *widths])


def _depths(table: ShownTable) -> list[int]:
    """How deep each indicator sits under its "varav" parents."""
    parents = {indicator.id: indicator.parent_id for indicator, _texts in table.rows}
    depths = []
    for indicator, _texts in table.rows:
        depth, parent = 0, indicator.parent_id
        while parent is not None and depth < 4:
            depth, parent = depth + 1, parents.get(parent)
        depths.append(depth)
    return depths


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
        _cell(t, bold)
        for t in (_("Activity"), _("Responsible"), _("Schedule"), _("Status"), _("Progress"))
    ]
    rows: list[list[object]] = [head]
    for activity in area.activities:
        first: list[Flowable] = [_cell(activity.title, cell, activity_width)]
        first += [_cell(words.note_line(n), note) for n in activity.notes]
        colour = OVERDUE if activity.outcome is Outcome.OVERDUE else STATUS_COLOURS[activity.status]
        status = ParagraphStyle("plan_status", cell, textColor=colour)
        rows.append(
            [
                first,
                _cell(activity.responsible, cell, responsible_width),
                _cell(activity.schedule_text, cell, schedule_width),
                _cell(words.status_text(activity.status, activity.outcome), status, status_width),
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
        _grid(rows, widths),
        continued=lambda: [
            Paragraph(escape(_("{area} (continued)").format(area=area.label)), heading)
        ],
    )


def _plan(report: AnnualReport) -> list[Flowable]:
    styles = stylesheet()
    story = _opening(report, Section.PLAN)
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


def _sip(report: AnnualReport) -> list[Flowable]:
    styles = stylesheet()
    story = _opening(report, Section.SIP)
    sip = report.sip
    if sip is None:
        return [*story, *_analysis(report, Section.SIP)]
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
    table = _numbers(rows, depths=_depths(summary))
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
        chart = ChartBefore(trend, labels, series, after, min_height=170, max_height=210)
        return [*story, Spacer(1, 4 * mm), chart, *after]
    return [*story, *_analysis(report, Section.SIP)]


class ChartBefore(TrendChart):
    """The trend chart, made shorter (down to its least height) when that lets what follows
    it (the note on gaps, the section's analysis) stand on its page too."""

    def __init__(
        self,
        heading: Paragraph,
        labels: list[str],
        series: list[tuple[str, list[int | None]]],
        after: list[Flowable],
        *,
        min_height: float,
        max_height: float,
    ) -> None:
        super().__init__(heading, labels, series, min_height=min_height, max_height=max_height)
        self.after = after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        needed = sum(
            f.wrapOn(self.canv, avail_width, avail_height)[1]
            + f.getSpaceBefore()
            + f.getSpaceAfter()
            for f in self.after
        )
        width, height = super().wrap(avail_width, avail_height - needed)
        if height <= avail_height - needed:
            return width, height
        return super().wrap(avail_width, avail_height)


def _meetings(report: AnnualReport) -> list[Flowable]:
    styles = stylesheet()
    story = _opening(report, Section.MEETINGS)
    if report.meetings:
        cell, bold = styles["cell"], styles["cell_bold"]
        heads = words.meeting_heads(report)
        rows = [[_cell(h, bold) for h in heads]]
        rows += [[_cell(t, cell) for t in words.meeting_cells(m, report)] for m in report.meetings]
        first = WIDTH * 0.24
        rest = (WIDTH - first) / (len(heads) - 1)
        story += [
            Paragraph(escape(words.attendance_note()), styles["small"]),
            Spacer(1, 2 * mm),
            _grid(rows, [first] + [rest] * (len(heads) - 1)),
        ]
    if report.decisions:
        cell, bold = styles["cell"], styles["cell_bold"]
        rows = [[_cell(h, bold) for h in ("§", _("Date"), _("Matter"), _("Decision"))]]
        for decision in report.decisions:
            rows.append(
                [
                    _cell(f"§ {decision.paragraph}", cell),
                    _cell(format_date(decision.held_on), cell),
                    _cell(decision.title, cell),
                    _cell(decision.decision, cell),
                ]
            )
        widths = [WIDTH * s for s in (0.07, 0.21, 0.29, 0.43)]
        heading = ParagraphStyle("register_heading", styles["heading"], spaceAfter=2 * mm)
        title = _("Decision register {year}").format(year=report.year)
        story += [
            Spacer(1, 4 * mm),
            FlowingTable(
                [Paragraph(escape(title), heading)],
                _grid(rows, widths),
                continued=lambda: [
                    Paragraph(escape(_("{area} (continued)").format(area=title)), heading)
                ],
            ),
        ]
    return [*story, *_analysis(report, Section.MEETINGS)]


def report_pdf(report: AnnualReport, today: dt.date) -> bytes:
    """The report in the current language as PDF/A-2b bytes."""
    story = [*_cover(report, today), *_plan(report), *_sip(report), *_meetings(report)]
    info = PdfInfo(
        title=f"{words.title(report)} – {report.group.name}",
        author=report.group.name,
        subject=_("Annual follow-up of the local plan, SIP and meetings"),
        language=current_language(),
    )
    return build_pdfa(story, info, pagesize=PAGE, footer_left=words.footer(report))
