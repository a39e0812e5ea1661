"""The follow-up log of an activity: dated entries with status, progress and a note, made at
a meeting agenda item or on their own. The newest entry sets the activity's current status
and progress, so the plan shows what was last reported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ActivityStatus
from naravard_desktop.db.models import Activity, AgendaItem, FollowUp, Meeting
from naravard_desktop.errors import NotFoundError, ValidationError
from naravard_desktop.i18n import _, format_date
from naravard_desktop.services.meetings.meetings import load_item
from naravard_desktop.services.plan.plan_rows import activity_row, load_activity
from naravard_desktop.services.plan.read_models import (
    ActivityRow,
    AgendaItemChoice,
    FollowUpInput,
    FollowUpRow,
)
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import check_version, copy_fields, field_values
from naravard_desktop.services.system.validation import TEXT_LIMIT, FieldErrors, clean_text

# A follow-up made at a meeting is usually logged at the latest meeting or the one before; the
# picker offers the agenda items of this many meetings up to the follow-up's date.
CHOICE_MEETINGS = 3


@dataclass(frozen=True)
class FollowedUpActivity:
    """What an agenda item followed up: shown on the item."""

    follow_up_id: int
    activity_id: int
    activity_title: str
    status: ActivityStatus
    progress: int
    note: str


def validate_follow_up(data: FollowUpInput) -> FollowUpInput:
    cleaned = replace(data, note=clean_text(data.note))
    errors = FieldErrors()
    errors.text("note", data.note, cleaned.note, TEXT_LIMIT, _("Note"))
    if not 0 <= cleaned.progress <= 100:
        errors.add("progress", _("Progress is a whole number from 0 to 100 (per cent)."))
    errors.choice("status", cleaned.status, ActivityStatus, _("Choose a status from the list."))
    errors.raise_if_any()
    return cleaned


def _label(item: AgendaItem | None) -> str:
    if item is None:
        return ""
    meeting = item.meeting
    return AgendaItemChoice(item.id, meeting.held_on, item.paragraph, item.title).label


def _row(entry: FollowUp, item: AgendaItem | None) -> FollowUpRow:
    return copy_fields(FollowUpRow, entry, agenda_item_label=_label(item))


def list_follow_ups(db: Database, activity_id: int) -> list[FollowUpRow]:
    """The activity's history, oldest first (a timeline)."""
    with db.session() as session:
        entries = session.scalars(
            select(FollowUp)
            .where(FollowUp.activity_id == activity_id)
            .order_by(FollowUp.followed_up_on, FollowUp.id)
        )
        return [
            _row(e, session.get(AgendaItem, e.agenda_item_id) if e.agenda_item_id else None)
            for e in entries
        ]


def add_follow_up(
    db: Database, activity_id: int, data: FollowUpInput, *, privacy_override: str | None = None
) -> FollowUpRow:
    """Log a follow-up; when it is the newest entry, the activity takes its status and
    progress. One made at a meeting's agenda item cannot be dated before that meeting. A
    note holding a personal identity number is refused (PrivacyWarning) unless
    `privacy_override` gives a reason."""
    cleaned = validate_follow_up(data)
    with db.session() as session:
        activity = load_activity(session, activity_id)
        check_free_text(
            {"note": cleaned.note},
            privacy_override,
            where=f"follow-up of activity {activity_id}",
            labels=privacy_labels(),
        )
        item = _item(session, cleaned.agenda_item_id)
        if item is not None and cleaned.followed_up_on < item.meeting.held_on:
            raise ValidationError(
                {
                    "followed_up_on": _(
                        "A follow-up made at a meeting cannot be dated before the meeting "
                        "({date}). "
                        "Give the meeting day or a later date."
                    ).format(date=format_date(item.meeting.held_on))
                }
            )
        entry = FollowUp(activity_id=activity_id, **field_values(cleaned))
        session.add(entry)
        session.flush()
        _sync_activity(session, activity)
        return _row(entry, item)


def privacy_labels() -> dict[str, str]:
    return {"note": _("Follow-up note")}


