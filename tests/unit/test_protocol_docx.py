"""The protocol as DOCX: drafts marked in the page header, dates that do not break at the
hyphen (nor "§ 7" at its space), no leftovers of python-docx's template, our own document
properties, and what belongs together kept on one page.

Protocols are built by hand as in test_protocol_documents.py (invented names) and, for the
demo data, through the services from a real database. DOCX files are read back with
python-docx and, for the package parts, as the zip file they are.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from typing import Any

import docx
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from lxml import etree

from naravard_desktop.documents.meeting_files import protocol_bytes
from naravard_desktop.documents.protocol_docx import protocol_docx
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings.meeting_labels import NEXT_MEETING, OTHER_BUSINESS
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.meetings.protocol_model import NextMeetingLine
from naravard_desktop.services.system.database import Database
from tests.unit.test_protocol_documents import _items, _logo_png, _meeting

DRAFT = "UTKAST – ej justerat"
TITLE = "Protokoll Lokal samverkansgrupp Bergsjö 17 maj 2024"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBH = "\u2011"  # how a non-breaking hyphen (<w:noBreakHyphen/>) reads below
ISO_DATE = re.compile(rf"\b\d{{4}}[-{NBH}]\d{{2}}[-{NBH}]\d{{2}}\b")


def _approved(**changes: Any) -> Any:
    return _meeting(
        approved=True,
        approved_on=dt.date(2024, 5, 24),
        approved_by="Anna Berg och Erik Lund",
        **changes,
    )


def _open(data: bytes) -> Any:
    return docx.Document(BytesIO(data))


def _page_headers(document: Any) -> Iterator[Any]:
    """Every header a page of the document can show."""
    for section in document.sections:
        yield section.header
        if section.different_first_page_header_footer:
            yield section.first_page_header
        if document.settings.odd_and_even_pages_header_footer:
            yield section.even_page_header


def _header_text(header: Any) -> str:
    assert not header.is_linked_to_previous, "a page would show no header of its own"
    return "\n".join(paragraph.text for paragraph in header.paragraphs)


def _visible_text(xml: bytes) -> str:
    """The text Word shows for a part: <w:t> as it is, a non-breaking hyphen as U+2011."""
    parts: list[str] = []
    for node in etree.fromstring(xml).iter():
        if node.tag == W + "p":
            parts.append("\n")
        elif node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "noBreakHyphen":
            parts.append(NBH)
        elif node.tag in (W + "tab", W + "br"):
            parts.append(" ")
    return "".join(parts)


def _all_text(data: bytes) -> str:
    """Body, headers and footers."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        names = [
            name
            for name in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        ]
        return "\n".join(_visible_text(package.read(name)) for name in names)


# 1. Drafts are unmistakable


def test_draft_carries_the_mark_in_the_header_of_every_page_and_in_its_title() -> None:
    data = _meeting(items=_items("\n\n".join(["Arbetet går enligt plan. " * 30] * 30)))
    document = _open(protocol_docx(data))
    headers = [_header_text(header) for header in _page_headers(document)]
    assert len(headers) >= 2  # the first page has its own header, like the PDF
    for text in headers:
        assert DRAFT in text
    properties = document.core_properties
    assert properties.title == f"{DRAFT}: {TITLE}"
    assert properties.content_status == DRAFT

    english = _open(protocol_docx(_meeting(language="en")))
    for header in _page_headers(english):
        assert "DRAFT – not approved" in _header_text(header)
    assert english.core_properties.title.startswith("DRAFT – not approved: Protocol")


def _watermarks(header: Any) -> list[str]:
    """The texts of Word watermarks (VML WordArt) in a page header."""
    textpath = "{urn:schemas-microsoft-com:vml}textpath"
    return [node.get("string") for node in header._element.iter(textpath) if node.get("string")]


def test_draft_has_a_diagonal_watermark_on_every_page() -> None:
    document = _open(protocol_docx(_meeting()))
    for header in _page_headers(document):
        assert _watermarks(header) == [DRAFT]
        shape = next(header._element.iter("{urn:schemas-microsoft-com:vml}shape"))
        assert "rotation:305" in shape.get("style")  # rising from bottom left, as in the PDF
    ids = [
        shape.get("id")
        for header in _page_headers(document)
        for shape in header._element.iter("{urn:schemas-microsoft-com:vml}shape")
    ]
    assert len(set(ids)) == len(ids) and all(i.startswith("PowerPlusWaterMark") for i in ids)
    approved = _open(protocol_docx(_approved()))
    assert not [text for h in _page_headers(approved) for text in _watermarks(h)]


def test_approved_protocol_is_never_marked_as_draft() -> None:
    data = protocol_docx(_approved())
    document = _open(data)
    assert "UTKAST" not in _all_text(data)
    assert document.core_properties.title == TITLE
    assert document.core_properties.content_status == ""
    # the running header of the later pages stays, as in the PDF
    header = _header_text(document.sections[0].header)
    assert "Protokoll · Möte 2024:3 · 17\u00a0maj\u00a02024" in header  # the date never breaks


# 2. Dates do not break at the hyphen


