"""Engine and session factory for a database given as a file path or a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from naravard_desktop.db import sqlite

SessionFactory = sessionmaker[Session]


def to_url(path_or_url: str | Path) -> str:
    """`/x/y.db` → `sqlite:////x/y.db`; anything with a scheme is taken as a URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    # URL.create quotes the path, so "%41", "?" or "#" in a folder name stay part of it.
    path = str(Path(text).expanduser().resolve())
    return URL.create("sqlite", database=path).render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if sqlite.is_sqlite(engine):
        sqlite.install_pragmas(engine)
    return engine


def make_session_factory(engine: Engine) -> SessionFactory:
    # expire_on_commit=False: services hand detached rows back to the UI after commit.
    return sessionmaker(engine, expire_on_commit=False)
