"""Search everywhere (Ctrl+K): one query over a group's meetings, agenda items, decisions,
action items, plan activities and members, a few hits of each kind.

Every kind is its own query bounded by the group in SQL and limited in SQL, so a search
costs the same on ten years of meetings as on one (benchmarks/search_everywhere.py). Agenda
items and decisions go through the full-text index (db/search_parts.py, each word a prefix,
best first); the other kinds are short texts of at most a few thousand rows a group, each
word found anywhere in them (LIKE, through db/search.contains_pattern). A word is all the
query has to match, in any of a row's texts; every word has to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from naravard_desktop.db.models import (
    ActionItem,
    Activity,
    AgendaItem,
    Area,
    Meeting,
    Membership,
    Person,
    Plan,
)
from naravard_desktop.db.search import LIKE_ESCAPE, contains_pattern
from naravard_desktop.db.search_parts import ItemPart, matching_ids_in
from naravard_desktop.i18n import sort_key
from naravard_desktop.services.meetings.paragraphs import numbers_of
from naravard_desktop.services.meetings.read_models import snippet
from naravard_desktop.services.search.read_models import Found, FoundGroup, FoundKind
from naravard_desktop.services.system.database import Database
from naravard_desktop.services.system.validation import clean_line

PER_KIND = 5
MIN_LENGTH = 2  # one letter matches nearly everything and tells nothing
MAX_LENGTH = 200
# A word that is a day, a month or a year (2026, 2026-09, 2026-09-28) finds meetings held then.
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def cleaned_query(words: str) -> str:
    """What is searched for: one line without control characters, at most MAX_LENGTH long;
    empty when shorter than MIN_LENGTH."""
    query = clean_line(words)[:MAX_LENGTH].strip()
    return query if len(query) >= MIN_LENGTH else ""


def search_everywhere(
    db: Database, group_id: int, words: str, per_kind: int = PER_KIND
) -> list[FoundGroup]:
    """The group's hits for `words`, kind by kind (FoundKind's order), kinds without hits
    left out; at most `per_kind` of each."""
    query = cleaned_query(words)
    if not query:
        return []
    limit = per_kind + 1  # one more tells whether there are more
    with db.session() as session:
        found = {
            FoundKind.MEETING: _meetings(session, group_id, query, limit),
            FoundKind.ITEM: _items(session, group_id, query, ItemPart.TITLE_AND_NOTES, limit),
            FoundKind.DECISION: _items(session, group_id, query, ItemPart.DECISION, limit),
            FoundKind.ACTION: _actions(session, group_id, query, limit),
            FoundKind.ACTIVITY: _activities(session, group_id, query, limit),
            FoundKind.MEMBER: _members(session, group_id, query, limit),
        }
        # The § of the hits listed only: one beyond them in a draft would count its year.
        numbers = _paragraphs(
            session, group_id, [h for hits in found.values() for h in hits[:per_kind]]
        )
    return [
        FoundGroup(
            kind,
            tuple(_numbered(hit, numbers) for hit in hits[:per_kind]),
            len(hits) > per_kind,
        )
        for kind, hits in found.items()
        if hits
    ]


def _containing_all(
    session: Session, terms: Iterable[str], *columns: InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """Every term literally, in any case, in one of the columns. SQLite's LIKE ignores the
    case of ASCII letters only (and is twice as fast as ILIKE's lower() on both sides), so a
    word with other letters is also looked for in capitals and capitalised ("åsa" finds
    "Åsa" and "ÅSA"); PostgreSQL's ILIKE ignores every letter's case."""
    on_sqlite = session.get_bind().dialect.name == "sqlite"
    conditions = []
    for term in terms:
        forms = [term]
        if on_sqlite:  # each form once as LIKE compares them: åsa, Åsa (ÅSA is the same)
            forms = list(
                {_ascii_lower(f): f for f in (term, term.capitalize(), term.upper())}.values()
            )
        like = [
            column.like(contains_pattern(form), escape=LIKE_ESCAPE)
            if on_sqlite
            else column.ilike(contains_pattern(form), escape=LIKE_ESCAPE)
            for column in columns
            for form in forms
        ]
        conditions.append(or_(*like))
    return and_(*conditions)


def _ascii_lower(text: str) -> str:
    """`text` as SQLite's LIKE compares it: ASCII letters in lower case, the others as they are."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def _date_range(word: str) -> tuple[dt.date, dt.date] | None:
    """The days a word like 2026, 2026-09 or 2026-09-28 stands for; None for other words."""
    match = _DATE.match(word)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            first = dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:  # 2026-13, 2026-02-30, year 0: a plain word
        return None


def _meetings(session: Session, group_id: int, query: str, limit: int) -> list[Found]:
    """Meetings held on the days the query's dates name and whose place holds its other
    words, newest first."""
    terms = query.split()
    days = {term: _date_range(term) for term in terms}
    conditions: list[ColumnElement[bool]] = [
        Meeting.held_on.between(*span) for span in days.values() if span is not None
    ]
    words = [term for term, span in days.items() if span is None]
    if words:
        conditions.append(_containing_all(session, words, Meeting.place))
    rows = session.execute(
        select(Meeting.id, Meeting.held_on, Meeting.place)
        .where(Meeting.group_id == group_id, *conditions)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(limit)
    ).all()
    return [
        Found(FoundKind.MEETING, meeting_id, place, held_on=held_on, meeting_id=meeting_id)
        for meeting_id, held_on, place in rows
    ]


def _items(session: Session, group_id: int, query: str, part: ItemPart, limit: int) -> list[Found]:
    """Agenda items whose titles and notes, or decisions, hold every word, best first."""
    ids = matching_ids_in(session.connection(), group_id, query, part, limit)
    if not ids:
        return []
    # Found by their ids alone (db/search.py's ids are the group's already): with the
    # group in this WHERE clause SQLite probes every id in each of the group's meetings.
    rows = {
        row[0]: row
        for row in session.execute(
            select(
                AgendaItem.id,
                AgendaItem.meeting_id,
                Meeting.held_on,
                AgendaItem.paragraph,
                AgendaItem.title,
                AgendaItem.notes if part is ItemPart.TITLE_AND_NOTES else AgendaItem.decision,
            )
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.id.in_(ids))
        )
    }
    kind = FoundKind.ITEM if part is ItemPart.TITLE_AND_NOTES else FoundKind.DECISION
    return [
        Found(
            kind,
            item_id,
            title,
            snippet(query, text),  # the notes or the decision (the title is shown above it)
            held_on=held_on,
            paragraph=stored,
            meeting_id=meeting_id,
            item_id=item_id,
        )
        for item_id, meeting_id, held_on, stored, title, text in (rows[i] for i in ids)
    ]


