"""The plan as a PDF: A4 landscape, grouped by area, each activity's status as a coloured
mark and its progress as a bar, overdue activities marked in red, and a footer with the
plan's name, the date and "Sida X av Y"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.documents.pdf import (
    FONT,
    MUTED,
    RULE,
    HeadedTable,
    PdfInfo,
    build_pdfa,
    stylesheet,
)
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.i18n import (
    _,
    current_language,
    format_iso_date,
    format_iso_range,
    format_percent,
    join_names,
    ngettext,
)
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan.plan_labels import plan_state_label, status_label
from naravard_desktop.services.plan.read_models import ActivityRow, AreaRow, PlanSummary, PlanTree

PAGE = landscape(A4)
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
OVERDUE = colors.HexColor("#b00020")
STATUS_COLOURS = {
    ActivityStatus.NOT_STARTED: colors.HexColor("#9e9e9e"),
    ActivityStatus.IN_PROGRESS: colors.HexColor("#1f5f8b"),
    ActivityStatus.DONE: colors.HexColor("#2e7d32"),
    ActivityStatus.PAUSED: colors.HexColor("#c77700"),
    ActivityStatus.CANCELLED: colors.HexColor("#5a5a5a"),
}
# Activity, responsible, schedule, status, progress, follow-up.
COLUMN_SHARES = (0.33, 0.16, 0.15, 0.11, 0.10, 0.15)


class ProgressBar(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """A bar filled to `percent`, with the number beside it."""

    def __init__(self, percent: int, colour: Any, width: float = 13 * mm) -> None:
        super().__init__()
        self.percent = max(0, min(100, percent))
        self.colour = colour
        self.bar_width = width
        self.width = width + 11 * mm
        self.height = 3.2 * mm

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(colors.HexColor("#eeeeee"))
        canvas.rect(0, 0, self.bar_width, self.height, stroke=1, fill=1)
        if self.percent:
            canvas.setFillColor(self.colour)
            canvas.rect(0, 0, self.bar_width * self.percent / 100, self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, 8)
        canvas.drawString(self.bar_width + 1.5 * mm, 0.6 * mm, format_percent(self.percent))


class StatusBar(Flowable):  # type: ignore[misc]
    """The whole plan's activities by status as one stacked bar, with a legend."""

    def __init__(self, counts: dict[ActivityStatus, int], width: float) -> None:
        super().__init__()
        self.counts = counts
        self.width = width
        self.height = 10 * mm

    def draw(self) -> None:
        canvas = self.canv
        total = sum(self.counts.values())
        x = 0.0
        bar_y = 5.5 * mm
        for status, count in self.counts.items():
            if not count:
                continue
            part = self.width * count / total
            canvas.setFillColor(STATUS_COLOURS[status])
            canvas.rect(x, bar_y, part, 3.5 * mm, stroke=0, fill=1)
            x += part
        x = 0.0
        canvas.setFont(FONT, 8)
        for status, count in self.counts.items():
            canvas.setFillColor(STATUS_COLOURS[status])
            canvas.rect(x, 1 * mm, 2.6 * mm, 2.6 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            label = f"{status_label(status)}: {count}"
            canvas.drawString(x + 3.6 * mm, 1.3 * mm, label)
            x += 3.6 * mm + canvas.stringWidth(label, FONT, 8) + 6 * mm


def escape(text: str) -> str:
    """Paragraph markup for `text`, with no line break inside "28 maj 2026" or before the
    dash of "2025-01-01 – 2027-12-31" (typography.keep_together)."""
    return xml_escape(keep_together(text))


def plan_pdf(plan: PlanSummary, tree: PlanTree, group: GroupData, today: dt.date) -> bytes:
    styles = stylesheet()
    story: list[Flowable] = [
        Paragraph(escape(plan.title), styles["title"]),
        Paragraph(escape(_subtitle(plan, group)), styles["subtitle"]),
        Spacer(1, 3 * mm),
    ]
    counts = {status: 0 for status in ActivityStatus}
    for activity in tree.activities:
        counts[activity.status] += 1
    overdue = sum(1 for a in tree.activities if a.is_overdue(today))
    if tree.activities:
        story.append(StatusBar(counts, WIDTH))
    story += [Paragraph(escape(_summary(tree, overdue, today)), styles["small"]), Spacer(1, 4 * mm)]
    if not tree.areas:
        story.append(Paragraph(escape(_("The plan has no areas yet.")), styles["body"]))
    headings: list[Flowable] = []  # of areas without activities, kept with what follows
    parents = {area.parent_id for area in tree.areas}
    for area in tree.areas:
        headings += _area_heading(area, styles)
        activities = tree.activities_of(area.id)
        if not activities and area.id not in parents:
            empty = ParagraphStyle("empty_area", styles["small"], spaceAfter=4 * mm)
            headings.append(Paragraph(escape(_("No activities in this area yet.")), empty))
        if activities:
            table = _activity_table(activities, styles, today)
            continued = _continued_heading(area, styles)
            story += [HeadedTable(headings, table, continued=continued), Spacer(1, 4 * mm)]
            headings = []
    if headings:
        story.append(KeepTogether(headings))
    footer = f"{plan.title} · {format_iso_date(today)}"
    info = PdfInfo(
        title=plan.title,
        author=group.name,
        subject=_("Local plan"),
        language=current_language(),
    )
    return build_pdfa(story, info, pagesize=PAGE, footer_left=footer, margins_mm=(15, 15, 14, 20))


def _summary(tree: PlanTree, overdue: int, today: dt.date) -> str:
    """ "17 aktiviteter i 5 områden. Av dessa är 6 försenade per 2026-11-30." with the plural
    forms right ("1 område")."""
    activities = len(tree.activities)
    areas = len(tree.areas)
    summary = _("{activities} in {areas}.").format(
        activities=ngettext("{count} activity", "{count} activities", activities).format(
            count=activities
        ),
        areas=ngettext("{count} area", "{count} areas", areas).format(count=areas),
    )
    if overdue:
        summary += " " + ngettext(
            "Of these, {count} is overdue on {date}.",
            "Of these, {count} are overdue on {date}.",
            overdue,
        ).format(count=overdue, date=format_iso_date(today))
    return summary


def _subtitle(plan: PlanSummary, group: GroupData) -> str:
    parts = [group.name, plan_state_label(plan.state)]
    if plan.valid_from or plan.valid_to:
        parts.append(
            _("valid {period}").format(period=format_iso_range(plan.valid_from, plan.valid_to))
        )
    if plan.revisions:
        dates = join_names(format_iso_date(r.revised_on) for r in plan.revisions)
        parts.append(_("revised {dates}").format(dates=dates))
    return " · ".join(parts)


def _area_heading(area: AreaRow, styles: dict[str, Any]) -> list[Flowable]:
    heading: list[Flowable] = [
        Paragraph(escape(area.label), styles["heading" if area.parent_id is None else "label"])
    ]
    if area.description:
        small = ParagraphStyle("small_after", styles["small"], spaceAfter=1.5 * mm)
        heading.append(Paragraph(escape(area.description), small))
    return heading


def _continued_heading(area: AreaRow, styles: dict[str, Any]) -> Callable[[], list[Flowable]]:
    """What stands above the part of an area's table on a later page."""
    style = ParagraphStyle("continued", styles["label"], textColor=MUTED, spaceAfter=1 * mm)
    text = escape(_("{area} (continued)").format(area=area.label))
    return lambda: [Paragraph(text, style)]


def _activity_table(activities: list[ActivityRow], styles: dict[str, Any], today: dt.date) -> Table:
    """The area's activities; splits across pages with the header row repeated."""
    header = [
        _("Activity"),
        _("Responsible"),
        _("Schedule"),
        _("Status"),
        _("Progress"),
        _("Follow-up"),
    ]
    rows: list[list[Any]] = [[Paragraph(escape(h), styles["cell_bold"]) for h in header]]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),  # the cell default would be Helvetica
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 6),  # clear of an overdue row's red bar
    ]
    for number, activity in enumerate(activities, start=1):
        late = activity.is_overdue(today)
        rows.append(_activity_cells(activity, late, styles))
        if late:
            style.append(("BACKGROUND", (0, number), (-1, number), colors.HexColor("#fdecee")))
            style.append(("LINEBEFORE", (0, number), (0, number), 2.5, OVERDUE))
    table = Table(
        rows, colWidths=[WIDTH * share for share in COLUMN_SHARES], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle(style))
    return table


