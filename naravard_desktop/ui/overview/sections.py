"""What each card of the overview says and lists, from the overview's read model: a sentence
with the count (or, when there is nothing, that there is nothing), and the entries with the
payload the page follows: ("meeting", id), ("item", meeting id, item id), ("activity", plan
id, activity id), ("period", id) or ("new_period",)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication

from naravard_desktop.i18n import _, format_date, format_iso_date, ngettext
from naravard_desktop.services.group.read_models import Overview, OwnerActions
from naravard_desktop.services.plan.plan_labels import status_label
from naravard_desktop.ui.overview.cards import Card, EntryList
from naravard_desktop.ui.overview.charts import AreaBars, SipTrend
from naravard_desktop.ui.plan.model import OVERDUE_COLOUR as PLAN_OVERDUE

Row = tuple[tuple[str, ...], object, QColor | None]
# Entries listed in a card; the rest are counted in a last entry leading on (a busy group has
# hundreds, which the overview is not the place to go through).
ENTRY_LIMIT = 25


def overdue_colour() -> QColor:
    """The plan's overdue red, lightened on a dark palette where it would be hard to read."""
    if QGuiApplication.palette().base().color().lightness() < 128:
        return PLAN_OVERDUE.lighter(170)
    return PLAN_OVERDUE


def show_justering(card: Card, entries: EntryList, data: Overview) -> None:
    waiting = data.awaiting_justering
    entries.setVisible(bool(waiting))
    if not waiting:
        card.say(_("Nothing to approve."))
        return
    card.say(
        ngettext(
            "{count} protocol awaits approval.", "{count} protocols await approval.", len(waiting)
        ).format(count=len(waiting)),
        warn=True,
        colour=overdue_colour(),
    )
    entries.set_rows(
        [((format_date(m.held_on), m.place), ("meeting", m.id), None) for m in waiting]
    )


def _owner_line(owner: OwnerActions) -> str:
    name = owner.who or _("No one named")
    counts = []
    if owner.overdue:
        counts.append(
            ngettext("{count} overdue", "{count} overdue", owner.overdue).format(
                count=owner.overdue
            )
        )
    still = len(owner.actions) - owner.overdue
    if still:
        counts.append(ngettext("{count} open", "{count} open", still).format(count=still))
    return f"{name} ({', '.join(counts)})"


def show_actions(card: Card, entries: EntryList, data: Overview) -> None:
    """Grouped by owner, the owners with the most overdue first."""
    overdue, still = data.overdue_actions, data.open_actions - data.overdue_actions
    entries.setVisible(bool(data.actions))
    if not data.actions:
        card.say(_("No open action items."))
        return
    if overdue:
        text = ngettext(
            "{count} action item is overdue.", "{count} action items are overdue.", overdue
        ).format(count=overdue)
        if still:
            text += " " + ngettext("{count} more is open.", "{count} more are open.", still).format(
                count=still
            )
        card.say(text, warn=True, colour=overdue_colour())
    else:
        card.say(
            ngettext(
                "{count} action item is open, none overdue.",
                "{count} action items are open, none overdue.",
                still,
            ).format(count=still)
        )
    rows: list[Row] = []
    listed = 0
    for owner in data.actions:
        if listed >= ENTRY_LIMIT:
            break
        rows.append(((_owner_line(owner), "", ""), None, None))
        for action in owner.actions[: ENTRY_LIMIT - listed]:
            meeting = _("§ {number}, {date}").format(
                number=action.paragraph, date=format_iso_date(action.meeting_on)
            )
            due = format_iso_date(action.due_on) if action.due_on else "–"
            cells = (" ".join(action.what.split()), due, meeting)
            payload = ("item", action.meeting_id, action.agenda_item_id)
            rows.append((cells, payload, overdue_colour() if action.overdue else None))
            listed += 1
    left = data.open_actions - listed
    if left:
        more = ngettext(
            "{count} more action item: all action items…",
            "{count} more action items: all action items…",
            left,
        ).format(count=left)
        rows.append(((more, "", ""), ("all_actions",), None))
    entries.set_rows(rows)


def show_activities(card: Card, entries: EntryList, data: Overview) -> None:
    """Of the current plan only: older plans' are left to the plan page."""
    overdue = data.overdue
    entries.setVisible(bool(overdue))
    if data.plan_id is None:
        card.say(_("No plan yet."))
        return
    if not overdue:
        card.say(_("No activity in {plan} is overdue.").format(plan=data.plan_title))
        return
    card.say(
        ngettext(
            "{count} activity in {plan} is overdue.",
            "{count} activities in {plan} are overdue.",
            len(overdue),
        ).format(count=len(overdue), plan=data.plan_title),
        warn=True,
        colour=overdue_colour(),
    )
    rows: list[Row] = [
        (
            (
                " ".join(a.title.split()),
                " ".join(a.responsible.split()),
                format_iso_date(a.due_date),
            ),
            ("activity", a.plan_id, a.id),
            overdue_colour(),
        )
        for a in overdue[:ENTRY_LIMIT]
    ]
    if len(overdue) > ENTRY_LIMIT:
        following = overdue[ENTRY_LIMIT]  # the plan opens on the first not listed
        more = ngettext(
            "{count} more in the plan…", "{count} more in the plan…", len(overdue) - ENTRY_LIMIT
        ).format(count=len(overdue) - ENTRY_LIMIT)
        rows.append(((more, "", ""), ("activity", following.plan_id, following.id), None))
    entries.set_rows(rows)


def show_periods(card: Card, entries: EntryList, data: Overview) -> None:
    periods = data.periods_to_fill
    entries.setVisible(bool(periods))
    if not periods:
        card.say(
            _("Every ended period has its counts.")
            if data.sip_trend
            else _("No SIP period has ended yet.")
        )
        return
    card.say(
        ngettext(
            "{count} period has ended without counts.",
            "{count} periods have ended without counts.",
            len(periods),
        ).format(count=len(periods)),
        warn=True,
        colour=overdue_colour(),
    )
    rows: list[Row] = []
    for period in periods:
        if period.id is None:
            text = _("{period}: not added yet").format(period=period.label)
            rows.append(((text,), ("new_period",), None))
        else:
            text = _("{period}: no counts yet").format(period=period.label)
            rows.append(((text,), ("period", period.id), None))
    entries.set_rows(rows)


def show_plan(card: Card, bars: AreaBars, data: Overview) -> None:
    bars.setVisible(bool(data.areas))
    if data.plan_id is None:
        card.say(_("No plan yet."))
        bars.show_areas([])
        return
    counts = " · ".join(
        f"{status_label(status)}: {count}" for status, count in data.status_counts.items() if count
    )
    card.say(f"{data.plan_title}\n{counts}" if counts else data.plan_title)
    bars.show_areas(data.areas)


def show_trend(card: Card, chart: SipTrend, data: Overview) -> None:
    counted = [p for p in data.sip_trend if p.value is not None]
    chart.setVisible(bool(counted))
    if not counted:
        card.say(_("No SIP counts yet."))
        chart.show_points("", [])
        return
    card.say(
        ngettext(
            "{indicator}: {count} period.",
            "{indicator}: the last {count} periods.",
            len(data.sip_trend),
        ).format(indicator=data.sip_trend_name, count=len(data.sip_trend))
    )
    chart.show_points(data.sip_trend_name, data.sip_trend)
