"""The report's SIP part kept between readings of the Årsuppföljning page: taken as it was
while the counts and settings it was made from are unchanged, worked out again after a count
changed, and the same as the report read whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from naravard_desktop.db.models import SipCount, SipPeriod
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.sip_part import with_sip
from naravard_desktop.services.system.database import Database

TODAY = dt.date(2026, 11, 30)
YEAR = TODAY.year - 1
pytestmark = pytest.mark.demo(TODAY)


def test_the_sip_part_is_kept_until_a_count_changes(db: Database, demo_group: GroupData) -> None:
    whole = annual_report(db, demo_group.id, YEAR, today=TODAY)
    bare = annual_report(db, demo_group.id, YEAR, today=TODAY, with_sip=False)
    assert bare.sip is None and whole.sip is not None
    first, part = with_sip(db, bare, None)
    assert first.sip_brief == whole.sip_brief and first.sip == whole.sip
    again, same = with_sip(db, bare, part)
    assert same is part and again.sip is part.sip  # not worked out again

    with db.session() as session:
        count = session.scalars(
            select(SipCount)
            .join(SipPeriod)
            .where(
                SipPeriod.group_id == demo_group.id,
                SipPeriod.starts_on.between(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)),
            )
            .order_by(SipCount.value.desc())
        ).first()
        assert count is not None
        count.value += 7
    changed, fresh = with_sip(db, bare, part)
    assert fresh is not part and fresh.inputs != part.inputs
    assert changed.sip_brief == annual_report(db, demo_group.id, YEAR, today=TODAY).sip_brief
    other_year, other = with_sip(
        db, annual_report(db, demo_group.id, YEAR - 1, with_sip=False, today=TODAY), fresh
    )
    assert other is not fresh and other.year == YEAR - 1
    assert other_year.year == YEAR - 1


def test_the_export_takes_the_windows_sip_part_while_its_counts_are_unchanged(
    db: Database, demo_group: GroupData
) -> None:
    """A part made from the same counts is printed as it is (here one told apart by a changed
    change column); one made from other counts, or asked for in another language, is not."""
    import io
    from dataclasses import replace

    from pypdf import PdfReader

    from naravard_desktop.documents.report_files import report_bytes

    def text(data: bytes) -> str:
        return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)

    bare = annual_report(db, demo_group.id, YEAR, today=TODAY, with_sip=False)
    _report, part = with_sip(db, bare, None)
    marked = replace(part, brief=tuple(replace(b, change="+999 (+1 %)") for b in part.brief))
    kept = text(report_bytes(db, demo_group.id, YEAR, ".pdf", today=TODAY, sip=marked))
    assert "+999 (+1 %)" in kept
    stale = replace(marked, inputs=(0, *marked.inputs[1:]))
    fresh = text(report_bytes(db, demo_group.id, YEAR, ".pdf", today=TODAY, sip=stale))
    assert "+999" not in fresh and part.brief[0].change in fresh
    english = report_bytes(db, demo_group.id, YEAR, ".pdf", today=TODAY, sip=marked, language="en")
    assert "+999" not in text(english)
