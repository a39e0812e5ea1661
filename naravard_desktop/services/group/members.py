"""Members of a group: a person with a role over a period (one row per membership)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.db.models import Membership, Person
from naravard_desktop.errors import StaleEditError
from naravard_desktop.i18n import _, sort_key
from naravard_desktop.services.group.groups import load_group
from naravard_desktop.services.group.read_models import MemberInput, MemberRow
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import assign, field_values, load
from naravard_desktop.services.system.validation import FieldErrors, cleaned_fields

NAME_LIMIT = 200
# A member's input is saved in two rows: the person, and the membership (a role over a period).
_PERSON = ("name", "organisation", "principal", "email", "phone")
_MEMBERSHIP = ("role", "active_from", "active_to")


def validate_member(data: MemberInput) -> MemberInput:
    """Cleaned input, or a ValidationError naming each bad field."""
    cleaned = cleaned_fields(data, lines=("name", "organisation", "email", "phone"))
    errors = FieldErrors()
    errors.required("name", cleaned.name, _("Name"))
    errors.text("name", data.name, cleaned.name, NAME_LIMIT, _("Name"))
    errors.text(
        "organisation", data.organisation, cleaned.organisation, NAME_LIMIT, _("Organisation")
    )
    errors.email("email", cleaned.email)
    errors.max_length("email", cleaned.email, 254, _("E-mail"))
    errors.phone("phone", cleaned.phone)
    errors.max_length("phone", cleaned.phone, 50, _("Phone"))
    errors.period("active_to", cleaned.active_from, cleaned.active_to)
    errors.choice(
        "principal", cleaned.principal, Principal, _("Choose region, municipality or other.")
    )
    errors.choice("role", cleaned.role, Role, _("Choose a role from the list."))
    errors.raise_if_any()
    return cleaned


def _row(membership: Membership) -> MemberRow:
    person = membership.person
    return MemberRow(
        membership_id=membership.id,
        person_id=person.id,
        name=person.name,
        organisation=person.organisation,
        principal=person.principal,
        role=membership.role,
        email=person.email,
        phone=person.phone,
        active_from=membership.active_from,
        active_to=membership.active_to,
        person_version=person.version,
        membership_version=membership.version,
    )


def list_members(db: Database, group_id: int) -> list[MemberRow]:
    with db.session() as session:
        rows = session.execute(
            select(Membership, Person).join(Membership.person).where(Person.group_id == group_id)
        ).all()
        found = [_row(membership) for membership, _person in rows]
    # Swedish order (Å, Ä, Ö after Z) in Python: neither database sorts so by itself.
    return sorted(found, key=lambda m: (sort_key(m.name), m.active_from, m.membership_id))


def get_member(db: Database, membership_id: int) -> MemberRow:
    with db.session() as session:
        return _row(_load(session, membership_id))


def add_member(db: Database, group_id: int, data: MemberInput) -> MemberRow:
    cleaned = validate_member(data)
    with db.session() as session:
        load_group(session, group_id)
        person = Person(group_id=group_id, **field_values(cleaned, leave_out=_MEMBERSHIP))
        membership = Membership(person=person, **field_values(cleaned, leave_out=_PERSON))
        session.add_all([person, membership])
        session.flush()
        return _row(membership)


def update_member(db: Database, before: MemberRow, data: MemberInput) -> MemberRow:
    """Save an edit of the row the user saw as `before`; refused if it changed since."""
    cleaned = validate_member(data)
    with db.session() as session:
        membership = _load(session, before.membership_id)
        person = membership.person
        _check_unchanged(membership, before)
        assign(person, cleaned, leave_out=_MEMBERSHIP)
        assign(membership, cleaned, leave_out=_PERSON)
        session.flush()
        return _row(membership)


def deactivate_member(db: Database, before: MemberRow, on: dt.date | None = None) -> MemberRow:
    """End the membership today (or `on`); the person stays in old meetings and protocols."""
    day = on or dt.date.today()
    if before.active_from and before.active_from > day:
        day = before.active_from
    return update_member(db, before, replace(before.as_input(), active_to=day))


def delete_member(db: Database, membership_id: int, seen: MemberRow | None = None) -> MemberInput:
    """Remove the membership (and the person when it was their last); returns what was removed
    so that undo can put it back. With `seen` (the row the user chose to delete), refused
    when it was changed elsewhere since; without, as stored now (undo and redo)."""
    with db.session() as session:
        membership = _load(session, membership_id)
        if seen is not None:
            _check_unchanged(membership, seen)
        removed = _row(membership).as_input()
        person = membership.person
        session.delete(membership)
        session.flush()
        remaining = session.scalar(
            select(func.count()).select_from(Membership).where(Membership.person_id == person.id)
        )
        if not remaining:
            session.delete(person)
        return removed


def _check_unchanged(membership: Membership, seen: MemberRow) -> None:
    person = membership.person
    if (person.version, membership.version) != (seen.person_version, seen.membership_version):
        raise StaleEditError(
            _("{name} was changed elsewhere. Reload and try again.").format(name=person.name)
        )


def _load(session: Session, membership_id: int) -> Membership:
    gone = _("The member no longer exists (it may have been removed). Reload and try again.")
    return load(session, Membership, membership_id, gone)
