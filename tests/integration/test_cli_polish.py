"""The CLI as a shell user meets it: output piped into `head`, argparse's own words in Swedish,
and an export of a SIP year that holds nothing.

Each command runs in a fresh interpreter (`python -m naravard_desktop`) with its own data folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from naravard_desktop.documents.sip_files import sip_file_bytes
from naravard_desktop.errors import DomainError
from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import Database, open_database

EMPTY_YEAR = 2031
NOTHING_TO_EXPORT = f"Det finns inga SIP-antal för {EMPTY_YEAR}: inget att exportera."


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NARAVARD_DATABASE", "PYTHONUNBUFFERED", "LANG", "LANGUAGE", "LC_ALL")
    }
    env.update(NARAVARD_DATA_DIR=str(tmp_path / "cli-data"), PYTHONUTF8="1")
    env.update(extra)
    return env


def cli(tmp_path: Path, *args: str | Path | int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "naravard_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )


def piped(
    tmp_path: Path, *args: str | Path, read: int = 0, unbuffered: bool = False
) -> tuple[int, str]:
    """Run with stdout into a pipe whose reader goes away after `read` bytes, like `| head`.

    Returns the exit code and what was written to stderr."""
    extra = {"PYTHONUNBUFFERED": "1"} if unbuffered else {}
    process = subprocess.Popen(
        [sys.executable, "-m", "naravard_desktop", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path, **extra),
    )
    assert process.stdout is not None and process.stderr is not None
    if read:
        assert len(process.stdout.read(read)) == read
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    process.stderr.close()
    return process.wait(timeout=60), err


@pytest.fixture(scope="module")
def demo_db(module_demo: str) -> str:
    """The demo database, shared by the module: the commands here only read it."""
    return module_demo


def assert_quiet(code: int, err: str, *, allowed: tuple[int, ...] = (141,)) -> None:
    assert code in allowed, err
    for word in ("fel", "Fel", "Error", "error", "Traceback", "Exception", "Broken"):
        assert word not in err, err


# --- 1. a closed pipe ends quietly ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--lang", "sv", "export", "--help"),
        ("--lang", "en", "--help"),
        ("--version",),
    ],
)
def test_help_into_a_pipe_closed_by_the_reader_ends_quietly(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, err = piped(tmp_path, *args)
    assert_quiet(code, err)


@pytest.mark.parametrize(
    "args",
    [
        ("members", "list"),
        ("--lang", "sv", "meetings", "list"),
        ("groups", "list", "--json"),
    ],
)
def test_a_list_into_a_pipe_closed_by_the_reader_ends_quietly(
    tmp_path: Path, demo_db: str, args: tuple[str, ...]
) -> None:
    code, err = piped(tmp_path, *args, "--database", demo_db)
    assert_quiet(code, err)


@pytest.mark.parametrize(
    "args",
    [
        ("members", "list", "--database", "{db}"),
        ("--version",),
    ],
)
def test_unbuffered_output_into_a_closed_pipe_ends_quietly(
    tmp_path: Path, demo_db: str, args: tuple[str, ...]
) -> None:
    """With PYTHONUNBUFFERED each print meets the closed pipe at once, inside the command."""
    filled = [demo_db if a == "{db}" else a for a in args]
    code, err = piped(tmp_path, *filled, unbuffered=True)
    assert_quiet(code, err)


def test_unbuffered_help_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # argparse itself swallows the failed write of the help text here: quiet, exit 0
    code, err = piped(tmp_path, "--help", unbuffered=True)
    assert_quiet(code, err, allowed=(0, 141))


@pytest.mark.slow  # thousands of groups
def test_long_list_into_head_ends_quietly_after_the_first_rows(
    tmp_path: Path, cli_database: str
) -> None:
    """`groups list | head -1`: more rows than a pipe holds, the reader leaves after one."""
    path = cli_database
    db = open_database(str(path))
    with db.session():
        for number in range(2500):
            groups.create_group(db, GroupInput(name=f"Samverkansgrupp nummer {number:04}"))
    db.dispose()
    code, err = piped(tmp_path, "--lang", "sv", "groups", "list", "--database", path, read=40)
    assert_quiet(code, err)
    # the same list read to the end is whole and exits 0
    done = cli(tmp_path, "groups", "list", "--database", path)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2500


# --- 2. argparse's own words in Swedish ------------------------------------------------------


def test_help_is_swedish_throughout(tmp_path: Path) -> None:
    done = cli(tmp_path, "--help")
    assert done.returncode == 0
    text = done.stdout
    assert text.startswith("användning: naravard-desktop")
    assert "visa den här hjälptexten och avsluta" in text
    assert "\nflaggor:\n" in text
    assert "\nargument:\n" in text
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in text


def test_help_of_a_subcommand_is_swedish(tmp_path: Path) -> None:
    done = cli(tmp_path, "export", "sip", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("användning: naravard-desktop export sip")
    assert "visa den här hjälptexten och avsluta" in done.stdout
    assert "--year ÅR" in done.stdout and "året vars perioder exporteras" in done.stdout
    assert "filändelsen väljer format" in done.stdout
    assert "gruppens id (behövs när databasen har fler än en" in done.stdout
    assert "usage:" not in done.stdout and "options:" not in done.stdout


def test_english_help_stays_english(tmp_path: Path) -> None:
    done = cli(tmp_path, "--lang", "en", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: naravard-desktop")
    assert "show this help message and exit" in done.stdout
    assert "\noptions:\n" in done.stdout
    assert "användning" not in done.stdout and "flaggor" not in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lang", "fr", "check"), "argument --lang: ogiltigt val: 'fr' (välj bland 'sv', 'en')"),
        (("exportera",), "argument KOMMANDO: ogiltigt val: 'exportera'"),
        (("export", "sip", "--out", "x.pdf"), "följande argument krävs: --year"),
        (("export", "sip", "--out", "x.pdf", "--year"), "argument --year: förväntade ett argument"),
        (
            ("export", "sip", "--year", "tjugo", "--out", "x.pdf"),
            "argument --year: ”tjugo” är inget heltal",
        ),
        (("check", "--fort"), "okända argument: --fort"),
        (("export",), "följande argument krävs: VAD"),
    ],
)
def test_usage_errors_are_swedish(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = cli(tmp_path, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("användning: naravard-desktop")
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("naravard-desktop") and ": fel: " in last
    assert message in last
    assert "error" not in done.stderr and "usage" not in done.stderr


def test_usage_errors_stay_english_in_english(tmp_path: Path) -> None:
    done = cli(tmp_path, "--lang", "en", "export", "sip", "--out", "x.pdf")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: naravard-desktop export sip")
    assert "error: the following arguments are required: --year" in done.stderr


def test_lang_without_a_value_is_reported_by_the_real_parser(tmp_path: Path) -> None:
    done = cli(tmp_path, "check", "--lang")
    assert done.returncode == 2
    assert done.stderr.startswith("användning: naravard-desktop check")
    assert "argument --lang: förväntade ett argument" in done.stderr


def test_plural_words_of_argparse_are_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "expected 2 arguments" comes through ngettext; none of our commands takes two values,
    so a parser of our own with the same words checks it in this process."""
    from naravard_desktop.cli import argparse_words

    monkeypatch.setattr(argparse, "_", argparse._)
    monkeypatch.setattr(argparse, "ngettext", argparse.ngettext)
    argparse_words.install()
    parser = argparse.ArgumentParser(prog="prov", exit_on_error=False)
    parser.add_argument("--par", nargs=2)
    with pytest.raises(argparse.ArgumentError) as raised:
        parser.parse_args(["--par", "1"])
    assert str(raised.value) == "argument --par: förväntade 2 argument"
    assert argparse.ngettext("expected %s argument", "expected %s arguments", 1) % 1 == (
        "förväntade 1 argument"
    )
    # a string argparse may add in a later Python stays as it is rather than failing
    assert argparse._("a phrase from a newer argparse") == "a phrase from a newer argparse"


