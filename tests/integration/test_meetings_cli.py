"""Meeting commands end to end: list, export protocol and kallelse, verify (with tampering)."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.cli_run import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, module_database: str) -> str:
    """The demo, made once by the command for the module (a file or a server database)."""
    folder = tmp_path_factory.mktemp("meetings-cli")
    assert run(folder, "demo", "--database", module_database).returncode == 0
    return module_database


run = run_cli


def _meetings(demo_db: str, folder: Path) -> list[dict[str, object]]:
    result = run(folder, "meetings", "list", "--json", "--database", demo_db)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_the_demo_has_a_year_of_meetings_past_ones_approved(demo_db: str, tmp_path: Path) -> None:
    rows = _meetings(demo_db, tmp_path)
    states = [row["state"] for row in rows]
    assert states[0] == "utkast" and set(states[1:]) == {"justerat"}
    assert len(rows) >= 6
    text = run(tmp_path, "meetings", "list", "--database", demo_db).stdout.splitlines()
    assert text[1].split("\t")[0] == str(rows[1]["id"])
    assert "§§ " in text[1] and "justerat" in text[1]


def test_an_exported_approved_protocol_verifies_and_a_tampered_one_does_not(
    demo_db: str, tmp_path: Path
) -> None:
    approved = _meetings(demo_db, tmp_path)[1]
    out = tmp_path / "protokoll.pdf"
    result = run(
        tmp_path,
        "export",
        "protocol",
        "--meeting",
        str(approved["id"]),
        "--out",
        out,
        "--database",
        demo_db,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(out.read_bytes())).pages)
    assert f"§ {approved['first_paragraph']}" in text
    assert "Sida 1 av" in text
    check = run(tmp_path, "verify", out, "--database", demo_db)
    assert check.returncode == 0
    assert "identisk" in check.stdout and f"id {approved['id']}" in check.stdout
    # The demo's "Justerat av" is typed "Anna Berg, Erik Lund": joined with "och" when shown.
    assert ", mötet den " in check.stdout and "justerat av Anna Berg och Erik Lund." in check.stdout
    assert "av Anna Berg och Erik Lund." in text and "Justerat den " in text

    tampered = tmp_path / "ändrad.pdf"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    check = run(tmp_path, "verify", tampered, "--database", demo_db)
    assert check.returncode == 1
    assert "INTE identisk" in check.stdout


def test_kallelse_and_docx_for_the_upcoming_meeting(demo_db: str, tmp_path: Path) -> None:
    upcoming = _meetings(demo_db, tmp_path)[0]
    pdf = tmp_path / "kallelse.pdf"
    result = run(
        tmp_path,
        "export",
        "kallelse",
        "--meeting",
        str(upcoming["id"]),
        "--out",
        pdf,
        "--database",
        demo_db,
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert "Mötets öppnande" in text and "Uppföljning av lokal plan" in text
    docx = tmp_path / "protokoll.docx"
    result = run(
        tmp_path,
        "export",
        "protocol",
        "--meeting",
        str(upcoming["id"]),
        "--out",
        docx,
        "--database",
        demo_db,
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert any("Mötets öppnande" in p for p in paragraphs)


def test_bad_requests_get_one_line(demo_db: str, tmp_path: Path) -> None:
    for args in (
        ("export", "protocol", "--meeting", "9999", "--out", tmp_path / "x.pdf"),
        ("export", "protocol", "--meeting", "1", "--out", tmp_path / "x.txt"),
        ("export", "kallelse", "--meeting", "1", "--out", tmp_path / "saknas" / "x.pdf"),
        ("verify", tmp_path / "finns-inte.pdf"),
    ):
        result = run(tmp_path, *args, "--database", demo_db)
        assert result.returncode != 0
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()
