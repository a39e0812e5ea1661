"""The command line never prints or logs a database server's password, neither when the
server cannot be reached nor when it reports on the database it opened."""

from __future__ import annotations

from pathlib import Path

from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.server_restarts import on_server

SECRET = "Hemligt-L0sen"


def everything_written(folder: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (folder / "data").rglob("*")
        if p.is_file() and p.suffix in {".log", ".json", ".ini", ""}
    )


def test_an_unreachable_server_is_named_without_its_password(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://sekreterare:{SECRET}@127.0.0.1:1/naravard"
    for command in (["check"], ["groups", "list"]):
        result = run_cli(tmp_path, "--database", url, *command)
        assert result.returncode != 0
        assert "sekreterare:***@127.0.0.1:1" in result.stderr
        assert SECRET not in result.stdout + result.stderr
    logged = everything_written(tmp_path)
    assert "127.0.0.1:1" in logged
    assert SECRET not in logged


def test_check_on_a_server_names_it_without_its_password(tmp_path: Path, db: Database) -> None:
    on_server(db)
    url = db.engine.url.set(password=SECRET).render_as_string(hide_password=False)
    result = run_cli(tmp_path, "--database", url, "check")
    assert ":***@" in result.stdout
    assert SECRET not in result.stdout + result.stderr + everything_written(tmp_path)