def test_iso_dates_use_non_breaking_hyphens_everywhere() -> None:
    notes = "Protokollet från 2024-04-12 läggs till handlingarna (dnr KS 2024-117)."
    text = _all_text(protocol_docx(_approved(items=_items(notes))))
    assert f"2024{NBH}06{NBH}30" in text  # an action's due date
    assert f"2024{NBH}05{NBH}31" in text  # a carried action's
    assert f"2024{NBH}04{NBH}12" in text  # a date typed in the notes
    assert "KS 2024-117" in text  # other hyphens stay as typed
    assert not [date for date in ISO_DATE.findall(text) if "-" in date]
    assert "(från mötet den 12\u00a0april\u00a02024, §\u00a07)" in text  # nor "§ 7" at the space
    assert "§§\u00a012–20" in text


def test_python_docx_still_reads_the_dates_with_a_hyphen() -> None:
    document = _open(protocol_docx(_meeting()))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Ta fram rutin för fast vårdkontakt — Sara Holm — 2024-06-30" in bullets


# 3. No template leftovers, our own properties


def _package(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _properties(xml: bytes) -> dict[str, str]:
    return {etree.QName(node).localname: node.text or "" for node in etree.fromstring(xml)}


def test_no_leftovers_of_the_python_docx_template() -> None:
    parts = _package(protocol_docx(_meeting()))
    names = set(parts)
    assert not [name for name in names if "thumbnail" in name.lower()]
    assert not [name for name in names if name.lower().startswith("customxml")]
    assert "word/stylesWithEffects.xml" not in names
    for name, blob in parts.items():
        assert b"python-docx" not in blob, name
    # every relationship points at a part that is there
    for name in [n for n in names if n.endswith(".rels")]:
        folder = name.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
        for rel in etree.fromstring(parts[name]):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target").lstrip("/")
            path = target if name == "_rels/.rels" else f"{folder}/{target}"
            assert path.replace("word/../", "") in names, f"{name} → {target}"
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in types:
        if override.get("PartName"):
            assert override.get("PartName").lstrip("/") in names


def test_app_properties_name_the_app_and_hold_no_stale_counts() -> None:
    app = _properties(_package(protocol_docx(_meeting()))["docProps/app.xml"])
    assert app["Application"] == "naravard-desktop"
    for stale in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "Template", "Company"):
        assert stale not in app, stale
    assert "Microsoft" not in " ".join(app.values())


def test_core_properties_title_author_language_and_dates() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = protocol_docx(_approved(revision=2, correction_reason="Fel datum rättat."))
    core = _properties(_package(data)["docProps/core.xml"])
    assert core["title"] == TITLE
    assert core["subject"] == "Protokoll från möte 2024:3, §§ 12–20"
    assert core["creator"] == "Lokal samverkansgrupp Bergsjö"
    assert core["language"] == "sv-SE"
    assert core["revision"] == "2"
    assert core.get("description", "") == ""
    properties = _open(data).core_properties
    for moment in (properties.created, properties.modified):
        assert before <= moment.replace(tzinfo=dt.UTC) <= dt.datetime.now(dt.UTC)
    assert properties.last_modified_by == "Lokal samverkansgrupp Bergsjö"
    english = _open(protocol_docx(_meeting(language="en"))).core_properties
    assert english.language == "en-GB" and english.subject.startswith("Protocol of meeting")


def test_document_language_is_set_for_spelling() -> None:
    parts = _package(protocol_docx(_meeting()))
    styles = etree.fromstring(parts["word/styles.xml"])
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults is not None and defaults.get(qn("w:val")) == "sv-SE"


# The demo's protocols, through the services


@pytest.mark.demo(dt.date(2026, 11, 30))
def test_every_demo_protocol_docx_is_marked_and_has_unbreakable_dates(
    db: Database, demo_group: GroupData
) -> None:
    group = demo_group
    seen = {"approved": 0, "draft": 0}
    for meeting in list_meetings(db, group.id):
        data = protocol_bytes(db, meeting.id, ".docx")
        text = _all_text(data)
        draft = meeting.state.value != "approved"
        seen["draft" if draft else "approved"] += 1
        assert (DRAFT in text) is draft, meeting.number
        headers = [_header_text(h) for h in _page_headers(_open(data))]
        assert all(DRAFT in header for header in headers) is draft
        assert not [date for date in ISO_DATE.findall(text) if "-" in date], meeting.number
    assert seen["approved"] and seen["draft"]


# Layout that Word and LibreOffice keep: what belongs together stays on one page


def _keeps(paragraph: Any) -> bool:
    """Whether Word keeps the paragraph with the next (directly or by its style)."""
    own = paragraph.paragraph_format.keep_with_next
    return bool(own if own is not None else paragraph.style.paragraph_format.keep_with_next)


