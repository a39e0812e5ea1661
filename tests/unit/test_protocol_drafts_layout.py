"""Protocol and kallelse PDFs that cannot mislead: drafts marked on every page, an approved
protocol as it stood at approval, Swedish words only, and a layout that keeps what belongs
together. Written from a real database built through the services; names are invented.
PDFs are checked by the text pypdf extracts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from naravard_desktop.db.enums import AttendanceStatus, Principal, Role
from naravard_desktop.documents import meeting_files
from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
from naravard_desktop.documents.meeting_files import protocol_bytes
from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupData, GroupInput, MemberInput
from naravard_desktop.services.meetings import actions, agenda, attendance, meetings
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.meetings.read_models import (
    ActionInput,
    AttendanceInput,
    ItemData,
    ItemInput,
    MeetingData,
    MeetingInput,
)
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)
SENTENCE = "Arbetsgruppen redovisar läget och pekar på behovet av gemensamma rutiner."


@pytest.fixture
def group(db: Database) -> GroupData:
    return groups.create_group(
        db,
        GroupInput(name="Lokal samverkansgrupp Bergsjö", municipality="Bergsjö", region="Mittland"),
    )


@pytest.fixture
def people(db: Database, group: GroupData) -> dict[str, int]:
    rows = [
        ("Anna Berg", Role.CHAIR, Principal.MUNICIPALITY, "", ""),
        ("Erik Lund", Role.MEMBER, Principal.REGION, "", ""),
        ("Per Ek", Role.MEMBER, Principal.REGION, "", ""),
        ("Sara Holm", Role.SUBSTITUTE, Principal.REGION, "", ""),
        (
            "Lisa Nord",
            Role.SECRETARY,
            Principal.MUNICIPALITY,
            "lisa.nord@bergsjo.example",
            "0640-127 11",
        ),
    ]
    found = {}
    for name, role, principal, email, phone in rows:
        row = add_member(
            db,
            group.id,
            MemberInput(
                name=name,
                role=role,
                principal=principal,
                email=email,
                phone=phone,
                active_from=dt.date(2023, 1, 1),
            ),
        )
        found[name] = row.person_id
    return found


def _meeting(
    db: Database,
    group: GroupData,
    people: dict[str, int],
    day: dt.date = DAY,
    ends_at: dt.time | None = dt.time(15, 30),
    place: str = "Kommunhuset, sal Ljusnan",
) -> MeetingData:
    return meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            starts_at=dt.time(13, 0),
            ends_at=ends_at,
            place=place,
            chair_id=people["Anna Berg"],
            secretary_id=people["Lisa Nord"],
            adjuster1_id=people["Erik Lund"],
        ),
    )


def _items(db: Database, meeting_id: int) -> dict[str, ItemData]:
    return {i.standard_key or i.title: i for i in agenda.list_items(db, meeting_id)}


def _set_text(db: Database, item: ItemData, notes: str = "", decision: str = "") -> None:
    agenda.update_item(
        db, item.id, replace(item.as_input(), notes=notes, decision=decision), item.version
    )


def _topic(db: Database, meeting_id: int, title: str, notes: str = "") -> ItemData:
    """A topic item, placed before the closing items ("Övriga frågor" …) as users add them."""
    return agenda.add_item(db, meeting_id, ItemInput(title=title, notes=notes))


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _protocol(db: Database, meeting_id: int) -> list[str]:
    return _pages(protocol_bytes(db, meeting_id, ".pdf"))


# 1. Drafts are unmistakable


def test_draft_is_marked_on_every_page_and_in_its_title_approved_never(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    _set_text(db, _items(db, meeting.id)["opening"], notes="\n\n".join([SENTENCE * 4] * 40))
    data = protocol_bytes(db, meeting.id, ".pdf")
    pages = _pages(data)
    assert len(pages) >= 3
    for text in pages:
        # the running header and the diagonal watermark
        assert text.count("UTKAST – ej justerat") >= 2, text[:200]
    title = PdfReader(BytesIO(data)).metadata.title
    assert title == "UTKAST – ej justerat: Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"

    english = protocol_pdf(replace(protocol_data(db, meeting.id), language="en"))
    assert all("DRAFT – not approved" in text for text in _pages(english))
    assert PdfReader(BytesIO(english)).metadata.title.startswith("DRAFT – not approved: Protocol")

    meeting_files.approve(db, meeting.id, "Anna Berg och Erik Lund", DAY + dt.timedelta(days=7))
    stored = protocol_bytes(db, meeting.id, ".pdf")
    assert not any("UTKAST" in text for text in _pages(stored))
    assert PdfReader(BytesIO(stored)).metadata.title == (
        "Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"
    )
    fresh = protocol_pdf(protocol_data(db, meeting.id))
    assert not any("UTKAST" in text for text in _pages(fresh))


def test_a_meeting_not_yet_held_lists_who_is_called_not_who_was_present(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    ahead = _meeting(db, group, people, dt.date.today() + dt.timedelta(days=30))
    first = _pages(protocol_bytes(db, ahead.id, ".pdf"))[0]
    assert "Kallade" in first and "Anna Berg, ordförande (kommun)" in first
    assert "Närvarande" not in first

    held = _meeting(db, group, people)
    first = _pages(protocol_bytes(db, held.id, ".pdf"))[0]
    assert "Närvarande" in first and "Kallade" not in first


# 2. Approved = as of approval


def test_approved_protocol_shows_actions_as_they_stood_at_approval(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    earlier = _meeting(db, group, people, DAY - dt.timedelta(days=60))
    topic = _topic(db, earlier.id, "Uppföljning av lokal plan")
    done_before = actions.add_action(
        db, topic.id, ActionInput("Boka lokal för dialogmötet", "Per Ek")
    )
    done_after = actions.add_action(
        db, topic.id, ActionInput("Sammanställa SIP-statistik", "Erik Lund")
    )
    meeting_files.approve(db, earlier.id, "Anna Berg och Erik Lund", earlier.held_on)

    meeting = _meeting(db, group, people)
    own = _topic(db, meeting.id, "Fast vårdkontakt")
    # Marked done (on a date after the approval) before the approval was recorded.
    actions.add_action(
        db,
        own.id,
        ActionInput(
            "Ta fram rutin för fast vårdkontakt",
            "Sara Holm",
            done=True,
            done_on=DAY + dt.timedelta(days=20),
        ),
    )
    actions.update_action(
        db,
        done_before.id,
        replace(done_before.as_input(), done=True, done_on=DAY + dt.timedelta(days=3)),
        done_before.version,
    )
    meeting_files.approve(db, meeting.id, "Anna Berg och Erik Lund", DAY + dt.timedelta(days=7))
    # Done after the approval: not in the approved protocol.
    actions.update_action(
        db,
        done_after.id,
        replace(done_after.as_input(), done=True, done_on=DAY + dt.timedelta(days=30)),
        done_after.version,
    )

    stored = _flat("\n".join(_protocol(db, meeting.id)))
    fresh = _flat("\n".join(_pages(protocol_pdf(protocol_data(db, meeting.id)))))
    for text in (stored, fresh):
        assert "Ta fram rutin för fast vårdkontakt — Sara Holm" in text
        assert "Ta fram rutin för fast vårdkontakt — Sara Holm (klar)" not in text
        assert "Boka lokal för dialogmötet — Per Ek (klar) (från mötet" in text
        assert "Sammanställa SIP-statistik — Erik Lund (från mötet" in text


# 3. No English in the Swedish protocol


def test_swedish_protocol_says_klar_after_done_actions_not_done(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    topic = _topic(db, meeting.id, "Anhörigstöd")
    actions.add_action(
        db,
        topic.id,
        ActionInput("Sprid information om anhörigcaféet", "Erik Lund", done=True, done_on=DAY),
    )
    text = _flat("\n".join(_protocol(db, meeting.id)))
    assert "Sprid information om anhörigcaféet — Erik Lund (klar)" in text
    assert "(done)" not in text
    english = _flat(
        "\n".join(_pages(protocol_pdf(replace(protocol_data(db, meeting.id), language="en"))))
    )
    assert "Sprid information om anhörigcaféet — Erik Lund (done)" in english


# 4. Layout


def _baseline(data: bytes, needle: str) -> float:
    """How high on its page (points from the bottom) the last line containing `needle` is."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if needle in text:
            found.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    reader = PdfReader(BytesIO(data))
    reader.pages[len(reader.pages) - 1].extract_text(visitor_text=visit)
    assert found, needle
    return found[-1]


