"""`grant` and `grants`: the region's administrator lets a server role open a group, read-only
or not, takes it away and lists who may open what (issue 16, point 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of
from tests.login_roles import login_role
from tests.server_databases import Server, server_fixture  # noqa: F401 (fixture)


@pytest.fixture
def clerk(db: Database, server: Server) -> Iterator[tuple[str, str]]:
    with login_role(db, server) as made:
        yield made


def test_the_administrator_grants_lists_and_revokes(
    db: Database, clerk: tuple[str, str], tmp_path: Path
) -> None:
    role, clerk_url = clerk
    owner = target_of(db)
    added = run_cli(tmp_path, "groups", "add", "Samverkansgrupp Åre", "--database", owner)
    assert "Gruppen Samverkansgrupp Åre skapades" in added.stdout, added.stderr
    group = groups.list_groups(db)[-1]

    granted = run_cli(tmp_path, "grant", role, "--group", group.id, "--database", owner)
    assert granted.returncode == 0, granted.stderr
    assert f"Rollen {role} får nu läsa och ändra gruppen Samverkansgrupp Åre" in granted.stdout
    assert (
        "Samverkansgrupp Åre" in run_cli(tmp_path, "groups", "list", "--database", clerk_url).stdout
    )

    read_only = run_cli(
        tmp_path, "grant", role, "--group", group.id, "--read-only", "--database", owner
    )
    assert "men inte ändra i den" in read_only.stdout
    listed = run_cli(tmp_path, "grants", "--json", "--database", owner)
    assert [(g["id"], g["role"], g["read_only"]) for g in json.loads(listed.stdout)] == [
        (group.id, role, True)
    ]
    line = run_cli(tmp_path, "grants", "--database", owner).stdout.strip()
    assert line.startswith(f"{group.id}\tSamverkansgrupp Åre\t{role}\tbara läsa")

    revoked = run_cli(tmp_path, "grant", role, "--group", group.id, "--revoke", "--database", owner)
    assert f"Rollen {role} har inte längre tillgång till gruppen" in revoked.stdout
    again = run_cli(tmp_path, "grant", role, "--group", group.id, "--revoke", "--database", owner)
    assert again.returncode == 1 and "inget att ta bort" in again.stderr
    assert run_cli(tmp_path, "grants", "--database", owner).stdout == ""


def test_a_role_that_does_not_own_the_tables_may_not_grant(
    db: Database, clerk: tuple[str, str], tmp_path: Path
) -> None:
    role, clerk_url = clerk
    group = groups.create_group(db, GroupInput(name="Samverkansgrupp Åre"))
    run_cli(tmp_path, "grant", role, "--group", group.id, "--database", target_of(db))

    refused = run_cli(
        tmp_path, "grant", role, "--group", group.id, "--read-only", "--database", clerk_url
    )

    assert refused.returncode != 0
    assert f"Rollen {role} får inte ge tillgång till grupper" in refused.stderr
    assert "Traceback" not in refused.stderr
    created = run_cli(tmp_path, "groups", "add", "En egen grupp", "--database", clerk_url)
    assert created.returncode != 0
    assert "Be databasadministratören om behörighet" in created.stderr


def test_grant_on_a_database_file_says_it_is_for_a_server(db: Database, tmp_path: Path) -> None:
    if db.path is None:
        pytest.skip("SQLite only: a file has one user, and no grants")
    group = groups.create_group(db, GroupInput(name="Samverkansgrupp Åre"))
    refused = run_cli(tmp_path, "grant", "anna", "--group", group.id, "--database", db.path)
    assert refused.returncode != 0
    assert "bara i en databas på en server" in refused.stderr


def test_a_grant_to_a_role_that_sees_every_group_says_so(
    db: Database, server: Server, tmp_path: Path
) -> None:
    owner = db.engine.url.username or ""  # the test cluster's superuser, owner of the tables
    group = groups.create_group(db, GroupInput(name="Samverkansgrupp Åre"))

    granted = run_cli(tmp_path, "grant", owner, "--group", group.id, "--database", target_of(db))

    assert f"Obs: {owner} är superanvändare" in granted.stdout
    listed = run_cli(tmp_path, "grants", "--database", target_of(db)).stdout
    assert "alla grupper (radsäkerheten gäller inte den här rollen)" in listed
