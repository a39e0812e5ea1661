"""`--group ID` before the command (issue 16, point 5): without a command it names the
window's group; before a command that works on one group it is that command's --group, and
before one that works on none it is refused rather than ignored."""

from __future__ import annotations

from pathlib import Path

from naravard_desktop.db.enums import Principal, Role
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of


def test_group_before_a_command_is_the_commands_group(tmp_path: Path, db: Database) -> None:
    groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    are = groups.create_group(db, GroupInput(name="Samverkan Åre"))
    members.add_member(
        db,
        are.id,
        MemberInput(name="Britt Fjällström", principal=Principal.REGION, role=Role.CHAIR),
    )
    target = target_of(db)
    db.dispose()

    before = run_cli(tmp_path, "--database", target, "--group", are.id, "members", "list")
    after = run_cli(tmp_path, "--database", target, "members", "list", "--group", are.id)

    assert before.returncode == 0, before.stderr
    assert "Britt Fjällström" in before.stdout
    assert before.stdout == after.stdout


def test_group_before_a_command_of_no_group_is_refused(tmp_path: Path, db: Database) -> None:
    groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    target = target_of(db)
    db.dispose()

    result = run_cli(tmp_path, "--database", target, "--group", "1", "check")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "check gäller inte en enskild grupp: ta bort --group." in result.stderr


def test_the_help_names_the_windows_group_option(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--help")
    assert result.returncode == 0
    assert "--group ID" in result.stdout
    assert "gruppen som fönstret öppnas på" in " ".join(result.stdout.split())
