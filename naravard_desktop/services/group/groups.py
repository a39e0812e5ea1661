"""The samverkan group: create, read and change its settings."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from naravard_desktop.db.enums import ParagraphNumbering
from naravard_desktop.db.models import Group
from naravard_desktop.errors import DomainError, NotFoundError, StaleEditError
from naravard_desktop.i18n import SUPPORTED_LANGUAGES, _, ngettext, sort_key
from naravard_desktop.services.group.read_models import GroupData, GroupInput
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.records import assign, copy_fields, field_values, load
from naravard_desktop.services.system.validation import FieldErrors, clean_line

MAX_LOGO_BYTES = 2 * 1024 * 1024
NAME_LIMIT = 200


def group_count(db: Database) -> int:
    """How many groups the connected role may open (the window offers the region overview
    for more than one)."""
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Group)) or 0)


def logo_mime_type(data: bytes) -> str | None:
    """PNG or JPEG by their magic bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def _validated(data: GroupInput) -> tuple[GroupInput, str | None]:
    name = clean_line(data.name)
    municipality = clean_line(data.municipality)
    region = clean_line(data.region)
    errors = FieldErrors()
    errors.required("name", name, _("The group's name"))
    errors.max_length("name", name, NAME_LIMIT, _("The group's name"))
    errors.max_length("municipality", municipality, NAME_LIMIT, _("Municipality"))
    errors.max_length("region", region, NAME_LIMIT, _("Region"))
    mime = None
    if data.logo is not None:
        mime = logo_mime_type(data.logo)
        if mime is None:
            errors.add("logo", _("Choose a PNG or JPEG image as the logo."))
        elif len(data.logo) > MAX_LOGO_BYTES:
            errors.add(
                "logo", _("The logo image is too large (at most 2 MB). Choose a smaller image.")
            )
    if data.protocol_language not in SUPPORTED_LANGUAGES:
        errors.add("protocol_language", _("Choose Swedish or English as the protocol language."))
    errors.raise_if_any()
    cleaned = GroupInput(
        name=name,
        municipality=municipality,
        region=region,
        logo=data.logo,
        paragraph_numbering=ParagraphNumbering(data.paragraph_numbering),
        protocol_language=data.protocol_language,
    )
    return cleaned, mime


def _to_data(group: Group) -> GroupData:
    return copy_fields(GroupData, group)


def list_groups(db: Database) -> list[GroupData]:
    with db.session() as session:
        groups = session.scalars(select(Group).order_by(Group.id)).all()
        return sorted((_to_data(g) for g in groups), key=lambda g: sort_key(g.name))


def count_groups(db: Database) -> int:
    """How many groups there are to open (a server's row-level security counts only the
    login's): the window offers to switch group when there is more than one."""
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Group)) or 0


def load_group(session: Session, group_id: int) -> Group:
    """The group's row, or NotFoundError (an id given on the command line, a group removed)."""
    return load(session, Group, group_id, _("There is no group with id {id}.").format(id=group_id))


def get_group(db: Database, group_id: int) -> GroupData:
    with db.session() as session:
        return _to_data(load_group(session, group_id))


def resolve_group(db: Database, group_id: int | None) -> GroupData:
    """The group named, or the only one when none is named (the CLI's `--group` rule)."""
    if group_id is not None:
        return get_group(db, group_id)
    groups = list_groups(db)
    if not groups:
        raise NotFoundError(_("The database has no group yet. Create one first."))
    if len(groups) > 1:
        raise DomainError(
            ngettext(
                "The database holds {count} group: name it with --group ID.",
                "The database holds {count} groups: name one with --group ID.",
                len(groups),
            ).format(count=len(groups))
        )
    return groups[0]


def create_group(db: Database, data: GroupInput) -> GroupData:
    cleaned, mime = _validated(data)
    with db.session() as session:
        group = Group(**field_values(cleaned), logo_mime=mime)
        session.add(group)
        session.flush()
        return _to_data(group)


def update_group(db: Database, group_id: int, data: GroupInput, expected_version: int) -> GroupData:
    """Save settings; refused if someone saved the group since `expected_version` was read."""
    cleaned, mime = _validated(data)
    with db.session() as session:
        group = load_group(session, group_id)
        if group.version != expected_version:
            raise StaleEditError(
                _("The group's settings were changed elsewhere. Reload and try again.")
            )
        assign(group, cleaned)
        group.logo_mime = mime
        session.flush()
        return _to_data(group)