# --- 3. a SIP export of a year without counts is refused ---------------------------------


def test_sip_export_of_a_year_without_counts_is_refused(db: Database) -> None:
    from naravard_desktop.services.sip import sip_periods

    group = groups.create_group(db, GroupInput(name="Samverkan Ås"))
    for suffix in (".xlsx", ".csv", ".pdf"):
        with pytest.raises(DomainError) as raised:
            sip_file_bytes(db, group.id, EMPTY_YEAR, suffix)
        assert raised.value.message == NOTHING_TO_EXPORT
    # a period created but with no count entered yet holds nothing either
    sip_periods.create_period(db, group.id, EMPTY_YEAR, 1)
    with pytest.raises(DomainError, match="inget att exportera"):
        sip_file_bytes(db, group.id, EMPTY_YEAR, ".pdf", suppress_below=5)


def test_sip_export_of_an_empty_year_from_the_command_line(tmp_path: Path, demo_db: str) -> None:
    for target in (tmp_path / "sip.xlsx", tmp_path / "sip.pdf", tmp_path / "sip.csv"):
        done = cli(
            tmp_path, "export", "sip", "--year", EMPTY_YEAR, "--out", target, "--database", demo_db
        )
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [NOTHING_TO_EXPORT]
        assert done.stdout == ""
        assert not target.exists()
    done = cli(
        tmp_path,
        "--lang",
        "en",
        "export",
        "sip",
        "--year",
        EMPTY_YEAR,
        "--out",
        tmp_path / "sip.pdf",
        "--database",
        demo_db,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"There are no SIP counts for {EMPTY_YEAR}: nothing to export."
