"""The action register (issue 19, point 2) on the demo: every action item of the group's
meetings with its meeting and §, the filters, the Excel export (a formula-looking text stays
text) and `export actions` on the command line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.documents.action_xlsx import actions_xlsx
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.meetings import action_register, actions, agenda, meetings
from naravard_desktop.services.meetings.read_models import (
    ActionData,
    ActionFilter,
    ActionInput,
    ActionStatus,
    ItemInput,
)
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of

TODAY = dt.date.today()  # the demo is made for today: its meetings lie before and after it


@pytest.mark.demo()
def test_the_demo_has_six_overdue_action_items_among_twelve(
    db: Database, demo_group: GroupData
) -> None:
    register = action_register.read_register(db, demo_group.id)
    assert len(register.rows) == 12
    # Newest meeting first, and the § each was given at.
    held = [row.meeting_on for row in register.rows]
    assert held == sorted(held, reverse=True)
    found = {m.id: m for m in meetings.list_meetings(db, demo_group.id)}
    for row in register.rows:
        first, last = found[row.meeting_id].first_paragraph, found[row.meeting_id].last_paragraph
        assert first is not None and last is not None and first <= row.paragraph <= last

    def chosen(**given: Any) -> list[ActionData]:
        return action_register.chosen_rows(register, ActionFilter(**given), TODAY)

    overdue = chosen(status=ActionStatus.OVERDUE)
    assert len(overdue) == 6
    assert all(not row.done and row.due_on is not None and row.due_on < TODAY for row in overdue)
    assert len(chosen(status=ActionStatus.OPEN)) == 6
    assert len(chosen(status=ActionStatus.DONE)) == 6
    assert len(chosen()) == 12
    assert set(action_register.people_of(register.rows)) == {"Erik Lund", "Karin Vik", "Maja Fors"}
    maja = chosen(who="Maja Fors")
    assert maja and {row.who for row in maja} == {"Maja Fors"}
    year = action_register.years_of(register.rows)[-1]
    assert all(row.meeting_on.year == year for row in chosen(year=year))
    assert {row.what for row in chosen(text="KONTAKTLISTA")} == {
        "Ta fram gemensam kontaktlista för hemsjukvården"
    }
    assert action_register.described(
        ActionFilter(ActionStatus.OPEN, "Maja Fors", 2026, " lista ")
    ) == ("Öppna, Maja Fors, 2026, “lista”")


def _draft_item(db: Database, group_id: int) -> int:
    """An agenda item of the demo's coming meeting (a draft, so an action item can be added)."""
    draft = next(m for m in meetings.list_meetings(db, group_id) if m.state == ProtocolState.DRAFT)
    return agenda.add_item(db, draft.id, ItemInput(title="Övriga frågor")).id


@pytest.mark.demo()
def test_the_excel_export_holds_the_rows_chosen_and_keeps_a_formula_as_text(
    db: Database, demo_group: GroupData
) -> None:
    formula = '=HYPERLINK("http://example.invalid";"Klicka")'
    actions.add_action(
        db, _draft_item(db, demo_group.id), ActionInput(formula, "Lisa Nord", TODAY.replace(day=1))
    )
    register = action_register.read_register(db, demo_group.id)
    chosen = ActionFilter(status=ActionStatus.OPEN)
    expected = action_register.chosen_rows(register, chosen, TODAY)
    data = actions_xlsx(register, expected, chosen, group=demo_group.name, today=TODAY)

    sheet = load_workbook(io.BytesIO(data)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == f"Åtgärder för {demo_group.name}, {TODAY.isoformat()}"
    assert values[1] == [
        "Åtgärd",
        "Ansvarig",
        "Klart senast",
        "Klar",
        "Status",
        "Möte",
        "§",
        "Aktivitet i planen",
    ]
    body = values[2 : 2 + len(expected)]
    assert values[2 + len(expected)] == [None] * 8  # an empty line before the note
    assert [row[0] for row in body] == [row.what for row in expected]
    assert len(body) == 7
    first = expected[0]
    assert body[0][2].date() == first.due_on  # a date, not a text
    assert body[0][6] == first.paragraph  # a number
    assert {row[4] for row in body} <= {"Försenad", "Öppen"}
    assert values[-1][0] == "Urval: Öppna, Alla år."
    cell = next(c for c in sheet["A"] if c.value == formula)
    assert cell.data_type == "s"  # text, not a formula
    assert cell.quotePrefix


@pytest.mark.demo()
def test_export_actions_on_the_command_line(
    db: Database, demo_group: GroupData, tmp_path: Path
) -> None:
    db.dispose()
    out = tmp_path / "åtgärder.xlsx"
    done = run_cli(
        tmp_path, "export", "actions", "--status", "overdue", "--out", out,
        "--database", target_of(db),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"6 åtgärder sparade i {out}"
    sheet = load_workbook(out).active
    statuses = [row[4] for row in sheet.iter_rows(min_row=3, values_only=True) if row[4]]
    assert statuses == ["Försenad"] * 6

    wrong = run_cli(
        tmp_path, "export", "actions", "--out", tmp_path / "a.pdf", "--database", target_of(db)
    )
    assert wrong.returncode != 0
    assert wrong.stderr.strip().splitlines() == [
        "Fel: Välj ett filnamn som slutar på .xlsx, inte ”a.pdf”."
    ]
