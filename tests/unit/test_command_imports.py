"""A command imports only what it uses: exporting a protocol loads no Qt, no Alembic, no
openpyxl, and of the document writers only the one whose file it writes (an approved
protocol's PDF is the stored one, so none); a fresh PDF/A loads no PDF/A validator. Each
command runs in a fresh interpreter, which then lists the modules it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from naravard_desktop.db.enums import ProtocolState
from naravard_desktop.services.meetings.meetings import list_meetings
from naravard_desktop.services.system.database import open_database

PROBE = """
import contextlib, io, json, sys
from naravard_desktop.__main__ import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

NEVER = {"PySide6", "shiboken6", "alembic", "openpyxl", "numpy"}
PDF_WRITERS = {"reportlab", "pikepdf"}
DOCX_WRITER = {"docx"}


def loaded(folder: Path, *args: str) -> set[str]:
    """The modules a command's process had imported when it ended, and their top-level
    packages."""
    env = {k: v for k, v in os.environ.items() if k != "NARAVARD_DATABASE"}
    env.update(NARAVARD_DATA_DIR=str(folder / "data"), PYTHONUTF8="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return {top for name in result["modules"] for top in (name, name.split(".")[0])}


@pytest.fixture(scope="module")
def meetings(module_demo: str) -> tuple[int, int]:
    """An approved meeting and a draft of the demo group."""
    db = open_database(module_demo)
    try:
        listed = list_meetings(db, 1)
    finally:
        db.dispose()
    approved = next(m.id for m in listed if m.state == ProtocolState.APPROVED)
    draft = next(m.id for m in listed if m.state != ProtocolState.APPROVED)
    return approved, draft


def exported(folder: Path, database: str, what: str, meeting: int, name: str) -> set[str]:
    """`export WHAT --meeting … --out NAME`: the modules it loaded; the file is checked to
    be a PDF or a Word file by its first bytes."""
    out = folder / name
    modules = loaded(
        folder, "export", what, "--meeting", str(meeting), "--out", str(out),
        "--database", database,
    )  # fmt: skip
    assert out.read_bytes().startswith(b"PK" if name.endswith(".docx") else b"%PDF")
    assert "sqlalchemy" in modules  # the probe sees what the command imported
    return modules


def test_exporting_an_approved_protocol_loads_no_writer(
    tmp_path: Path, module_demo: str, meetings: tuple[int, int]
) -> None:
    approved, _draft = meetings
    modules = exported(tmp_path, module_demo, "protocol", approved, "protokoll.pdf")
    unused = NEVER | PDF_WRITERS | DOCX_WRITER
    assert modules.isdisjoint(unused), modules & unused


def test_a_fresh_pdf_loads_the_pdf_writer_only(
    tmp_path: Path, module_demo: str, meetings: tuple[int, int]
) -> None:
    _approved, draft = meetings
    for what in ("protocol", "kallelse"):
        modules = exported(tmp_path, module_demo, what, draft, f"{what}.pdf")
        assert modules >= PDF_WRITERS
        assert modules.isdisjoint(NEVER | DOCX_WRITER), modules & (NEVER | DOCX_WRITER)
        # PDF/A made with pikepdf alone: its validator is for the tests (test_pdfa_documents)
        assert "pikepdf.pdfa" not in modules


def test_a_word_protocol_loads_the_word_writer_only(
    tmp_path: Path, module_demo: str, meetings: tuple[int, int]
) -> None:
    approved, _draft = meetings
    modules = exported(tmp_path, module_demo, "protocol", approved, "protokoll.docx")
    assert modules >= DOCX_WRITER
    assert modules.isdisjoint(NEVER | PDF_WRITERS), modules & (NEVER | PDF_WRITERS)
