"""The activities of a plan's areas: add, edit (refused when changed elsewhere), move within
or between areas, delete with a snapshot of their follow-up log that undo restores.

An activity's due date is derived from its schedule text (services/plan/schedule.py) unless the
user overrides it; "overdue" is computed from it when asked, never stored.
"""

from __future__ import annotations

from naravard_desktop.db.models import Activity, FollowUp
from naravard_desktop.errors import NotFoundError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.plan.plan_rows import (
    ACTIVITY_TEXTS,
    ActivitySnapshot,
    activity_row,
    load_activity,
    load_area,
    validate_activity,
)
from naravard_desktop.services.plan.read_models import ActivityInput, ActivityRow, FollowUpInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import assign, field_values, place, renumber

# The reason given to the privacy check when undo puts back what had been saved before.
RESTORED = "put back by undo (the text had been saved before)"


def add_activity(
    db: Database,
    area_id: int,
    data: ActivityInput,
    position: int | None = None,
    *,
    privacy_override: str | None = None,
) -> ActivityRow:
    """A description (or title) holding a personal identity number is refused
    (PrivacyWarning) unless `privacy_override` gives a reason."""
    cleaned = validate_activity(data)
    with db.session() as session:
        area = load_area(session, area_id)
        _check_privacy(cleaned, privacy_override, f"new activity in area {area.id}")
        activity = Activity()
        _apply(activity, cleaned)
        place(area.activities, activity, position)
        session.flush()
        return activity_row(activity)


def update_activity(
    db: Database,
    before: ActivityRow,
    data: ActivityInput,
    *,
    privacy_override: str | None = None,
) -> ActivityRow:
    """Save an edit of the activity the user saw as `before`; refused if it changed since,
    and (PrivacyWarning) if it adds a personal identity number without `privacy_override`."""
    cleaned = validate_activity(data)
    with db.session() as session:
        activity = load_activity(session, before.id)
        if activity.version != before.version:
            raise StaleEditError(_changed(activity))
        _check_privacy(cleaned, privacy_override, f"activity {activity.id}", activity)
        _apply(activity, cleaned)
        session.flush()
        return activity_row(activity)


def move_activity(
    db: Database, activity_id: int, area_id: int, position: int | None = None
) -> ActivityRow:
    """Move an activity within its area or to another area of the same plan."""
    with db.session() as session:
        activity = load_activity(session, activity_id)
        target = load_area(session, area_id)
        source = activity.area
        if target.plan_id != source.plan_id:
            raise NotFoundError(_("The area belongs to another plan."))
        if source is not target:
            source.activities.remove(activity)
            renumber(source.activities)
            activity.area = target
        place([a for a in target.activities if a is not activity], activity, position)
        session.flush()
        return activity_row(activity)


def delete_activity(db: Database, activity_id: int, version: int | None = None) -> ActivitySnapshot:
    """Remove it with its follow-ups; returns them for undo. With `version` (the activity as
    the user saw it), refused when it was changed elsewhere since."""
    with db.session() as session:
        activity = load_activity(session, activity_id)
        if version is not None and activity.version != version:
            raise StaleEditError(_changed(activity))
        snapshot = activity_snapshot(activity)
        area = activity.area
        area.activities.remove(activity)
        session.delete(activity)
        renumber(area.activities)
        session.flush()
        return snapshot


def restore_activity(db: Database, snapshot: ActivitySnapshot) -> ActivityRow:
    with db.session() as session:
        row = add_activity(
            db,
            snapshot.area_id,
            snapshot.data,
            snapshot.position,
            privacy_override=RESTORED,
        )
        for entry in snapshot.follow_ups:
            session.add(FollowUp(activity_id=row.id, **field_values(entry)))
        session.flush()
        return row


def activity_snapshot(activity: Activity) -> ActivitySnapshot:
    return ActivitySnapshot(
        area_id=activity.area_id,
        position=activity.position,
        data=activity_row(activity).as_input(),
        follow_ups=tuple(
            FollowUpInput(f.followed_up_on, f.status, f.progress, f.note, f.agenda_item_id)
            for f in activity.follow_ups
        ),
    )


def _apply(activity: Activity, data: ActivityInput) -> None:
    assign(activity, data, leave_out=("due_date",))
    activity.due_date = data.effective_due_date()


def activity_privacy_labels() -> dict[str, str]:
    """The activity's text fields as the user knows them (Aktivitet, Beskrivning …)."""
    return {
        "title": _("Activity"),
        "description": _("Description"),
        "responsible": _("Responsible"),
        "schedule_text": _("Schedule"),
        "follow_up_method": _("Follow-up"),
    }


def _check_privacy(
    data: ActivityInput, override: str | None, where: str, activity: Activity | None = None
) -> None:
    check_free_text(
        {name: getattr(data, name) for name in ACTIVITY_TEXTS},
        override,
        where=where,
        labels=activity_privacy_labels(),
        previous={name: getattr(activity, name) for name in ACTIVITY_TEXTS} if activity else None,
    )


def _changed(activity: Activity) -> str:
    return _("“{title}” was changed elsewhere. Reload and try again.").format(
        title=_short(activity.title)
    )


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