def test_signature_block_is_kept_with_the_last_paragraph() -> None:
    document = _open(protocol_docx(_approved()))
    body = document.element.body
    headings = [p for p in document.paragraphs if p.text.startswith("§ 20")]
    chain = list(body.iterchildren())
    start = chain.index(headings[0]._p)
    end = chain.index(document.paragraphs[-1]._p)  # "Justerat den … av …"
    paragraphs = []
    for element in chain[start:end]:
        if element.tag == W + "p":
            paragraphs.append(docx.text.paragraph.Paragraph(element, document._body))
        elif element.tag == W + "tbl":
            table = docx.table.Table(element, document._body)
            paragraphs += [p for row in table.rows for c in row.cells for p in c.paragraphs]
    assert len(paragraphs) > 8  # § 20, its notes, Underskrifter, the signature cells …
    assert all(_keeps(p) for p in paragraphs), [p.text for p in paragraphs if not _keeps(p)]
    for row in document.tables[-1].rows:  # no signature is split over two pages
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_a_paragraph_with_only_its_title_does_not_drag_the_next_along() -> None:
    bare = {"notes": "", "decision": "", "actions": (), "presenter": "", "attachments": ()}
    items = tuple(replace(item, **bare) for item in _items()[4:7])  # type: ignore[arg-type]
    document = _open(protocol_docx(_meeting(items=(*items, _items()[-1]))))
    empty = [p for p in document.paragraphs if p.style.name == "Heading 2"][:3]
    assert [_keeps(p) for p in empty] == [False, False, False]


# The words the PDF has reach the DOCX too (meeting_text)


def _standard(key: str, title: str, **changes: Any) -> Any:
    item = next(item for item in _items() if item.title == title)
    return replace(item, standard_key=key, **changes)


def test_a_meeting_not_yet_held_lists_who_is_called() -> None:
    coming = _all_text(protocol_docx(_meeting(as_of=dt.date(2024, 5, 1))))
    assert "Kallade" in coming and "Närvarande" not in coming
    assert "Anna Berg, ordförande (kommun)" in coming
    held = _all_text(protocol_docx(_meeting(as_of=dt.date(2024, 5, 20))))
    assert "Närvarande" in held and "Kallade" not in held


def test_empty_other_business_and_the_next_meeting_are_written_out() -> None:
    items = (
        _standard(OTHER_BUSINESS, "Övriga frågor", notes=""),
        _standard(NEXT_MEETING, "Nästa möte", decision=""),
    )
    upcoming = NextMeetingLine(
        dt.date(2024, 9, 13), dt.time(13, 0), dt.time(15, 0), "Kommunhuset, sal Ljusnan"
    )
    document = _open(protocol_docx(_approved(items=items, next_meeting=upcoming)))
    texts = [p.text for p in document.paragraphs]
    assert "Inga övriga frågor." in texts
    assert any(
        "Nästa möte hålls den 13\u00a0september\u00a02024, kl.\u00a013.00–15.00" in text
        and "Ljusnan" in text
        for text in texts
    )


def test_logo_column_fits_the_logo_and_a_broken_logo_leaves_no_gap() -> None:
    document = _open(protocol_docx(_meeting(logo=_logo_png())))
    cells = document.tables[0].rows[0]._tr.tc_lst
    assert len(cells) == 3 and len(document.inline_shapes) == 1
    logo_width = document.inline_shapes[0].width.mm
    assert abs(cells[0].width.mm - (logo_width + 5)) < 0.5  # as in the PDF
    broken = _open(protocol_docx(_meeting(logo=b"not an image")))
    assert len(broken.inline_shapes) == 0
    assert len(broken.tables[0].rows[0]._tr.tc_lst) == 2  # the name takes the logo's place


# 4. The PDF's page: the same set-up as the annual report's DOCX (documents/docx_parts.py)


def assert_the_pdfs_page_and_footer(document: Any, label: str, pages: str) -> None:
    """A4 with the PDFs' margins, and on every page `label` left and `pages` ("Sida 1 av 1",
    its numbers live PAGE and NUMPAGES fields) at the right edge of the text, under a rule."""
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
        section.header_distance,
        section.footer_distance,
    )
    assert [round(size.mm) for size in sizes] == [210, 297, 18, 18, 18, 22, 9, 8]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        assert not footer.is_linked_to_previous and len(footer.paragraphs) == 1
        paragraph = footer.paragraphs[0]
        assert paragraph.text == f"{keep_together(label)}\t{pages}"
        (stop,) = paragraph.paragraph_format.tab_stops
        assert (round(stop.position.mm), stop.alignment) == (174, WD_TAB_ALIGNMENT.RIGHT)
        fields = [code.text.strip() for code in paragraph._p.iter(W + "instrText")]
        assert fields == ["PAGE", "NUMPAGES"]
        assert paragraph._p.find(f"{W}pPr/{W}pBdr/{W}top") is not None


def test_the_page_and_its_footer_are_the_pdfs() -> None:
    label = "Lokal samverkansgrupp Bergsjö · Protokoll 17 maj 2024"
    for data in (_meeting(), _approved()):
        assert_the_pdfs_page_and_footer(_open(protocol_docx(data)), label, "Sida 1 av 1")
    english = _open(protocol_docx(_approved(language="en")))
    label = "Lokal samverkansgrupp Bergsjö · Protocol May 17, 2024"
    assert_the_pdfs_page_and_footer(english, label, "Page 1 of 1")
