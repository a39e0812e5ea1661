"""The documents read as a Swedish secretary writes them (issue 21): "Justerat den … av A, B
och C", "från mötet den …", "Sara Holm (region), tjänstgörande ersättare för Per Ek", the
kallelse's "Beslutad vid" / "Tas upp under", spaced ISO ranges, and no line break inside
"§ 5", "kl. 13.00" or "28 maj 2026". Checked in the text pypdf extracts and in the DOCX."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from io import BytesIO

import docx

from naravard_desktop import i18n
from naravard_desktop.db.enums import PlanState
from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
from naravard_desktop.documents.plan_files import plan_file_bytes
from naravard_desktop.documents.protocol_docx import protocol_docx
from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.documents.sip_pdf import sip_pdf
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.meetings.protocol_model import ActionLine
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip.sip_report import year_report
from naravard_desktop.services.system.database import Database
from tests.unit.test_protocol_documents import _items, _meeting, _pages

NBSP = "\u00a0"
TYPED = "Anna Berg, Erik Lund, Maja Strand"  # the "Justerat av" field, typed with commas


def _flat(data: bytes) -> str:
    return " ".join(" ".join(_pages(data)).split())


def _approved(**changes: object) -> object:
    values: dict[str, object] = {
        "adjusters": ("Erik Lund", "Maja Strand"),
        "approved": True,
        "approved_on": dt.date(2024, 5, 24),
        "approved_by": TYPED,
    }
    return _meeting(**{**values, **changes})


def test_approved_protocol_says_justerat_den_and_joins_typed_names_with_och() -> None:
    text = _flat(protocol_pdf(_approved()))  # type: ignore[arg-type]
    assert "Justerat den 24 maj 2024 av Anna Berg, Erik Lund och Maja Strand." in text
    assert TYPED not in text
    assert "Justerare Erik Lund och Maja Strand" in text  # the facts under the header
    english = _flat(protocol_pdf(_approved(language="en")))  # type: ignore[arg-type]
    assert "Approved on May 24, 2024 by Anna Berg, Erik Lund and Maja Strand." in english
    assert " och " not in english.split("Signatures")[1]


def test_approved_protocol_without_typed_names_names_the_chair_and_adjusters() -> None:
    text = _flat(protocol_pdf(_approved(approved_by="")))  # type: ignore[arg-type]
    assert "Justerat den 24 maj 2024 av Anna Berg, Erik Lund och Maja Strand." in text


def test_the_docx_has_the_same_approval_sentence() -> None:
    document = docx.Document(BytesIO(protocol_docx(_approved())))  # type: ignore[arg-type]
    last = document.paragraphs[-1].text
    assert last == (f"Justerat den 24{NBSP}maj{NBSP}2024 av Anna Berg, Erik Lund och Maja Strand.")


def test_a_substitute_is_written_out_as_tjanstgorande_ersattare() -> None:
    wanted = "Sara Holm (region), tjänstgörande ersättare för Per Ek"
    assert wanted in _flat(protocol_pdf(_meeting()))
    assert wanted in _flat(kallelse_pdf(_meeting()))
    document = docx.Document(BytesIO(protocol_docx(_meeting())))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert wanted in cells
    english = _flat(protocol_pdf(_meeting(language="en")))
    assert "Sara Holm (region), serving substitute for Per Ek" in english
    assert "Sara Holm för Per Ek" not in _flat(protocol_pdf(_meeting()))


def test_dates_in_sentences_have_den() -> None:
    text = _flat(protocol_pdf(_meeting()))
    assert "(från mötet den 12 april 2024, § 7)" in text
    carried = replace(_items()[3].carried_actions[0], from_paragraph=None)
    items = (replace(_items()[3], carried_actions=(carried,)),)
    alone = _flat(protocol_pdf(_meeting(items=items)))
    assert "(från mötet den 12 april 2024)" in alone
    english = _flat(protocol_pdf(_meeting(language="en")))
    assert "(from the meeting on April 12, 2024, § 7)" in english


def test_kallelse_columns_say_beslutad_vid_and_tas_upp_under() -> None:
    text = _flat(kallelse_pdf(_meeting()))
    assert "Beslutad vid" in text and "Tas upp under" in text
    assert "Tas upp i" not in text
    assert "12 april 2024, § 7" in text  # the cell: a bare date, no "den"
    english = _flat(kallelse_pdf(_meeting(language="en")))
    assert "Decided at" in english and "Taken up under" in english


def test_a_long_date_in_a_kallelse_cell_stays_on_one_line() -> None:
    """ "28 september 2026," fits its column and never breaks before the year."""
    action = ActionLine(
        "Föreslå fasta tider för SIP-uppföljning",
        "Maja Fors",
        dt.date(2026, 11, 27),
        from_meeting_on=dt.date(2026, 9, 28),
        from_paragraph=45,
    )
    items = (replace(_items()[3], carried_actions=(action,)),)
    lines = "\n".join(_pages(kallelse_pdf(_meeting(items=items)))).splitlines()
    assert any("28 september 2026," in line for line in lines), lines


def test_no_line_ends_at_a_paragraph_sign_kl_or_inside_a_long_date() -> None:
    """Notes full of "§ 5", "kl. 13.00" and "28 maj 2026" at every position of a line: no
    line of the PDF ends with "§", "kl." or a month, and the DOCX has non-breaking spaces."""
    notes = " ".join(
        f"{'Ärende' if n % 2 else 'Sak'}{'x' * (n % 7)} enligt § {n} kl. 13.00 den 28 maj 2026."
        for n in range(1, 40)
    )
    items = (replace(_items()[4], notes=notes),)
    pages = _pages(protocol_pdf(_meeting(items=items)))
    lines = [line.rstrip() for page in pages for line in page.splitlines()]
    assert sum("enligt" in line for line in lines) > 20  # the notes take many lines
    assert not [line for line in lines if re.search(r"(§|kl\.|den 28|\bmaj)$", line)]
    assert not [line for line in lines if line.startswith("2026")]
    document = docx.Document(BytesIO(protocol_docx(_meeting(items=items))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"enligt §{NBSP}1 kl.{NBSP}13.00 den 28{NBSP}maj{NBSP}2026." in text


def test_plan_pdf_has_a_spaced_iso_range_and_joined_revision_dates(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))
    plan = plans.create_plan(
        db,
        group.id,
        PlanInput(
            title="Lokal plan 2025–2027",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2027, 12, 31),
            state=PlanState.ADOPTED,
        ),
    )
    plans.add_revision(db, plan.id, dt.date(2025, 3, 14))
    plans.add_revision(db, plan.id, dt.date(2026, 2, 9))
    area = plan_items.add_area(db, plan.id, AreaInput(title="Ökad kontinuitet", number="1"))
    plan_items.add_activity(db, area.id, ActivityInput(title="Fasta kontakter", progress=40))
    today = dt.date(2026, 11, 30)
    text = _flat(plan_file_bytes(db, plan.id, ".pdf", today))
    assert "gäller 2025-01-01 – 2027-12-31" in text
    assert "reviderad 2025-03-14 och 2026-02-09" in text
    assert "40 %" in text
    with i18n.use_language("en"):
        english = _flat(plan_file_bytes(db, plan.id, ".pdf", today))
    assert "valid 2025-01-01 – 2027-12-31 · revised 2025-03-14 and 2026-02-09" in english
    assert "40%" in english and "1 activity in 1 area." in english


def test_sip_pdf_says_utskrivet_den(db: Database) -> None:
    group = groups.create_group(db, GroupInput(name="Lokal samverkansgrupp Bergsjö"))
    text = _flat(sip_pdf(year_report(db, group.id, 2026, None), dt.date(2026, 11, 30)))
    assert "Utskrivet den 30 november 2026." in text