BOTTOM = 70.0  # the lowest baseline of body text on an A4 page (22 mm margin and padding)
LINE = 13.5  # the leading of body text


def test_signatures_never_stand_alone_on_the_last_page(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    items = _items(db, meeting.id)
    for key in ("adjusters", "agenda", "previous_minutes", "other_business", "next_meeting"):
        agenda.remove_item(db, items[key].id)
    _set_text(db, _items(db, meeting.id)["closing"], notes="Ordföranden tackar och avslutar.")
    filler = _topic(db, meeting.id, "Lägesrapporter")

    def pages_with(lines: int) -> list[str]:
        item = next(i for i in agenda.list_items(db, meeting.id) if i.id == filler.id)
        _set_text(db, item, notes="\n".join(f"Rad {n}: läget redovisas." for n in range(lines)))
        return _protocol(db, meeting.id)

    # With one line of filler everything is on one page; measure the room under the
    # signatures, then add lines so the last § still fits on the page but the signature
    # block (some 18 lines) no longer does.
    pages = pages_with(1)
    assert len(pages) == 1
    room = _baseline(protocol_bytes(db, meeting.id, ".pdf"), "Justeringsdatum") - BOTTOM
    fill = int(room / LINE)
    for lines in (fill + 4, fill + 9, fill + 14):
        pages = pages_with(lines)
        assert len(pages) == 2, lines
        assert "Underskrifter" in pages[-1]
        assert "Ordföranden tackar och avslutar." in pages[-1], pages
        assert f"Rad {lines - 1}: läget redovisas." in pages[0]  # only the end moved


def test_kallelse_sign_off_is_kept_together(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    data = kallelse_pdf(protocol_data(db, meeting.id))
    assert len(_pages(data)) == 1
    room = _baseline(data, "Lisa Nord, sekreterare") - BOTTOM
    row = 18.5  # an agenda row of one line
    needed = int(room / row)
    pushed = False
    for count in range(1, needed + 4):
        _topic(db, meeting.id, f"Ärende {count}")
        if count < needed - 3:
            continue
        pages = _pages(kallelse_pdf(protocol_data(db, meeting.id)))
        page = next(p for p in pages if "Förhinder anmäls till" in p)
        sign_off = page.split("Förhinder anmäls till")[1]
        assert "\nAnna Berg, ordförande\nLisa Nord, sekreterare\n" in sign_off, count
        pushed = pushed or (len(pages) == 2 and "Ärende" not in pages[1])
    assert pushed  # the sweep went over the page's end


def test_kallelse_sign_off_stays_with_the_open_actions(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    """When the open actions no longer fit under the agenda they move on together with the
    sign-off, which never stands alone at the top of a page."""
    earlier = _meeting(db, group, people, day=DAY - dt.timedelta(days=60))
    topic = _topic(db, earlier.id, "Uppföljning")
    for number in range(6):
        actions.add_action(
            db,
            topic.id,
            ActionInput(f"Åtgärd nummer {number}", "Erik Lund", DAY + dt.timedelta(30)),
        )
    meeting = _meeting(db, group, people)
    seen_two_pages = False
    for count in range(1, 24):
        _topic(db, meeting.id, f"Ärende {count}")
        pages = _pages(kallelse_pdf(protocol_data(db, meeting.id)))
        last = next(p for p in pages if "Förhinder anmäls till" in p)
        assert "Åtgärd nummer 5" in last, count
        seen_two_pages = seen_two_pages or len(pages) > 1
    assert seen_two_pages


def test_long_attendance_and_agenda_split_over_pages_with_header_repeated(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    for number in range(1, 121):
        add_member(
            db,
            group.id,
            MemberInput(
                name=f"Ledamot Nummer {number:03d}",
                organisation="Bergsjö kommun, socialtjänsten",
                principal=Principal.MUNICIPALITY,
                active_from=dt.date(2023, 1, 1),
            ),
        )
    meeting = _meeting(db, group, people)
    for number in range(1, 46):
        agenda.add_item(db, meeting.id, ItemInput(title=f"Ärende nummer {number}"))
    protocol = "\n".join(_protocol(db, meeting.id))
    kallelse = _pages(kallelse_pdf(protocol_data(db, meeting.id)))
    for text in (protocol, "\n".join(kallelse)):
        for number in range(1, 121):
            assert f"Ledamot Nummer {number:03d}" in text
    agenda_pages = [p for p in kallelse if "Ärende nummer" in p]
    assert len(agenda_pages) >= 2
    for page in agenda_pages:
        assert "Ärende\nFöredragande\nTid" in page  # the header row on every page


def test_kallelse_end_time_and_heading_agree(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    def minutes(meeting_id: int) -> None:
        for key, value in (("opening", 5), ("previous_minutes", 10), ("closing", 7)):
            item = _items(db, meeting_id)[key]
            agenda.update_item(
                db, item.id, replace(item.as_input(), planned_minutes=value), item.version
            )

    open_ended = _meeting(db, group, people, ends_at=None)
    minutes(open_ended.id)
    text = "\n".join(_pages(kallelse_pdf(protocol_data(db, open_ended.id))))
    assert "kl. 13.00–13.22" in text
    assert re.search(r"Planerat slut\n ?13\.22", text)

    booked = _meeting(db, group, people, day=DAY + dt.timedelta(days=1))
    minutes(booked.id)
    text = "\n".join(_pages(kallelse_pdf(protocol_data(db, booked.id))))
    assert "kl. 13.00–15.30" in text
    assert "13.22" not in text
    assert re.search(r"Mötet slutar\n ?15\.30", text)


def test_kallelse_says_how_to_reach_the_secretary(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    text = _flat("\n".join(_pages(kallelse_pdf(protocol_data(db, meeting.id)))))
    assert "Förhinder anmäls till Lisa Nord, lisa.nord@bergsjo.example, tfn 0640-127 11." in text


def test_an_absence_note_is_not_doubled(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    rows = {r.name: r for r in attendance.list_attendance(db, meeting.id)}
    attendance.set_attendance(
        db,
        rows["Per Ek"].id,
        AttendanceInput(AttendanceStatus.ABSENT, note="Anmält förhinder"),
        rows["Per Ek"].version,
    )
    erik = rows["Erik Lund"]
    attendance.set_attendance(db, erik.id, AttendanceInput(AttendanceStatus.ABSENT), erik.version)
    text = _flat("\n".join(_pages(kallelse_pdf(protocol_data(db, meeting.id)))))
    assert "Per Ek (region); Anmält förhinder" in text
    assert text.lower().count("förhinder") == 3  # Per Ek, Erik Lund, "Förhinder anmäls till"
    assert "Erik Lund (region) (har anmält förhinder)" in text


def test_empty_other_business_says_there_was_none(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    text = _flat("\n".join(_protocol(db, meeting.id)))
    assert "Övriga frågor Inga övriga frågor." in text
    _set_text(
        db, _items(db, meeting.id)["other_business"], notes="Erik Lund informerar om SIP-veckan."
    )
    text = _flat("\n".join(_protocol(db, meeting.id)))
    assert "Inga övriga frågor" not in text
    assert "Erik Lund informerar om SIP-veckan." in text


def test_next_meeting_item_names_the_next_planned_meeting(
    db: Database, group: GroupData, people: dict[str, int]
) -> None:
    meeting = _meeting(db, group, people)
    text = _flat("\n".join(_protocol(db, meeting.id)))
    assert re.search(
        r"Nästa möte § \d+ Mötets avslutande", text
    )  # nothing invented when none is planned
    _meeting(db, group, people, dt.date(2024, 11, 22), place="Vårdcentralen Bergsjö")
    _meeting(
        db,
        group,
        people,
        dt.date(2024, 9, 13),
        ends_at=dt.time(15, 0),
        place="Kommunhuset, sal Ljusnan",
    )
    text = _flat("\n".join(_protocol(db, meeting.id)))
    assert (
        "Nästa möte Nästa möte hålls den 13 september 2024, kl. 13.00–15.00, "
        "Kommunhuset, sal Ljusnan."
    ) in text
    assert "22 november" not in text
