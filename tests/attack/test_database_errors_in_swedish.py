"""Issue 11, point 10 (the database and file part): errors showed SQLite's and the C
library's English ("unable to open database file", "No such file or directory", "Rowid 321
out of order") inside Swedish sentences. Now the user reads what happened and what to do, in
Swedish (English with --lang en); the technical words are in the log file only."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest

from naravard_desktop.i18n import use_language
from tests.attack.db_files import cli, make_database

ENGLISH_WORDS = ("rowid", "out of order", "no such file", "unable to open", "malformed", "tree")


def swap_two_rows_on_a_page(path: Path, table: str) -> None:
    """Damage a table page as a failing disk would: two cell pointers change places, so the
    rows of the page are out of order (SQLite's quick_check reports "Rowid … out of order")."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = DELETE")  # everything in the file itself
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    pages = raw.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
    ).fetchall()
    raw.close()
    data = bytearray(path.read_bytes())
    header = (pages[1][0] - 1) * page_size
    assert data[header] == 13 and struct.unpack(">H", data[header + 3 : header + 5])[0] > 2
    first, second = header + 8, header + 10
    data[first : first + 2], data[second : second + 2] = (
        data[second : second + 2],
        data[first : first + 2],
    )
    path.write_bytes(bytes(data))
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = WAL")  # as the program leaves it
    raw.close()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = make_database(tmp_path / "samverkan.sqlite", people=400)
    swap_two_rows_on_a_page(path, "persons")
    return path


def test_a_damaged_table_is_explained_in_swedish_with_the_detail_in_the_log(
    tmp_path: Path, damaged: Path
) -> None:
    data = tmp_path / "data"
    done = cli(data, "members", "list", "--database", damaged)
    assert done.returncode == 2
    assert done.stderr.startswith(f"Fel: Databasen {damaged} är skadad. Återställ den senaste")
    assert not any(word in done.stderr.lower() for word in ENGLISH_WORDS)
    assert "out of order" in (data / "naravard.log").read_text(encoding="utf-8")

    english = cli(data, "--lang", "en", "members", "list", "--database", damaged)
    assert english.stderr.startswith(f"Error: The database {damaged} is damaged. Restore")


def test_a_missing_folder_or_file_is_said_in_swedish(tmp_path: Path) -> None:
    database = make_database(tmp_path / "samverkan.sqlite")
    out = tmp_path / "finns-inte" / "kopia.sqlite"
    backup = cli(tmp_path / "data", "backup", "--out", out, "--database", database)
    assert backup.returncode == 2
    assert ": filen eller mappen finns inte" in backup.stderr

    pdf = tmp_path / "protokol.pdf"  # a typing mistake
    verify = cli(tmp_path / "data", "verify", pdf, "--database", database)
    assert verify.stderr == (
        f"Fel: Det går inte att läsa {pdf}: filen eller mappen finns inte. Kontrollera att "
        "filen finns och att du har behörighet att öppna den.\n"
    )

    inside_a_file = tmp_path / "samverkan.sqlite" / "ny.sqlite"
    opened = cli(tmp_path / "data", "groups", "list", "--database", inside_a_file)
    assert opened.returncode == 2
    assert opened.stderr.endswith(": en del av sökvägen är inte en mapp\n")
    for done in (backup, verify, opened):
        assert not any(word in done.stderr.lower() for word in ENGLISH_WORDS)
        assert "not a directory" not in done.stderr.lower()


@pytest.mark.parametrize(
    "raw",
    [
        "unable to open database file",
        "database disk image is malformed",
        "file is not a database",
        "disk I/O error",
        "database or disk is full",
    ],
)
def test_what_sqlite_says_when_opening_fails_becomes_a_sentence(raw: str) -> None:
    from naravard_desktop.services.system import database_errors

    path = Path("/media/usb/samverkan.sqlite")
    error = sqlite3.OperationalError(raw)
    texts = {}
    for language in ("sv", "en"):
        with use_language(language):
            texts[language] = database_errors.describe_open_error(path, error)
        assert str(path) in texts[language] and raw not in texts[language]
        assert not any(word in texts[language].lower() for word in ENGLISH_WORDS)
    assert texts["sv"] != texts["en"]


def test_a_damaged_page_met_in_the_window_is_explained(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that meets a damaged page outside a save (SQLite raises "database disk image is
    malformed"): the window said "Något oväntat gick fel (DatabaseError)"."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    from naravard_desktop.ui.errors import install_exception_hook

    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    install_exception_hook()
    error = sqlite3.DatabaseError("database disk image is malformed")
    sys.excepthook(type(error), error, None)
    assert shown == [
        "Databasfilen är skadad. Återställ den senaste säkerhetskopian (programmet erbjuder det "
        "när det startar, eller Arkiv › Återställ från säkerhetskopia…); detaljerna finns i "
        "loggfilen."
    ]


def test_a_damaged_backup_is_refused_in_swedish(tmp_path: Path) -> None:
    from naravard_desktop.errors import DomainError
    from naravard_desktop.services.system import backups

    database = make_database(tmp_path / "samverkan.sqlite")
    copy = make_database(tmp_path / "kopia.sqlite", people=400)
    swap_two_rows_on_a_page(copy, "persons")
    with pytest.raises(DomainError) as refused:
        backups.restore(database, copy)
    assert "kopia.sqlite" in refused.value.message
    assert "(filen är skadad)" in refused.value.message
    assert not any(word in refused.value.message.lower() for word in ENGLISH_WORDS)
