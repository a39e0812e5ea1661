"""Engine and session factory for a database given as a file path or a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from naravard_desktop.db import sqlite

SessionFactory = sessionmaker[Session]

PROGRAM = "naravard-desktop"  # the server lists our connections under this name
CONNECT_TIMEOUT = 10  # seconds before an unreachable server is reported
RECYCLE_AFTER = 1800  # seconds; firewalls drop idle connections silently after 30-60 min


def to_url(path_or_url: str | Path) -> str:
    """`/x/y.db` → `sqlite:////x/y.db`; anything with a scheme is taken as a URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    # URL.create quotes the path, so "%41", "?" or "#" in a folder name stay part of it.
    path = str(Path(text).expanduser().resolve())
    return URL.create("sqlite", database=path).render_as_string(hide_password=False)


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def shown_url(url: str | URL) -> str:
    """A database URL as the program shows and logs it: the password as ***.

    The one way a URL reaches a message, the status bar or the log; never through
    `Path(...)`, which would keep the password and fold `//` into `/`."""
    return make_url(url).render_as_string(hide_password=True)


def database_name(url: str | URL) -> str:
    """The file for SQLite, otherwise the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else shown_url(url)


def make_engine(url: str, password: str | None = None) -> Engine:
    """An engine; one on a server checks each connection before use (a restarted server
    or a dropped connection is replaced instead of failing the next action), renews it
    now and then, gives up on an unreachable server after CONNECT_TIMEOUT and names the
    program in the server's list of connections. A `password` typed by the user goes to
    the driver beside the URL, never into it (nor into a message or the log); without one
    libpq finds it in .pgpass or the service file."""
    if make_url(url).get_backend_name() == "postgresql":
        arguments = _server_connect_args(url)
        if password is not None:
            arguments["password"] = password
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_recycle=RECYCLE_AFTER,
            connect_args=arguments,
        )
    engine = create_engine(url, future=True)
    if sqlite.is_sqlite(engine):
        sqlite.install_pragmas(engine)
    return engine


def _server_connect_args(url: str) -> dict[str, object]:
    """Our defaults; what the URL itself asks for (`?application_name=…`) wins."""
    asked = make_url(url).query
    defaults: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "application_name": PROGRAM,
    }
    return {key: value for key, value in defaults.items() if key not in asked}


def make_session_factory(engine: Engine) -> SessionFactory:
    # expire_on_commit=False: services hand detached rows back to the UI after commit.
    return sessionmaker(engine, expire_on_commit=False)
