"""Schema version check at start-up, and migration when one is due.

Start-up reads the revision with one query and compares it with HEAD_REVISION; Alembic (about
0.4 s to import) is loaded only when an upgrade is actually needed.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Every revision this version of the app knows, oldest first; a test keeps it equal to the
# scripts in migrations/versions.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    """The stamped revision, or None for a database without an alembic_version table."""
    try:
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        connection.rollback()
        return None
    return str(row[0]) if row else None


def has_foreign_tables(connection: Connection) -> bool:
    """True when the database holds tables but no revision: some other program's file."""
    return bool(inspect(connection).get_table_names())


def alembic_config(connection: Connection) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), target)  # type: ignore[arg-type]


def script_revisions() -> list[str]:
    """Revisions found in the migration scripts, oldest first (for tests and `check`)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]
