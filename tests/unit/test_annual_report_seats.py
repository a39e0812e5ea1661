"""The meetings section counts a seat filled when its member or a substitute for them attended,
per principal; substitutes and the secretary hold no seat; and a year with meetings only says
plainly that no plan was in force and no SIP counts were recorded."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from naravard_desktop.db.enums import AttendanceStatus, Principal, Role
from naravard_desktop.documents.report_files import report_bytes
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.members import add_member
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.meetings import attendance, meetings
from naravard_desktop.services.meetings.read_models import AttendanceInput, MeetingInput
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.system.database import Database

DAY = dt.date(2024, 5, 17)
_R, _K = Principal.REGION, Principal.MUNICIPALITY
PEOPLE = (
    ("Vera Lindqvist", Role.CHAIR, _K),
    ("Olof Brandt", Role.MEMBER, _K),
    ("Hedda Strömberg", Role.MEMBER, _R),
    ("Ali Sand", Role.MEMBER, _R),
    ("Britt Ek", Role.SUBSTITUTE, _K),
    ("Nils Ågren", Role.SECRETARY, _K),
)


def test_seats_filled_per_principal_and_empty_sections_said_plainly(db: Database) -> None:
    group = groups.create_group(
        db,
        GroupInput(name="Samverkan Lillsjö", municipality="Lillsjö kommun", region="Region Väst"),
    )
    people = {
        name: add_member(
            db,
            group.id,
            MemberInput(name=name, role=role, principal=principal, active_from=dt.date(2023, 1, 1)),
        ).person_id
        for name, role, principal in PEOPLE
    }
    meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=DAY))
    rows = {r.person_id: r for r in attendance.list_attendance(db, meeting.id)}
    absent = AttendanceInput(AttendanceStatus.ABSENT)
    for name in ("Olof Brandt", "Ali Sand"):
        row = rows[people[name]]
        attendance.set_attendance(db, row.id, absent, row.version)
    stand_in = rows[people["Britt Ek"]]
    substitute = AttendanceInput(AttendanceStatus.SUBSTITUTE, people["Olof Brandt"])
    attendance.set_attendance(db, stand_in.id, substitute, stand_in.version)

    report = annual_report(db, group.id, 2024, today=dt.date(2025, 2, 1))
    shares = {s.principal: (s.filled, s.seats) for s in report.seats}
    assert shares == {_R: (1, 2), _K: (2, 2)}  # Ali Sand's seat empty, Olof Brandt's filled
    [held] = report.meetings
    assert not held.approved and report.approved_protocols == 0

    data = report_bytes(db, group.id, 2024, ".pdf", today=dt.date(2025, 2, 1))
    shown = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages
    )
    assert "Till Region Väst och Lillsjö kommun" in shown
    assert "1/2 (50 %) 2/2 (100 %)" in shown
    assert "Ingen antagen plan gällde 2024." in shown
    assert "Inga SIP-uppgifter registrerades för 2024." in shown
    assert shown.count("Ingen analys har skrivits för det här avsnittet.") == 4
