"""Builds the read model of a meeting for its documents (kallelse, protocol PDF, DOCX)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import ActionItem, Group, Meeting, Person, ProtocolRevision
from naravard_desktop.i18n import _, use_language
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import meeting_labels as labels
from naravard_desktop.services.meetings.actions import open_before
from naravard_desktop.services.meetings.agenda import items_for
from naravard_desktop.services.meetings.attendance import rows_for
from naravard_desktop.services.meetings.meetings import load, meeting_numbers
from naravard_desktop.services.meetings.protocol_model import (
    ActionLine,
    AttendeeLine,
    ItemLine,
    NextMeetingLine,
    ProtocolData,
    SignatureLine,
)
from naravard_desktop.services.meetings.read_models import ActionData
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import copy_fields


def _done_by(done: bool, done_on: dt.date | None, as_of: dt.date) -> bool:
    """Whether an action was done on `as_of` (the approval date, or today for a draft)."""
    return done and (done_on is None or done_on <= as_of)


def _action_line(action: ActionData | ActionItem, as_of: dt.date, **origin: Any) -> ActionLine:
    """An action as it stood on `as_of`; `origin` names the earlier meeting of one carried
    over (from_meeting_on, from_paragraph)."""
    return ActionLine(
        what=action.what,
        who=action.who,
        due_on=action.due_on,
        done=_done_by(action.done, action.done_on, as_of),
        **origin,
    )


def _latest_revision(session: Session, meeting: Meeting) -> ProtocolRevision | None:
    return session.scalars(
        select(ProtocolRevision)
        .where(ProtocolRevision.meeting_id == meeting.id)
        .order_by(ProtocolRevision.revision.desc())
        .limit(1)
    ).first()


def _local_date(moment: dt.datetime) -> dt.date:
    """The local calendar day of a stored timestamp (SQLite returns UTC without a zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().date()


def _next_meeting(session: Session, meeting: Meeting, as_of: dt.date) -> NextMeetingLine | None:
    """The group's first meeting after this one's day, among those planned by `as_of`."""
    later = session.scalars(
        select(Meeting)
        .where(Meeting.group_id == meeting.group_id, Meeting.held_on > meeting.held_on)
        .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
    ).all()
    for candidate in later:
        if candidate.created_at is None or _local_date(candidate.created_at) <= as_of:
            return NextMeetingLine(
                candidate.held_on, candidate.starts_at, candidate.ends_at, candidate.place
            )
    return None


def build_protocol_data(
    session: Session, meeting: Meeting, today: dt.date | None = None
) -> ProtocolData:
    """What the documents of `meeting` show. An approved protocol shows the state on its
    approval date (action items done later are still open in it); a draft, the state on
    `today` (the real today unless given)."""
    group = session.get(Group, meeting.group_id)
    assert group is not None
    principals = GroupData(
        id=group.id,
        name=group.name,
        municipality=group.municipality,
        region=group.region,
        logo=None,
        logo_mime=None,
        paragraph_numbering=group.paragraph_numbering,
        protocol_language=group.protocol_language,
        version=group.version,
    )
    persons = {
        p.id: p for p in session.scalars(select(Person).where(Person.group_id == group.id)).all()
    }
    people = {person_id: p.name for person_id, p in persons.items()}
    siblings = session.scalars(select(Meeting).where(Meeting.group_id == group.id)).all()
    latest = _latest_revision(session, meeting)
    approved = meeting.state == ProtocolState.APPROVED
    approved_on = latest.approved_at.date() if approved and latest else None
    as_of = approved_on or today or dt.date.today()
    carried = [
        _action_line(a, as_of, from_meeting_on=a.meeting_on, from_paragraph=a.paragraph)
        for a in open_before(session, meeting)
    ]
    items = []
    for item in items_for(session, meeting):
        model_item = next(i for i in meeting.items if i.id == item.id)
        actions = tuple(_action_line(a, as_of) for a in model_item.action_items)
        items.append(
            copy_fields(
                ItemLine,
                item,
                actions=actions,
                carried_actions=tuple(carried)
                if item.standard_key == labels.PREVIOUS_MINUTES
                else (),
            )
        )
    if carried and not any(i.standard_key == labels.PREVIOUS_MINUTES for i in items) and items:
        # No "Föregående protokoll" item: the open actions go with the first item.
        items[0] = ItemLine(**{**items[0].__dict__, "carried_actions": tuple(carried)})
    attendees = tuple(
        AttendeeLine(
            name=row.name,
            status=row.status,
            role=row.role,
            principal=row.principal,
            organisation=row.organisation,
            substitute_for=row.substitute_for,
            from_paragraph=row.from_paragraph,
            to_paragraph=row.to_paragraph,
            note=row.note,
        )
        for row in rows_for(session, meeting)
    )
    revision = (latest.revision if latest else 0) + (0 if approved else 1)
    adjusters = tuple(
        people[p] for p in (meeting.adjuster1_id, meeting.adjuster2_id) if p in people
    )
    secretary = persons.get(meeting.secretary_id or -1)
    with use_language(meeting.language):
        signatures = [
            SignatureLine(_("Secretary"), people.get(meeting.secretary_id or -1, "")),
            SignatureLine(_("Chair"), people.get(meeting.chair_id or -1, "")),
        ] + [SignatureLine(_("Adjuster"), name) for name in adjusters or ("",)]
    return ProtocolData(
        language=meeting.language,
        group_name=group.name,
        principals_line=_principals(principals, meeting.language),
        logo=group.logo,
        meeting_id=meeting.id,
        meeting_number=meeting_numbers(list(siblings))[meeting.id],
        kind=meeting.kind,
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        chair=people.get(meeting.chair_id or -1, ""),
        secretary=people.get(meeting.secretary_id or -1, ""),
        adjusters=adjusters,
        attendees=attendees,
        items=tuple(items),
        approved=approved,
        approved_on=approved_on,
        approved_by=latest.approved_by if approved and latest else "",
        revision=max(1, revision),
        correction_reason=_correction_reason(meeting, approved),
        signatures=tuple(signatures),
        as_of=as_of,
        secretary_email=secretary.email if secretary else "",
        secretary_phone=secretary.phone if secretary else "",
        next_meeting=_next_meeting(session, meeting, as_of),
        chain_code=_previous_chain_code(session, meeting, latest if approved else None),
    )


def _previous_chain_code(
    session: Session, meeting: Meeting, approved: ProtocolRevision | None
) -> str:
    """The code of the approval before this one: the link stored with an approved revision,
    or the group's chain head for a draft (the link its approval will store)."""
    from naravard_desktop.services.meetings.approval_record import chain_code, chain_head

    if approved is not None:
        return chain_code(approved.chain_previous)
    head = chain_head(session, meeting.group_id)
    return chain_code(head.chain_hash if head else None)


def _principals(group: GroupData, language: str) -> str:
    with use_language(language):
        return group.principals_line


def _correction_reason(meeting: Meeting, approved: bool) -> str:
    """The reason of the revision shown: the latest approved one's, or the correction under
    way (kept on the meeting until it is approved again)."""
    if not approved:
        return meeting.correction_reason
    revisions = list(meeting.protocols)
    return revisions[-1].reason if revisions else ""


def protocol_data(db: Database, meeting_id: int, today: dt.date | None = None) -> ProtocolData:
    with db.session() as session:
        return build_protocol_data(session, load(session, meeting_id), today)
