"""Logging in to a server that asks for a password (issue 16, point 5): .pgpass and the
service file work without a word from the app; in a terminal a command asks for the password
(and again when it was wrong); from a script it says where to put it. The password never
reaches the output or the log."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from naravard_desktop.services.system.database import Database
from tests.integration.test_server_password import everything_written
from tests.password_server import (  # noqa: F401 (fixture)
    GROUP,
    PASSWORD,
    PasswordServer,
    password_server_fixture,
)

PROMPT = "Lösenord för sekreterare_lund på"
WAIT = 60  # seconds at most for the command to ask (a hung prompt fails instead of hanging)


def cli_env(folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NARAVARD_DATABASE", "PG"))}
    env.update(NARAVARD_DATA_DIR=str(folder / "data"), QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    env.update(extra)
    return env


def groups_list(url: str) -> list[str]:
    return [sys.executable, "-m", "naravard_desktop", "groups", "list", "--database", url]


def run_unattended(url: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`groups list` as a script runs it: nobody at a terminal to type a password."""
    return subprocess.run(
        groups_list(url),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT,
        check=False,
    )


def read_until(stream: int, wanted: str, seen: bytearray) -> None:
    while wanted.encode() not in seen:
        ready, _w, _x = select.select([stream], [], [], WAIT)
        chunk = os.read(stream, 4096) if ready else b""
        assert chunk, f"the command did not ask: {seen.decode(errors='replace')}"
        seen.extend(chunk)


def test_a_command_in_a_terminal_asks_for_the_password(
    db: Database, password_server: PasswordServer, tmp_path: Path
) -> None:
    keyboard, terminal = pty.openpty()
    command = subprocess.Popen(
        groups_list(password_server.url),
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(tmp_path),
        start_new_session=True,  # no controlling terminal: getpass reads the one on stdin
    )
    os.close(terminal)
    assert command.stderr is not None and command.stdout is not None
    errors = bytearray()
    try:
        read_until(command.stderr.fileno(), PROMPT, errors)
        os.write(keyboard, b"fel-losen\n")
        read_until(command.stderr.fileno(), "godtog inte lösenordet", errors)
        read_until(command.stderr.fileno(), PROMPT, errors[errors.index(b"godtog") :])
        os.write(keyboard, PASSWORD.encode() + b"\n")
        output = command.stdout.read().decode()
        errors.extend(command.stderr.read())
        assert command.wait(WAIT) == 0, errors.decode()
    finally:
        os.close(keyboard)
        if command.poll() is None:
            command.kill()
    assert GROUP in output
    assert PASSWORD not in output + errors.decode() + everything_written(tmp_path)


def test_a_command_from_a_script_says_where_to_put_the_password(
    db: Database, password_server: PasswordServer, tmp_path: Path
) -> None:
    result = run_unattended(password_server.url, cli_env(tmp_path))
    assert result.returncode != 0
    assert "Inget lösenord för databasservern" in result.stderr
    assert ".pgpass" in result.stderr and "Traceback" not in result.stderr


def test_pgpass_and_the_service_file_give_the_password(
    db: Database, password_server: PasswordServer, tmp_path: Path
) -> None:
    pgpass = password_server.pgpass(tmp_path)
    result = run_unattended(password_server.url, cli_env(tmp_path, PGPASSFILE=str(pgpass)))
    assert result.returncode == 0, result.stderr
    assert GROUP in result.stdout

    services = password_server.service_file(tmp_path, "naravard")
    result = run_unattended(
        "postgresql+psycopg:///?service=naravard", cli_env(tmp_path, PGSERVICEFILE=str(services))
    )
    assert result.returncode == 0, result.stderr
    assert GROUP in result.stdout
    assert PASSWORD not in result.stdout + result.stderr + everything_written(tmp_path)