def _actions(session: Session, group_id: int, query: str, limit: int) -> list[Found]:
    """Action items whose task or responsible holds every word, newest meeting first."""
    rows = session.execute(
        select(
            ActionItem.id,
            ActionItem.what,
            ActionItem.who,
            AgendaItem.id,
            AgendaItem.paragraph,
            Meeting.id,
            Meeting.held_on,
        )
        .join(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Meeting.group_id == group_id,
            _containing_all(session, query.split(), ActionItem.what, ActionItem.who),
        )
        .order_by(Meeting.held_on.desc(), AgendaItem.position, ActionItem.position)
        .limit(limit)
    ).all()
    return [
        Found(
            FoundKind.ACTION,
            action_id,
            " ".join(what.split()),
            who,
            held_on=held_on,
            paragraph=stored,
            meeting_id=meeting_id,
            item_id=item_id,
        )
        for action_id, what, who, item_id, stored, meeting_id, held_on in rows
    ]


def _activities(session: Session, group_id: int, query: str, limit: int) -> list[Found]:
    """Activities of any of the group's plans whose title, description or responsible hold
    every word, the newest plan's first, in the plan's order."""
    rows = session.execute(
        select(
            Activity.id,
            Activity.title,
            Activity.description,
            Activity.responsible,
            Plan.id,
            Plan.title,
        )
        .join(Area, Area.id == Activity.area_id)
        .join(Plan, Plan.id == Area.plan_id)
        .where(
            Plan.group_id == group_id,
            _containing_all(
                session, query.split(), Activity.title, Activity.description, Activity.responsible
            ),
        )
        .order_by(
            Plan.valid_from.desc().nulls_last(), Plan.id.desc(), Area.position, Activity.position
        )
        .limit(limit)
    ).all()
    return [
        Found(
            FoundKind.ACTIVITY,
            activity_id,
            " ".join(title.split()),
            snippet(query, description, responsible),
            plan_id=plan_id,
            plan_title=plan_title,
        )
        for activity_id, title, description, responsible, plan_id, plan_title in rows
    ]


def _members(session: Session, group_id: int, query: str, limit: int) -> list[Found]:
    """People of the group whose name, organisation or e-mail address hold every word, in
    Swedish alphabetical order, each as their latest membership (the members page's row)."""
    latest = (
        select(Membership.id)
        .where(Membership.person_id == Person.id)
        .order_by(Membership.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(latest, Person.name, Person.organisation, Person.email)
        .where(
            Person.group_id == group_id,
            latest.is_not(None),
            _containing_all(session, query.split(), Person.name, Person.organisation, Person.email),
        )
        .order_by(Person.name, Person.id)
        .limit(limit)
    ).all()
    found = [
        Found(FoundKind.MEMBER, membership_id, name, " · ".join(p for p in (org, email) if p))
        for membership_id, name, org, email in rows
    ]
    return sorted(found, key=lambda hit: sort_key(hit.title))


def _paragraphs(session: Session, group_id: int, hits: list[Found]) -> dict[int, int]:
    """Agenda item id → § of every hit that has a meeting item (counted in one go)."""
    items = {
        hit.item_id: (hit.item_id, hit.held_on, hit.paragraph)
        for hit in hits
        if hit.item_id is not None and hit.held_on is not None
    }
    return numbers_of(session, group_id, items.values()) if items else {}


def _numbered(hit: Found, numbers: dict[int, int]) -> Found:
    if hit.item_id is None:
        return hit
    return replace(hit, paragraph=numbers.get(hit.item_id, hit.paragraph))
