"""Justering in two short transactions around the PDF (issue 18, point 5): the protocol is
read as approved, rendered outside any transaction, and stored only if nothing it shows
changed meanwhile. What a second client saves between the read and the store refuses the
approval and nothing is stored; the stored approval verifies as before."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable

import pikepdf
import pikepdf.pdfa
import pytest
from pypdf import PdfReader

from naravard_desktop.db.enums import AttendanceStatus, ProtocolState
from naravard_desktop.documents.meeting_files import render_protocol
from naravard_desktop.errors import DomainError, StaleEditError
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import agenda, approval, attendance, meetings
from naravard_desktop.services.meetings.approval_check import check_approvals
from naravard_desktop.services.meetings.justering import prepare_approval, store_approval
from naravard_desktop.services.meetings.protocol_model import ProtocolData
from naravard_desktop.services.meetings.read_models import AttendanceInput, MeetingInput
from naravard_desktop.services.plan import plans
from naravard_desktop.services.plan.read_models import PlanInput
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import DAY, DECISION, make_group

APPROVED_ON = DAY + dt.timedelta(days=3)
CHANGED = "Gruppen beslutar att skjuta upp handlingsplanen."


def _draft(db: Database, group: GroupData, people: dict[str, int], day: dt.date = DAY) -> int:
    meeting = meetings.create_meeting(
        db,
        group.id,
        MeetingInput(
            held_on=day,
            chair_id=people["Vera Lindqvist"],
            secretary_id=people["Nils Ågren"],
            adjuster1_id=people["Olof Brandt"],
        ),
    )
    item = agenda.list_items(db, meeting.id)[-1]
    agenda.save_text(db, item.id, "decision", DECISION)
    return meeting.id


@pytest.fixture
def lillsjo(db: Database) -> tuple[GroupData, dict[str, int]]:
    return make_group(db)


def _nothing_stored(db: Database, meeting_id: int) -> None:
    assert approval.revisions(db, meeting_id) == []
    assert meetings.get_meeting(db, meeting_id).state == ProtocolState.DRAFT


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_pdf_rendered_between_the_read_and_the_store_is_the_approved_protocol(
    db: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    group, people = lillsjo
    meeting_id = _draft(db, group, people)
    snapshot = prepare_approval(db, meeting_id, "Vera Lindqvist, Olof Brandt", APPROVED_ON)
    assert meetings.get_meeting(db, meeting_id).state == ProtocolState.DRAFT  # only read
    pdf = render_protocol(snapshot.data)
    revision = store_approval(db, snapshot, pdf)
    assert approval.stored_pdf(db, meeting_id) == pdf
    assert pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b").passed
    text = _text(pdf)
    assert DECISION in text
    assert "Justerat den 20 maj 2024 av Vera Lindqvist och Olof Brandt." in text
    found = approval.verify_pdf(db, pdf)
    assert found is not None and found.latest and found.problems == ()
    assert (found.revision, found.approved_by) == (1, revision.approved_by)
    assert found.approved_at.date() == APPROVED_ON
    with db.session() as session:
        report = check_approvals(session)
    assert report.problems == [] and report.notes == []


def test_a_decision_saved_by_another_client_meanwhile_refuses_the_approval(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    group, people = lillsjo
    meeting_id = _draft(db, group, people)
    snapshot = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    pdf = render_protocol(snapshot.data)
    item = agenda.list_items(other, meeting_id)[-1]
    agenda.save_text(other, item.id, "decision", CHANGED)
    with pytest.raises(StaleEditError, match="har ändrats på annat håll medan protokollet"):
        store_approval(db, snapshot, pdf)
    _nothing_stored(db, meeting_id)
    assert agenda.list_items(db, meeting_id)[-1].decision == CHANGED
    # Approved again, the protocol shows the decision as it now reads.
    again = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    store_approval(db, again, render_protocol(again.data))
    stored = approval.stored_pdf(db, meeting_id)
    assert stored is not None and CHANGED in _text(stored)


def test_the_chair_marked_absent_meanwhile_refuses_it_by_the_rules(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    group, people = lillsjo
    meeting_id = _draft(db, group, people)
    snapshot = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    pdf = render_protocol(snapshot.data)
    vera = next(r for r in attendance.list_attendance(other, meeting_id) if r.name.startswith("V"))
    attendance.set_attendance(
        other, vera.id, AttendanceInput(AttendanceStatus.ABSENT), vera.version
    )
    with pytest.raises(DomainError, match="Vera Lindqvist är inte antecknad som närvarande"):
        store_approval(db, snapshot, pdf)
    _nothing_stored(db, meeting_id)


def test_an_approval_elsewhere_meanwhile_keeps_the_chain_of_approvals_whole(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    """Another meeting of the group approved between the read and the store moves the
    chain's head: the PDF rendered would name the wrong previous approval, so it is refused."""
    group, people = lillsjo
    earlier = _draft(db, group, people, DAY - dt.timedelta(days=30))
    meeting_id = _draft(db, group, people)
    snapshot = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    pdf = render_protocol(snapshot.data)
    theirs = prepare_approval(other, earlier, "Vera Lindqvist", DAY - dt.timedelta(days=28))
    store_approval(other, theirs, render_protocol(theirs.data))
    with pytest.raises(StaleEditError):
        store_approval(db, snapshot, pdf)
    _nothing_stored(db, meeting_id)
    again = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    store_approval(db, again, render_protocol(again.data))
    with db.session() as session:
        assert check_approvals(session).problems == []


