"""Builds the read model of a meeting for its documents (kallelse, protocol PDF, DOCX)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.db.models import Group, Meeting, Person, ProtocolRevision
from naravard_desktop.i18n import _, use_language
from naravard_desktop.services import meeting_labels as labels
from naravard_desktop.services.actions import ActionData, open_before
from naravard_desktop.services.agenda import items_for
from naravard_desktop.services.attendance import rows_for
from naravard_desktop.services.database import Database
from naravard_desktop.services.groups import GroupData
from naravard_desktop.services.meetings import load, meeting_numbers
from naravard_desktop.services.protocol_model import (
    ActionLine,
    AttendeeLine,
    ItemLine,
    ProtocolData,
    SignatureLine,
)


def _carried_line(action: ActionData, meeting: Meeting) -> ActionLine:
    """An earlier meeting's action as it stood at `meeting`: done only if done by then."""
    return ActionLine(
        what=action.what,
        who=action.who,
        due_on=action.due_on,
        done=action.done_on is not None and action.done_on <= meeting.held_on,
        from_meeting_on=action.meeting_on,
        from_paragraph=action.paragraph,
    )


def build_protocol_data(session: Session, meeting: Meeting) -> ProtocolData:
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
    people = {
        p.id: p.name
        for p in session.scalars(select(Person).where(Person.group_id == group.id)).all()
    }
    siblings = session.scalars(select(Meeting).where(Meeting.group_id == group.id)).all()
    carried = [_carried_line(a, meeting) for a in open_before(session, meeting)]
    items = []
    for item in items_for(session, meeting):
        model_item = next(i for i in meeting.items if i.id == item.id)
        actions = tuple(
            ActionLine(what=a.what, who=a.who, due_on=a.due_on, done=a.done)
            for a in model_item.action_items
        )
        items.append(
            ItemLine(
                paragraph=item.paragraph,
                title=item.title,
                presenter=item.presenter,
                planned_minutes=item.planned_minutes,
                planned_start=item.planned_start,
                notes=item.notes,
                decision=item.decision,
                attachments=item.attachments,
                actions=actions,
                standard_key=item.standard_key,
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
    latest = session.scalars(
        select(ProtocolRevision)
        .where(ProtocolRevision.meeting_id == meeting.id)
        .order_by(ProtocolRevision.revision.desc())
        .limit(1)
    ).first()
    approved = meeting.state == ProtocolState.APPROVED
    revision = (latest.revision if latest else 0) + (0 if approved else 1)
    adjusters = tuple(
        people[p] for p in (meeting.adjuster1_id, meeting.adjuster2_id) if p in people
    )
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
        approved_on=latest.approved_at.date() if approved and latest else None,
        approved_by=latest.approved_by if approved and latest else "",
        revision=max(1, revision),
        correction_reason=_correction_reason(meeting, approved),
        signatures=tuple(signatures),
    )


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


def protocol_data(db: Database, meeting_id: int) -> ProtocolData:
    with db.session() as session:
        return build_protocol_data(session, load(session, meeting_id))
