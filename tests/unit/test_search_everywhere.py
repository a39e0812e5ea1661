"""Search everywhere (issue 19 point 8): one query finds a group's meetings, agenda items,
decisions, action items, plan activities and members, a few of each, never another group's;
what is typed is taken literally."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from naravard_desktop.db.models import (
    ActionItem,
    Activity,
    AgendaItem,
    Area,
    Group,
    Meeting,
    Membership,
    Person,
    Plan,
)
from naravard_desktop.db.search_parts import ItemPart, like_matching_ids_in
from naravard_desktop.services.search.everywhere import PER_KIND, search_everywhere
from naravard_desktop.services.search.read_models import Found, FoundGroup, FoundKind
from naravard_desktop.services.system.database import Database

SPRING = dt.date(2025, 3, 14)
AUTUMN = dt.date(2025, 9, 26)


def _group(db: Database, name: str, place: str = "Kommunhuset, sal Ljusnan") -> int:
    """A group with two meetings, items with notes and decisions, an action item, a plan
    with activities and two members (one of them in a second, later membership)."""
    with db.session() as session:
        group = Group(name=name)
        session.add(group)
        session.flush()
        asa = Person(group_id=group.id, name="Åsa Lind", organisation="Hälsocentralen Norr")
        asa.memberships.append(Membership(active_from=dt.date(2020, 1, 1)))
        asa.memberships.append(Membership(active_from=dt.date(2024, 1, 1)))
        per = Person(group_id=group.id, name="Per Ek", email="per.ek@region.example")
        per.memberships.append(Membership())
        spring = Meeting(group_id=group.id, held_on=SPRING, place=place)
        spring.items.extend(
            [
                AgendaItem(position=0, title="Mötets öppnande"),
                AgendaItem(
                    position=1,
                    title="Fast vårdkontakt",
                    notes="Rutinen för fast vårdkontakt är införd.",
                    decision="Gruppen godkänner rapporten.",
                ),
            ]
        )
        autumn = Meeting(group_id=group.id, held_on=AUTUMN, place="Via Teams")
        anhorig = AgendaItem(
            position=0,
            title="Anhörigstöd",
            notes="Anhörigföreningen berättar om caféet.",
            decision="Informationen sprids via hälsocentralerna.",
        )
        anhorig.action_items.append(
            ActionItem(what="Sprid information om anhörigcaféet", who="Erik Lund")
        )
        autumn.items.append(anhorig)
        plan = Plan(group_id=group.id, title="Handlingsplan 2025", valid_from=dt.date(2025, 1, 1))
        area = Area(plan=plan, title="Trygg hemgång")
        area.activities.extend(
            [
                Activity(position=0, title="Gemensam rutin för utskrivning", responsible="Per Ek"),
                Activity(position=1, title="Kontaktlista", description="Listan på intranätet."),
            ]
        )
        session.add_all([asa, per, spring, autumn, plan])
        session.flush()
        return group.id


def _by_kind(groups: list[FoundGroup]) -> dict[FoundKind, list[Found]]:
    return {group.kind: list(group.hits) for group in groups}


def _titles(groups: list[FoundGroup]) -> dict[str, list[str]]:
    return {kind.value: [hit.title for hit in hits] for kind, hits in _by_kind(groups).items()}


@pytest.fixture
def groups(db: Database) -> tuple[int, int]:
    """Ours, and another group with the same texts in another place."""
    return _group(db, "Samverkan Bergsjö"), _group(db, "Samverkan Älvmo", place="Älvmo skola")


def test_each_kind_is_found_by_its_own_text(db: Database, groups: tuple[int, int]) -> None:
    ours, _other = groups
    assert _titles(search_everywhere(db, ours, "ljusnan")) == {
        "meeting": ["Kommunhuset, sal Ljusnan"]
    }
    assert _titles(search_everywhere(db, ours, "vårdkontakt")) == {"item": ["Fast vårdkontakt"]}
    assert _titles(search_everywhere(db, ours, "godkänner")) == {"decision": ["Fast vårdkontakt"]}
    assert _titles(search_everywhere(db, ours, "caféet")) == {
        "item": ["Anhörigstöd"],
        "action": ["Sprid information om anhörigcaféet"],
    }
    assert _titles(search_everywhere(db, ours, "intranätet")) == {"activity": ["Kontaktlista"]}
    assert _titles(search_everywhere(db, ours, "region.example")) == {"member": ["Per Ek"]}
    # A name is a member, the activities they are responsible for and the action items.
    assert _titles(search_everywhere(db, ours, "per ek")) == {
        "activity": ["Gemensam rutin för utskrivning"],
        "member": ["Per Ek"],
    }
    assert _titles(search_everywhere(db, ours, "erik lund")) == {
        "action": ["Sprid information om anhörigcaféet"]
    }


def test_hits_say_where_they_are(db: Database, groups: tuple[int, int]) -> None:
    ours, _other = groups
    found = _by_kind(search_everywhere(db, ours, "anhörig"))
    item = found[FoundKind.ITEM][0]
    assert (item.held_on, item.paragraph) == (AUTUMN, 3)  # § counted on through the year
    assert item.snippet == "Anhörigföreningen berättar om caféet."
    action = found[FoundKind.ACTION][0]
    assert (action.meeting_id, action.item_id, action.paragraph) == (
        item.meeting_id,
        item.item_id,
        3,
    )
    assert action.snippet == "Erik Lund"
    decision = _by_kind(search_everywhere(db, ours, "hälsocentralerna"))[FoundKind.DECISION][0]
    assert decision.snippet == "Informationen sprids via hälsocentralerna."
    activity = _by_kind(search_everywhere(db, ours, "kontaktlista"))[FoundKind.ACTIVITY][0]
    assert activity.plan_title == "Handlingsplan 2025"
    assert activity.plan_id is not None


def test_a_member_is_found_as_their_latest_membership(
    db: Database, groups: tuple[int, int]
) -> None:
    ours, _other = groups
    [asa] = _by_kind(search_everywhere(db, ours, "lind"))[FoundKind.MEMBER]
    with db.session() as session:
        latest = session.get(Membership, asa.row_id)
        assert latest is not None and latest.active_from == dt.date(2024, 1, 1)
    assert asa.snippet == "Hälsocentralen Norr"


def test_dates_find_the_meetings_held_then(db: Database, groups: tuple[int, int]) -> None:
    ours, _other = groups

    def days(words: str) -> list[dt.date | None]:
        return [
            hit.held_on for hit in _by_kind(search_everywhere(db, ours, words))[FoundKind.MEETING]
        ]

    assert days("2025") == [AUTUMN, SPRING]
    assert days("2025-03") == [SPRING]
    assert days("2025-09-26") == [AUTUMN]
    assert days("2025 teams") == [AUTUMN]
    assert FoundKind.MEETING not in _by_kind(search_everywhere(db, ours, "2025-02"))
    assert FoundKind.MEETING not in _by_kind(search_everywhere(db, ours, "2025-13"))


def test_another_groups_rows_never_show(db: Database, groups: tuple[int, int]) -> None:
    ours, other = groups
    for words in ("vårdkontakt", "godkänner", "caféet", "intranätet", "per", "2025", "åsa"):
        for group_id in (ours, other):
            for group in search_everywhere(db, group_id, words):
                for hit in group.hits:
                    assert _group_of(db, hit) == group_id, (words, hit)
    assert search_everywhere(db, other, "ljusnan") == []
    assert _titles(search_everywhere(db, other, "älvmo")) == {"meeting": ["Älvmo skola"]}


def _group_of(db: Database, hit: Found) -> int:
    with db.session() as session:
        if hit.kind is FoundKind.MEMBER:
            membership = session.get(Membership, hit.row_id)
            assert membership is not None
            return membership.person.group_id
        if hit.kind is FoundKind.ACTIVITY:
            plan = session.get(Plan, hit.plan_id)
            assert plan is not None
            return plan.group_id
        meeting = session.get(Meeting, hit.meeting_id)
        assert meeting is not None
        return meeting.group_id


def test_a_few_of_each_kind_and_whether_there_are_more(db: Database) -> None:
    """Each kind limited in the database, after the group is chosen: the other groups' many
    better-ranked hits crowd none of ours out."""
    ours = _group(db, "Samverkan Bergsjö")
    for number in range(3):
        other = _group(db, f"Samverkan {number}")
        with db.session() as session:
            meeting = Meeting(group_id=other, held_on=AUTUMN, place="Ljusnan")
            meeting.items.extend(
                AgendaItem(position=n, title=f"Vårdkontakt {n}", decision="Vårdkontakt.")
                for n in range(PER_KIND * 3)
            )
            session.add(meeting)
    with db.session() as session:
        meeting = Meeting(group_id=ours, held_on=SPRING, place="Sal Ljusnan")
        meeting.items.extend(
            AgendaItem(position=n, title="Punkt", notes=f"Om fast vårdkontakt, del {n}.")
            for n in range(PER_KIND + 1)
        )
        session.add(meeting)
    found = {g.kind: g for g in search_everywhere(db, ours, "vårdkontakt")}
    assert len(found[FoundKind.ITEM].hits) == PER_KIND
    assert found[FoundKind.ITEM].more
    assert {hit.meeting_id for hit in found[FoundKind.ITEM].hits} <= _meetings_of(db, ours)
    meetings = {g.kind: g for g in search_everywhere(db, ours, "ljusnan")}[FoundKind.MEETING]
    assert (len(meetings.hits), meetings.more) == (2, False)


def _meetings_of(db: Database, group_id: int) -> set[int | None]:
    with db.session() as session:
        return set(session.scalars(select(Meeting.id).where(Meeting.group_id == group_id)))


@pytest.mark.parametrize(
    "words",
    ["%", "_", "'", "\\", "%%", "' OR 1=1 --", '"', "\x00\x07", "a\x00b", "*", "NEAR(", "::*"],
)
def test_what_is_typed_is_taken_literally(
    db: Database, groups: tuple[int, int], words: str
) -> None:
    ours, _other = groups
    assert search_everywhere(db, ours, words) == []


def test_wildcards_are_characters(db: Database) -> None:
    ours = _group(db, "Samverkan Bergsjö")
    with db.session() as session:
        session.add(Person(group_id=ours, name="Mål 100% nått", memberships=[Membership()]))
        session.add(Person(group_id=ours, name="Mål 1000 nått", memberships=[Membership()]))
        session.add(Person(group_id=ours, name="fil_namn", memberships=[Membership()]))
        session.add(Person(group_id=ours, name="filxnamn", memberships=[Membership()]))
    assert _titles(search_everywhere(db, ours, "100%")) == {"member": ["Mål 100% nått"]}
    assert _titles(search_everywhere(db, ours, "fil_n")) == {"member": ["fil_namn"]}


def test_letters_beyond_ascii_in_any_case(db: Database, groups: tuple[int, int]) -> None:
    ours, _other = groups
    for words in ("åsa", "ÅSA", "Åsa", "hälsocentralen", "HÄLSOCENTRALEN"):
        assert _titles(search_everywhere(db, ours, words)).get("member") == ["Åsa Lind"], words


def test_one_letter_searches_nothing(db: Database, groups: tuple[int, int]) -> None:
    ours, _other = groups
    assert search_everywhere(db, ours, "p") == []
    assert search_everywhere(db, ours, "  p  ") == []
    assert _titles(search_everywhere(db, ours, "ek")).get("member") == ["Per Ek"]


def test_the_substring_search_keeps_the_parts_apart(db: Database, groups: tuple[int, int]) -> None:
    """Where SQLite has no FTS5, items and decisions are searched with LIKE, each part alone."""
    ours, _other = groups
    with db.session() as session:
        connection = session.connection()

        def titles(words: str, part: ItemPart) -> list[str]:
            ids = like_matching_ids_in(connection, ours, words, part, PER_KIND)
            return [session.get_one(AgendaItem, item_id).title for item_id in ids]

        assert titles("godkänner", ItemPart.DECISION) == ["Fast vårdkontakt"]
        assert titles("godkänner", ItemPart.TITLE_AND_NOTES) == []
        assert titles("FAST rutinen", ItemPart.TITLE_AND_NOTES) == ["Fast vårdkontakt"]
        assert titles("100%", ItemPart.TITLE_AND_NOTES) == []