def test_an_approval_by_another_client_meanwhile_is_not_stored_twice(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    group, people = lillsjo
    meeting_id = _draft(db, group, people)
    snapshot = prepare_approval(db, meeting_id, "Vera Lindqvist", APPROVED_ON)
    pdf = render_protocol(snapshot.data)
    theirs = prepare_approval(other, meeting_id, "Olof Brandt", APPROVED_ON)
    store_approval(other, theirs, render_protocol(theirs.data))
    with pytest.raises(DomainError, match="justerat och låst"):
        store_approval(db, snapshot, pdf)
    [revision] = approval.revisions(db, meeting_id)
    assert revision.approved_by == "Olof Brandt"


def _in_another_thread(save: Callable[[], object]) -> None:
    """`save` on a thread of its own, waited for: had the rendering thread a write
    transaction open, a save needing its locks would wait for it (until refused)."""
    done: list[BaseException | None] = []

    def run() -> None:
        try:
            save()
        except BaseException as error:  # reported on the test's thread
            done.append(error)
        else:
            done.append(None)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    assert done == [None], f"the other client's save waited for a lock: {done}"


@pytest.mark.sqlite_only  # a server locks rows, not the database: this write waits on none
def test_no_write_transaction_is_open_while_the_pdf_is_rendered(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    """approve (the command line's and the demo's path) renders between its two
    transactions: another client saves during the rendering without waiting for the
    file's lock, and the approval is stored."""
    group, people = lillsjo
    meeting_id = _draft(db, group, people)

    def render(data: ProtocolData) -> bytes:
        _in_another_thread(
            lambda: plans.create_plan(other, group.id, PlanInput(title="Lokal plan 2025"))
        )
        return render_protocol(data)

    approval.approve(db, meeting_id, "Vera Lindqvist", APPROVED_ON, render=render)
    assert [p.title for p in plans.list_plans(db, group.id)] == ["Lokal plan 2025"]
    [revision] = approval.revisions(db, meeting_id)
    assert revision.approved_by == "Vera Lindqvist"
    stored = approval.stored_pdf(db, meeting_id)
    assert stored is not None and approval.verify_pdf(db, stored) is not None


def test_a_decision_saved_during_the_rendering_refuses_the_approval(
    db: Database, other: Database, lillsjo: tuple[GroupData, dict[str, int]]
) -> None:
    """The same path with the other client changing what the protocol shows while it is
    rendered: the save goes through at once (no lock of the approval holds it) and the
    approval is refused, nothing stored."""
    group, people = lillsjo
    meeting_id = _draft(db, group, people)
    item = agenda.list_items(other, meeting_id)[-1]

    def render(data: ProtocolData) -> bytes:
        _in_another_thread(lambda: agenda.save_text(other, item.id, "decision", CHANGED))
        return render_protocol(data)

    with pytest.raises(StaleEditError, match="Justera protokollet igen"):
        approval.approve(db, meeting_id, "Vera Lindqvist", APPROVED_ON, render=render)
    _nothing_stored(db, meeting_id)
    assert agenda.list_items(db, meeting_id)[-1].decision == CHANGED
