"""Crash-test worker: does the app's real saves, through its services, as fast as it can,
until the parent kills it with SIGKILL.

    python worker.py DATABASE SETUP_JSON JOURNAL FIRST_TX SEED

After each service call has returned (its transaction committed) one JSON line goes to the
journal and is flushed and fsync'ed: {"tx": n, "op": ..., "key": ...}. Every saved value
carries its transaction number ("T123"), so the parent can check that whatever the journal
reports as committed is in the database after the kill. The first line on stdout, "ready",
says the database is open and the first transaction is done.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from naravard_desktop.services.group import members
from naravard_desktop.services.group.read_models import MemberInput
from naravard_desktop.services.meetings import actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import ActionInput, ItemInput, MeetingInput
from naravard_desktop.services.plan import plan_items
from naravard_desktop.services.plan.read_models import ActivityInput
from naravard_desktop.services.sip import sip_counts, sip_periods
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.drafts import DraftStore

MAX_SIP_TX = 100_000  # a SIP count is at most 100 000; the value saved is the tx number


class Worker:
    def __init__(self, db: Database, setup: dict[str, Any], journal: Path, first_tx: int):
        self.db = db
        self.setup = setup
        self.tx = first_tx
        self.journal = journal.open("a", encoding="utf-8")
        self.meetings: list[int] = [setup["meeting_id"]]
        self.drafts = DraftStore(setup["database"])

    def commit(self, op: str, key: object = None) -> None:
        """Called only after the service call returned, i.e. after its commit."""
        self.note(op, key)
        self.tx += 1

    def note(self, op: str, key: object = None) -> None:
        self.journal.write(json.dumps({"tx": self.tx, "op": op, "key": key}) + "\n")
        self.journal.flush()
        os.fsync(self.journal.fileno())

    def member_add(self, rng: random.Random) -> None:
        members.add_member(self.db, self.setup["group_id"], MemberInput(name=f"Ledamot T{self.tx}"))
        self.commit("member_add")

    def member_update(self, rng: random.Random) -> None:
        membership_id = rng.choice(self.setup["membership_ids"])
        before = members.get_member(self.db, membership_id)
        data = before.as_input()
        members.update_member(
            self.db, before, MemberInput(**{**vars(data), "organisation": f"T{self.tx}"})
        )
        self.commit("member_update", membership_id)

    def meeting(self, rng: random.Random) -> None:
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        created = meetings.create_meeting(
            self.db,
            self.setup["group_id"],
            MeetingInput(held_on=day, place=f"Plats T{self.tx}"),
        )
        self.meetings.append(created.id)
        self.commit("meeting")

    def item(self, rng: random.Random) -> None:
        meeting_id = rng.choice(self.meetings[-5:])
        agenda.add_item(self.db, meeting_id, ItemInput(title=f"Punkt T{self.tx}"))
        self.commit("item")

    def notes(self, rng: random.Random) -> None:
        item_id = rng.choice(self.setup["item_ids"])
        filler = "Anteckningar om samverkan kring SIP och fast vårdkontakt. "
        text = f"T{self.tx} " + filler * rng.randrange(1, 200)
        # As the editor does: a draft on every change, the autosave, then the draft cleared.
        self.drafts.save("agenda_item", item_id, "notes", text)
        self.note("typed", item_id)  # typed and kept as a draft, not saved yet
        agenda.save_text(self.db, item_id, "notes", text)
        self.commit("notes", item_id)
        self.drafts.clear("agenda_item", item_id, "notes")

    def action(self, rng: random.Random) -> None:
        item_id = rng.choice(self.setup["item_ids"])
        actions.add_action(self.db, item_id, ActionInput(what=f"Åtgärd T{self.tx}"))
        self.commit("action")

    def activity(self, rng: random.Random) -> None:
        plan_items.add_activity(
            self.db,
            self.setup["area_id"],
            ActivityInput(title=f"Aktivitet T{self.tx}", schedule_text="HT 2025"),
        )
        self.commit("activity")

    def activity_update(self, rng: random.Random) -> None:
        activity_id = self.setup["activity_id"]
        before = plan_items.get_activity(self.db, activity_id)
        plan_items.update_activity(
            self.db, before, ActivityInput(title="Följ upp", description=f"T{self.tx}")
        )
        self.commit("activity_update", activity_id)

    def sip(self, rng: random.Random) -> None:
        if self.tx > MAX_SIP_TX:
            return
        cell = rng.choice(self.setup["cells"])
        period = sip_periods.get_period(self.db, self.setup["period_id"])
        sip_counts.save_counts(self.db, period.id, {tuple(cell): self.tx}, period.version)
        self.commit("sip", cell)


OPERATIONS = (
    "member_add",
    "member_update",
    "meeting",
    "item",
    "notes",
    "notes",
    "action",
    "activity",
    "activity_update",
    "sip",
)


def main(argv: list[str]) -> int:
    database, setup_file, journal, first_tx, seed = argv
    setup = json.loads(Path(setup_file).read_text(encoding="utf-8"))
    db = open_database(database)
    worker = Worker(db, setup, Path(journal), int(first_tx))
    rng = random.Random(int(seed))
    worker.notes(rng)
    print("ready", flush=True)
    while True:
        getattr(worker, rng.choice(OPERATIONS))(rng)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
