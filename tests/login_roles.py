"""A login role of a test's own on the test cluster, for the row-level security tests: made by
tests/server_databases.Server (dropped with it) and, first, stripped of the privileges a
grant gave it in the test's database, without which the role could not be dropped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import make_url, text

from naravard_desktop.services.system.database import Database
from tests.server_databases import Server


@contextmanager
def login_role(
    db: Database, server: Server, *, data_rights: bool = False
) -> Iterator[tuple[str, str]]:
    """A role that may log in to `db` (not a superuser): its name and the URL it uses."""
    url = server.login_role(db.url, data_rights=data_rights)
    role = make_url(url).username or ""
    try:
        yield role, url
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
