"""Action items (åtgärder) per agenda item: what, who, due date, done. Open ones are carried
to the following meetings, under "Föregående protokoll", until they are marked done."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager
from sqlalchemy.sql.base import ExecutableOption

from naravard_desktop.db.models import ActionItem, Activity, AgendaItem, Meeting
from naravard_desktop.errors import NotFoundError, StaleEditError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.meetings import load, load_editable, load_item
from naravard_desktop.services.meetings.paragraphs import paragraph_numbers
from naravard_desktop.services.meetings.read_models import ActionData, ActionInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import copy_fields
from naravard_desktop.services.system.validation import FieldErrors, clean_line, clean_text


def validate_action(session: Session, data: ActionInput) -> ActionInput:
    cleaned = replace(data, what=clean_text(data.what), who=clean_line(data.who))
    errors = FieldErrors()
    errors.required("what", cleaned.what, _("What"))
    errors.max_length("what", cleaned.what, 2000, _("What"))
    errors.max_length("who", cleaned.who, 200, _("Who"))
    if cleaned.due_on and not dt.date(1990, 1, 1) <= cleaned.due_on <= dt.date(2200, 12, 31):
        errors.add("due_on", _("Give a date between 1990 and 2200."))
    if cleaned.done_on and cleaned.done_on > dt.date.today():
        errors.add(
            "done_on",
            _(
                "An action item cannot be done on a later date than today. Give today's date or "
                "an earlier one."
            ),
        )
    if cleaned.activity_id is not None and session.get(Activity, cleaned.activity_id) is None:
        errors.add("activity_id", _("The plan activity no longer exists. Choose another activity."))
    errors.raise_if_any()
    return cleaned


def _with_item_and_meeting() -> ExecutableOption:
    """Each action item's § and meeting from the rows the query joined anyway, not read
    again per action item. Made when asked for: made on import it configured every mapper
    there (50 ms)."""
    return contains_eager(ActionItem.agenda_item).contains_eager(AgendaItem.meeting)


def _to_data(action: ActionItem, numbers: dict[int, int]) -> ActionData:
    item = action.agenda_item
    return copy_fields(
        ActionData,
        action,
        meeting_id=item.meeting_id,
        meeting_on=item.meeting.held_on,
        paragraph=numbers.get(item.id, 0),
    )


def actions_of_item(db: Database, item_id: int) -> list[ActionData]:
    with db.session() as session:
        item = load_item(session, item_id)
        numbers = paragraph_numbers(session, item.meeting.group_id, item.meeting.held_on.year)
        return [_to_data(a, numbers) for a in item.action_items]


def privacy_labels() -> dict[str, str]:
    return {"what": _("What"), "who": _("Who")}


def _check_privacy(
    data: ActionInput, override: str | None, where: str, action: ActionItem | None = None
) -> None:
    """An action item goes into the protocol like the decision it belongs to: a personal
    identity number in it is refused (PrivacyWarning) unless a reason is given."""
    check_free_text(
        {"what": data.what, "who": data.who},
        override,
        where=where,
        labels=privacy_labels(),
        previous={"what": action.what, "who": action.who} if action is not None else None,
    )


def add_action(
    db: Database, item_id: int, data: ActionInput, *, privacy_override: str | None = None
) -> ActionData:
    with db.session() as session:
        item = load_item(session, item_id)
        load_editable(session, item.meeting_id)
        cleaned = validate_action(session, data)
        _check_privacy(cleaned, privacy_override, f"new action item of agenda item {item.id}")
        action = ActionItem(
            agenda_item_id=item.id,
            position=len(item.action_items),
            what=cleaned.what,
            who=cleaned.who,
            due_on=cleaned.due_on,
            done=cleaned.done,
            done_on=(cleaned.done_on or dt.date.today()) if cleaned.done else None,
            activity_id=cleaned.activity_id,
        )
        session.add(action)
        session.flush()
        meeting = item.meeting
        return _to_data(action, paragraph_numbers(session, meeting.group_id, meeting.held_on.year))


def update_action(
    db: Database,
    action_id: int,
    data: ActionInput,
    version: int,
    *,
    privacy_override: str | None = None,
) -> ActionData:
    """Change an action item. Marking an earlier meeting's item done is allowed after that
    meeting's protocol was approved: it is follow-up, not a change of the protocol. A
    personal identity number added to its text is refused (PrivacyWarning) unless
    `privacy_override` gives a reason."""
    with db.session() as session:
        action = session.get(ActionItem, action_id)
        if action is None:
            raise NotFoundError(_("The action item no longer exists. Reload and try again."))
        if action.version != version:
            raise StaleEditError(_("The action item was changed elsewhere. Reload and try again."))
        cleaned = validate_action(session, data)
        changes_text = (cleaned.what, cleaned.who, cleaned.due_on, cleaned.activity_id) != (
            action.what,
            action.who,
            action.due_on,
            action.activity_id,
        )
        if changes_text:
            load_editable(session, action.agenda_item.meeting_id)
            _check_privacy(cleaned, privacy_override, f"action item {action.id}", action)
        action.what, action.who, action.due_on = cleaned.what, cleaned.who, cleaned.due_on
        action.activity_id = cleaned.activity_id
        if cleaned.done != action.done or (cleaned.done and cleaned.done_on):
            action.done = cleaned.done
            action.done_on = (cleaned.done_on or dt.date.today()) if cleaned.done else None
        session.flush()
        meeting = action.agenda_item.meeting
        return _to_data(action, paragraph_numbers(session, meeting.group_id, meeting.held_on.year))


def remove_action(db: Database, action_id: int, version: int | None = None) -> None:
    """With `version` (the action item as the user saw it), refused when it was changed
    elsewhere since; without, as stored now (undo and redo)."""
    with db.session() as session:
        action = session.get(ActionItem, action_id)
        if action is None:
            return
        load_editable(session, action.agenda_item.meeting_id)
        if version is not None and action.version != version:
            raise StaleEditError(_("The action item was changed elsewhere. Reload and try again."))
        session.delete(action)


def open_before(session: Session, meeting: Meeting) -> list[ActionData]:
    """Action items from earlier meetings that were still open at this meeting: not done, or
    done only on or after its date (so an approved protocol keeps showing what was open)."""
    rows = session.scalars(
        select(ActionItem)
        .join(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.group_id == meeting.group_id, Meeting.held_on < meeting.held_on)
        .where((ActionItem.done.is_(False)) | (ActionItem.done_on >= meeting.held_on))
        .order_by(Meeting.held_on, AgendaItem.position, ActionItem.position)
        .options(_with_item_and_meeting())
    ).all()
    numbers = paragraph_numbers(session, meeting.group_id)
    return [_to_data(a, numbers) for a in rows]


def open_actions_before(db: Database, meeting_id: int) -> list[ActionData]:
    with db.session() as session:
        return open_before(session, load(session, meeting_id))


def open_actions(db: Database, group_id: int) -> list[ActionData]:
    """All open action items of the group, oldest due date first (for the overview)."""
    with db.session() as session:
        rows = session.scalars(
            select(ActionItem)
            .join(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(Meeting.group_id == group_id, ActionItem.done.is_(False))
            .options(_with_item_and_meeting())
        ).all()
        numbers = paragraph_numbers(session, group_id)
        found = [_to_data(a, numbers) for a in rows]
    return sorted(found, key=lambda a: (a.due_on or dt.date.max, a.meeting_on))
