"""Kallelse, protocol PDF and protocol DOCX, written from a hand-built ProtocolData.

Names are invented. PDFs are checked by the text pypdf extracts, and as PDF/A-2b.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from io import BytesIO

import docx
import pikepdf
import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from naravard_desktop import i18n
from naravard_desktop.db.enums import AttendanceStatus, MeetingKind, Principal, Role
from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
from naravard_desktop.documents.meeting_pdf import REPLACEMENT, drawable
from naravard_desktop.documents.protocol_docx import protocol_docx
from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.services.meetings.protocol_model import (
    ActionLine,
    AttendeeLine,
    ItemLine,
    ProtocolData,
)

DECISION = "Gruppen godkänner lägesrapporten och ger Sara Holm i uppdrag att ta fram en rutin."
LONG_NOTE = "\n\n".join(
    f"Stycke {n}: Ledningsgrupperna har diskuterat fast vårdkontakt, samordnad individuell "
    "plan och utskrivning från slutenvården. Arbetsgruppen redovisar läget i varje område "
    "och pekar på behovet av gemensamma rutiner för äldre med omfattande behov."
    for n in range(1, 60)
)


def _attendees() -> tuple[AttendeeLine, ...]:
    present = AttendanceStatus.PRESENT
    return (
        AttendeeLine("Anna Berg", present, Role.CHAIR, Principal.MUNICIPALITY),
        AttendeeLine("Erik Lund", present, Role.MEMBER, Principal.REGION),
        AttendeeLine("Maja Strand", present, Role.VICE_CHAIR, Principal.REGION),
        AttendeeLine(
            "Sara Holm",
            AttendanceStatus.SUBSTITUTE,
            Role.SUBSTITUTE,
            Principal.REGION,
            substitute_for="Per Ek",
        ),
        AttendeeLine("Lisa Nord", present, Role.SECRETARY, Principal.MUNICIPALITY),
        AttendeeLine(
            "Jonas Ås",
            AttendanceStatus.COOPTED,
            Role.COOPTED,
            Principal.MUNICIPALITY,
            from_paragraph=14,
            to_paragraph=15,
        ),
        AttendeeLine(
            "Karin Vik",
            AttendanceStatus.GUEST,
            organisation="Bergsjö hälsocentral",
            from_paragraph=16,
        ),
        AttendeeLine("Per Ek", AttendanceStatus.ABSENT, Role.MEMBER, Principal.REGION),
    )


def _items(notes: str = "Arbetet går enligt plan.") -> tuple[ItemLine, ...]:
    return (
        ItemLine(
            12,
            "Mötets öppnande",
            notes="Ordföranden hälsar välkommen och förklarar mötet öppnat.",
            planned_minutes=5,
            planned_start=dt.time(13, 0),
            standard_key="opening",
        ),
        ItemLine(
            13,
            "Val av justerare",
            decision="Erik Lund utses att jämte ordföranden justera protokollet.",
            planned_minutes=2,
            planned_start=dt.time(13, 5),
            standard_key="adjusters",
        ),
        ItemLine(
            14,
            "Fastställande av dagordning",
            decision="Dagordningen fastställs.",
            planned_minutes=3,
            planned_start=dt.time(13, 7),
            standard_key="agenda",
        ),
        ItemLine(
            15,
            "Föregående protokoll",
            notes="Protokollet från 12 april 2024 läggs till handlingarna.",
            planned_minutes=5,
            planned_start=dt.time(13, 10),
            standard_key="previous",
            carried_actions=(
                ActionLine(
                    "Sammanställa SIP-statistik för första tertialen",
                    "Erik Lund",
                    dt.date(2024, 5, 31),
                    from_meeting_on=dt.date(2024, 4, 12),
                    from_paragraph=7,
                ),
            ),
        ),
        ItemLine(
            16,
            "Uppföljning av lokal plan: fast vårdkontakt",
            presenter="Sara Holm",
            planned_minutes=30,
            planned_start=dt.time(13, 15),
            notes=notes,
            decision=DECISION,
            attachments=("Lägesrapport fast vårdkontakt", "Tidplan hösten 2024"),
            actions=(
                ActionLine("Ta fram rutin för fast vårdkontakt", "Sara Holm", dt.date(2024, 6, 30)),
                ActionLine("Bjuda in hemtjänsten till nästa möte", "Anna Berg"),
            ),
        ),
        ItemLine(
            17,
            "Information från regionen",
            presenter="Erik Lund",
            planned_minutes=20,
            planned_start=dt.time(13, 45),
            notes="Rad ett\nRad två & <tre>",
        ),
        ItemLine(
            18,
            "Övriga frågor",
            planned_minutes=10,
            planned_start=dt.time(14, 5),
            notes="Inga övriga frågor.",
            standard_key="other",
        ),
        ItemLine(
            19,
            "Nästa möte",
            decision="Nästa möte hålls den 13 september 2024.",
            planned_minutes=5,
            planned_start=dt.time(14, 15),
            standard_key="next",
        ),
        ItemLine(
            20,
            "Mötets avslutande",
            notes="Ordföranden tackar och avslutar mötet.",
            planned_minutes=2,
            planned_start=dt.time(14, 20),
            standard_key="closing",
        ),
    )


def _meeting(**changes: object) -> ProtocolData:
    data = ProtocolData(
        language="sv",
        group_name="Lokal samverkansgrupp Bergsjö",
        principals_line="Region Mittland och Bergsjö kommun",
        logo=None,
        meeting_id=7,
        meeting_number="2024:3",
        kind=MeetingKind.ORDINARY,
        held_on=dt.date(2024, 5, 17),
        starts_at=dt.time(13, 0),
        ends_at=dt.time(15, 30),
        place="Kommunhuset, sal Ljusnan, och via Teams",
        chair="Anna Berg",
        secretary="Lisa Nord",
        adjusters=("Erik Lund",),
        attendees=_attendees(),
        items=_items(),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def _logo_png() -> bytes:
    image = PILImage.new("RGBA", (240, 120), (31, 95, 139, 255))
    for x in range(120, 240):
        for y in range(120):
            image.putpixel((x, y), (255, 255, 255, 0))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _fonts_embedded(data: bytes) -> None:
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded"


def _pdfa_passes(data: bytes) -> None:
    with pikepdf.open(BytesIO(data)) as pdf:
        report = pikepdf.pdfa.check(pdf, "2b")
        assert report.passed, report.summary


def test_protocol_shows_header_facts_attendance_and_every_paragraph() -> None:
    pages = _pages(protocol_pdf(_meeting()))
    text = "\n".join(pages)
    first = pages[0]
    assert "PROTOKOLL" in first and "Möte 2024:3" in first
    assert "Lokal samverkansgrupp Bergsjö" in first
    assert "Region Mittland och Bergsjö kommun" in first
    assert "17 maj 2024" in first and "kl. 13.00–15.30" in first
    assert "Kommunhuset, sal Ljusnan, och via Teams" in first
    assert "Anna Berg, ordförande (kommun)" in first
    assert "Erik Lund (region)" in first
    assert "Maja Strand, vice ordförande (region)" in first
    assert "Sara Holm (region), tjänstgörande ersättare för Per Ek" in first
    assert "Lisa Nord, sekreterare" in first
    assert "Jonas Ås, adjungerad, § 14–15" in first
    assert "Karin Vik, Bergsjö hälsocentral, från § 16" in first
    for label in ("Ledamöter", "Ersättare", "Övriga närvarande", "Frånvarande", "Paragrafer"):
        assert label in first
    assert "§§ 12–20" in first
    for number in range(12, 21):
        assert f"§ {number}" in text
    for title in ("Mötets öppnande", "Val av justerare", "Övriga frågor", "Mötets avslutande"):
        assert title in text
    assert "Föredragande: Sara Holm" in text
    assert "Beslut" in text and DECISION in " ".join(text.split())
    assert "Rad ett\nRad två & <tre>" in text  # line breaks kept, markup characters escaped


def test_protocol_lists_actions_carried_actions_and_attachments() -> None:
    text = " ".join("\n".join(_pages(protocol_pdf(_meeting()))).split())
    assert "Åtgärder" in text
    assert "Ta fram rutin för fast vårdkontakt — Sara Holm — 2024-06-30" in text
    assert "Bjuda in hemtjänsten till nästa möte — Anna Berg" in text
    assert "Kvarstående åtgärder från tidigare möten" in text
    assert (
        "Sammanställa SIP-statistik för första tertialen — Erik Lund — 2024-05-31 "
        "(från mötet den 12 april 2024, § 7)"
    ) in text
    assert "Bilagor: Lägesrapport fast vårdkontakt; Tidplan hösten 2024" in text


def test_protocol_signature_block_and_footer() -> None:
    pages = _pages(protocol_pdf(_meeting()))
    last = pages[-1]
    for label in ("Underskrifter", "Sekreterare", "Ordförande", "Justerare"):
        assert label in last
    assert "Justeringsdatum: ____" in last
    assert "Lisa Nord" in last and "Anna Berg" in last and "Erik Lund" in last
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in text
        assert "Lokal samverkansgrupp Bergsjö · Protokoll 17 maj 2024" in text


def test_approved_protocol_shows_the_approval_and_two_adjusters() -> None:
    data = _meeting(
        adjusters=("Erik Lund", "Maja Strand"),
        approved=True,
        approved_on=dt.date(2024, 5, 24),
        approved_by="Anna Berg, Erik Lund och Maja Strand",
    )
    last = _pages(protocol_pdf(data))[-1]
    assert last.count("Justerare") >= 2 and "Maja Strand" in last
    assert "Justerat den 24 maj 2024 av Anna Berg, Erik Lund och Maja Strand." in last
    assert "____" not in last


def test_correction_is_visible_in_the_header() -> None:
    data = _meeting(revision=2, correction_reason="Fel datum i § 19 rättat.")
    first = _pages(protocol_pdf(data))[0]
    assert "Rättelse, version 2: Fel datum i § 19 rättat." in first
    assert "Rättelse" not in _pages(protocol_pdf(_meeting()))[0]


def test_long_notes_split_over_pages_with_page_numbers() -> None:
    pages = _pages(protocol_pdf(_meeting(items=_items(LONG_NOTE))))
    count = len(pages)
    assert count >= 3
    assert f"Sida 1 av {count}" in pages[0]
    assert "Stycke 1:" in pages[0]  # the § starts on page one, its notes go on
    assert "Stycke 59:" in "\n".join(pages[1:])
    assert "Underskrifter" in pages[-1]


def test_pdfa_fonts_and_metadata() -> None:
    for data in (protocol_pdf(_meeting(logo=_logo_png())), kallelse_pdf(_meeting())):
        _pdfa_passes(data)
        _fonts_embedded(data)
    data = protocol_pdf(_meeting())
    info = PdfReader(BytesIO(data)).metadata
    assert info.title == "UTKAST – ej justerat: Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"
    assert info.author == "Lokal samverkansgrupp Bergsjö"
    assert info.subject == "Protokoll från möte 2024:3, §§ 12–20"
    with pikepdf.open(BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert "sv" in pdf.open_metadata()["dc:language"]


def test_logo_is_drawn_and_a_broken_logo_is_left_out() -> None:
    with pikepdf.open(BytesIO(protocol_pdf(_meeting(logo=_logo_png())))) as pdf:
        assert len(pdf.pages[0].get_images()) == 1
    data = protocol_pdf(_meeting(logo=b"not an image"))
    assert "PROTOKOLL" in _pages(data)[0]


def test_english_protocol_has_english_headings() -> None:
    pages = _pages(protocol_pdf(_meeting(language="en")))
    text = "\n".join(pages)
    first = pages[0]
    assert "PROTOCOL" in first and "Meeting 2024:3" in first
    assert "May 17, 2024" in first
    for heading in ("Date", "Time", "Place", "Present", "Members", "Substitutes", "Absent"):
        assert heading in first
    assert "Anna Berg, chair (municipality)" in first
    assert "Sara Holm (region), serving substitute for Per Ek" in first
    assert "Decision" in text and "Actions" in text and "Beslut" not in text
    for label in ("Signatures", "Secretary", "Chair", "Adjuster", "Date of approval"):
        assert label in pages[-1]
    assert f"Page 1 of {len(pages)}" in first
    assert i18n.current_language() == "sv"  # the document language does not leak


def test_emoji_and_right_to_left_text_do_not_crash_or_draw_boxes() -> None:
    notes = "Bra jobbat 👍🏽 ✅ alla! ❤️\nשלום עולם\nمرحبا بالعالم\n漢字"
    data = protocol_pdf(_meeting(items=_items(notes)))
    text = "\n".join(_pages(data))
    assert "Bra jobbat alla!" in text  # emoji the font lacks are left out, not boxes
    assert "שלום" in text or "םולש" in text  # Hebrew glyphs are in DejaVu
    assert REPLACEMENT in text  # CJK, which DejaVu lacks, shows as U+FFFD
    _pdfa_passes(data)
    kallelse_pdf(_meeting(items=_items(notes), place="Sal 🎉 Ljusnan"))


def test_drawable_keeps_what_the_font_has() -> None:
    assert drawable("Åsa & Örjan § 12 – “ok” é ü") == "Åsa & Örjan § 12 – “ok” é ü"
    assert drawable("ok 👍🏽 bra") == "ok bra"
    assert drawable("a\x00b\x07c") == "abc"


def test_a_200000_character_note_is_written_in_reasonable_time() -> None:
    sentence = "Gruppen diskuterar samverkan kring äldre med omfattande behov. "
    note = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    started = time.perf_counter()
    data = protocol_pdf(_meeting(items=_items(note)))
    elapsed = time.perf_counter() - started
    pages = _pages(data)
    assert len(pages) > 20
    assert f"Sida {len(pages)} av {len(pages)}" in pages[-1]
    assert elapsed < 20, f"{elapsed:.1f} s"
    protocol_docx(_meeting(items=_items(note)))


def test_no_space_in_a_long_word_does_not_cut_text() -> None:
    word = "x" * 3000
    text = "".join(_pages(protocol_pdf(_meeting(items=_items(word)))))
    assert text.count("x") >= 3000


def test_kallelse_lists_invited_agenda_with_times_and_open_actions() -> None:
    pages = _pages(kallelse_pdf(_meeting()))
    text = "\n".join(pages)
    assert "KALLELSE" in pages[0] and "Möte 2024:3" in pages[0]
    assert "17 maj 2024" in text and "kl. 13.00–15.30" in text
    assert "Dagordning" in text
    assert "Per Ek (region) (har anmält förhinder)" in text
    assert "Sara Holm (region), tjänstgörande ersättare för Per Ek" in text
    for start in ("13.00", "13.05", "13.15", "13.45", "14.20"):
        assert start in text
    row = "§ 16\nUppföljning av lokal plan: fast vårdkontakt\nBilagor: Lägesrapport"
    assert row in text
    assert "hösten 2024\nSara Holm\n13.15\n30\n§ 17" in text  # presenter, start, minutes
    assert "Bilagor: Lägesrapport fast vårdkontakt" in text
    assert "Mötet slutar\n 15.30" in text  # the end time set, as in the heading
    assert "14.22" not in text
    ends_by_agenda = "\n".join(_pages(kallelse_pdf(_meeting(ends_at=None))))
    assert "kl. 13.00–14.22" in ends_by_agenda and "Planerat slut\n 14.22" in ends_by_agenda
    assert "Kvarstående åtgärder att följa upp" in text
    assert "Sammanställa SIP-statistik" in text and "2024-05-31" in text
    assert "Förhinder anmäls till Lisa Nord." in text
    assert f"Sida 1 av {len(pages)}" in pages[0]
    assert PdfReader(BytesIO(kallelse_pdf(_meeting()))).metadata.title == (
        "Kallelse Lokal samverkansgrupp Bergsjö 17 maj 2024"
    )


def test_kallelse_in_english_and_without_times() -> None:
    data = _meeting(language="en", starts_at=None, ends_at=None, items=_items()[:2])
    text = "\n".join(_pages(kallelse_pdf(data)))
    assert "NOTICE" in text and "Agenda" in text and "May 17, 2024" in text
    assert "Item" in text and "Presenter" in text


def test_meeting_without_items_or_attendees_still_writes() -> None:
    data = _meeting(items=(), attendees=(), adjusters=(), chair="", secretary="")
    for pdf in (protocol_pdf(data), kallelse_pdf(data)):
        _pdfa_passes(pdf)
    assert "Justerare" in _pages(protocol_pdf(data))[-1]
    protocol_docx(data)


def _docx_text(document: docx.document.Document) -> str:
    """The text as read aloud: a non-breaking space as a space (test_document_wording checks
    where they are)."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


