"""Where the drafts left after a crash belong (services/system/drafts.py keeps the text): the
meeting and agenda item of each, whether it can still be restored there, and which drafts the
database already holds (saved just before the crash), so that only real losses are offered."""

from __future__ import annotations

from naravard_desktop.db.models import AgendaItem
from naravard_desktop.errors import DomainError, NotFoundError
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.drafts import Draft, DraftStore
from naravard_desktop.services.system.read_models import DraftPlace

AGENDA_ITEM = "agenda_item"
ANNUAL_REPORT = "annual_report"  # one record a group and year: report_draft_id


def report_draft_id(group_id: int, year: int) -> int:
    """The draft record of a year's report analysis (its row may not exist yet)."""
    return group_id * 10000 + year


def _report_place(db: Database, store: DraftStore, draft: Draft) -> DraftPlace | None:
    """Where an analysis draft belongs; None when the database holds its text already."""
    from naravard_desktop.services.report.analysis import get_analysis
    from naravard_desktop.services.report.read_models import Section

    group_id, year = divmod(draft.record_id, 10000)
    try:
        section = Section(draft.field)
        stored = get_analysis(db, group_id, year)
    except (ValueError, DomainError):  # not a section, or a group this login cannot open
        return DraftPlace(draft)
    if stored.texts[section] == draft.text:
        store.clear(draft.record, draft.record_id, draft.field)
        return None
    return DraftPlace(draft, group_id=group_id, report_year=year, locked=stored.adopted)


def _item_meeting(db: Database, item_id: int) -> int | None:
    with db.session() as session:
        item = session.get(AgendaItem, item_id)
        return None if item is None else item.meeting_id


def unsaved_drafts(db: Database, store: DraftStore | None = None) -> list[DraftPlace]:
    """Drafts of this database whose text differs from what is stored, oldest first. A draft
    the database already holds is cleared on the way."""
    store = store or DraftStore(db.path or db.url)
    places = []
    for draft in store.pending():
        if draft.record == ANNUAL_REPORT:
            place = _report_place(db, store, draft)
            if place is not None:
                places.append(place)
            continue
        if draft.record != AGENDA_ITEM:
            places.append(DraftPlace(draft))
            continue
        meeting_id = _item_meeting(db, draft.record_id)
        if meeting_id is None:
            places.append(DraftPlace(draft))
            continue
        try:
            meeting = meetings.get_meeting(db, meeting_id)
            item = next(i for i in agenda.list_items(db, meeting_id) if i.id == draft.record_id)
        except (NotFoundError, StopIteration):
            places.append(DraftPlace(draft))
            continue
        if getattr(item, draft.field, None) == draft.text:
            store.clear(draft.record, draft.record_id, draft.field)
            continue
        places.append(
            DraftPlace(
                draft,
                meeting_id=meeting.id,
                held_on=meeting.held_on,
                group_id=meeting.group_id,
                paragraph=item.paragraph,
                item_title=item.title,
                locked=meeting.locked,
            )
        )
    return places
