"""A PostgreSQL cluster of one test's own, to stop and start under the app (the session's
shared cluster serves other tests meanwhile): what a server restart or outage looks like."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from naravard_desktop.db import schema
from naravard_desktop.services.system.database import Database, open_database
from tests.postgres_cluster import SERVER_OPTIONS, Cluster, start_cluster


def on_server(db: Database) -> None:
    if db.path is not None:
        pytest.skip("needs a PostgreSQL server: pytest --database=postgresql")


@pytest.fixture
def own_server(db: Database) -> Iterator[tuple[Cluster, Database]]:
    """A migrated database on a cluster of the test's own, open as the app opens it."""
    on_server(db)
    cluster = start_cluster()
    try:
        engine = create_engine(cluster.url)
        schema.upgrade(engine)
        engine.dispose()
        server = open_database(cluster.url)
        yield cluster, server
        server.dispose()
    finally:
        cluster.stop()


def stop(cluster: Cluster) -> None:
    cluster.run("pg_ctl", "-D", str(cluster.data), "-m", "fast", "-w", "stop")


def start(cluster: Cluster) -> None:
    options = f"-k {cluster.folder} {SERVER_OPTIONS}"
    log = str(cluster.folder / "server.log")
    cluster.run("pg_ctl", "-D", str(cluster.data), "-l", log, "-o", options, "-w", "start")
