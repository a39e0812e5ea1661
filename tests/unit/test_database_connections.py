"""Connecting to a database server: the password never shown or logged, connections that
survive a restart of the server, and a readable message while it is gone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from naravard_desktop.db.engine import make_engine, shown_url
from naravard_desktop.errors import DatabaseFileError
from naravard_desktop.logging_setup import configure_logging
from naravard_desktop.paths import log_path
from naravard_desktop.services.group.groups import list_groups
from naravard_desktop.services.system.database import Database, open_database
from naravard_desktop.services.system.database_errors import ConnectionLostError, describe_failure
from naravard_desktop.services.system.drafts import DraftStore
from tests.postgres_cluster import Cluster
from tests.server_restarts import on_server, own_server, start, stop

SECRET = "Hemligt-L0sen"
REFUSED = f"postgresql+psycopg://sekreterare:{SECRET}@127.0.0.1:1/naravard"


@pytest.fixture
def log_file() -> Iterator[None]:
    """The app's own log file (in the test's private data folder), as the program writes it."""
    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging()
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)


def with_password(db: Database) -> str:
    """The test server's URL with a password in it (the throwaway cluster trusts its role)."""
    return db.engine.url.set(password=SECRET).render_as_string(hide_password=False)


def test_a_url_is_shown_without_its_password() -> None:
    shown = shown_url(REFUSED)
    assert SECRET not in shown
    assert shown == "postgresql+psycopg://sekreterare:***@127.0.0.1:1/naravard"
    assert shown_url("sqlite:////data/naravard.sqlite") == "sqlite:////data/naravard.sqlite"


def test_a_refused_connection_keeps_the_password_out_of_the_message_and_the_log(
    log_file: None,
) -> None:
    with pytest.raises(DatabaseFileError) as raised:
        open_database(REFUSED)
    message = raised.value.message
    assert SECRET not in message
    assert "postgresql+psycopg://sekreterare:***@127.0.0.1:1/naravard" in message
    assert "postgresql+psycopg:/sekreterare" not in message  # not mangled into a path
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path().read_text(encoding="utf-8")
    assert "127.0.0.1:1" in logged
    assert SECRET not in logged


__all__ = ["own_server"]  # a fixture of tests/server_restarts, used below


def test_sqlite_keeps_its_own_engine_options(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/x.sqlite")
    try:
        assert engine.pool._pre_ping is False
        assert engine.pool._recycle == -1
    finally:
        engine.dispose()


def test_a_server_database_is_shown_and_logged_without_its_password(
    db: Database, log_file: None
) -> None:
    on_server(db)
    server = open_database(with_password(db))
    try:
        assert SECRET not in server.display_name
        assert "***" in server.display_name
        assert list_groups(server) == []
    finally:
        server.dispose()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert SECRET not in log_path().read_text(encoding="utf-8")


def test_server_connections_name_the_program_and_are_checked_before_use(db: Database) -> None:
    on_server(db)
    assert db.engine.pool._pre_ping is True
    assert 0 < db.engine.pool._recycle <= 3600
    with db.engine.connect() as connection:
        assert connection.execute(text("SHOW application_name")).scalar() == "naravard-desktop"
        seen = connection.execute(
            text("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
        ).scalar()
        assert seen == "naravard-desktop"
        parameters = connection.connection.driver_connection.info.get_parameters()  # type: ignore[union-attr]
        assert 0 < int(parameters["connect_timeout"]) <= 30


def terminate_connections(db: Database) -> int:
    """What a server restart does to the app's connections: the server ends them."""
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
            )
    finally:
        admin.dispose()


def test_the_next_action_after_the_server_ended_the_connections_just_works(
    db: Database,
) -> None:
    on_server(db)
    assert list_groups(db) == []
    assert terminate_connections(db) >= 1
    assert list_groups(db) == []


def test_a_connection_lost_in_the_middle_of_an_action_is_a_message_with_what_to_do(
    db: Database,
) -> None:
    on_server(db)
    with pytest.raises(ConnectionLostError) as raised, db.session() as session:
        session.execute(text("SELECT 1"))
        terminate_connections(db)
        session.execute(text("SELECT 1"))
    message = raised.value.message
    assert "anslutningen" in message.lower()
    assert "Försök igen" in message
    assert describe_failure(raised.value) == message
    assert list_groups(db) == []  # the next try works


def test_a_restarted_server_goes_unnoticed(own_server: tuple[Cluster, Database]) -> None:
    cluster, server = own_server
    assert list_groups(server) == []
    stop(cluster)
    start(cluster)
    assert list_groups(server) == []


def test_while_the_server_is_down_each_action_says_so_and_works_again_after(
    own_server: tuple[Cluster, Database],
) -> None:
    cluster, server = own_server
    assert list_groups(server) == []
    stop(cluster)
    with pytest.raises(ConnectionLostError) as raised:
        list_groups(server)
    assert "Anslutningen till databasservern" in raised.value.message
    assert "Försök igen" in raised.value.message
    start(cluster)
    assert list_groups(server) == []


def test_a_draft_for_a_server_database_holds_no_password(tmp_path: Path) -> None:
    store = DraftStore(REFUSED, root=tmp_path)
    assert store.save("item", 7, "notes", "Text som ännu inte är sparad")
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert "Text som ännu inte är sparad".encode() in written
    assert SECRET.encode() not in written
    # the same drafts whatever the password: they belong to the user on that server
    other = REFUSED.replace(SECRET, "Nytt-L0sen")
    assert DraftStore(other, root=tmp_path).get("item", 7, "notes") is not None


def test_a_password_in_any_log_line_is_hidden(log_file: None) -> None:
    """Also a line written by a library or a future log call that forgot shown_url."""
    logging.getLogger("sqlalchemy.pool").warning("could not reach %s", REFUSED)
    logging.getLogger("psycopg").warning(f"dsn postgresql://sekreterare:{SECRET}@db.example/x")
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path().read_text(encoding="utf-8")
    assert "postgresql+psycopg://sekreterare:***@127.0.0.1:1/naravard" in logged
    assert "postgresql://sekreterare:***@db.example/x" in logged
    assert SECRET not in logged
