"""A small PostgreSQL cluster of a test module's own that asks for passwords (scram-sha-256)
from every role but the tests' `app`: the session's throwaway cluster trusts everyone, so
the login paths (.pgpass, the service file, the prompts) are tried here. A secretary's role
with a password has access to one group of a migrated database `naravard`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from naravard_desktop.services.group import groups
from naravard_desktop.services.group.read_models import GroupInput
from naravard_desktop.services.system import access
from naravard_desktop.services.system.database import open_database
from tests.db_backends import on_postgresql
from tests.postgres_cluster import Cluster, start_cluster
from tests.server_restarts import start, stop

SECRETARY = "sekreterare_lund"
PASSWORD = "Hemligt-L0sen"
GROUP = "Samverkansgrupp Lund"
HBA = "local all app trust\nlocal all all scram-sha-256\n"


@dataclass
class PasswordServer:
    cluster: Cluster
    url: str  # the secretary's, without a password: libpq or the app must find one

    def pgpass(self, folder: Path) -> Path:
        """A .pgpass file giving the secretary's password (libpq ignores one others may read)."""
        path = folder / "pgpass"
        path.write_text(f"*:*:*:{SECRETARY}:{PASSWORD}\n", encoding="utf-8")
        path.chmod(0o600)
        return path

    def service_file(self, folder: Path, name: str) -> Path:
        """A service file naming the server, database, role and password as `name`."""
        path = folder / "pg_service.conf"
        path.write_text(
            f"[{name}]\nhost={self.cluster.folder}\ndbname=naravard\nuser={SECRETARY}\n"
            f"password={PASSWORD}\n",
            encoding="utf-8",
        )
        path.chmod(0o600)
        return path


@pytest.fixture(name="password_server", scope="module")
def password_server_fixture(request: pytest.FixtureRequest) -> Iterator[PasswordServer]:
    if not on_postgresql(request.config):
        pytest.skip("needs PostgreSQL: run with --database=postgresql (make test-postgresql)")
    cluster = start_cluster()
    try:
        admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE naravard"))
            connection.execute(text("SET password_encryption = 'scram-sha-256'"))
            connection.execute(text(f"CREATE ROLE {SECRETARY} LOGIN PASSWORD '{PASSWORD}'"))
        admin.dispose()
        owner_url = make_url(cluster.url).set(database="naravard")
        owner = open_database(owner_url.render_as_string(hide_password=False), migrate_server=True)
        group = groups.create_group(owner, GroupInput(name=GROUP))
        access.grant(owner, SECRETARY, group.id)
        owner.dispose()
        (cluster.data / "pg_hba.conf").write_text(HBA, encoding="utf-8")
        stop(cluster)  # a restart reads pg_hba.conf before the next connection, for certain
        start(cluster)
        url = owner_url.set(username=SECRETARY).render_as_string(hide_password=False)
        yield PasswordServer(cluster, url)
    finally:
        cluster.stop()