def test_docx_reopens_with_headings_tables_decision_and_page_fields() -> None:
    document = docx.Document(BytesIO(protocol_docx(_meeting(logo=_logo_png()))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "§ 12\tMötets öppnande" in headings
    assert "§ 16\tUppföljning av lokal plan: fast vårdkontakt" in headings
    assert "Underskrifter" in headings
    text = _docx_text(document)
    assert DECISION in text and "Beslut" in text and "Åtgärder" in text
    assert "17 maj 2024" in text and "kl. 13.00–15.30" in text
    assert "Anna Berg, ordförande (kommun)" in text
    assert "Sara Holm (region), tjänstgörande ersättare för Per Ek" in text
    assert "Rad ett\nRad två & <tre>" in text
    assert "Ta fram rutin för fast vårdkontakt — Sara Holm — 2024-06-30" in text
    for label in ("Sekreterare", "Ordförande", "Justerare", "Justeringsdatum"):
        assert label in text
    assert len(document.tables) == 3  # header, facts and attendance, signatures
    footer = document.sections[0].footer.paragraphs[0]
    instructions = [node.text.strip() for node in footer._p.iter(docx.oxml.ns.qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Lokal samverkansgrupp Bergsjö · Protokoll 17\u00a0maj\u00a02024")
    assert "Sida " in footer.text and " av " in footer.text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert document.core_properties.title == (
        "UTKAST – ej justerat: Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"
    )
    assert document.core_properties.language == "sv-SE"
    assert len(document.inline_shapes) == 1


def test_docx_in_english_with_odd_text() -> None:
    notes = "Bra 👍🏽\x00\x0b שלום\nمرحبا"
    document = docx.Document(
        BytesIO(protocol_docx(_meeting(language="en", items=_items(notes), revision=2)))
    )
    text = _docx_text(document)
    assert "Bra 👍🏽 שלום\nمرحبا" in text  # Word has fallback fonts: emoji stay
    assert "Correction, revision 2" in text
    assert "Decision" in text and "Signatures" in text and "May 17, 2024" in text
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Page " in footer and " of " in footer


@pytest.mark.parametrize("language", ["sv", "en"])
def test_extra_meeting_is_named_so(language: str) -> None:
    first = _pages(protocol_pdf(_meeting(kind=MeetingKind.EXTRA, language=language)))[0]
    assert ("Extra möte 2024:3" if language == "sv" else "Extra meeting 2024:3") in first
