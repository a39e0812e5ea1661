"""Issue 11, point 9: a mistyped `--database` for `check` or `verify` silently created an
empty database (`verify` then called a genuine protocol "INTE identisk"), and `check` turned
a 0-byte file into a new schema and reported "felfri". Both now say so and create nothing."""

from __future__ import annotations

from pathlib import Path

from tests.attack.db_files import cli


def test_check_and_verify_of_a_missing_database_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "samverkn.sqlite"  # a typing mistake
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")

    checked = cli(tmp_path / "data", "check", "--database", missing)
    verified = cli(tmp_path / "data", "verify", pdf, "--database", missing)

    for done in (checked, verified):
        assert done.returncode == 2
        assert done.stderr.startswith(f"Fel: Databasen {missing} finns inte.")
        assert "ingenting har skapats" in done.stderr
        assert "felfri" not in done.stdout and "INTE identisk" not in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "protokoll.pdf"]


def test_check_of_an_empty_file_says_it_is_no_database(tmp_path: Path) -> None:
    empty = tmp_path / "tom.sqlite"
    empty.touch()
    done = cli(tmp_path / "data", "check", "--database", empty)
    assert done.returncode == 2 and "felfri" not in done.stdout
    assert done.stderr.startswith(f"Fel: {empty} är tom: den är ingen databas")
    assert empty.stat().st_size == 0

    english = cli(tmp_path / "data", "--lang", "en", "check", "--database", empty)
    assert english.stderr.startswith(f"Error: {empty} is empty: it is not a database")
