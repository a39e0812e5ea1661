"""The large database of issue 18: ten invented Swedish groups × ten years, the same on every run
(seeded), made in well under a minute.

Exactly: 2,000 meetings with 40,000 agenda items (notes and decisions of realistic length,
benchmarks/large_data_text.py), 20,000 plan activities with two follow-ups each and 100,000
SIP counts; besides them members and memberships over the years, attendance, action items and
an approved protocol stored for every meeting held more than ten days before the data's today
(2026-11-30). The busy group (BUSY_GROUP, the one a window opens on) holds the most: 29
meetings and 380 activities a year, SIP counted per month; the other nine hold 19 meetings and
180 activities a year, SIP per quarter (4 to 6 units × 3 target groups, 15 indicators). The
period holding today is still being entered: its counts stop where the total reaches 100,000.

What is real about the approvals: each group's first meeting is approved through the project's
own justering (documents/meeting_files.approve: § frozen, the PDF/A rendered by the protocol
writer, its SHA-256, the data hash and the first link of the group's chain). Rendering 2,000
PDFs would take minutes, so every later approval stores the bytes of its group's real PDF
again (another meeting's protocol, reused), with the SHA-256 over the stored bytes, no data
hash (as records made before the data check existed) and a correct link in the group's chain,
so `check` finds every record and chain whole. Their § are frozen as approval would.

Written in one transaction with bulk inserts (COPY on a server), ids given here, the approval
records after the real justeringar; the SQLite file is kept in benchmarks/cache/ under a name
holding GENERATOR_VERSION and the schema's revision (change the version when the data change).
`python -m benchmarks.large_data` makes (or finds) it and prints its path; `--check` counts
its rows, checks the approvals and that two runs of the generator give the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

from benchmarks.bulk_rows import Rows, cached_file, insert_rows
from benchmarks.large_data_rows import TODAY, YEARS, Approval, Shape, SipCells, group_rows

GENERATOR_VERSION = 1
SEED = 18
BUSY_GROUP = 1  # the first group written: most meetings, activities and SIP counts
SHAPES = (
    Shape(meetings=29, areas=10, activities=38, persons=30, units=5, monthly=True),
    *(
        Shape(meetings=19, areas=6, activities=30, persons=14, units=units, monthly=False)
        for units in (6, 5, 5, 5, 4, 4, 4, 4, 4)
    ),
)
NAMES = (
    "Samverkan Storvik", "Samverkan Norrsjö", "Samverkan Lindberga", "Samverkan Åsdal",
    "Samverkan Björknäs", "Samverkan Ekby", "Samverkan Rönntorp", "Samverkan Hasselhult",
    "Samverkan Älvmo", "Samverkan Granås",
)  # fmt: skip
SIZES = {
    "groups": 10,
    "meetings": 2_000,
    "agenda_items": 40_000,
    "activities": 20_000,
    "follow_ups": 40_000,
    "sip_counts": 100_000,
}
APPROVED_LOGIN = "samordnare"


def cached_sqlite() -> Path:
    """The generated SQLite file, made first when there is none for this version."""
    return cached_file("large", GENERATOR_VERSION, f"-{len(SHAPES)}x{len(YEARS)}", write)


def generate(seed: int = SEED) -> tuple[Rows, list[Approval]]:
    """Every row but the approval records, and the meetings to approve (oldest first per
    group)."""
    rows = Rows()
    cells = SipCells()
    approvals: list[Approval] = []
    for number, (name, shape) in enumerate(zip(NAMES, SHAPES, strict=True)):
        approvals += group_rows(rows, random.Random(seed * 1000 + number), name, shape, cells)
    wanted = SIZES["sip_counts"]
    assert len(cells.past) <= wanted <= len(cells.past) + len(cells.open), "SIP shapes changed"
    for cell in [*cells.past, *cells.open][:wanted]:
        rows.add("sip_counts", **cell)
    return rows, approvals


def write(db: Any, seed: int = SEED) -> None:
    """Fill an empty, migrated database (SQLite file or server) with the large data."""
    rows, approvals = generate(seed)
    insert_rows(db, rows)
    approve_all(db, approvals)


def approve_all(db: Any, approvals: list[Approval]) -> None:
    """Each group's first meeting through the real justering; the others' records reuse its
    PDF and continue its chain (see the module's docstring)."""
    from sqlalchemy import func, select

    from naravard_desktop.db.models import ProtocolRevision
    from naravard_desktop.documents import meeting_files
    from naravard_desktop.services.meetings import approval
    from naravard_desktop.services.meetings.approval_record import record_hash, sha256_of

    firsts = {a.group_id: a for a in reversed(approvals)}
    real: dict[int, tuple[bytes, str]] = {}
    for group_id, first in sorted(firsts.items()):
        meeting_files.approve(db, first.meeting_id, first.approved_by, _approved_on(first))
        with db.session() as session:
            row = session.scalars(
                select(ProtocolRevision).where(ProtocolRevision.meeting_id == first.meeting_id)
            ).one()
            real[group_id] = (row.pdf, row.chain_hash or "")
    with db.session() as session:
        last_id = session.scalar(select(func.max(ProtocolRevision.id))) or 0
    records = Rows(ids={"protocol_revisions": last_id})
    for item in approvals:
        if firsts[item.group_id] is item:
            continue
        pdf, previous = real[item.group_id]
        moment = dt.datetime.combine(_approved_on(item), dt.time(12), dt.UTC)
        values: dict[str, Any] = {
            "meeting_id": item.meeting_id,
            "revision": 1,
            "approved_at": moment,
            "approved_by": item.approved_by,
            "approved_login": APPROVED_LOGIN,
            "reason": "",
            "pdf": pdf,
            "sha256": sha256_of(pdf),
            "data_sha256": None,
            "chain_previous": previous,
        }
        values["chain_hash"] = record_hash(item.group_id, ProtocolRevision(**values))
        records.add("protocol_revisions", **values)
        real[item.group_id] = (pdf, values["chain_hash"])
    insert_rows(db, records)
    assert approval.sha256_of is sha256_of  # the same hash the approval stores


def _approved_on(item: Approval) -> dt.date:
    return min(item.held_on + dt.timedelta(days=7), TODAY)


def digest(rows: Rows) -> str:
    """SHA-256 of every generated row, to show two runs give the same data."""
    text = json.dumps(rows.tables, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(path: Path) -> list[str]:
    """What does not hold in the file: the promised sizes, the busy group holding the most,
    whole approval records and chains, and the generator repeating itself."""
    from sqlalchemy import func, select, text

    from naravard_desktop.db.models import Meeting
    from naravard_desktop.services.meetings.approval_check import check_approvals
    from naravard_desktop.services.system.database import open_database

    problems: list[str] = []
    db = open_database(str(path))
    try:
        with db.session() as session:
            for table, wanted in SIZES.items():
                found = session.scalar(text(f"SELECT count(*) FROM {table}"))
                if found != wanted:
                    problems.append(f"{table}: {found} rows, not {wanted}")
            per_group = session.execute(
                select(Meeting.group_id, func.count()).group_by(Meeting.group_id)
            ).all()
            if max(per_group, key=lambda row: row[1])[0] != BUSY_GROUP:
                problems.append(f"group {BUSY_GROUP} does not hold the most meetings")
            report = check_approvals(session)
            problems += list(report.problems)
            approved = session.scalar(text("SELECT count(*) FROM protocol_revisions"))
            print(f"approved protocols stored: {approved}; {len(report.problems)} problems")
            for note in report.notes:
                print(note)
    finally:
        db.dispose()
    first, again = digest(generate()[0]), digest(generate()[0])
    if first != again:
        problems.append("two runs of the generator gave different rows")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.large_data")
    parser.add_argument("--check", action="store_true", help="count and check the rows")
    args = parser.parse_args(argv)
    path = cached_sqlite()
    print(path)
    if not args.check:
        return 0
    problems = check(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("sizes, approvals and repeatability: " + ("NOT as promised" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
