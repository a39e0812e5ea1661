"""Crash safety: a worker process does the app's real saves and is killed with SIGKILL at
random moments. After every kill the file passes SQLite's integrity check, the app opens it,
every transaction the worker reported as committed is there, and text typed into notes is
either saved or waiting as a draft.

`make test` runs a reduced form (NARAVARD_CRASH_KILLS, default 10); `make test-crash` the
full 100 kills. The figures are printed at the end (pytest -s shows them) and written to
NARAVARD_CRASH_REPORT when that is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.meetings import agenda, meetings
from naravard_desktop.services.meetings.read_models import ItemInput, MeetingInput
from naravard_desktop.services.plan import plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, AreaInput, PlanInput
from naravard_desktop.services.sip import sip_periods, sip_setup
from naravard_desktop.services.system.database import open_database
from naravard_desktop.services.system.drafts import pending_drafts

WORKER = Path(__file__).with_name("worker.py")
KILLS = int(os.environ.get("NARAVARD_CRASH_KILLS", "10"))
SEED = int(os.environ.get("NARAVARD_CRASH_SEED", "20240517"))
MAX_DELAY = 0.6  # seconds between "ready" and the kill
_TX = re.compile(r"T(\d+)")


@dataclass
class Figures:
    kills: int = 0
    corrupt: int = 0
    lost: list[str] = field(default_factory=list)
    lost_drafts: list[str] = field(default_factory=list)
    committed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"crash test: {self.kills} kills, {self.corrupt} corrupt databases, "
            f"{len(self.lost)} lost committed transactions (of {self.committed} journaled), "
            f"{len(self.lost_drafts)} lost unsaved notes, {self.seconds:.0f} s"
        )


def _setup(path: Path) -> dict[str, Any]:
    db = open_database(str(path))
    try:
        group = groups.create_group(db, GroupInput(name="Samverkan Krocktest"))
        memberships = [
            members.add_member(db, group.id, MemberInput(name=name)).membership_id
            for name in ("Anna Berg", "Erik Lund", "Sara Holm")
        ]
        meeting = meetings.create_meeting(db, group.id, MeetingInput(held_on=dt.date(2024, 5, 17)))
        items = [
            agenda.add_item(db, meeting.id, ItemInput(title=title)).id
            for title in ("Fast vårdkontakt", "SIP", "Uppföljning")
        ]
        plan = plans.create_plan(db, group.id, PlanInput(title="Lokal plan"))
        area = plan_items.add_area(db, plan.id, AreaInput("Område"))
        activity = plan_items.add_activity(db, area.id, ActivityInput(title="Följ upp"))
        setup = sip_setup.get_setup(db, group.id)
        period = sip_periods.create_period(db, group.id, 2024, 1)
        cells = [
            [indicator.id, unit.id, target.id]
            for indicator in setup.indicators[:3]
            for unit, target in setup.columns()[:2]
        ]
    finally:
        db.dispose()
    return {
        "database": str(path),
        "group_id": group.id,
        "membership_ids": memberships,
        "meeting_id": meeting.id,
        "item_ids": items,
        "area_id": area.id,
        "activity_id": activity.id,
        "period_id": period.id,
        "cells": cells,
    }


def _journal(path: Path) -> list[dict[str, Any]]:
    """Whole lines only: the worker may have been killed in the middle of the last one."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries


def _tx_of(text: str | None) -> int:
    found = _TX.search(text or "")
    return int(found.group(1)) if found else -1


def _integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        rows += [str(r) for r in connection.execute("PRAGMA foreign_key_check")]
        return [r for r in rows if r != "ok"]
    finally:
        connection.close()


