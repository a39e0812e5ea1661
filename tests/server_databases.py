"""Databases and login roles of their own on the throwaway PostgreSQL cluster, for the tests
of who may change a server's schema (tests/integration/test_server_migrations.py, the
window's refusal in tests/ui/test_server_schema_ui.py)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from naravard_desktop.db import schema
from naravard_desktop.services.system.database import Database
from tests.db_backends import POSTGRES_ENV
from tests.postgres_cluster import Databases

_numbers = itertools.count(1)


class Server:
    """Databases and login roles made for one test, removed afterwards."""

    def __init__(self, url: str) -> None:
        self.databases = Databases(url)
        self.names: list[str] = []
        self.roles: list[str] = []

    def _name(self, kind: str) -> str:
        return f"mig_{kind}_{os.getpid()}_{next(_numbers)}"

    def empty_database(self) -> str:
        name = self._name("db")
        self.names.append(name)
        return self.databases.create(name)

    def database_at(self, revision: str) -> str:
        url = self.empty_database()
        engine = create_engine(url)
        try:
            schema.upgrade(engine, revision)
        finally:
            engine.dispose()
        return url

    def login_role(self, database_url: str, *, data_rights: bool = False) -> str:
        """A role that may connect (CREATE ROLE … LOGIN; GRANT CONNECT) and, with
        `data_rights`, read and write the tables as a secretary's app does, but never create
        or alter one: the URL it logs in with."""
        role = self._name("role")
        self.roles.append(role)
        database = make_url(database_url).database
        with self.databases.engine.connect() as connection:
            connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
            connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"'))
        if data_rights:
            engine = create_engine(database_url)
            with engine.begin() as connection:
                connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
                connection.execute(
                    text(
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                        f'TO "{role}"'
                    )
                )
            engine.dispose()
        return make_url(database_url).set(username=role).render_as_string(hide_password=False)

    def close(self) -> None:
        for name in self.names:
            self.databases.drop(name)
        with self.databases.engine.connect() as connection:
            for role in self.roles:
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        self.databases.dispose()


@pytest.fixture(name="server")
def server_fixture(db: Database) -> Iterator[Server]:
    """The throwaway cluster of `--database=postgresql`; skipped on SQLite (`db` keeps the
    test among those run against PostgreSQL)."""
    url = os.environ.get(POSTGRES_ENV)
    if db.path is not None or not url:
        pytest.skip("needs PostgreSQL: run with --database=postgresql (make test-postgresql)")
    found = Server(url)
    yield found
    found.close()


def revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return schema.current_revision(connection)
    finally:
        engine.dispose()
