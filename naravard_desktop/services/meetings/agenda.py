"""Agenda items (§): add, change, reorder, remove; title, presenter, planned minutes, notes,
decision and attachments (bilagor, by title). Notes are saved as they are typed (autosave),
never over a text someone else saved meanwhile."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from naravard_desktop.db.models import AgendaItem, Attachment, Meeting
from naravard_desktop.errors import StaleEditError, TextConflictError
from naravard_desktop.i18n import _
from naravard_desktop.services.meetings import meeting_labels as labels
from naravard_desktop.services.meetings.meetings import load, load_editable, load_item
from naravard_desktop.services.meetings.paragraphs import paragraph_numbers
from naravard_desktop.services.meetings.read_models import ItemData, ItemInput, SavedText
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.privacy import check_free_text
from naravard_desktop.services.system.records import copy_fields, place, renumber
from naravard_desktop.services.system.validation import (
    FieldErrors,
    clean_line,
    clean_text,
    cleaned_fields,
)

TEXT_LIMIT = 200_000  # a very long note is still accepted; more is almost surely a paste error
TITLE_LIMIT = 500


def validate_item(data: ItemInput) -> ItemInput:
    cleaned = cleaned_fields(
        data,
        lines=("title", "presenter"),
        texts=("notes", "decision"),
        attachments=tuple(t for t in (clean_line(a) for a in data.attachments) if t),
    )
    errors = FieldErrors()
    errors.required("title", cleaned.title, _("Title"))
    errors.max_length("title", cleaned.title, TITLE_LIMIT, _("Title"))
    errors.max_length("presenter", cleaned.presenter, 200, _("Presenter"))
    errors.max_length("notes", cleaned.notes, TEXT_LIMIT, _("Notes"))
    errors.max_length("decision", cleaned.decision, TEXT_LIMIT, _("Decision"))
    if cleaned.planned_minutes is not None and not 0 <= cleaned.planned_minutes <= 600:
        errors.add("planned_minutes", _("Planned time is given in minutes, 0 to 600."))
    for title in cleaned.attachments:
        errors.max_length("attachments", title, TITLE_LIMIT, _("Attachment"))
    errors.raise_if_any()
    return cleaned


def attachment_titles(session: Session, meeting: Meeting) -> dict[int, tuple[str, ...]]:
    """Item id → its attachments' titles in order, for all the meeting's items in one query
    (not one per item as each item's list would be read)."""
    rows = session.execute(
        select(Attachment.agenda_item_id, Attachment.title)
        .join(AgendaItem, AgendaItem.id == Attachment.agenda_item_id)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(Attachment.agenda_item_id, Attachment.position)
    )
    titles: dict[int, list[str]] = {}
    for item_id, title in rows:
        titles.setdefault(item_id, []).append(title)
    return {item_id: tuple(found) for item_id, found in titles.items()}


def items_for(session: Session, meeting: Meeting) -> list[ItemData]:
    numbers = paragraph_numbers(session, meeting.group_id, meeting.held_on.year)
    attachments = attachment_titles(session, meeting)
    running = dt.datetime.combine(meeting.held_on, meeting.starts_at) if meeting.starts_at else None
    result = []
    for item in meeting.items:
        start = running.time() if running else None
        if running is not None and item.planned_minutes:
            running += dt.timedelta(minutes=item.planned_minutes)
        result.append(
            copy_fields(
                ItemData,
                item,
                meeting_id=meeting.id,
                paragraph=numbers[item.id],
                planned_start=start,
                attachments=attachments.get(item.id, ()),
            )
        )
    return result


def planned_end(session: Session, meeting: Meeting) -> dt.time | None:
    """Start time plus all planned minutes: the running end time shown while planning."""
    if meeting.starts_at is None:
        return None
    minutes = sum(item.planned_minutes or 0 for item in meeting.items)
    return (
        dt.datetime.combine(meeting.held_on, meeting.starts_at) + dt.timedelta(minutes=minutes)
    ).time()


def list_items(db: Database, meeting_id: int) -> list[ItemData]:
    with db.session() as session:
        return items_for(session, load(session, meeting_id))


def _data(session: Session, item: AgendaItem) -> ItemData:
    session.flush()
    session.refresh(item.meeting)
    return next(i for i in items_for(session, item.meeting) if i.id == item.id)


def add_item(
    db: Database,
    meeting_id: int,
    data: ItemInput,
    position: int | None = None,
    *,
    privacy_override: str | None = None,
) -> ItemData:
    """Insert at `position` (default: before the closing items, or last). Notes or a decision
    holding a personal identity number are refused (PrivacyWarning) unless a reason is given
    as `privacy_override`."""
    cleaned = validate_item(data)
    with db.session() as session:
        meeting = load_editable(session, meeting_id)
        _check_privacy(cleaned, privacy_override, f"new agenda item of meeting {meeting.id}")
        items = list(meeting.items)
        if position is None:
            closing = [i for i, it in enumerate(items) if it.standard_key in _CLOSING_KEYS]
            position = closing[0] if closing else len(items)
        item = AgendaItem(meeting_id=meeting.id, title=cleaned.title)
        _write(item, cleaned)
        place(items, item, position)
        session.add(item)
        return _data(session, item)


def update_item(
    db: Database,
    item_id: int,
    data: ItemInput,
    version: int,
    *,
    privacy_override: str | None = None,
) -> ItemData:
    cleaned = validate_item(data)
    with db.session() as session:
        item = load_item(session, item_id)
        load_editable(session, item.meeting_id)
        if item.version != version:
            raise StaleEditError(_("The agenda item was changed elsewhere. Reload and try again."))
        _check_privacy(cleaned, privacy_override, f"agenda item {item.id}", item)
        _write(item, cleaned)
        return _data(session, item)


def save_text(
    db: Database,
    item_id: int,
    field: str,
    text: str,
    *,
    base_version: int | None = None,
    base_text: str | None = None,
    privacy_override: str | None = None,
) -> SavedText:
    """Autosave of notes or decision while typing. The caller names what the text was typed
    on: the item's `base_version` and the field's `base_text` (None: not known, as for a draft
    left by a crash). When this field was saved elsewhere since, nothing is saved and a
    TextConflictError carries the stored text to merge with; a change of another field only
    moves the version and is no conflict. Without a base (scripts, tests) the text is written
    as it is. A personal identity number that the saved text did not hold yet is refused
    (PrivacyWarning, nothing saved) unless `privacy_override` gives a reason."""
    if field not in ("notes", "decision"):
        raise ValueError(field)
    cleaned = clean_text(text)
    label = _("Notes") if field == "notes" else _("Decision")
    errors = FieldErrors()
    errors.max_length(field, cleaned, TEXT_LIMIT, label)
    errors.raise_if_any()
    with db.session() as session:
        item = load_item(session, item_id)
        load_editable(session, item.meeting_id)
        stored: str = getattr(item, field)
        moved = base_version is not None and item.version != base_version
        unsure = moved or (base_version is None and base_text is not None)
        if unsure and _conflicts(stored, cleaned, base_text):
            raise TextConflictError(
                _(
                    "{field} was saved by someone else while you were writing. Compare the "
                    "two texts and choose what to save."
                ).format(field=label),
                field,
                stored,
                item.version,
            )
        check_free_text(
            {field: cleaned},
            privacy_override,
            where=f"agenda item {item.id}",
            labels=_text_labels(),
            previous={field: stored},
        )
        setattr(item, field, cleaned)
        session.flush()
        return SavedText(version=item.version, changed_elsewhere=moved)


def _conflicts(stored: str, cleaned: str, base_text: str | None) -> bool:
    """Whether saving `cleaned` over `stored` would lose someone else's text: the stored text
    is neither what the edit started from nor what is being saved."""
    if stored == cleaned:
        return False
    return base_text is None or stored != clean_text(base_text)


def _text_labels() -> dict[str, str]:
    return {
        "notes": _("Notes"),
        "decision": _("Decision"),
        "title": _("Title"),
        "presenter": _("Presenter"),
        "attachments": _("Attachments"),
    }


def _check_privacy(
    data: ItemInput, override: str | None, where: str, item: AgendaItem | None = None
) -> None:
    check_free_text(
        {
            "title": data.title,
            "presenter": data.presenter,
            "notes": data.notes,
            "decision": data.decision,
            "attachments": "\n".join(data.attachments),
        },
        override,
        where=where,
        labels=_text_labels(),
        previous=(
            {
                "title": item.title,
                "presenter": item.presenter,
                "notes": item.notes,
                "decision": item.decision,
                "attachments": "\n".join(a.title for a in item.attachments),
            }
            if item
            else None
        ),
    )


def _write(item: AgendaItem, data: ItemInput) -> None:
    item.title = data.title
    item.presenter = data.presenter
    item.planned_minutes = data.planned_minutes
    item.notes = data.notes
    item.decision = data.decision
    if tuple(a.title for a in item.attachments) != data.attachments:
        item.attachments = [Attachment(position=i, title=t) for i, t in enumerate(data.attachments)]
        # The list is part of the item: a new version, so a stale view cannot put back the old.
        flag_modified(item, "title")


def move_item(db: Database, item_id: int, new_position: int) -> list[ItemData]:
    """Reorder (drag or Ctrl+Up/Down); numbers follow the new order until approval."""
    with db.session() as session:
        item = load_item(session, item_id)
        meeting = load_editable(session, item.meeting_id)
        items = [i for i in meeting.items if i.id != item.id]
        place(items, item, new_position)
        session.flush()
        session.refresh(meeting)
        return items_for(session, meeting)


def remove_item(
    db: Database, item_id: int, version: int | None = None
) -> tuple[int, ItemInput, int]:
    """Delete an item; returns (meeting id, what it held, its position) so undo can restore it.
    With the `version` the user saw, an item changed elsewhere since is refused rather than
    deleted with the other person's notes (undo and redo delete the item as it now stands)."""
    with db.session() as session:
        item = load_item(session, item_id)
        meeting = load_editable(session, item.meeting_id)
        if version is not None and item.version != version:
            raise StaleEditError(_("The agenda item was changed elsewhere. Reload and try again."))
        removed = _data(session, item)
        session.delete(item)
        session.flush()
        session.refresh(meeting)
        renumber(meeting.items)
        return meeting.id, removed.as_input(), removed.position


_CLOSING_KEYS = {labels.OTHER_BUSINESS, labels.NEXT_MEETING, labels.CLOSING}