def _lost(path: Path, entries: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Journaled transactions missing from the database, and typed notes lost."""
    inserts = {
        "member_add": ("SELECT count(*) FROM persons WHERE name = ?", "Ledamot T{}"),
        "meeting": ("SELECT count(*) FROM meetings WHERE place = ?", "Plats T{}"),
        "item": ("SELECT count(*) FROM agenda_items WHERE title = ?", "Punkt T{}"),
        "action": ("SELECT count(*) FROM action_items WHERE what = ?", "Åtgärd T{}"),
        "activity": ("SELECT count(*) FROM activities WHERE title = ?", "Aktivitet T{}"),
    }
    latest: dict[tuple[str, str], int] = {}
    typed: dict[int, int] = {}
    lost: list[str] = []
    connection = sqlite3.connect(path)
    try:
        for entry in entries:
            op, tx, key = entry["op"], entry["tx"], entry["key"]
            if op in inserts:
                query, value = inserts[op]
                if connection.execute(query, (value.format(tx),)).fetchone()[0] != 1:
                    lost.append(f"{op} T{tx}")
            elif op == "typed":
                typed[key] = tx
            else:
                latest[(op, json.dumps(key))] = tx
        updates = {
            "member_update": "SELECT organisation FROM persons JOIN memberships "
            "ON memberships.person_id = persons.id WHERE memberships.id = ?",
            "notes": "SELECT notes FROM agenda_items WHERE id = ?",
            "activity_update": "SELECT description FROM activities WHERE id = ?",
        }
        for (op, key_text), tx in latest.items():
            key = json.loads(key_text)
            if op == "sip":
                row = connection.execute(
                    "SELECT value FROM sip_counts WHERE indicator_id = ? AND unit_id = ? "
                    "AND target_group_id = ?",
                    key,
                ).fetchone()
                found = row[0] if row else -1
            else:
                row = connection.execute(updates[op], (key,)).fetchone()
                found = _tx_of(row[0] if row else None)
            # A later transaction may have committed after the last journal line: never less.
            if found < tx:
                lost.append(f"{op} {key}: T{tx} journaled, T{found} in the database")
        drafts = {
            d.record_id: _tx_of(d.text)
            for d in pending_drafts(path)
            if d.record == "agenda_item" and d.field == "notes"
        }
        lost_drafts = []
        for item_id, tx in typed.items():
            row = connection.execute(
                "SELECT notes FROM agenda_items WHERE id = ?", (item_id,)
            ).fetchone()
            if _tx_of(row[0]) < tx and drafts.get(item_id, -1) < tx:
                lost_drafts.append(f"notes of item {item_id}: T{tx} neither saved nor a draft")
    finally:
        connection.close()
    return lost, lost_drafts


def _run_once(
    path: Path, setup_file: Path, journal: Path, first_tx: int, seed: int, delay: float
) -> None:
    process = subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, (path, setup_file, journal, first_tx, seed))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    if ready.strip() != b"ready":
        process.kill()
        _out, err = process.communicate(timeout=30)
        pytest.fail(f"the worker did not start: {err.decode(errors='replace')[-2000:]}")
    time.sleep(delay)
    if process.poll() is not None:
        _out, err = process.communicate()
        pytest.fail(f"the worker stopped by itself: {err.decode(errors='replace')[-2000:]}")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def crash_test(folder: Path, kills: int, seed: int) -> Figures:
    path = folder / "krock.sqlite"
    setup_file = folder / "setup.json"
    journal = folder / "journal.jsonl"
    setup_file.write_text(json.dumps(_setup(path)), encoding="utf-8")
    journal.touch()
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    next_tx = 1
    for run in range(kills):
        _run_once(path, setup_file, journal, next_tx, seed + run, rng.uniform(0, MAX_DELAY))
        figures.kills += 1
        if _integrity(path):
            figures.corrupt += 1
            continue
        try:
            open_database(str(path)).dispose()
        except DomainError:
            figures.corrupt += 1
            continue
        entries = _journal(journal)
        lost, lost_drafts = _lost(path, entries)
        figures.lost = lost  # each check covers the whole journal so far
        figures.lost_drafts = lost_drafts
        figures.committed = len([e for e in entries if e["op"] != "typed"])
        # Leave room for a transaction committed after the last journal line.
        next_tx = max((e["tx"] for e in entries), default=0) + 100
    figures.seconds = time.monotonic() - started
    return figures


@pytest.mark.slow
def test_killing_the_app_while_it_saves_never_damages_or_loses_anything(
    tmp_path: Path,
) -> None:
    figures = crash_test(tmp_path, KILLS, SEED)
    print("\n" + figures.line())
    report = os.environ.get("NARAVARD_CRASH_REPORT")
    if report:
        Path(report).write_text(
            json.dumps(
                {
                    "kills": figures.kills,
                    "corrupt_databases": figures.corrupt,
                    "lost_committed_transactions": len(figures.lost),
                    "journaled_transactions": figures.committed,
                    "lost_unsaved_notes": len(figures.lost_drafts),
                    "seconds": round(figures.seconds, 1),
                    "seed": SEED,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    assert figures.kills == KILLS
    assert figures.corrupt == 0
    assert figures.lost == []
    assert figures.lost_drafts == []
    assert figures.committed > KILLS  # the worker really was saving when it was killed
