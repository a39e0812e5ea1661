"""Attendance (närvaro): pre-filled from the members active on the meeting date; present,
absent, substitute for someone, co-opted, guests; partial attendance by § ("från § 5")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import AttendanceStatus, Role
from naravard_desktop.db.models import Attendance, Meeting, Membership, Person
from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings.meetings import load, load_editable
from naravard_desktop.services.meetings.read_models import AttendanceInput, AttendanceRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import check_version
from naravard_desktop.services.system.validation import FieldErrors, clean_line


def roles_on(session: Session, group_id: int, day: dt.date) -> dict[int, Role]:
    """Person id → the role they held on `day` (the latest membership that covers it)."""
    rows = session.execute(
        select(Membership.person_id, Membership.role, Membership.active_from)
        .join(Person, Person.id == Membership.person_id)
        .where(Person.group_id == group_id)
        .where((Membership.active_from.is_(None)) | (Membership.active_from <= day))
        .where((Membership.active_to.is_(None)) | (Membership.active_to >= day))
        .order_by(Membership.active_from)
    ).all()
    return {person_id: role for person_id, role, _start in rows}


def prefill_attendance(session: Session, meeting: Meeting) -> None:
    """Everyone with an active membership on the meeting date: present by default,
    co-opted members as co-opted."""
    existing = {a.person_id for a in meeting.attendance}
    for person_id, role in roles_on(session, meeting.group_id, meeting.held_on).items():
        if person_id in existing:
            continue
        status = AttendanceStatus.COOPTED if role == Role.COOPTED else AttendanceStatus.PRESENT
        session.add(Attendance(meeting_id=meeting.id, person_id=person_id, status=status))
    session.flush()


def rows_for(session: Session, meeting: Meeting) -> list[AttendanceRow]:
    roles = roles_on(session, meeting.group_id, meeting.held_on)
    people = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.group_id == meeting.group_id)).all()
    }
    order = [
        Role.CHAIR,
        Role.VICE_CHAIR,
        Role.MEMBER,
        Role.SUBSTITUTE,
        Role.SECRETARY,
        Role.COOPTED,
    ]

    def sort_key(row: AttendanceRow) -> tuple[int, int, str]:
        rank = order.index(row.role) if row.role in order else len(order)
        return (1 if row.is_guest else 0, rank, row.name.casefold())

    rows = []
    for a in meeting.attendance:
        person = people.get(a.person_id) if a.person_id is not None else None
        substitute_for = people.get(a.substitute_for_id) if a.substitute_for_id else None
        rows.append(
            AttendanceRow(
                id=a.id,
                person_id=a.person_id,
                name=person.name if person else a.guest_name,
                role=roles.get(a.person_id) if a.person_id is not None else None,
                principal=person.principal if person else None,
                organisation=person.organisation if person else a.guest_organisation,
                status=a.status,
                substitute_for_id=a.substitute_for_id,
                substitute_for=substitute_for.name if substitute_for else "",
                from_paragraph=a.from_paragraph,
                to_paragraph=a.to_paragraph,
                note=a.note,
                version=a.version,
            )
        )
    return sorted(rows, key=sort_key)


def list_attendance(db: Database, meeting_id: int) -> list[AttendanceRow]:
    with db.session() as session:
        return rows_for(session, load(session, meeting_id))


def _validate(
    session: Session, meeting: Meeting, person_id: int | None, data: AttendanceInput
) -> None:
    errors = FieldErrors()
    if data.status == AttendanceStatus.SUBSTITUTE:
        if data.substitute_for_id is None:
            errors.add("substitute_for_id", _("Choose the member this person substitutes for."))
        elif data.substitute_for_id == person_id:
            errors.add(
                "substitute_for_id",
                _("A person cannot substitute for themselves. Choose another member."),
            )
        else:
            other = session.get(Person, data.substitute_for_id)
            if other is None or other.group_id != meeting.group_id:
                errors.add("substitute_for_id", _("Choose a member of the group."))
    for field, value in (
        ("from_paragraph", data.from_paragraph),
        ("to_paragraph", data.to_paragraph),
    ):
        if value is not None and not 1 <= value <= 9999:
            errors.add(field, _("A paragraph number is a whole number from 1 to 9999."))
    if data.from_paragraph and data.to_paragraph and data.to_paragraph < data.from_paragraph:
        errors.add("to_paragraph", _("“To §” comes before “from §”. Check the paragraph numbers."))
    errors.max_length("note", clean_line(data.note), 500, _("Note"))
    errors.raise_if_any()


def _load_row(session: Session, attendance_id: int, version: int) -> tuple[Attendance, Meeting]:
    """The row as the user saw it at `version` and its meeting, open for changes; refused
    when it is gone, the protocol approved or the row saved elsewhere since."""
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise NotFoundError(_("That attendance row no longer exists. Reload and try again."))
    meeting = load_editable(session, row.meeting_id)
    person = session.get(Person, row.person_id) if row.person_id is not None else None
    check_version(row, version, person.name if person else row.guest_name)
    return row, meeting


def set_attendance(
    db: Database, attendance_id: int, data: AttendanceInput, version: int
) -> AttendanceRow:
    """Status, substitution, paragraphs and note of the row the user saw at `version`."""
    with db.session() as session:
        row, meeting = _load_row(session, attendance_id, version)
        _validate(session, meeting, row.person_id, data)
        row.status = data.status
        row.substitute_for_id = (
            data.substitute_for_id if data.status == AttendanceStatus.SUBSTITUTE else None
        )
        row.from_paragraph = data.from_paragraph
        row.to_paragraph = data.to_paragraph
        row.note = clean_line(data.note)
        session.flush()
        return next(r for r in rows_for(session, meeting) if r.id == attendance_id)


def add_guest(
    db: Database,
    meeting_id: int,
    name: str,
    organisation: str = "",
    data: AttendanceInput | None = None,
) -> AttendanceRow:
    """Someone who is not a member (a presenter, a visitor); listed under Övriga närvarande."""
    details = data or AttendanceInput(status=AttendanceStatus.GUEST)
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        errors = FieldErrors()
        errors.required("guest_name", clean_line(name), _("Name"))
        errors.max_length("guest_name", clean_line(name), 200, _("Name"))
        errors.max_length("guest_organisation", clean_line(organisation), 200, _("Organisation"))
        errors.raise_if_any()
        _validate(session, meeting, None, details)
        row = Attendance(
            meeting_id=meeting.id,
            guest_name=clean_line(name),
            guest_organisation=clean_line(organisation),
            status=AttendanceStatus.GUEST,
            from_paragraph=details.from_paragraph,
            to_paragraph=details.to_paragraph,
            note=clean_line(details.note),
        )
        session.add(row)
        session.flush()
        return next(r for r in rows_for(session, meeting) if r.id == row.id)


def rename_guest(
    db: Database, attendance_id: int, name: str, organisation: str, version: int
) -> AttendanceRow:
    """Correct a guest's name or organisation (a member's come from the members list)."""
    with db.session() as session:
        row, meeting = _load_row(session, attendance_id, version)
        if row.person_id is not None:
            raise DomainError(_("A member's name is changed in the members list."))
        errors = FieldErrors()
        errors.required("guest_name", clean_line(name), _("Name"))
        errors.max_length("guest_name", clean_line(name), 200, _("Name"))
        errors.max_length("guest_organisation", clean_line(organisation), 200, _("Organisation"))
        errors.raise_if_any()
        row.guest_name = clean_line(name)
        row.guest_organisation = clean_line(organisation)
        session.flush()
        return next(r for r in rows_for(session, meeting) if r.id == attendance_id)


def remove_attendance(db: Database, attendance_id: int, version: int) -> None:
    """Take the row the user saw at `version` off the list (already gone: nothing to do)."""
    with db.session() as session:
        if session.get(Attendance, attendance_id) is None:
            return
        row, _meeting = _load_row(session, attendance_id, version)
        session.delete(row)


def refill_attendance(db: Database, meeting_id: int) -> list[AttendanceRow]:
    """Add members who became active since the list was made (e.g. after a date change)."""
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        prefill_attendance(session, meeting)
        session.refresh(meeting)
        return rows_for(session, meeting)