def delete_follow_up(
    db: Database, follow_up_id: int, version: int, activity_version: int
) -> FollowUpInput:
    """Remove the entry the user saw at `version` (returns it for undo); the activity keeps
    the newest remaining state. Refused when the entry or its activity (seen at
    `activity_version`) changed since: the status and progress read from the log would
    silently replace a change saved elsewhere."""
    with db.session() as session:
        entry = session.get(FollowUp, follow_up_id)
        if entry is None:
            raise NotFoundError(_("The follow-up no longer exists. Reload and try again."))
        activity = entry.activity
        name = f"“{activity.title}”"
        check_version(entry, version, name)
        check_version(activity, activity_version, name)
        removed = FollowUpInput(
            entry.followed_up_on, entry.status, entry.progress, entry.note, entry.agenda_item_id
        )
        activity.follow_ups.remove(entry)
        session.delete(entry)
        session.flush()
        _sync_activity(session, activity)
        return removed


def take_back_follow_up(
    db: Database,
    follow_up_id: int,
    version: int,
    activity_version: int,
    status: ActivityStatus,
    progress: int,
) -> ActivityRow:
    """Undo of logging a follow-up, in one unit of work: the entry removed and the activity
    given back the `status` and `progress` it had before; refused like `delete_follow_up`
    when the activity changed since it was read at `activity_version`."""
    with db.session() as session:
        entry = session.get(FollowUp, follow_up_id)
        if entry is None:
            raise NotFoundError(_("The follow-up no longer exists. Reload and try again."))
        activity_id = entry.activity_id
        delete_follow_up(db, follow_up_id, version, activity_version)
        activity = load_activity(session, activity_id)
        activity.status, activity.progress = status, progress
        session.flush()
        return activity_row(activity)


def _sync_activity(session: Session, activity: Activity) -> None:
    newest = session.scalars(
        select(FollowUp)
        .where(FollowUp.activity_id == activity.id)
        .order_by(FollowUp.followed_up_on.desc(), FollowUp.id.desc())
        .limit(1)
    ).first()
    if newest is not None and (activity.status, activity.progress) != (
        newest.status,
        newest.progress,
    ):
        activity.status = newest.status
        activity.progress = newest.progress
        session.flush()


def agenda_item_choices(
    db: Database, group_id: int, on: dt.date | None = None, meetings: int = CHOICE_MEETINGS
) -> list[AgendaItemChoice]:
    """The agenda items a follow-up dated `on` (today) can be linked to: those of the group's
    latest `meetings` meetings held on or before that day (a follow-up cannot come before
    its meeting), newest meeting first, each in agenda order. Not every item of every
    meeting: after a year that is some eighty."""
    day = on or dt.date.today()
    with db.session() as session:
        meeting_ids = (
            select(Meeting.id)
            .where(Meeting.group_id == group_id, Meeting.held_on <= day)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .limit(meetings)
            .scalar_subquery()
        )
        rows = session.execute(
            select(AgendaItem, Meeting)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .where(Meeting.id.in_(meeting_ids))
            .order_by(Meeting.held_on.desc(), Meeting.id.desc(), AgendaItem.position)
        ).all()
        return [
            AgendaItemChoice(item.id, meeting.held_on, item.paragraph, item.title)
            for item, meeting in rows
        ]


def followed_up_at(db: Database, agenda_item_id: int) -> list[FollowedUpActivity]:
    """The activities an agenda item followed up, for the meeting's view of the item."""
    with db.session() as session:
        rows = session.execute(
            select(FollowUp, Activity)
            .join(Activity, FollowUp.activity_id == Activity.id)
            .where(FollowUp.agenda_item_id == agenda_item_id)
            .order_by(FollowUp.id)
        ).all()
        return [
            FollowedUpActivity(f.id, a.id, a.title, f.status, f.progress, f.note) for f, a in rows
        ]


def _item(session: Session, item_id: int | None) -> AgendaItem | None:
    if item_id is None:
        return None
    item = load_item(session, item_id)
    return item
