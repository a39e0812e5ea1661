"""Meetings: create (from the standard template or a copy of the previous agenda), list,
change and delete. An approved (justerat) meeting is locked: every change is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import AgendaItem, Meeting, Person
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.i18n import _, format_date_in_text, use_language
from naravard_desktop.services.group.groups import load_group
from naravard_desktop.services.meetings import meeting_labels as labels
from naravard_desktop.services.meetings.read_models import MeetingData, MeetingInput, MeetingSummary
from naravard_desktop.services.system import records
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import assign, copy_fields, field_values
from naravard_desktop.services.system.validation import FieldErrors, clean_line

PLACE_LIMIT = 500


def to_data(meeting: Meeting) -> MeetingData:
    return copy_fields(MeetingData, meeting)


def validate_meeting(session: Session, group_id: int, data: MeetingInput) -> MeetingInput:
    cleaned = replace(data, place=clean_line(data.place))
    errors = FieldErrors()
    if cleaned.held_on is None:
        errors.add("held_on", _("Give the date of the meeting."))
    elif not dt.date(1990, 1, 1) <= cleaned.held_on <= dt.date(2200, 12, 31):
        errors.add("held_on", _("Give a date between 1990 and 2200."))
    if cleaned.starts_at and cleaned.ends_at and cleaned.ends_at < cleaned.starts_at:
        errors.add("ends_at", _("The meeting cannot end before it starts. Check the times."))
    errors.max_length("place", cleaned.place, PLACE_LIMIT, _("Place"))
    people = {
        "chair_id": cleaned.chair_id,
        "secretary_id": cleaned.secretary_id,
        "adjuster1_id": cleaned.adjuster1_id,
        "adjuster2_id": cleaned.adjuster2_id,
    }
    for field, person_id in people.items():
        if person_id is None:
            continue
        person = session.get(Person, person_id)
        if person is None or person.group_id != group_id:
            errors.add(field, _("Choose a member of the group."))
    if cleaned.adjuster1_id and cleaned.adjuster1_id == cleaned.adjuster2_id:
        errors.add("adjuster2_id", _("Choose two different adjusters."))
    for field in ("adjuster1_id", "adjuster2_id"):
        chosen = getattr(cleaned, field)
        if chosen and chosen == cleaned.chair_id:
            errors.add(field, _("The chair cannot also be the adjuster. Choose another adjuster."))
    errors.raise_if_any()
    return cleaned


def list_meetings(db: Database, group_id: int) -> list[MeetingSummary]:
    """Upcoming meetings first (soonest first), then past ones, newest first."""
    from naravard_desktop.services.meetings.paragraphs import paragraph_ranges
    from naravard_desktop.services.meetings.signing import awaiting_signatures

    with db.session() as session:
        meetings = session.scalars(
            select(Meeting).where(Meeting.group_id == group_id).order_by(Meeting.held_on)
        ).all()
        ranges = paragraph_ranges(session, group_id)
        numbers = meeting_numbers(meetings)
        awaiting = awaiting_signatures(session, group_id)
        summaries = [
            copy_fields(
                MeetingSummary,
                m,
                number=numbers[m.id],
                first_paragraph=ranges.get(m.id, (None, None))[0],
                last_paragraph=ranges.get(m.id, (None, None))[1],
                awaiting_signatures=m.id in awaiting,
            )
            for m in meetings
        ]
    today = dt.date.today()
    upcoming = [s for s in summaries if s.held_on >= today]
    past = sorted((s for s in summaries if s.held_on < today), key=lambda s: s.held_on)
    return upcoming + past[::-1]


def meeting_numbers(meetings: Sequence[Meeting]) -> dict[int, str]:
    """ "2024:3" for the third meeting of 2024 (by date, then start time, then id)."""
    ordered = sorted(meetings, key=lambda m: (m.held_on, m.starts_at or dt.time(0), m.id))
    counts: dict[int, int] = {}
    numbers = {}
    for meeting in ordered:
        counts[meeting.held_on.year] = counts.get(meeting.held_on.year, 0) + 1
        numbers[meeting.id] = f"{meeting.held_on.year}:{counts[meeting.held_on.year]}"
    return numbers


def get_meeting(db: Database, meeting_id: int) -> MeetingData:
    with db.session() as session:
        return to_data(load(session, meeting_id))


def create_meeting(
    db: Database, group_id: int, data: MeetingInput, *, copy_agenda_from: int | None = None
) -> MeetingData:
    """A new draft meeting with the standard opening and closing items, or with a copy of
    another meeting's agenda (titles, presenters and planned minutes; no notes or decisions).
    Attendance is pre-filled from the members active on the meeting date."""
    from naravard_desktop.services.meetings.attendance import prefill_attendance

    with db.session() as session:
        group = load_group(session, group_id)
        cleaned = validate_meeting(session, group_id, data)
        assert cleaned.held_on is not None
        meeting = Meeting(
            group_id=group_id, language=group.protocol_language, **field_values(cleaned)
        )
        session.add(meeting)
        session.flush()
        if copy_agenda_from is not None:
            _copy_agenda(session, load(session, copy_agenda_from), meeting)
        else:
            with use_language(group.protocol_language):
                for position, (key, title) in enumerate(
                    labels.OPENING_ITEMS + labels.CLOSING_ITEMS
                ):
                    session.add(
                        AgendaItem(
                            meeting_id=meeting.id,
                            position=position,
                            title=_(title),
                            standard_key=key,
                        )
                    )
        session.flush()
        prefill_attendance(session, meeting)
        return to_data(meeting)


def _copy_agenda(session: Session, source: Meeting, target: Meeting) -> None:
    if source.group_id != target.group_id:
        raise DomainError(
            _("Only an agenda of the same group can be copied. Choose a meeting of this group.")
        )
    for position, item in enumerate(source.items):
        session.add(
            AgendaItem(
                meeting_id=target.id,
                position=position,
                title=item.title,
                presenter=item.presenter,
                planned_minutes=item.planned_minutes,
                standard_key=item.standard_key,
            )
        )


def previous_meeting(db: Database, group_id: int, before: dt.date | None = None) -> int | None:
    """The latest meeting held before `before` (today), to copy its agenda."""
    day = before or dt.date.today() + dt.timedelta(days=1)
    with db.session() as session:
        return session.scalar(
            select(Meeting.id)
            .where(Meeting.group_id == group_id, Meeting.held_on < day)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .limit(1)
        )


def previous_meeting_dated(
    db: Database, group_id: int, before: dt.date
) -> tuple[int, dt.date] | None:
    """(id, date) of the latest meeting held before `before`: for a new meeting on that date,
    the one whose agenda it can copy (a meeting planned later than today counts too)."""
    meeting_id = previous_meeting(db, group_id, before)
    if meeting_id is None:
        return None
    with db.session() as session:
        return meeting_id, load(session, meeting_id).held_on


def update_meeting(db: Database, meeting_id: int, data: MeetingInput, version: int) -> MeetingData:
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        if meeting.version != version:
            raise StaleEditError(_("The meeting was changed elsewhere. Reload and try again."))
        cleaned = validate_meeting(session, meeting.group_id, data)
        assert cleaned.held_on is not None
        assign(meeting, cleaned)
        session.flush()
        return to_data(meeting)


def delete_meeting(db: Database, meeting_id: int, version: int | None = None) -> None:
    """Only a draft can be deleted; an approved protocol is part of the archive. With
    `version` (the meeting as the user saw it), refused when it was changed elsewhere since."""
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        if version is not None and meeting.version != version:
            raise StaleEditError(_("The meeting was changed elsewhere. Reload and try again."))
        session.delete(meeting)


def same_day_meetings(db: Database, group_id: int, day: dt.date, exclude: int | None = None) -> int:
    """How many other meetings the group has that day (two the same day is allowed, but the
    secretary is told)."""
    with db.session() as session:
        ids = session.scalars(
            select(Meeting.id).where(Meeting.group_id == group_id, Meeting.held_on == day)
        ).all()
        return len([i for i in ids if i != exclude])


def load(session: Session, meeting_id: int) -> Meeting:
    return records.load(
        session, Meeting, meeting_id, _("There is no meeting with id {id}.").format(id=meeting_id)
    )


def load_item(session: Session, item_id: int) -> AgendaItem:
    """An agenda item by id, or NotFoundError (removed since the user's view was read)."""
    gone = _("The agenda item no longer exists. Reload and try again.")
    return records.load(session, AgendaItem, item_id, gone)


def load_editable(session: Session, meeting_id: int) -> Meeting:
    """The meeting, refusing if its protocol is approved (a correction starts a revision)."""
    meeting = load(session, meeting_id)
    if meeting.state == ProtocolState.APPROVED:
        raise DomainError(
            _(
                "The protocol of the meeting {date} is approved and locked. Start a correction "
                "to change it."
            ).format(date=format_date_in_text(meeting.held_on))
        )
    return meeting
