"""Importers fed random bytes, cut-off and damaged spreadsheets and tables of nonsense: each
file is either read or refused with a DomainError a person can read, and a refused import
leaves the database exactly as it was."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from naravard_desktop.documents.spreadsheets import xlsx_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.plan import plan_import
from naravard_desktop.services.sip import sip_import, sip_periods, sip_setup
from naravard_desktop.services.sip.read_models import ImportPreview
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.spreadsheets import read_sheets

EXAMPLES = 500 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 50
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PLAN_ROWS: list[list[Any]] = [
    ["Område", "Aktivitet", "Beskrivning", "Ansvar", "Tidsplan", "Status", "Framsteg (%)"],
    ["1 Fast vårdkontakt", None, None, None, None, None, None],
    [None, "Kartlägg", "Alla enheter", "Region", "HT 2025", "Pågår", 40],
    [None, "Utbilda", None, "Kommun", dt.date(2026, 3, 1), "Ej påbörjad", 0],
    ["2 SIP", "Följ upp SIP", "Antal per kvartal", "Gemensamt", "Löpande", "Klar", 100],
]
PLAN_XLSX = xlsx_bytes([("Plan", PLAN_ROWS)])
SIP_HEADER = ["Period", "Från", "Till", "Indikator", "Kod", "Enhet", "Målgrupp", "Antal"]
SIP_ROWS: list[list[Any]] = [
    SIP_HEADER,
    ["2024 kv 1", "2024-01-01", "2024-03-31", "", "initiated", "Kommunen", "Vuxna", 12],
    ["2024 kv 1", "2024-01-01", "2024-03-31", "", "held", "Kommunen", "Vuxna", 9],
]
SIP_XLSX = xlsx_bytes([("SIP", SIP_ROWS)])

cell_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30),
    st.sampled_from(
        [
            "",
            "Pågår",
            "Klar",
            "2024-02-30",
            "99999999",
            "-1",
            "1e308",
            "nan",
            "inf",
            "<5",
            "100 000",
            "1,5",
            "0x10",
            "=SUM(A1:A2)",
            "kv 5 2024",
            "HT 2025",
            "9999-12-31",
            "0001-01-01",
            "\x00",
            "🏥",
        ]
    ),
)
cell_value = st.one_of(
    st.none(),
    cell_text,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.booleans(),
)


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    finally:
        connection.close()


def readable(error: DomainError) -> None:
    text = str(error)
    assert text.strip() and len(text) < 5000
    for leak in ("Traceback", "sqlite3.", "sqlalchemy", "[SQL:", "zlib", "lxml"):
        assert leak not in text, text


def attempt(path: Path | None, call: Callable[[], object]) -> object | None:
    before = dump(path) if path else None
    try:
        return call()
    except DomainError as error:
        readable(error)
        if path:
            assert dump(path) == before, "a refused import changed the database"
        return None


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding, errors="replace")


class World:
    def __init__(self, db: Database, path: Path, folder: Path) -> None:
        self.db, self.path, self.folder = db, path, folder
        self.group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
        sip_setup.get_setup(db, self.group.id)
        sip_periods.create_period(db, self.group.id, 2024, 1)
        self.count = 0

    def file(self, suffix: str, data: bytes) -> Path:
        self.count += 1
        path = self.folder / f"fil{self.count}{suffix}"
        path.write_bytes(data)
        return path

    def import_plan(self, path: Path) -> None:
        preview = attempt(None, lambda: plan_import.read_plan_file(path))
        if isinstance(preview, plan_import.ImportPreview):
            for problem in preview.problems:
                assert str(problem).strip()
            attempt(
                self.path,
                lambda: plan_import.apply_import(self.db, self.group.id, preview),
            )

    def import_sip(self, path: Path) -> None:
        preview = attempt(None, lambda: sip_import.preview_import(self.db, self.group.id, path))
        if isinstance(preview, ImportPreview):
            attempt(self.path, lambda: sip_import.apply_import(self.db, self.group.id, preview))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "import.sqlite"
    db = open_database(str(path))
    folder = tmp_path / "filer"
    folder.mkdir()
    yield World(db, path, folder)
    db.dispose()


def test_the_unharmed_files_are_read(world: World) -> None:
    """The baseline the damaged variants below start from."""
    preview = plan_import.read_plan_file(world.file(".xlsx", PLAN_XLSX))
    assert preview.can_apply and len(preview.activities) == 3
    sip = sip_import.preview_import(world.db, world.group.id, world.file(".xlsx", SIP_XLSX))
    assert sip.ok and sip.changed == 2


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".csv", ".txt", ""]))
def test_random_bytes(world: World, data: bytes, suffix: str) -> None:
    path = world.file(suffix, data)
    attempt(None, lambda: read_sheets(path))
    world.import_plan(path)
    world.import_sip(path)


@SETTINGS
@given(cut=st.floats(0, 1, exclude_max=True), which=st.sampled_from(["plan", "sip"]))
def test_cut_off_spreadsheets(world: World, cut: float, which: str) -> None:
    whole = PLAN_XLSX if which == "plan" else SIP_XLSX
    path = world.file(".xlsx", whole[: int(len(whole) * cut)])
    world.import_plan(path) if which == "plan" else world.import_sip(path)


@SETTINGS
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    which=st.sampled_from(["plan", "sip"]),
)
def test_damaged_spreadsheets(world: World, flips: list[tuple[float, int]], which: str) -> None:
    data = bytearray(PLAN_XLSX if which == "plan" else SIP_XLSX)
    for where, byte in flips:
        data[int(len(data) * where)] = byte
    path = world.file(".xlsx", bytes(data))
    world.import_plan(path) if which == "plan" else world.import_sip(path)


@SETTINGS
@given(
    rows=st.lists(st.lists(cell_value, max_size=9), max_size=8),
    as_xlsx=st.booleans(),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_plan_tables_of_nonsense(
    world: World, rows: list[list[Any]], as_xlsx: bool, encoding: str
) -> None:
    table = [PLAN_ROWS[0], *rows]
    if as_xlsx:
        safe = [[v if not isinstance(v, float) or v == v else None for v in r] for r in table]
        try:
            data = xlsx_bytes([("Plan", safe)])
        except (ValueError, TypeError, OverflowError, IllegalCharacterError):
            return  # openpyxl cannot write it, so no user's file holds it either
        path = world.file(".xlsx", data)
    else:
        path = world.file(".csv", csv_bytes(table, encoding))
    world.import_plan(path)


@SETTINGS
@given(rows=st.lists(st.lists(cell_value, min_size=8, max_size=8), max_size=6))
def test_sip_tables_of_nonsense(world: World, rows: list[list[Any]]) -> None:
    path = world.file(".csv", csv_bytes([SIP_HEADER, *rows]))
    world.import_sip(path)


@SETTINGS
@given(
    start=st.dates(),
    end=st.dates(),
    unit=st.sampled_from(["Kommunen", "Regionen", "Okänd"]),
    count=st.one_of(st.integers(-(2**70), 2**70), cell_text),
    code=st.sampled_from(["initiated", "held", "nope", ""]),
)
def test_sip_rows_almost_right(
    world: World, start: dt.date, end: dt.date, unit: str, count: object, code: str
) -> None:
    row = ["", start.isoformat(), end.isoformat(), "", code, unit, "Vuxna", count]
    world.import_sip(world.file(".csv", csv_bytes([SIP_HEADER, row])))