def _activity_cells(activity: ActivityRow, late: bool, styles: dict[str, Any]) -> list[Any]:
    cell, small = styles["cell"], styles["small"]
    title = escape(activity.title).replace("\n", "<br/>")
    if activity.description:
        title += f'<br/><font size="7.5" color="#5a5a5a">{escape(activity.description)}</font>'
    schedule = escape(activity.schedule_text)
    if activity.due_date:
        due = _("due {date}").format(date=format_iso_date(activity.due_date))
        mark = f'<font color="#b00020">{escape(due)}</font>' if late else escape(due)
        schedule += f'<br/><font size="7.5">{mark}</font>'
    colour = STATUS_COLOURS[activity.status].hexval().replace("0x", "#")
    status = f'<font color="{colour}">●</font> {escape(status_label(activity.status))}'
    if late:
        late_word = escape(_("Overdue"))
        status += f'<br/><font color="#b00020"><b>⚠ {late_word}</b></font>'
    return [
        Paragraph(title, cell),
        Paragraph(escape(activity.responsible), small if len(activity.responsible) > 60 else cell),
        Paragraph(schedule, cell),
        Paragraph(status, cell),
        ProgressBar(activity.progress, STATUS_COLOURS[activity.status]),
        Paragraph(escape(activity.follow_up_method), small),
    ]
